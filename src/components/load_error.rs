use leptos::prelude::*;
use tongban_api::ErrorCode;

use crate::api::ApiError;
use crate::i18n::*;

stylance::import_style!(style, "load_error.module.css");

/// What went wrong fetching a page's data, and a way to try again: never a blank page.
#[component]
pub fn LoadError(error: ApiError, on_retry: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let unavailable = error.code == ErrorCode::Unavailable;
    view! {
        <div class=style::panel role="alert">
            <h2 class=style::title>{t!(i18n, error_summary_title)}</h2>
            <p>
                {move || if unavailable {
                    t_string!(i18n, error_unavailable)
                } else {
                    t_string!(i18n, error_internal)
                }}
            </p>
            <button type="button" class=style::retry on:click=move |_| on_retry()>
                {t!(i18n, retry)}
            </button>
        </div>
    }
}
