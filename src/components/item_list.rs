use leptos::prelude::*;

stylance::import_style!(style, "item_list.module.css");

/// Things one under another, each ruled off from the next: applications, sessions, passkeys.
#[component]
pub fn ItemList(children: Children) -> impl IntoView {
    view! { <ul class=style::list>{children()}</ul> }
}

/// One thing in an [`ItemList`].
#[component]
pub fn ListItem(children: Children) -> impl IntoView {
    view! { <li class=style::item>{children()}</li> }
}
