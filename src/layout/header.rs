use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::language_switch::LanguageSwitch;
use crate::i18n::*;

stylance::import_style!(style, "header.module.css");

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // Sign-in brings the visitor back to where they were.
    let sign_in_href = move || {
        let here = format!("{}{}", location.pathname.get(), location.search.get());
        format!("/sign-in?return={}", String::from(js_sys::encode_uri_component(&here)))
    };
    view! {
        <header class=style::header>
            <div class=style::inner>
                <a href="/" class=style::brand>
                    <span class=style::mark aria-hidden="true">"通"</span>
                    <span class=style::name>{t!(i18n, app_full_name)}</span>
                </a>
                <nav class=style::nav aria-label=move || t_string!(i18n, nav_label)>
                    <a href="/services" class=style::link>{t!(i18n, nav_services)}</a>
                    <LanguageSwitch />
                    <a href=sign_in_href class=style::sign_in>{t!(i18n, sign_in)}</a>
                </nav>
            </div>
        </header>
    }
}
