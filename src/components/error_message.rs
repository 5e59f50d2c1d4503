use leptos::prelude::*;

stylance::import_style!(style, "error_message.module.css");

/// What is wrong with an answer, beside it and named by the control's `aria-describedby`.
#[component]
pub fn ErrorMessage(#[prop(optional)] id: Option<String>, children: Children) -> impl IntoView {
    view! { <p id=id class=style::error>{children()}</p> }
}
