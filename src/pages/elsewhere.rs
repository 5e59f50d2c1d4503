use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tongban_api::bundles::Bundle;

use super::NotFound;

/// The page for an address this build does not draw: if another build draws it, the browser
/// loads it again and the server sends that build; otherwise it is not found.
#[component]
pub fn Elsewhere(this: Bundle) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    if this.draws(&path) {
        return view! { <NotFound /> }.into_any();
    }
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        if let Ok(href) = location.href() {
            let _ = location.replace(&href);
        }
    }
    ().into_any()
}
