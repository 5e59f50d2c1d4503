use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::*;

stylance::import_style!(style, "not_found.module.css");

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, not_found_title), t_string!(i18n, app_full_name)) />
        <h1>{t!(i18n, not_found_title)}</h1>
        <p>{t!(i18n, not_found_body)}</p>
        <p><a href="/services" class=style::link>{t!(i18n, back_to_services)}</a></p>
    }
}

/// A guide address whose service code the catalogue does not know.
#[component]
pub fn ServiceNotFound(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let shown = code.clone();
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, service_not_found_title), t_string!(i18n, app_full_name)) />
        <h1>{t!(i18n, service_not_found_title)}</h1>
        <p>{t!(i18n, service_not_found_body, code = move || shown.clone())}</p>
        <p><a href="/services" class=style::link>{t!(i18n, back_to_services)}</a></p>
    }
}
