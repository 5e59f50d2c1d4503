use leptos::prelude::*;
use tongban_api::catalogue::{Audience, Theme};

use crate::api::query_string;
use crate::i18n::*;
use crate::lang::localized;

stylance::import_style!(style, "theme_grid.module.css");

/// Life events (or business events) as links into the catalogue.
#[component]
pub fn ThemeGrid(themes: Vec<Theme>, audience: Audience, heading_id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let items = themes
        .into_iter()
        .filter(|t| t.audience == audience)
        .map(|t| {
            let href = format!("/services{}", query_string(&[("theme", t.code.as_str()), ("audience", audience.as_str())]));
            let count = t.service_count;
            view! {
                <li class=style::item>
                    <a href=href class=style::link>
                        <span class=style::name>{localized(&t.name)}</span>
                        <span class=style::count>{t!(i18n, theme_count, count = move || count)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class=style::grid aria-labelledby=heading_id>{items}</ul> }
}
