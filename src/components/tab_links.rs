use leptos::prelude::*;

stylance::import_style!(style, "tab_links.module.css");

/// One of several ways to do the same thing, each a link so the choice lives in the URL.
#[derive(Clone)]
pub struct TabLink {
    pub href: Signal<String>,
    pub label: Signal<String>,
    pub current: Signal<bool>,
}

#[component]
pub fn TabLinks(#[prop(into)] label: Signal<String>, tabs: Vec<TabLink>) -> impl IntoView {
    view! {
        <nav class=style::tabs aria-label=label>
            {tabs.into_iter().map(|tab| view! {
                <a href=tab.href class=style::tab aria-current=move || tab.current.get().then_some("page")>
                    {tab.label}
                </a>
            }).collect_view()}
        </nav>
    }
}
