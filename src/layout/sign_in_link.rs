use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::header::style;
use crate::i18n::*;
use crate::session::{here, returning_to};

/// "Sign in", coming back to this page afterwards unless it is sign-in or registration itself.
#[component]
pub fn SignInLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move || {
        let path = location.pathname.get();
        if path == "/sign-in" || path == "/register" {
            return "/sign-in".to_string();
        }
        location.search.track();
        returning_to("/sign-in", &here(&location))
    };
    view! { <a href=href class=style::sign_in>{t!(i18n, sign_in)}</a> }
}
