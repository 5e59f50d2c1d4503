use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tongban_api::applications::{Correction, Deadlines};
use tongban_api::forms::Answer;
use tongban_api::materials::Provided;
use tongban_api::staff::{CaseView, SignatureCheck};

use super::action_form::ActionForm;
use super::require_staff::RequireStaff;
use crate::api;
use crate::applications::{answer_text, StateTag, Timeline};
use crate::components::{BackLink, LoadError, NotificationBanner, Skeleton, SummaryList, Tag, TagTone};
use crate::i18n::*;
use crate::lang::{format_time, localized, use_lang};

stylance::import_style!(style, "case_page.module.css");

/// One application as the officer handles it: who, what, the signature checked, the deadlines,
/// every answer, the history, and the actions its state allows.
#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let case = LocalResource::new(move || {
        let id = id.get();
        let lang = lang.get();
        async move { api::staff_case(&id, lang).await }
    });
    // Said here, above the case, because acting redraws the case with its new state.
    let acted = RwSignal::new(false);
    let on_changed = Callback::new(move |()| {
        acted.set(true);
        case.refetch();
    });
    let i18n = use_i18n();
    view! {
        <RequireStaff>
            <BackLink href="/staff".to_string()>{t!(i18n, staff_queue)}</BackLink>
            {move || acted.get().then(|| view! { <NotificationBanner success=true><p>{t!(i18n, action_done)}</p></NotificationBanner> })}
            <Transition fallback=|| view! { <Skeleton lines=8 /> }>
                {move || Suspend::new(async move {
                    match case.await {
                        Ok(view) => view! { <Case case=view on_changed /> }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || case.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </RequireStaff>
    }
}

#[component]
fn Case(case: CaseView, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let number = case.summary.number.clone().unwrap_or_default();
    let title = {
        let number = number.clone();
        move || format!("{number} - {}", t_string!(i18n, app_full_name))
    };
    view! {
        <Title text=title />
        <p class=style::caption>{localized(&case.summary.service_name)}</p>
        <h1>{t!(i18n, application_number)}" "{number}</h1>
        <p><StateTag state=case.summary.state /></p>
        <SummaryList rows=vec![
            (t!(i18n, receipt_applicant).into_any(), format!("{} ({})", case.applicant_name, case.applicant_id_masked).into_any()),
            (t!(i18n, application_for_company).into_any(), case.summary.company_name.clone().unwrap_or_else(|| "—".into()).into_any()),
        ] />
        <SignatureSection signature=case.signature.clone() />
        {case.deadlines.clone().map(|deadlines| view! { <DeadlinesSection deadlines /> })}
        <crate::payments::CaseFees fees=case.fees.clone() tariff=case.fee_tariff.clone() application_id=case.summary.id.clone() on_changed />
        {case.originals.clone().map(|originals| view! {
            <crate::delivery::CaseOriginals application_id=case.summary.id.clone() originals on_changed />
        })}
        {case.shipment.clone().map(|shipment| view! {
            <section aria-labelledby="case-shipment">
                <h2 id="case-shipment">{t!(i18n, case_shipment_heading)}</h2>
                <crate::delivery::ShipmentDetails shipment originals=false />
            </section>
        })}
        {(!case.corrections.is_empty()).then(|| view! { <CorrectionsSection corrections=case.corrections.clone() /> })}
        {(!case.actions.is_empty()).then(|| view! { <ActionForm case=case.clone() on_changed /> })}
        <CaseMaterials case=case.clone() />
        <CaseAnswers case=case.clone() />
        <Timeline entries=case.timeline.clone() />
    }
}

/// Who signed the declaration, how, and whether the signature still covers what is submitted.
#[component]
fn SignatureSection(signature: Option<SignatureCheck>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let body = match signature {
        Some(s) => {
            let signed_at = s.signed_at;
            let method = if s.method == "passkey" { t!(i18n, signed_by_passkey).into_any() } else { t!(i18n, signed_by_sms).into_any() };
            let tag = if s.valid {
                view! { <Tag tone=TagTone::Good>{t!(i18n, signature_valid)}</Tag> }.into_any()
            } else {
                view! { <Tag tone=TagTone::Info>{t!(i18n, signature_invalid)}</Tag> }.into_any()
            };
            view! {
                <p>{s.signer_name.clone()}" · "{method}" · "{move || format_time(signed_at, lang.get())}" "{tag}</p>
                <p class=style::digest>{t!(i18n, declaration_digest)}": "<code>{s.digest.clone()}</code></p>
            }
            .into_any()
        }
        None => view! { <p>{t!(i18n, signature_none)}</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="case-signature">
            <h2 id="case-signature">{t!(i18n, signature_heading)}</h2>
            {body}
        </section>
    }
}

#[component]
fn DeadlinesSection(deadlines: Deadlines) -> impl IntoView {
    let i18n = use_i18n();
    let d = deadlines;
    view! {
        <section aria-labelledby="case-deadlines">
            <h2 id="case-deadlines">{t!(i18n, deadlines_heading)}</h2>
            <SummaryList rows=vec![
                (t!(i18n, deadline_accepted_on).into_any(), d.accepted_on.clone().into_any()),
                (t!(i18n, deadline_promised).into_any(), d.promised.clone().into_any()),
                (t!(i18n, deadline_statutory).into_any(), d.statutory.clone().into_any()),
                (t!(i18n, deadline_paused).into_any(), d.paused_working_days.to_string().into_any()),
            ] />
        </section>
    }
}

#[component]
fn CorrectionsSection(corrections: Vec<Correction>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="case-corrections">
            <h2 id="case-corrections">{t!(i18n, correction_notice)}</h2>
            <ul>
                {corrections.into_iter().map(|c| view! {
                    <li>
                        <strong>{localized(&c.label)}</strong>"："{c.reason.clone()}
                        {c.addressed.then(|| view! { " "<Tag tone=TagTone::Good>{t!(i18n, correction_addressed)}</Tag> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The link an officer opens a file of the case with (its reading is on record).
fn file_link(case_id: &str, file_id: &str, name: String) -> impl IntoView {
    view! { <a href=format!("/api/v1/staff/applications/{case_id}/files/{file_id}") target="_blank" rel="noopener">{name}</a> }
}

#[component]
fn CaseMaterials(case: CaseView) -> impl IntoView {
    let i18n = use_i18n();
    let rows = case
        .materials
        .iter()
        .map(|m| {
            let value = match &m.provided {
                Some(Provided::Licence(l)) => {
                    view! { {t!(i18n, material_by_licence)}": "{localized(&l.title)}" "{l.number.clone()} }.into_any()
                }
                Some(Provided::File(f)) => file_link(&case.summary.id, &f.id, f.filename.clone()).into_any(),
                None => view! { <span>{t!(i18n, material_missing)}</span> }.into_any(),
            };
            (localized(&m.name).into_any(), value)
        })
        .collect();
    view! {
        <section aria-labelledby="case-materials">
            <h2 id="case-materials">{t!(i18n, materials_title)}</h2>
            <SummaryList rows />
        </section>
    }
}

/// Every shown answer, section by section; a file answer opens the file.
#[component]
fn CaseAnswers(case: CaseView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let sections = case
        .schema
        .sections
        .iter()
        .map(|section| {
            let rows = section
                .pages
                .iter()
                .filter(|p| case.schema.page_shown(p, &case.answers))
                .flat_map(|p| case.schema.shown_fields(p, &case.answers))
                .map(|field| {
                    let field = field.clone();
                    let label = localized(&field.label);
                    let answer = case.answers.get(&field.id).cloned();
                    let value = match &answer {
                        Some(Answer::File(file)) => file_link(&case.summary.id, &file.file_id, file.name.clone()).into_any(),
                        _ => (move || answer_text(&field, answer.as_ref(), lang.get())).into_any(),
                    };
                    (label.into_any(), value)
                })
                .collect();
            view! {
                <h3 class=style::section>{localized(&section.title)}</h3>
                <SummaryList rows />
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="case-answers">
            <h2 id="case-answers">{t!(i18n, answers_heading)}</h2>
            {sections}
        </section>
    }
}
