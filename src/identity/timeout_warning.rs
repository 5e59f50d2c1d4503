use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::api::query_string;
use crate::api::{self};
use crate::components::Dialog;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::session::{here, use_session, use_sign_out};

stylance::import_style!(style, "timeout_warning.module.css");

/// Warns before an idle session ends and lets the person stay signed in (WCAG 2.2.1); when time
/// runs out, signs out and asks them to sign in again, coming back to the same page.
#[component]
pub fn TimeoutWarning() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let remaining = RwSignal::new(None::<u32>);
    let sign_out = use_sign_out();
    let stay = Action::new_local(move |(): &()| api::keep_alive(lang.get_untracked()));
    Effect::new(move |_| {
        if let Some(answer) = stay.value().get() {
            // Refused: the session has ended already, and the next check sends the person to sign in.
            if let Ok(view) = answer {
                session.set(view);
            }
            remaining.set(None);
        }
    });
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            // Signed out on this side too when the server could not be told: the session idles out there.
            session.clear();
            remaining.set(None);
        }
    });

    let check = move || {
        let Some(view) = session.view() else { return };
        if view.user.is_none() {
            remaining.set(None);
            return;
        }
        let elapsed = (js_sys::Date::now() - api::last_contact()) / 1000.0;
        let left = f64::from(view.idle_timeout_secs) - elapsed;
        if left <= 0.0 {
            remaining.set(None);
            // Leave the page first: a protected page seeing the session gone would redirect too.
            navigate(&format!("/sign-in{}", query_string(&[("expired", "1"), ("return", &here(&location))])), Default::default());
            sign_out.dispatch(());
        } else if left <= f64::from(view.warning_secs) {
            remaining.set(Some(left.ceil() as u32));
        } else {
            remaining.set(None);
        }
    };
    if let Ok(handle) = set_interval_with_handle(check, std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <Dialog open=Signal::derive(move || remaining.get().is_some()) labelled_by="timeout-title" described_by="timeout-body">
            <h2 id="timeout-title">{t!(i18n, timeout_title)}</h2>
            <p id="timeout-body">
                {move || remaining.get().map(|secs| td_string!(i18n.get_locale(), timeout_body, secs = secs).to_string())}
            </p>
            <div class=style::actions>
                <button type="button" class=style::stay on:click=move |_| { stay.dispatch(()); } autofocus>{t!(i18n, stay_signed_in)}</button>
                <button type="button" class=style::leave on:click=move |_| { sign_out.dispatch(()); }>{t!(i18n, sign_out)}</button>
            </div>
        </Dialog>
    }
}
