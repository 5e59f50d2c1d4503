use leptos::prelude::*;
use tongban_api::applications::{ApplicationEvent, TimelineEntry};

use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};

stylance::import_style!(style, "timeline.module.css");

pub fn event_label(locale: Locale, event: ApplicationEvent) -> &'static str {
    match event {
        ApplicationEvent::Submit => td_string!(locale, event_submit),
        ApplicationEvent::Accept => td_string!(locale, event_accept),
        ApplicationEvent::NotAccept => td_string!(locale, event_not_accept),
        ApplicationEvent::StartReview => td_string!(locale, event_start_review),
        ApplicationEvent::RequestCorrections => td_string!(locale, event_request_corrections),
        ApplicationEvent::Resubmit => td_string!(locale, event_resubmit),
        ApplicationEvent::Approve => td_string!(locale, event_approve),
        ApplicationEvent::Reject => td_string!(locale, event_reject),
        ApplicationEvent::IssueResult => td_string!(locale, event_issue_result),
        ApplicationEvent::Close => td_string!(locale, event_close),
        ApplicationEvent::Withdraw => td_string!(locale, event_withdraw),
    }
}

/// What has happened to the application, oldest first, each with who and when.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t!(i18n, timeline)}</h2>
            <ol class=style::timeline>
                {entries.into_iter().map(|entry| view! {
                    <li class=style::entry>
                        <p class=style::event>{move || event_label(i18n.get_locale(), entry.event)}</p>
                        <p class=style::meta>{move || format_time(entry.at, lang.get())}" · "{entry.by.clone()}</p>
                        {(!entry.note.is_empty()).then(|| view! { <p>{entry.note.clone()}</p> })}
                        {entry.legal_basis.as_ref().map(|basis| view! {
                            <p>{t!(i18n, timeline_legal_basis)}{localized(basis)}</p>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
