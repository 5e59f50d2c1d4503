use leptos::prelude::*;

stylance::import_style!(style, "hint.module.css");

/// Help under a label, named by the control's `aria-describedby`.
#[component]
pub fn Hint(#[prop(optional, into)] id: Option<String>, children: Children) -> impl IntoView {
    view! { <p id=id class=style::hint>{children()}</p> }
}
