use leptos::prelude::*;

// Drawn by the button's own styles, plus what a link needs to look like one.
stylance::import_style!(
    #[allow(dead_code)]
    style,
    "button.module.css"
);

/// A link that goes on to the next step, drawn as a button (GOV.UK's start button when `start`).
#[component]
pub fn ButtonLink(
    #[prop(into)] href: Signal<String>,
    #[prop(optional)] start: bool,
    #[prop(optional)] secondary: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href class=format!("{} {}", style::button, style::link) class=(style::start, start) class=(style::secondary, secondary)
            role="button">{children()}</a>
    }
}
