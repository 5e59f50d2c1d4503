use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::ratings::{FollowUpCase, FollowUpState, FollowUpStepRequest, RatingView};

use super::require_staff::RequireStaff;
use crate::api;
use crate::components::{
    on_answer, Breadcrumbs, Button, Crumb, ErrorSummary, FormErrors, LoadError, NotificationBanner, Skeleton, SummaryList, TextField,
};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};
use crate::ratings::RatingSummary;

const FIELDS: &[&str] = FollowUpStepRequest::FIELDS;

/// One bad rating to follow up: the rating, how to reach the person (a use of their data, on
/// their record), the deadlines, and the next step to record.
#[component]
pub fn FollowUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let case = LocalResource::new(move || {
        let id = id.get();
        async move { api::staff_follow_up(&id, lang.get_untracked()).await }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_follow_up_title), t_string!(i18n, app_full_name)) />
        <RequireStaff>
            <Breadcrumbs crumbs=vec![
                Crumb { href: "/staff", label: Signal::derive(move || t_string!(i18n, staff_queue).to_string()) },
                Crumb { href: "/staff/follow-ups", label: Signal::derive(move || t_string!(i18n, staff_follow_ups_title).to_string()) },
            ] />
            <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match case.await {
                        Ok(found) => view! { <Case found /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || case.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireStaff>
    }
}

#[component]
fn Case(found: FollowUpCase) -> impl IntoView {
    let i18n = use_i18n();
    let case = RwSignal::new(found);
    let recorded = RwSignal::new(false);
    view! {
        {move || {
            let found = case.get();
            let rating = RatingView {
                satisfaction: found.item.satisfaction,
                problems: found.item.problems.clone(),
                comment: found.comment.clone(),
                at: found.item.rated_at,
                revised_from: found.revised_from,
                follow_up: Some(found.follow_up.clone()),
            };
            let person = vec![
                (t!(i18n, staff_follow_up_person).into_any(), view! { {found.person_name.clone()} }.into_any()),
                (
                    t!(i18n, profile_phone).into_any(),
                    view! { <a href=format!("tel:{}", found.person_phone)>{found.person_phone.clone()}</a> }.into_any(),
                ),
                (
                    t!(i18n, staff_follow_ups_application).into_any(),
                    view! { <a href=found.rated_path.clone()>{found.item.number.clone()}</a> }.into_any(),
                ),
            ];
            view! {
                <p>{localized(&found.item.service_name)}</p>
                <h1>{t!(i18n, staff_follow_up_title)}</h1>
                {move || recorded.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, staff_follow_up_recorded)}</p></NotificationBanner> })}
                <h2>{t!(i18n, staff_follow_up_contact_details)}</h2>
                <SummaryList rows=person />
                <h2>{t!(i18n, rating_level)}</h2>
                <RatingSummary rating />
                {(found.item.state != FollowUpState::PutRight).then(|| view! {
                    <NextStep id=found.item.id.clone() state=found.item.state on_done=Callback::new(move |next| { case.set(next); recorded.set(true); }) />
                })}
            }
        }}
    }
}

/// The one step due next: record the contact, then what was put right.
#[component]
fn NextStep(id: String, state: FollowUpState, on_done: Callback<FollowUpCase>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let contacting = state == FollowUpState::AwaitingContact;
    let id = StoredValue::new(id);
    let record = Action::new_local(move |request: &FollowUpStepRequest| {
        let request = request.clone();
        let step = if contacting { "contacted" } else { "put-right" };
        async move { api::staff_follow_up_step(&id.get_value(), step, &request, lang.get_untracked()).await }
    });
    on_answer(record, errors, FIELDS, move |next| on_done.run(next));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = FollowUpStepRequest { note: note.get_untracked() };
        match request.validate() {
            Ok(()) => {
                record.dispatch(request);
            }
            Err(found) => errors.set(FormErrors::from_problems(&found, FIELDS, lang.get_untracked())),
        }
    };
    let (label, hint, button) = if contacting {
        (
            tr(|l| td_string!(l, staff_follow_up_contact_note)),
            tr(|l| td_string!(l, staff_follow_up_contact_hint)),
            tr(|l| td_string!(l, staff_follow_up_record_contact)),
        )
    } else {
        (
            tr(|l| td_string!(l, staff_follow_up_put_right_note)),
            tr(|l| td_string!(l, staff_follow_up_put_right_hint)),
            tr(|l| td_string!(l, staff_follow_up_record_put_right)),
        )
    };
    view! {
        <h2>{t!(i18n, staff_follow_up_next)}</h2>
        <ErrorSummary errors=errors.into() id_prefix="follow-up" />
        <form on:submit=submit novalidate>
            <TextField id="follow-up-note".into() label hint error=Signal::derive(move || errors.read().field(tongban_api::fields::NOTE))
                value=note multiline=true />
            <Button submit=true busy=record.pending()>{button}</Button>
        </form>
    }
}
