use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tongban_api::bundles::Bundle;

use super::NotFound;
use crate::session::here;

/// The page for an address this build does not draw: if another build draws it, the browser
/// loads it (the server sends that build); otherwise it is not found. The router's address is
/// the one to go to: the browser's may not have changed yet.
#[component]
pub fn Elsewhere(this: Bundle) -> impl IntoView {
    let location = use_location();
    if this.draws(&location.pathname.get_untracked()) {
        return view! { <NotFound /> }.into_any();
    }
    let target = format!("{}{}", here(&location), location.hash.get_untracked());
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(&target);
    }
    ().into_any()
}
