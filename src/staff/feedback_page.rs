use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::feedback::{DepartmentFeedback, GuideFeedbackView};

use super::require_staff::RequireStaff;
use crate::api;
use crate::catalogue::labels::problem_label;
use crate::components::{Breadcrumbs, Crumb, DataTable, LoadError, Skeleton, NUMBER};
use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};

stylance::import_style!(style, "feedback_page.module.css");

/// What people said about the department's guides ("Is this page useful?"), so the guides that
/// fall short are put right first.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let feedback = LocalResource::new(move || api::staff_feedback(lang.get_untracked()));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_feedback_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1>{t!(i18n, staff_feedback_title)}</h1>
            <p class=style::lead>{t!(i18n, staff_feedback_lead)}</p>
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match feedback.await {
                        Ok(feedback) if feedback.latest.is_empty() => view! { <p>{t!(i18n, staff_feedback_none)}</p> }.into_any(),
                        Ok(feedback) => view! { <Feedback feedback /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || feedback.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireStaff>
    }
}

#[component]
fn Feedback(feedback: DepartmentFeedback) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="feedback-guides">
            <h2 id="feedback-guides">{t!(i18n, staff_feedback_guides)}</h2>
            <DataTable labelled_by="feedback-guides">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, staff_feedback_guide)}</th>
                        <th scope="col" class=NUMBER>{t!(i18n, staff_feedback_useful)}</th>
                        <th scope="col" class=NUMBER>{t!(i18n, staff_feedback_not_useful)}</th>
                    </tr>
                </thead>
                <tbody>
                    {feedback.guides.into_iter().map(|guide| view! {
                        <tr>
                            <th scope="row"><a href=format!("/services/{}", guide.service_code)>{localized(&guide.service_name)}</a></th>
                            <td class=NUMBER>{guide.useful}</td>
                            <td class=NUMBER>{guide.not_useful}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </DataTable>
        </section>
        <section aria-labelledby="feedback-latest">
            <h2 id="feedback-latest">{t!(i18n, staff_feedback_latest)}</h2>
            <ol class=style::answers>
                {feedback.latest.into_iter().map(|answer| view! { <Answer answer /> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Answer(answer: GuideFeedbackView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (useful, problems) = (answer.useful, answer.problems.clone());
    view! {
        <li class=style::answer>
            <p class=style::meta>
                {move || format_time(answer.at, lang.get())}" · "{localized(&answer.service_name)}
            </p>
            <p class=style::verdict>
                {move || {
                    let locale = i18n.get_locale();
                    let verdict = if useful { td_string!(locale, staff_feedback_useful) } else { td_string!(locale, staff_feedback_not_useful) };
                    let named: Vec<&str> = problems.iter().map(|&p| problem_label(locale, p)).collect();
                    if named.is_empty() {
                        verdict.to_string()
                    } else {
                        td_string!(locale, staff_feedback_verdict, verdict = verdict, problems = named.join(" · ")).to_string()
                    }
                }}
            </p>
            {(!answer.comment.is_empty()).then(|| view! { <blockquote class=style::comment>{answer.comment.clone()}</blockquote> })}
        </li>
    }
}
