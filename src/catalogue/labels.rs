//! Words for the catalogue's coded values, in the visitor's language.

use tongban_api::catalogue::{Audience, Department, HandlingMode, MaterialForm, MaterialSource, ServiceKind};
use tongban_api::feedback::GuideProblem;

use crate::i18n::*;
use crate::lang::localized;

/// What was wrong with a guide, as "Is this page useful?" asks it.
pub fn problem_label(locale: Locale, problem: GuideProblem) -> &'static str {
    match problem {
        GuideProblem::Unclear => td_string!(locale, feedback_problem_unclear),
        GuideProblem::Missing => td_string!(locale, feedback_problem_missing),
        GuideProblem::Wrong => td_string!(locale, feedback_problem_wrong),
        GuideProblem::NotWhatINeeded => td_string!(locale, feedback_problem_not_what_i_needed),
    }
}

pub fn mode_label(locale: Locale, mode: HandlingMode) -> &'static str {
    match mode {
        HandlingMode::FullyOnline => td_string!(locale, mode_fully_online),
        HandlingMode::OnlineOneVisit => td_string!(locale, mode_online_one_visit),
        HandlingMode::Window => td_string!(locale, mode_window),
    }
}

pub fn visits_label(locale: Locale, visits: u8) -> &'static str {
    if visits == 0 {
        td_string!(locale, visits_count_zero)
    } else {
        td_string!(locale, visits_count_one)
    }
}

pub fn kind_label(locale: Locale, kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::Licensing => td_string!(locale, kind_licensing),
        ServiceKind::Confirmation => td_string!(locale, kind_confirmation),
        ServiceKind::Benefit => td_string!(locale, kind_benefit),
        ServiceKind::Filing => td_string!(locale, kind_filing),
        ServiceKind::PublicService => td_string!(locale, kind_public_service),
    }
}

pub fn audience_label(locale: Locale, audience: Audience) -> &'static str {
    match audience {
        Audience::Individual => td_string!(locale, audience_individual),
        Audience::Business => td_string!(locale, audience_business),
    }
}

pub fn form_label(locale: Locale, form: MaterialForm) -> &'static str {
    match form {
        MaterialForm::Original => td_string!(locale, form_original),
        MaterialForm::Copy => td_string!(locale, form_copy),
        MaterialForm::OriginalAndCopy => td_string!(locale, form_original_and_copy),
        MaterialForm::Electronic => td_string!(locale, form_electronic),
    }
}

pub fn source_label(locale: Locale, source: MaterialSource) -> &'static str {
    match source {
        MaterialSource::Applicant => td_string!(locale, source_applicant),
        MaterialSource::Government => td_string!(locale, source_government),
    }
}

/// `¥120.00`, or "free" in the visitor's language.
pub fn fee_label(locale: Locale, fen: u64) -> String {
    if fen == 0 {
        td_string!(locale, free).to_string()
    } else {
        crate::lang::money(fen)
    }
}

/// Departments as the options of a select: code, and the name in the reader's language.
pub fn department_options(departments: Vec<Department>) -> Vec<(String, leptos::prelude::Signal<String>)> {
    departments.into_iter().map(|d| (d.code, leptos::prelude::Signal::derive(localized(&d.name)))).collect()
}
