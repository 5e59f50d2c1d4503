use leptos::prelude::*;
use tongban_api::applications::ApplicationState;
use tongban_api::forms::SectionState;

use crate::components::{Tag, TagTone};
use crate::i18n::*;

/// An application's state in words, coloured by whether the applicant has something to do.
#[component]
pub fn StateTag(state: ApplicationState) -> impl IntoView {
    let i18n = use_i18n();
    let tone = match state {
        ApplicationState::Approved | ApplicationState::ResultIssued | ApplicationState::Closed => TagTone::Good,
        ApplicationState::Draft | ApplicationState::CorrectionsRequested => TagTone::Info,
        _ => TagTone::Neutral,
    };
    view! { <Tag tone>{move || state_label(i18n.get_locale(), state)}</Tag> }
}

pub fn state_label(l: Locale, state: ApplicationState) -> &'static str {
    match state {
        ApplicationState::Draft => td_string!(l, state_draft),
        ApplicationState::Submitted => td_string!(l, state_submitted),
        ApplicationState::Accepted => td_string!(l, state_accepted),
        ApplicationState::NotAccepted => td_string!(l, state_not_accepted),
        ApplicationState::UnderReview => td_string!(l, state_under_review),
        ApplicationState::CorrectionsRequested => td_string!(l, state_corrections_requested),
        ApplicationState::Resubmitted => td_string!(l, state_resubmitted),
        ApplicationState::Approved => td_string!(l, state_approved),
        ApplicationState::Rejected => td_string!(l, state_rejected),
        ApplicationState::ResultIssued => td_string!(l, state_result_issued),
        ApplicationState::Closed => td_string!(l, state_closed),
        ApplicationState::Withdrawn => td_string!(l, state_withdrawn),
    }
}

/// Where a section of the task list stands.
#[component]
pub fn SectionTag(state: SectionState) -> impl IntoView {
    let i18n = use_i18n();
    let tone = match state {
        SectionState::Completed => TagTone::Good,
        SectionState::NeedsAttention => TagTone::Info,
        _ => TagTone::Neutral,
    };
    let text = move || {
        let l = i18n.get_locale();
        match state {
            SectionState::NotStarted => td_string!(l, section_not_started),
            SectionState::InProgress => td_string!(l, section_in_progress),
            SectionState::Completed => td_string!(l, section_completed),
            SectionState::NeedsAttention => td_string!(l, section_needs_attention),
        }
    };
    view! { <Tag tone>{text}</Tag> }
}
