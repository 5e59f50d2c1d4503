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

/// Draws one build's app in place of the page the server sent. The app is drawn apart from the
/// page, then put in its place in a task of its own: the framed page stays on screen meanwhile,
/// and no single task both runs the app and lays the page out (a phone stays responsive).
pub fn mount<V: leptos::IntoView + 'static>(app: fn() -> V) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(framed), Ok(fresh)) = (document.get_element_by_id("app"), document.create_element("div")) else { return };
    let Ok(fresh) = fresh.dyn_into::<web_sys::HtmlElement>() else { return };
    leptos::mount::mount_to(fresh.clone(), app).forget();
    leptos::prelude::set_timeout(
        move || {
            fresh.set_id("app");
            let _ = framed.replace_with_with_node_1(&fresh);
        },
        std::time::Duration::ZERO,
    );
}
