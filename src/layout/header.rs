use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::language_switch::LanguageSwitch;
use crate::i18n::*;

stylance::import_style!(pub style, "header.module.css");

/// The portal's header: its name, the catalogue and the language, then what each build adds
/// (`children`): a sign-in link on public pages, the account's links where people sign in. On a
/// narrow screen the links fold behind a menu button, so the page starts near the top.
#[component]
pub fn Header(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <header class=style::header on:keydown=on_keydown>
            <div class=style::inner>
                <a href="/" class=style::brand>
                    <span class="brand-mark" aria-hidden="true">"通"</span>
                    <span class=style::name>{t!(i18n, app_full_name)}</span>
                </a>
                <button type="button" class=style::menu_button node_ref=button aria-controls="site-nav"
                    aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    {t!(i18n, menu)}
                </button>
                <nav id="site-nav" class=move || if open.get() { format!("{} {}", style::nav, style::open) } else { style::nav.to_string() }
                    aria-label=move || t_string!(i18n, nav_label)>
                    <a href="/services" class=style::link>{t!(i18n, nav_services)}</a>
                    <LanguageSwitch />
                    {children()}
                </nav>
            </div>
        </header>
    }
}
