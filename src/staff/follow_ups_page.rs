use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::ratings::{FollowUpItem, FollowUpState};

use super::require_staff::RequireStaff;
use crate::api;
use crate::components::{Breadcrumbs, Crumb, DataTable, LoadError, Skeleton, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{localized, use_lang};
use crate::ratings::labels::{follow_up_state_label, rating_problems_text, satisfaction_label};

stylance::import_style!(style, "follow_ups_page.module.css");

/// The department's follow-ups of bad ratings: open ones first, the nearest deadline first,
/// overdue ones marked; then the latest put right.
#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let follow_ups = LocalResource::new(move || api::staff_follow_ups(lang.get_untracked()));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_follow_ups_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) }] />
            <h1 id="follow-ups-heading">{t!(i18n, staff_follow_ups_title)}</h1>
            <p class=style::lead>{t!(i18n, staff_follow_ups_lead)}</p>
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match follow_ups.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, staff_follow_ups_none)}</p> }.into_any(),
                        Ok(items) => view! { <FollowUps items /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || follow_ups.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireStaff>
    }
}

#[component]
fn FollowUps(items: Vec<FollowUpItem>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable labelled_by="follow-ups-heading">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, staff_follow_ups_application)}</th>
                    <th scope="col">{t!(i18n, rating_level)}</th>
                    <th scope="col">{t!(i18n, staff_follow_ups_state)}</th>
                    <th scope="col">{t!(i18n, staff_follow_ups_due)}</th>
                </tr>
            </thead>
            <tbody>
                {items.into_iter().map(|item| {
                    let (satisfaction, state, problems) = (item.satisfaction, item.state, item.problems.clone());
                    view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/staff/follow-ups/{}", item.id)>{item.number.clone()}</a>
                                <span class=style::service>{localized(&item.service_name)}</span>
                            </th>
                            <td>
                                {move || satisfaction_label(i18n.get_locale(), satisfaction)}
                                <span class=style::problems>{move || rating_problems_text(i18n.get_locale(), &problems)}</span>
                            </td>
                            <td>
                                <Tag tone=if state == FollowUpState::PutRight { TagTone::Good } else { TagTone::Neutral }>
                                    {move || follow_up_state_label(i18n.get_locale(), state)}
                                </Tag>
                            </td>
                            <td>
                                {item.due.clone()}
                                {item.overdue.then(|| view! { " "<Tag tone=TagTone::Info>{t!(i18n, staff_follow_ups_overdue)}</Tag> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}
