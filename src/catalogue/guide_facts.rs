use leptos::prelude::*;
use tongban_api::catalogue::ServiceGuide;

use super::labels::{audience_label, fee_label, kind_label, mode_label, visits_label};
use crate::components::SummaryList;
use crate::i18n::*;
use crate::lang::localized;

stylance::import_style!(style, "guide_facts.module.css");

/// The guide's key facts as a summary list: type, department, time limits, fee, visits.
#[component]
pub fn GuideFacts(guide: ServiceGuide) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let kind = guide.kind;
    let mode = guide.mode;
    let visits = guide.visits;
    let statutory = guide.statutory_days;
    let promised = guide.promised_days;
    let fen = guide.fee.fen;
    let level = guide.required_level;
    let audiences = guide.audiences.clone();
    let fee_basis = localized(&guide.fee.basis);
    // An assessed fee shows its charging standard, line by line, instead of one amount.
    let assessed = !guide.fee.tariff.is_empty();
    let tariff = guide.fee.tariff.iter().map(localized).collect::<Vec<_>>();
    let themes = guide.themes.iter().map(|t| localized(&t.name)).collect::<Vec<_>>();
    let rows = vec![
        (t!(i18n, guide_code).into_any(), view! { {guide.code.clone()} }.into_any()),
        (t!(i18n, guide_kind).into_any(), (move || kind_label(locale(), kind)).into_any()),
        (t!(i18n, guide_department).into_any(), localized(&guide.department.name).into_any()),
        (
            t!(i18n, guide_audience).into_any(),
            (move || audiences.iter().map(|a| audience_label(locale(), *a)).collect::<Vec<_>>().join(" / ")).into_any(),
        ),
        (t!(i18n, guide_mode).into_any(), (move || mode_label(locale(), mode)).into_any()),
        (
            t!(i18n, guide_level).into_any(),
            (move || match level {
                3 => td_string!(locale(), level_required_3),
                2 => td_string!(locale(), level_required_2),
                _ => td_string!(locale(), level_required_1),
            })
            .into_any(),
        ),
        (t!(i18n, guide_visits).into_any(), (move || visits_label(locale(), visits)).into_any()),
        (t!(i18n, guide_statutory).into_any(), t!(i18n, working_days, days = move || statutory).into_any()),
        (t!(i18n, guide_promised).into_any(), t!(i18n, working_days, days = move || promised).into_any()),
        (
            t!(i18n, guide_fee).into_any(),
            view! {
                {move || if assessed { td_string!(locale(), guide_fee_assessed).to_string() } else { fee_label(locale(), fen) }}
                {tariff.into_iter().map(|line| view! { <span class=style::note>{line}</span> }).collect_view()}
                <span class=style::note>{fee_basis}</span>
            }
            .into_any(),
        ),
        (
            t!(i18n, guide_themes).into_any(),
            (move || {
                let separator = if locale() == Locale::en { ", " } else { "、" };
                themes.iter().map(|t| t()).collect::<Vec<_>>().join(separator)
            })
            .into_any(),
        ),
        (t!(i18n, guide_phone).into_any(), view! { <a href=format!("tel:{}", guide.phone)>{guide.phone.clone()}</a> }.into_any()),
    ];
    view! { <SummaryList rows /> }
}
