use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::Skeleton;
use crate::session::{here, returning_to, use_session};

/// Shows its children to a signed-in visitor; sends anyone else to sign in, and back here after.
#[component]
pub fn RequireSignIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.loaded() && !session.signed_in() {
            navigate(&returning_to("/sign-in", &here(&location)), Default::default());
        }
    });
    view! {
        <Show when=move || session.signed_in() fallback=|| view! { <Skeleton lines=4 /> }>
            {children()}
        </Show>
    }
}
