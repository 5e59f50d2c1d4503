use leptos::prelude::*;
use tongban_api::catalogue::ServiceGuide;

use super::StartButton;
use crate::catalogue::ApplyLink;
use crate::i18n::*;
use crate::session::use_session;

stylance::import_style!(style, "apply_or_start.module.css");

/// The signed-in build's `Apply` for a guide.
pub fn apply_or_start(guide: &ServiceGuide) -> AnyView {
    view! { <ApplyOrStart code=guide.code.clone() required_level=guide.required_level has_form=guide.has_form /> }.into_any()
}

/// Sign in first, then verify one's identity if the service needs it, then start the application
/// (or, for a service without an online form, go to a window).
#[component]
fn ApplyOrStart(code: String, required_level: u8, has_form: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let code = StoredValue::new(code);
    move || match session.user() {
        None => view! { <ApplyLink to="/sign-in" code=code.get_value() needs_level=false /> }.into_any(),
        Some(user) if user.level < required_level => {
            view! { <ApplyLink to="/account/verify" code=code.get_value() needs_level=true /> }.into_any()
        }
        Some(_) if has_form => view! { <StartButton service_code=code.get_value() /> }.into_any(),
        Some(_) => view! { <p class=style::ready role="note">{t!(i18n, apply_at_window)}</p> }.into_any(),
    }
}
