use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::ratings::{HandlingRating, RateRequest, RatingProblem, RatingView, Satisfaction};

use super::labels::{rating_problem_label, satisfaction_label};
use super::FollowUpSteps;
use crate::api::{self, Rated};
use crate::components::{
    on_answer, BackLink, Button, Checkboxes, ErrorSummary, FormErrors, LoadError, NotificationBanner, Radios, Skeleton, TextField,
};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "rate_page.module.css");

const FIELDS: &[&str] = RateRequest::FIELDS;

/// 好差评 for an application's decision or a closed ticket: one of five levels; for a bad one, what
/// was wrong. The same page makes the one change a rating allows.
#[component]
pub fn RatePage(rated: Rated) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let current = LocalResource::new(move || {
        let id = id.get();
        async move { api::rating(rated, &id, lang.get_untracked()).await }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, rate_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <BackLink href=Signal::derive(move || rated.page(&id.get()))>{t!(i18n, rate_back)}</BackLink>
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(found) => view! { <Rate rated id=id.get_untracked() found /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || current.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireSignIn>
    }
}

#[component]
fn Rate(rated: Rated, id: String, found: HandlingRating) -> impl IntoView {
    let i18n = use_i18n();
    let back = rated.page(&id);
    let revising = found.rating.is_some();
    let body = match &found.rating {
        _ if !found.open => view! { <p>{t!(i18n, rate_not_yet)}</p> }.into_any(),
        Some(rating) if !rating.may_revise() => view! { <p>{t!(i18n, rate_already_changed)}</p> }.into_any(),
        existing => view! { <RateForm rated id existing=existing.clone() /> }.into_any(),
    };
    view! {
        <p class=style::caption>{localized(&found.name)}</p>
        <h1>{move || if revising { t_string!(i18n, rate_change_title) } else { t_string!(i18n, rate_title) }}</h1>
        {body}
        <p><a href=back>{t!(i18n, rate_back)}</a></p>
    }
}

#[component]
fn RateForm(rated: Rated, id: String, existing: Option<RatingView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let revision = existing.is_some();
    let satisfaction = RwSignal::new(existing.as_ref().map(|r| r.satisfaction.as_str().to_string()).unwrap_or_default());
    let problems =
        RwSignal::new(existing.as_ref().map(|r| r.problems.iter().map(|p| p.as_str().to_string()).collect::<Vec<_>>()).unwrap_or_default());
    let comment = RwSignal::new(existing.map(|r| r.comment).unwrap_or_default());
    let errors = RwSignal::new(FormErrors::default());
    let given = RwSignal::new(None::<HandlingRating>);
    let id = StoredValue::new(id);
    let send = Action::new_local(move |request: &RateRequest| {
        let request = request.clone();
        async move { api::rate(rated, &id.get_value(), &request, revision, lang.get_untracked()).await }
    });
    on_answer(send, errors, FIELDS, move |answer| given.set(Some(answer)));
    let bad = move || Satisfaction::parse(&satisfaction.read()).is_some_and(Satisfaction::is_bad);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = Satisfaction::parse(&satisfaction.get_untracked());
        let named = if bad() { problems.get_untracked().iter().filter_map(|p| RatingProblem::parse(p)).collect() } else { Vec::new() };
        let request = RateRequest { satisfaction: chosen, problems: named, comment: comment.get_untracked() };
        match request.validate() {
            Ok(()) => {
                send.dispatch(request);
            }
            Err(found) => errors.set(FormErrors::from_problems(&found, FIELDS, lang.get_untracked())),
        }
    };
    let levels = Satisfaction::ALL.iter().map(|&s| (s.as_str().to_string(), tr(move |l| satisfaction_label(l, s)))).collect::<Vec<_>>();
    let reasons = StoredValue::new(
        RatingProblem::ALL.iter().map(|&p| (p.as_str().to_string(), tr(move |l| rating_problem_label(l, p)))).collect::<Vec<_>>(),
    );
    view! {
        <Show when=move || given.read().is_none() fallback=move || view! { <Thanks given=given.get() /> }>
            <ErrorSummary errors=errors.into() id_prefix="rate" />
            <form on:submit=submit novalidate>
                <Radios id="rate-satisfaction".into() legend=tr(|l| td_string!(l, rate_question))
                    error=Signal::derive(move || errors.read().field(tongban_api::fields::SATISFACTION))
                    options=levels.clone() selected=satisfaction />
                <Show when=bad>
                    <Checkboxes id="rate-problems".into() legend=tr(|l| td_string!(l, rate_problems))
                        hint=tr(|l| td_string!(l, rate_problems_hint))
                        error=Signal::derive(move || errors.read().field(tongban_api::fields::PROBLEMS))
                        options=reasons.get_value() selected=problems />
                </Show>
                <TextField id="rate-comment".into() label=tr(|l| td_string!(l, rate_comment))
                    hint=tr(|l| td_string!(l, rate_comment_hint))
                    error=Signal::derive(move || errors.read().field(tongban_api::fields::COMMENT))
                    value=comment multiline=true />
                <Button submit=true busy=send.pending()>{t!(i18n, rate_send)}</Button>
            </form>
        </Show>
    }
}

/// The rating is in: thanks, and for a bad one what the department will do by when.
#[component]
fn Thanks(given: Option<HandlingRating>) -> impl IntoView {
    let i18n = use_i18n();
    let follow_up = given.and_then(|g| g.rating).and_then(|r| r.follow_up);
    view! {
        <NotificationBanner success=true>
            <p>{t!(i18n, rate_thanks)}</p>
        </NotificationBanner>
        {follow_up.map(|follow_up| view! {
            <p>{t!(i18n, rate_follow_up_lead)}</p>
            <FollowUpSteps follow_up />
        })}
    }
}
