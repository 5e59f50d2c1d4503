//! Tongban web app: providers, router and layout. Feature folders hold the pages.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod account;
pub mod api;
pub mod applications;
pub mod catalogue;
pub mod components;
pub mod decisions;
pub mod dev;
pub mod identity;
pub mod lang;
pub mod layout;
pub mod pages;
pub mod passkey;
pub mod routes;
pub mod session;
pub mod staff;

use wasm_bindgen::JsCast;

/// Replaces the static loading skeleton of the page with one build's app.
pub fn mount<V: leptos::IntoView + 'static>(app: fn() -> V) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        root.set_inner_html("");
        leptos::mount::mount_to(root, app).forget();
    }
}
