//! Words for 好差评's coded values, in the reader's language.

use tongban_api::ratings::{FollowUpState, RatingPeriod, RatingProblem, Satisfaction};

use crate::i18n::*;

pub fn satisfaction_label(locale: Locale, satisfaction: Satisfaction) -> &'static str {
    match satisfaction {
        Satisfaction::VerySatisfied => td_string!(locale, rating_very_satisfied),
        Satisfaction::Satisfied => td_string!(locale, rating_satisfied),
        Satisfaction::Fair => td_string!(locale, rating_fair),
        Satisfaction::Dissatisfied => td_string!(locale, rating_dissatisfied),
        Satisfaction::VeryDissatisfied => td_string!(locale, rating_very_dissatisfied),
    }
}

pub fn rating_problem_label(locale: Locale, problem: RatingProblem) -> &'static str {
    match problem {
        RatingProblem::UnclearGuide => td_string!(locale, rating_problem_unclear_guide),
        RatingProblem::TooManyMaterials => td_string!(locale, rating_problem_too_many_materials),
        RatingProblem::TooSlow => td_string!(locale, rating_problem_too_slow),
        RatingProblem::CameMoreThanOnce => td_string!(locale, rating_problem_came_more_than_once),
        RatingProblem::StaffAttitude => td_string!(locale, rating_problem_staff_attitude),
        RatingProblem::HardToUse => td_string!(locale, rating_problem_hard_to_use),
        RatingProblem::WrongResult => td_string!(locale, rating_problem_wrong_result),
    }
}

/// The problems named, joined for one line.
pub fn rating_problems_text(locale: Locale, problems: &[RatingProblem]) -> String {
    problems.iter().map(|&p| rating_problem_label(locale, p)).collect::<Vec<_>>().join(td_string!(locale, list_separator))
}

pub fn follow_up_state_label(locale: Locale, state: FollowUpState) -> &'static str {
    match state {
        FollowUpState::AwaitingContact => td_string!(locale, follow_up_awaiting_contact),
        FollowUpState::AwaitingPutRight => td_string!(locale, follow_up_awaiting_put_right),
        FollowUpState::PutRight => td_string!(locale, follow_up_put_right_state),
    }
}

pub fn period_label(locale: Locale, period: RatingPeriod) -> &'static str {
    match period {
        RatingPeriod::Month => td_string!(locale, ratings_period_month),
        RatingPeriod::Quarter => td_string!(locale, ratings_period_quarter),
        RatingPeriod::Year => td_string!(locale, ratings_period_year),
        RatingPeriod::All => td_string!(locale, ratings_period_all),
    }
}
