use leptos::prelude::*;

stylance::import_style!(style, "back_link.module.css");

/// "‹ Back to …" at the top of a page: where the person came from in the journey.
#[component]
pub fn BackLink(#[prop(into)] href: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <a href=href class=style::back><span aria-hidden="true">"‹ "</span>{children()}</a>
    }
}
