use leptos::prelude::*;

use crate::i18n::*;

stylance::import_style!(style, "breadcrumbs.module.css");

#[derive(Clone)]
pub struct Crumb {
    pub href: &'static str,
    pub label: Signal<String>,
}

/// The way back up: links to the pages above the current one.
#[component]
pub fn Breadcrumbs(crumbs: Vec<Crumb>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class=style::breadcrumbs aria-label=move || t_string!(i18n, breadcrumbs)>
            <ol class=style::list>
                {crumbs
                    .into_iter()
                    .map(|c| view! {
                        <li class=style::item><a href=c.href>{c.label}</a></li>
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
