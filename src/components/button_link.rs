use leptos::prelude::*;

stylance::import_style!(style, "button_link.module.css");

/// A link that goes on to the next step, drawn as a button (GOV.UK's start button when `start`).
#[component]
pub fn ButtonLink(#[prop(into)] href: Signal<String>, #[prop(optional)] start: bool, children: Children) -> impl IntoView {
    view! {
        <a href=href class=style::button class=(style::start, start) role="button">{children()}</a>
    }
}
