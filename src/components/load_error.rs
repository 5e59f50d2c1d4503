use leptos::prelude::*;
use tongban_api::ErrorCode;

use super::Button;
use crate::api::ApiError;
use crate::i18n::*;

stylance::import_style!(style, "load_error.module.css");

/// The visitor's name for a query parameter the server refused.
fn field_label(locale: Locale, field: &str) -> String {
    match field {
        "q" => td_string!(locale, search_label),
        "department" => td_string!(locale, filter_department),
        "audience" => td_string!(locale, filter_audience),
        "theme" => td_string!(locale, filter_theme),
        "mode" => td_string!(locale, filter_mode),
        "visits" => td_string!(locale, filter_visits),
        "page" => td_string!(locale, field_page),
        "per_page" => td_string!(locale, field_per_page),
        other => return other.to_string(),
    }
    .to_string()
}

/// What went wrong fetching a page's data, and a way to try again: never a blank page. When the
/// server refused the request itself, every refused value is listed.
#[component]
pub fn LoadError(error: ApiError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let code = error.code;
    let fields: Vec<(String, String)> = error.fields.into_iter().collect();
    let invalid = code == ErrorCode::ValidationFailed;
    // A refusal says who can change it; trying again would not help.
    let forbidden = code == ErrorCode::Forbidden;
    let message = error.message;
    view! {
        <div class=style::panel role="alert">
            <h2 class=style::title>{t!(i18n, error_summary_title)}</h2>
            <p>
                {move || match code {
                    ErrorCode::Unavailable => t_string!(i18n, error_unavailable).to_string(),
                    ErrorCode::ValidationFailed => t_string!(i18n, error_bad_address).to_string(),
                    ErrorCode::Forbidden => message.clone(),
                    _ => t_string!(i18n, error_internal).to_string(),
                }}
            </p>
            {invalid.then(|| view! {
                <ul class=style::fields>
                    {fields.into_iter().map(|(field, message)| view! {
                        <li>{move || field_label(i18n.get_locale(), &field)}": "{message}</li>
                    }).collect_view()}
                </ul>
                <p><a href="/services">{t!(i18n, clear_filters)}</a></p>
            })}
            {(!invalid && !forbidden).then(|| view! {
                <Button on_click=Callback::new(move |()| on_retry())>{t!(i18n, retry)}</Button>
            })}
        </div>
    }
}
