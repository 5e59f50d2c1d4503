use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use tongban_api::applications::{ApplicationDetail, ApplicationEvent, ApplicationState, TimelineEntry};
use tongban_api::forms::SectionState;

use super::decision_notice::DecisionNotice;
use super::load::{ApplicationPage, Loaded};
use super::state_tag::{SectionTag, StateTag};
use super::timeline::Timeline;
use crate::api;
use crate::components::{on_answer, Button, ButtonLink, ConfirmAction, ErrorSummary, FormErrors, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "task_list_page.module.css");

/// The application at a glance: each section with its state and a link in, then "check and
/// submit" once everything is answered. After submission: where it stands and what happened.
#[component]
pub fn TaskListPage() -> impl IntoView {
    view! { <ApplicationPage page=|detail, loaded| view! { <TaskList detail loaded /> } /> }
}

#[component]
fn TaskList(detail: ApplicationDetail, loaded: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let name = localized(&detail.summary.service_name);
    let title = {
        let name = name.clone();
        move || format!("{} - {}", name(), t_string!(i18n, app_full_name))
    };
    let state = detail.summary.state;
    let editable = matches!(state, ApplicationState::Draft | ApplicationState::CorrectionsRequested);
    let settled = state.finished() || state == ApplicationState::ResultIssued;
    view! {
        <Title text=title />
        <p class=style::caption>
            {t!(i18n, application_caption)}
            {detail.summary.number.clone().map(|n| view! { " · "{t!(i18n, application_number)}": "{n} })}
        </p>
        <h1>{name}</h1>
        <p><StateTag state /></p>
        {detail.summary.company_name.clone().map(|c| view! { <p>{t!(i18n, application_for_company)}": "<strong>{c}</strong></p> })}
        {(state == ApplicationState::CorrectionsRequested).then(|| view! { <CorrectionNotice detail=detail.clone() /> })}
        {refusal_of(&detail).map(|refusal| view! { <DecisionNotice refusal /> })}
        {detail.deadlines.clone().filter(|_| !settled).map(|d| view! {
            <p class=style::deadline>{move || td_string!(i18n.get_locale(), deadline_sentence, promised = d.promised.clone(), statutory = d.statutory.clone())}</p>
        })}
        <ChannelLine detail=detail.clone() editable=state == ApplicationState::Draft />
        {if editable {
            view! { <Tasks detail /> }.into_any()
        } else {
            view! { <Progress detail loaded /> }.into_any()
        }}
    }
}

/// The officer's last refusal, while the application stands refused.
fn refusal_of(detail: &ApplicationDetail) -> Option<TimelineEntry> {
    detail
        .timeline
        .iter()
        .rev()
        .find(|e| matches!(e.event, ApplicationEvent::Reject | ApplicationEvent::NotAccept))
        .filter(|_| matches!(detail.summary.state, ApplicationState::Rejected | ApplicationState::NotAccepted))
        .cloned()
}

/// What is still to do on a draft or a corrected application: each section and the materials
/// with their state, then "check and submit" once all are done.
#[component]
fn Tasks(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.summary.id.clone();
    let correcting = detail.summary.state == ApplicationState::CorrectionsRequested;
    let total = detail.sections.len() + 1;
    let done = detail.sections.iter().filter(|s| s.state == SectionState::Completed).count()
        + usize::from(detail.materials == SectionState::Completed);
    let ready = done == total && detail.corrections.iter().all(|c| c.addressed || c.page.is_none());
    let sections = detail.schema.sections.iter().map(|section| {
        let state = detail.sections.iter().find(|s| s.id == section.id).map_or(SectionState::NotStarted, |s| s.state);
        // Corrections reopen only the pages they name.
        let flagged = detail.corrections.iter().filter_map(|c| c.page.as_ref()).find(|page| section.pages.iter().any(|p| &&p.id == page));
        let first_page = if correcting {
            flagged.map(|p| format!("/applications/{id}/pages/{p}"))
        } else {
            section
                .pages
                .iter()
                .find(|p| detail.schema.page_shown(p, &detail.answers))
                .map(|p| format!("/applications/{id}/pages/{}", p.id))
        };
        view! { <Task id=format!("section-{}-state", section.id) title=localized(&section.title)() href=first_page state /> }
    });
    // Materials are the last line of the task list; a notice reopens them only if it names one.
    let materials_open = !correcting || detail.materials == SectionState::NeedsAttention;
    let materials_href = materials_open.then(|| format!("/applications/{id}/materials"));
    view! {
        {(!correcting).then(|| view! { <p>{move || td_string!(i18n.get_locale(), sections_done, done = done, total = total)}</p> })}
        <ol class=style::tasks>
            {sections.collect_view()}
            <Task id="section-materials-state".into() title=t_string!(i18n, materials_title).to_string() href=materials_href state=detail.materials />
        </ol>
        <h2>{t!(i18n, check_and_submit)}</h2>
        {if ready {
            view! { <ButtonLink href=format!("/applications/{id}/check")>{t!(i18n, check_answers_button)}</ButtonLink> }.into_any()
        } else {
            view! { <p>{t!(i18n, complete_all_first)}</p> }.into_any()
        }}
        <p class=style::saved>{t!(i18n, drafts_saved_note)}</p>
        {(detail.summary.state == ApplicationState::Draft).then(|| view! { <DeleteDraft id=id.clone() /> })}
    }
}

/// One line of the task list: a link in while it can be changed, and its state.
#[component]
fn Task(id: String, title: String, href: Option<String>, state: SectionState) -> impl IntoView {
    view! {
        <li class=format!("spread {}", style::task)>
            {match href {
                Some(href) => view! { <a href=href class=style::link aria-describedby=id.clone()>{title}</a> }.into_any(),
                None => view! { <span>{title}</span> }.into_any(),
            }}
            <span id=id class=style::status><SectionTag state /></span>
        </li>
    }
}

/// A submitted application: the receipt, withdrawing while that is possible, and what happened.
#[component]
fn Progress(detail: ApplicationDetail, loaded: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.summary.id.clone();
    view! {
        <p><a href=format!("/applications/{id}/done") class=style::link>{t!(i18n, view_receipt)}</a></p>
        {detail.pickup.clone().map(|pickup| view! { <crate::delivery::PickupPanel pickup /> })}
        {detail.shipment.clone().map(|shipment| view! { <crate::delivery::ShipmentPanel shipment /> })}
        <crate::payments::FeeLines fees=detail.fees.clone() />
        {detail.originals.clone().map(|originals| view! {
            <crate::delivery::OriginalsPanel application_id=id.clone() originals on_booked=Callback::new(move |()| loaded.refetch()) />
        })}
        {detail.summary.state.after(ApplicationEvent::Withdraw).is_some().then(|| view! { <Withdraw id=id.clone() loaded /> })}
        <p><a href=format!("/contact?application={id}") class=style::link>{t!(i18n, application_contact)}</a></p>
        {detail.summary.state.decided().then(|| view! { <crate::ratings::RatingPanel rated=crate::api::Rated::Application id=id.clone() /> })}
        <Timeline entries=detail.timeline.clone() />
    }
}

/// The one-time correction notice: everything to fix, each with the officer's reason and a
/// link to where it is fixed.
#[component]
fn CorrectionNotice(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.summary.id.clone();
    let count = detail.corrections.len();
    view! {
        <section class=style::notice aria-labelledby="correction-heading">
            <h2 id="correction-heading">{t!(i18n, correction_notice)}</h2>
            <p>{move || {
                let locale = i18n.get_locale();
                if crate::lang::lang_of(locale).takes_singular(count) {
                    td_string!(locale, correction_notice_lead_for_one, count = count).to_string()
                } else {
                    td_string!(locale, correction_notice_lead_for_many, count = count).to_string()
                }
            }}</p>
            <ul class=style::corrections>
                {detail.corrections.iter().map(|c| {
                    let href = c.page.as_ref().map(|p| format!("/applications/{id}/pages/{p}?return=check"));
                    view! {
                        <li>
                            <strong>{localized(&c.label)}</strong>"："{c.reason.clone()}" "
                            {if c.addressed {
                                view! { <Tag tone=TagTone::Good>{t!(i18n, correction_addressed)}</Tag> }.into_any()
                            } else {
                                match href {
                                    Some(href) => view! { <a href=href class=style::link>{t!(i18n, correction_fix)}<span class="visually-hidden">" "{localized(&c.label)}</span></a> }.into_any(),
                                    None => view! { <span>{t!(i18n, correction_material_note)}</span> }.into_any(),
                                }
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// How the application is finished: online, or at a booked window time.
#[component]
fn ChannelLine(detail: ApplicationDetail, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/applications/{}/channel", detail.summary.id);
    let text = match &detail.booking {
        Some(b) => {
            let b = b.clone();
            view! { {t!(i18n, channel_at_window)}": "{localized(&b.window.name)}" "{b.day.clone()}" "{b.time.clone()} }.into_any()
        }
        None if detail.window_required => view! { <strong>{t!(i18n, channel_window_required)}</strong> }.into_any(),
        None => t!(i18n, channel_online_now).into_any(),
    };
    view! {
        <p class=style::channel>
            {text}" "
            {editable.then(|| view! { <a href=href class=style::link>{t!(i18n, channel_change)}<span class="visually-hidden">" "{t!(i18n, channel_title)}</span></a> })}
        </p>
    }
}

/// Withdrawing asks first; afterwards the page shows the new state.
#[component]
fn Withdraw(id: String, loaded: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let confirming = RwSignal::new(false);
    let errors = RwSignal::new(FormErrors::default());
    let id = StoredValue::new(id);
    let withdraw = Action::new_local(move |(): &()| async move { api::withdraw_application(&id.get_value(), lang.get_untracked()).await });
    on_answer(withdraw, errors, &[], move |_| loaded.refetch());
    view! {
        <ErrorSummary errors=errors.into() id_prefix="withdraw" />
        <Show when=move || confirming.get()
            fallback=move || view! { <Button secondary=true on_click=Callback::new(move |()| confirming.set(true))>{t!(i18n, withdraw)}</Button> }>
            <ConfirmAction question_id="withdraw-question".into() question=tr(|l| td_string!(l, withdraw_confirm))
                yes=tr(|l| td_string!(l, withdraw_yes)) busy=withdraw.pending()
                on_yes=Callback::new(move |()| { withdraw.dispatch(()); }) on_cancel=Callback::new(move |()| confirming.set(false)) />
        </Show>
    }
}

/// Deleting a draft asks first: it cannot be undone.
#[component]
fn DeleteDraft(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let errors = RwSignal::new(FormErrors::default());
    let id = StoredValue::new(id);
    let delete = Action::new_local(move |(): &()| async move { api::delete_application(&id.get_value(), lang.get_untracked()).await });
    on_answer(delete, errors, &[], move |()| navigate("/applications", Default::default()));
    view! {
        <ErrorSummary errors=errors.into() id_prefix="delete-draft" />
        <Show when=move || confirming.get()
            fallback=move || view! { <Button secondary=true on_click=Callback::new(move |()| confirming.set(true))>{t!(i18n, delete_draft)}</Button> }>
            <ConfirmAction question_id="delete-draft-question".into() question=tr(|l| td_string!(l, delete_draft_confirm))
                yes=tr(|l| td_string!(l, delete_draft_yes)) busy=delete.pending()
                on_yes=Callback::new(move |()| { delete.dispatch(()); }) on_cancel=Callback::new(move |()| confirming.set(false)) />
        </Show>
    }
}
