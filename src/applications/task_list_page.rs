use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use tongban_api::applications::{ApplicationDetail, ApplicationEvent, ApplicationState};
use tongban_api::forms::SectionState;

use super::decision_notice::DecisionNotice;
use super::load::ApplicationPage;
use super::state_tag::{SectionTag, StateTag};
use super::timeline::Timeline;
use crate::api;
use crate::components::{Button, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{localized, use_lang};

stylance::import_style!(style, "task_list_page.module.css");

/// The application at a glance: each section with its state and a link in, then "check and
/// submit" once everything is answered. After submission: where it stands and what happened.
#[component]
pub fn TaskListPage() -> impl IntoView {
    view! { <ApplicationPage page=|detail, _| view! { <TaskList detail /> } /> }
}

#[component]
fn TaskList(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let name = localized(&detail.summary.service_name);
    let title = {
        let name = name.clone();
        move || format!("{} - {}", name(), t_string!(i18n, app_full_name))
    };
    let id = detail.summary.id.clone();
    let editable = matches!(detail.summary.state, ApplicationState::Draft | ApplicationState::CorrectionsRequested);
    let correcting = detail.summary.state == ApplicationState::CorrectionsRequested;
    let total = detail.sections.len() + 1;
    let done = detail.sections.iter().filter(|s| s.state == SectionState::Completed).count()
        + usize::from(detail.materials == SectionState::Completed);
    let all_done = done == total;
    let sections = detail
        .schema
        .sections
        .iter()
        .map(|section| {
            let state = detail.sections.iter().find(|s| s.id == section.id).map_or(SectionState::NotStarted, |s| s.state);
            // Corrections reopen only the pages they name.
            let flagged =
                detail.corrections.iter().filter_map(|c| c.page.as_ref()).find(|page| section.pages.iter().any(|p| &&p.id == page));
            let first_page = if correcting {
                flagged.map(|p| format!("/applications/{id}/pages/{p}"))
            } else {
                section
                    .pages
                    .iter()
                    .find(|p| detail.schema.page_shown(p, &detail.answers))
                    .map(|p| format!("/applications/{id}/pages/{}", p.id))
            };
            let title = localized(&section.title);
            let tag_id = format!("section-{}-state", section.id);
            view! {
                <li class=style::task>
                    {match first_page.filter(|_| editable) {
                        Some(href) => view! { <a href=href class=style::link aria-describedby=tag_id.clone()>{title}</a> }.into_any(),
                        None => view! { <span>{title}</span> }.into_any(),
                    }}
                    <span id=tag_id class=style::status><SectionTag state /></span>
                </li>
            }
        })
        .collect_view();
    // Materials are the last line of the task list; a notice reopens them only if it names one.
    let materials_open = editable && (!correcting || detail.materials == SectionState::NeedsAttention);
    let materials_href = format!("/applications/{id}/materials");
    let materials_line = view! {
        <li class=style::task>
            {if materials_open {
                view! { <a href=materials_href class=style::link aria-describedby="section-materials-state">{t!(i18n, materials_title)}</a> }.into_any()
            } else {
                view! { <span>{t!(i18n, materials_title)}</span> }.into_any()
            }}
            <span id="section-materials-state" class=style::status><SectionTag state=detail.materials /></span>
        </li>
    };
    let check_href = format!("/applications/{id}/check");
    let settled = detail.summary.state.finished() || detail.summary.state == ApplicationState::ResultIssued;
    let refusal = detail
        .timeline
        .iter()
        .rev()
        .find(|e| matches!(e.event, ApplicationEvent::Reject | ApplicationEvent::NotAccept))
        .filter(|_| matches!(detail.summary.state, ApplicationState::Rejected | ApplicationState::NotAccepted))
        .cloned();
    view! {
        <Title text=title />
        <p class=style::caption>
            {t!(i18n, application_caption)}
            {detail.summary.number.clone().map(|n| view! { " · "{t!(i18n, application_number)}": "{n} })}
        </p>
        <h1>{name}</h1>
        <p><StateTag state=detail.summary.state /></p>
        {detail.summary.company_name.clone().map(|c| view! { <p>{t!(i18n, application_for_company)}": "<strong>{c}</strong></p> })}
        {correcting.then(|| view! { <CorrectionNotice detail=detail.clone() /> })}
        {refusal.map(|refusal| view! { <DecisionNotice refusal /> })}
        {detail.deadlines.clone().filter(|_| !settled).map(|d| view! {
            <p class=style::deadline>{move || td_string!(i18n.get_locale(), deadline_sentence, promised = d.promised.clone(), statutory = d.statutory.clone())}</p>
        })}
        <ChannelLine detail=detail.clone() editable=editable && detail.summary.state == ApplicationState::Draft />
        {if editable {
            view! {
                {(!correcting).then(|| view! { <p>{move || td_string!(i18n.get_locale(), sections_done, done = done, total = total)}</p> })}
                <ol class=style::tasks>{sections}{materials_line}</ol>
                <h2>{t!(i18n, check_and_submit)}</h2>
                {if all_done && detail.corrections.iter().all(|c| c.addressed || c.page.is_none()) {
                    view! { <a href=check_href class=style::button role="button">{t!(i18n, check_answers_button)}</a> }.into_any()
                } else {
                    view! { <p>{t!(i18n, complete_all_first)}</p> }.into_any()
                }}
                <p class=style::saved>{t!(i18n, drafts_saved_note)}</p>
                {(detail.summary.state == ApplicationState::Draft).then(|| view! { <DeleteDraft id=id.clone() /> })}
            }.into_any()
        } else {
            view! {
                <p><a href=format!("/applications/{id}/done") class=style::link>{t!(i18n, view_receipt)}</a></p>
                {detail.summary.state.after(ApplicationEvent::Withdraw).is_some().then(|| view! { <Withdraw id=id.clone() /> })}
                <Timeline entries=detail.timeline.clone() />
            }.into_any()
        }}
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
            <p>{move || td_string!(i18n.get_locale(), correction_notice_lead, count = count)}</p>
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
fn Withdraw(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(id);
    let withdraw = Callback::new(move |()| {
        spawn_local(async move {
            if api::withdraw_application(&id.get_value(), lang.get_untracked()).await.is_ok() {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        });
    });
    view! {
        <Show when=move || confirming.get()
            fallback=move || view! { <Button secondary=true on_click=Callback::new(move |()| confirming.set(true))>{t!(i18n, withdraw)}</Button> }>
            <div class=style::confirm role="group" aria-labelledby="withdraw-question">
                <p id="withdraw-question">{t!(i18n, withdraw_confirm)}</p>
                <div class=style::actions>
                    <Button on_click=withdraw>{t!(i18n, withdraw_yes)}</Button>
                    <Button secondary=true on_click=Callback::new(move |()| confirming.set(false))>{t!(i18n, cancel)}</Button>
                </div>
            </div>
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
    let id = StoredValue::new(id);
    let delete = Callback::new(move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if api::delete_application(&id.get_value(), lang.get_untracked()).await.is_ok() {
                navigate("/applications", Default::default());
            }
        });
    });
    view! {
        <Show when=move || confirming.get()
            fallback=move || view! { <Button secondary=true on_click=Callback::new(move |()| confirming.set(true))>{t!(i18n, delete_draft)}</Button> }>
            <div class=style::confirm role="group" aria-labelledby="delete-draft-question">
                <p id="delete-draft-question">{t!(i18n, delete_draft_confirm)}</p>
                <div class=style::actions>
                    <Button on_click=delete>{t!(i18n, delete_draft_yes)}</Button>
                    <Button secondary=true on_click=Callback::new(move |()| confirming.set(false))>{t!(i18n, cancel)}</Button>
                </div>
            </div>
        </Show>
    }
}
