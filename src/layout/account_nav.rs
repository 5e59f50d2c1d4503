use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::header::style;
use super::identity_switch::IdentitySwitch;
use super::sign_in_link::SignInLink;
use crate::applications::UnreadCount;
use crate::components::FormErrors;
use crate::i18n::*;
use crate::session::{use_session, use_sign_out};

/// The header's links for a signed-in person (acting as, applications, messages, account, sign
/// out), or the sign-in link.
#[component]
pub fn AccountNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            navigate("/", Default::default());
        }
    });
    let failed = move || match sign_out.value().get() {
        Some(Err(error)) => FormErrors::from_api(&error, &[], i18n.get_locale()).message,
        _ => None,
    };
    let signing_out = sign_out.pending();
    view! {
        <Show when=move || session.signed_in() fallback=|| view! { <SignInLink /> }>
            <IdentitySwitch />
            <a href="/applications" class=style::link>{t!(i18n, my_applications)}</a>
            <a href="/account/licences" class=style::link>{t!(i18n, nav_wallet)}</a>
            <UnreadCount />
            <a href="/account" class=style::link>
                <span class=style::visually_hidden>{t!(i18n, account)}": "</span>
                {move || session.user().map(|u| u.name)}
            </a>
            <button type="button" class=style::sign_in on:click=move |_| { sign_out.dispatch(()); }
                disabled=move || signing_out.get() aria-busy=move || signing_out.get().to_string()>{t!(i18n, sign_out)}</button>
        </Show>
        {move || failed().map(|message| view! { <p role="alert" class=style::alert>{message}</p> })}
    }
}
