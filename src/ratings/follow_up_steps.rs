use leptos::prelude::*;
use tongban_api::ratings::{FollowUpStep, FollowUpView};

use crate::components::SummaryList;
use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};

stylance::import_style!(style, "follow_up_steps.module.css");

/// What the department owes a bad rating — contact the person, then put right what was wrong —
/// each with its last day, or when it was done and the officer's words.
#[component]
pub fn FollowUpSteps(follow_up: FollowUpView) -> impl IntoView {
    let i18n = use_i18n();
    let rows = vec![
        (t!(i18n, follow_up_department).into_any(), view! { {localized(&follow_up.department)} }.into_any()),
        (
            t!(i18n, follow_up_contact).into_any(),
            view! { <Step due=follow_up.contact_due.clone() done=follow_up.contacted.clone() /> }.into_any(),
        ),
        (
            t!(i18n, follow_up_put_right).into_any(),
            view! { <Step due=follow_up.put_right_due.clone() done=follow_up.put_right.clone() /> }.into_any(),
        ),
    ];
    view! { <SummaryList rows /> }
}

#[component]
fn Step(due: String, done: Option<FollowUpStep>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    match done {
        Some(step) => view! {
            <p class=style::done>{move || td_string!(i18n.get_locale(), follow_up_done_on, date = format_time(step.at, lang.get())).to_string()}</p>
            <p class=style::note>{step.note.clone()}</p>
        }
        .into_any(),
        None => view! { <p class=style::done>{move || td_string!(i18n.get_locale(), follow_up_due_by, date = due.clone()).to_string()}</p> }.into_any(),
    }
}
