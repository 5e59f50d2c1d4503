use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::footer::Footer;
use super::offline_notice::OfflineNotice;
use crate::i18n::*;

stylance::import_style!(style, "page_layout.module.css");

/// Moves focus to the main region when the path changes, so screen readers start at the new
/// page's content rather than where the old page left them.
fn focus_main() {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}

/// Skip link, the build's header, the page and the footer.
#[component]
pub fn Layout(header: fn() -> AnyView, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus_main();
        }
        path
    });
    view! {
        <a href="#main" class=style::skip_link>{t!(i18n, skip_to_main)}</a>
        {header()}
        <OfflineNotice />
        <main id="main" tabindex="-1" class=style::main>{children()}</main>
        <Footer />
    }
}
