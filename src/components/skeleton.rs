use leptos::prelude::*;

use crate::i18n::*;

stylance::import_style!(style, "skeleton.module.css");

/// Grey placeholder lines shown while data loads; announced once as "loading".
#[component]
pub fn Skeleton(#[prop(default = 4)] lines: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class=style::skeleton aria-busy="true">
            <p class=style::label role="status">{t!(i18n, loading)}</p>
            {(0..lines).map(|_| view! { <div class=style::line></div> }).collect_view()}
        </div>
    }
}
