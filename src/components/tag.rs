use leptos::prelude::*;

stylance::import_style!(style, "tag.module.css");

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TagTone {
    Neutral,
    Good,
    Info,
}

/// A short status label. Colours come with text, never instead of it.
#[component]
pub fn Tag(tone: TagTone, children: Children) -> impl IntoView {
    let tone_class = match tone {
        TagTone::Neutral => style::neutral,
        TagTone::Good => style::good,
        TagTone::Info => style::info,
    };
    view! { <strong class=format!("{} {}", style::tag, tone_class)>{children()}</strong> }
}
