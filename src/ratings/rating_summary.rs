use leptos::prelude::*;
use tongban_api::ratings::RatingView;

use super::labels::{rating_problems_text, satisfaction_label};
use super::FollowUpSteps;
use crate::components::SummaryList;
use crate::i18n::*;

/// A rating as given — the level (and the first one, if it was changed), what was wrong, the
/// person's words — then the department's follow-up, if it opened one.
#[component]
pub fn RatingSummary(rating: RatingView) -> impl IntoView {
    let i18n = use_i18n();
    let (satisfaction, revised_from) = (rating.satisfaction, rating.revised_from);
    let mut rows = vec![(
        t!(i18n, rating_level).into_any(),
        view! {
            <strong>{move || satisfaction_label(i18n.get_locale(), satisfaction)}</strong>
            {revised_from.map(|first| view! {
                {move || td_string!(i18n.get_locale(), rating_changed_from, level = satisfaction_label(i18n.get_locale(), first)).to_string()}
            })}
        }
        .into_any(),
    )];
    if !rating.problems.is_empty() {
        let problems = rating.problems.clone();
        rows.push((
            t!(i18n, rating_problems).into_any(),
            view! { {move || rating_problems_text(i18n.get_locale(), &problems)} }.into_any(),
        ));
    }
    if !rating.comment.is_empty() {
        rows.push((t!(i18n, rating_comment).into_any(), view! { {rating.comment.clone()} }.into_any()));
    }
    view! {
        <SummaryList rows />
        {rating.follow_up.map(|follow_up| view! {
            <h3>{t!(i18n, follow_up_heading)}</h3>
            <FollowUpSteps follow_up />
        })}
    }
}
