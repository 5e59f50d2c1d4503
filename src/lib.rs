//! Tongban web app: providers, router and layout. Feature folders hold the pages.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod account;
pub mod api;
pub mod applications;
pub mod catalogue;
pub mod components;
pub mod decisions;
pub mod delivery;
pub mod dev;
pub mod identity;
pub mod lang;
pub mod layout;
pub mod pages;
pub mod passkey;
pub mod payments;
pub mod ratings;
pub mod routes;
pub mod session;
pub mod staff;
pub mod tickets;
pub mod wallet;

use wasm_bindgen::JsCast;

/// Draws one build's app in place of the page the server sent. The app is drawn apart from the
/// page, then put in its place in a task of its own: the framed page stays on screen meanwhile,
/// and no single task both runs the app and lays the page out (a phone stays responsive). While
/// it is drawn apart, nothing of it is in the document yet: a view that must be in the document
/// as it first appears (focus, an open dialog) waits for an effect after the swap.
///
/// Starting is several tasks, none long on a slow phone: the build is instantiated; the app is
/// drawn; each answer the server sent with the page is drawn in a task of its own (see
/// `api::next_task`), queued while the app was drawn; then the swap, queued after them, so the
/// page appears whole.
pub fn mount<V: leptos::IntoView + 'static>(app: fn() -> V) {
    leptos::prelude::set_timeout(move || draw(app), std::time::Duration::ZERO);
}

fn draw<V: leptos::IntoView + 'static>(app: fn() -> V) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(framed), Ok(fresh)) = (document.get_element_by_id("app"), document.create_element("div")) else { return };
    let Ok(fresh) = fresh.dyn_into::<web_sys::HtmlElement>() else { return };
    leptos::mount::mount_to(fresh.clone(), app).forget();
    let swap = move || {
        fresh.set_id("app");
        let typed = carried_input(&framed);
        let place = focused_control(&document, &framed);
        let _ = framed.replace_with_with_node_1(&fresh);
        if let Some((target, value, focused)) = typed {
            carry_input(&document, &target, &value, focused);
        }
        if let Some(place) = place {
            refocus(&fresh, &place);
        }
        // Answers the app did not ask for are of no more use.
        if let Ok(left) = document.query_selector_all("script[data-answer]") {
            for i in 0..left.length() {
                if let Some(node) = left.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                    node.remove();
                }
            }
        }
    };
    // Each answer's task was queued while the app was drawn (a resource asks as it is made): a
    // task queued now runs after them, and queues the swap after any they queue in turn.
    leptos::prelude::set_timeout(move || leptos::prelude::set_timeout(swap, std::time::Duration::ZERO), std::time::Duration::ZERO);
}

/// What someone typed into the framed page's field marked `data-carry` before the app was ready:
/// the id of the app's field for it, the text, and whether it had focus.
fn carried_input(framed: &web_sys::Element) -> Option<(String, String, bool)> {
    let field = framed.query_selector("input[data-carry]").ok()??.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let target = field.get_attribute("data-carry")?;
    let focused = field.owner_document().and_then(|d| d.active_element()).is_some_and(|active| active == **field);
    Some((target, field.value(), focused))
}

/// The framed page's link or button that has focus, by what it is, where it leads and what it
/// says: a keyboard user who tabbed before the app was ready keeps their place in it.
fn focused_control(document: &web_sys::Document, framed: &web_sys::Element) -> Option<(String, Option<String>, String)> {
    let active = document.active_element()?;
    let tag = active.tag_name().to_ascii_lowercase();
    if !matches!(tag.as_str(), "a" | "button") || !framed.contains(Some(&active)) {
        return None;
    }
    Some((tag, active.get_attribute("href"), active.text_content().unwrap_or_default().trim().to_string()))
}

fn refocus(fresh: &web_sys::HtmlElement, (tag, href, text): &(String, Option<String>, String)) {
    let Ok(candidates) = fresh.query_selector_all(tag) else { return };
    for i in 0..candidates.length() {
        let Some(candidate) = candidates.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        if candidate.get_attribute("href") == *href && candidate.text_content().unwrap_or_default().trim() == text {
            let _ = candidate.focus();
            return;
        }
    }
}

fn carry_input(document: &web_sys::Document, target: &str, value: &str, focused: bool) {
    let Some(field) = document.get_element_by_id(target).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return;
    };
    field.set_value(value);
    if focused {
        let _ = field.focus();
    }
}
