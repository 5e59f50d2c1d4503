use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::identity_switch::IdentitySwitch;
use super::language_switch::LanguageSwitch;
use crate::applications::UnreadCount;
use crate::components::FormErrors;
use crate::i18n::*;
use crate::session::{here, returning_to, use_session, use_sign_out};

stylance::import_style!(style, "header.module.css");

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    // Sign-in brings the visitor back to where they were, unless that is sign-in itself.
    let sign_in_href = move || {
        let path = location.pathname.get();
        if path == "/sign-in" || path == "/register" {
            return "/sign-in".to_string();
        }
        location.search.track();
        returning_to("/sign-in", &here(&location))
    };
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
        <header class=style::header>
            <div class=style::inner>
                <a href="/" class=style::brand>
                    <span class="brand-mark" aria-hidden="true">"通"</span>
                    <span class=style::name>{t!(i18n, app_full_name)}</span>
                </a>
                <nav class=style::nav aria-label=move || t_string!(i18n, nav_label)>
                    <a href="/services" class=style::link>{t!(i18n, nav_services)}</a>
                    <LanguageSwitch />
                    <Show
                        when=move || session.signed_in()
                        fallback=move || {
                            let href = sign_in_href.clone();
                            view! { <a href=href class=style::sign_in>{t!(i18n, sign_in)}</a> }
                        }
                    >
                        <IdentitySwitch />
                        <a href="/applications" class=style::link>{t!(i18n, my_applications)}</a>
                        <UnreadCount />
                        <a href="/account" class=style::link>
                            <span class=style::visually_hidden>{t!(i18n, account)}": "</span>
                            {move || session.user().map(|u| u.name)}
                        </a>
                        <button type="button" class=style::sign_in on:click=move |_| { sign_out.dispatch(()); }
                            disabled=move || signing_out.get() aria-busy=move || signing_out.get().to_string()>{t!(i18n, sign_out)}</button>
                    </Show>
                </nav>
            </div>
            {move || failed().map(|message| view! { <p role="alert" class=style::alert>{message}</p> })}
        </header>
    }
}
