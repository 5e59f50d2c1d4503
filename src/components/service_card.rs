use leptos::prelude::*;
use tongban_api::catalogue::ServiceSummary;

use super::{Tag, TagTone};
use crate::catalogue::labels::{mode_label, visits_label};
use crate::i18n::*;
use crate::lang::localized;

stylance::import_style!(style, "service_card.module.css");

/// One service in a list: its name as the link, what it is, and how easy it is to get done.
#[component]
pub fn ServiceCard(service: ServiceSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/services/{}", service.code);
    let days = service.promised_days;
    let mode = service.mode;
    let visits = service.visits;
    view! {
        <li class=style::card>
            <h3 class=style::title>
                <a href=href>{localized(&service.name)}</a>
            </h3>
            <p class=style::summary>{localized(&service.summary)}</p>
            <p class=style::meta>
                <span>{localized(&service.department_name)}</span>
                <span>{service.code.clone()}</span>
            </p>
            <p class=style::tags>
                <Tag tone=if visits == 0 { TagTone::Good } else { TagTone::Info }>
                    {move || visits_label(i18n.get_locale(), visits)}
                </Tag>
                <Tag tone=TagTone::Neutral>{move || mode_label(i18n.get_locale(), mode)}</Tag>
                <Tag tone=TagTone::Neutral>{t!(i18n, promised_days, days = move || days)}</Tag>
            </p>
        </li>
    }
}
