use leptos::prelude::*;
use tongban_api::catalogue::ServiceGuide;

use crate::components::ButtonLink;
use crate::i18n::*;
use crate::session::returning_to;

stylance::import_style!(style, "apply_link.module.css");

/// What a guide offers for applying, given by each build: the public build only knows signed-out
/// visitors; the signed-in build adds the start button.
pub type Apply = fn(&ServiceGuide) -> AnyView;

/// "Apply online" for a visitor who must first sign in (the public build's `Apply`).
pub fn sign_in_to_apply(guide: &ServiceGuide) -> AnyView {
    view! { <ApplyLink to="/sign-in" code=guide.code.clone() needs_level=false /> }.into_any()
}

/// "Apply online" leading to sign-in, or to real-name verification when the service needs a
/// higher level than the account has, and back to the guide afterwards.
#[component]
pub fn ApplyLink(to: &'static str, code: String, needs_level: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = returning_to(to, &format!("/services/{code}"));
    view! {
        <ButtonLink href start=true>{t!(i18n, apply_online)}</ButtonLink>
        <p class=style::note>
            {if needs_level { t!(i18n, apply_needs_level).into_any() } else { t!(i18n, apply_sign_in_note).into_any() }}
        </p>
    }
}
