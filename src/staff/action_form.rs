use leptos::prelude::*;
use tongban_api::applications::ApplicationEvent;
use tongban_api::fields;
use tongban_api::staff::{ActionRequest, CaseView, CorrectionRequest};
use tongban_api::Localized;

use crate::api;
use crate::components::{on_answer, Button, Checkboxes, ErrorSummary, FormErrors, Radios, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "action_form.module.css");

const FIELDS: &[&str] = ActionRequest::FIELDS;

pub fn action_label(locale: Locale, event: ApplicationEvent) -> &'static str {
    match event {
        ApplicationEvent::Accept => td_string!(locale, action_accept),
        ApplicationEvent::NotAccept => td_string!(locale, action_not_accept),
        ApplicationEvent::StartReview => td_string!(locale, action_start_review),
        ApplicationEvent::RequestCorrections => td_string!(locale, action_request_corrections),
        ApplicationEvent::Approve => td_string!(locale, action_approve),
        ApplicationEvent::Reject => td_string!(locale, action_reject),
        ApplicationEvent::IssueResult => td_string!(locale, action_issue_result),
        ApplicationEvent::Close => td_string!(locale, action_close),
        ApplicationEvent::Submit | ApplicationEvent::Resubmit | ApplicationEvent::Withdraw => "",
    }
}

/// The actions the application's state allows. A correction notice ticks every item to fix,
/// each with its reason, from the form's questions and the guide's materials.
#[component]
pub fn ActionForm(case: CaseView, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let errors = RwSignal::new(FormErrors::default());
    let chosen = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let explanation = RwSignal::new(String::new());
    let legal_basis = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<String>::new());
    let reasons: Vec<Reason> = case
        .correction_options
        .iter()
        .map(|o| Reason { item: o.item.clone(), label: o.label.clone(), text: RwSignal::new(String::new()) })
        .collect();
    let reasons = StoredValue::new(reasons);
    let (state, notices_sent, version) = (case.summary.state, case.notices_sent, case.version);
    let id = StoredValue::new(case.summary.id.clone());
    let actions = StoredValue::new(case.actions.clone());
    let correcting = Memo::new(move |_| chosen.get() == ApplicationEvent::RequestCorrections.as_str());
    let refusing = Memo::new(move |_| {
        let c = chosen.get();
        c == ApplicationEvent::NotAccept.as_str() || c == ApplicationEvent::Reject.as_str()
    });
    let act = Action::new_local(move |request: &ActionRequest| {
        let request = request.clone();
        async move { api::staff_act(&id.get_value(), &request, lang.get_untracked()).await }
    });
    on_answer(act, errors, FIELDS, move |_| on_changed.run(()));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen_value = chosen.get_untracked();
        let Some(event) = actions.with_value(|all| all.iter().copied().find(|e| e.as_str() == chosen_value)) else {
            errors.set(FormErrors { fields: vec![("event".into(), t_string!(i18n, action_choose).to_string())], message: None });
            return;
        };
        let selected = items.get_untracked();
        let corrections = if event == ApplicationEvent::RequestCorrections {
            reasons.with_value(|all| {
                all.iter()
                    .filter(|r| selected.contains(&r.item))
                    .map(|r| CorrectionRequest { item: r.item.clone(), reason: r.text.get_untracked() })
                    .collect()
            })
        } else {
            Vec::new()
        };
        let request = ActionRequest {
            event,
            note: note.get_untracked(),
            legal_basis: legal_basis.get_untracked().parse().ok(),
            corrections,
            explanation: explanation.get_untracked(),
            version,
        };
        match request.validate(state, notices_sent) {
            Ok(()) => {
                act.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let event_options = case
        .actions
        .iter()
        .map(|e| {
            let e = *e;
            (e.as_str().to_string(), Signal::derive(move || action_label(i18n.get_locale(), e).to_string()))
        })
        .collect();
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <section aria-labelledby="action-heading" class=style::panel>
            <h2 id="action-heading">{t!(i18n, action_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="action" />
            <form on:submit=on_submit novalidate>
                <Radios id="action-event".into() legend=tr(|l| td_string!(l, action_legend)) error=field_error(fields::EVENT)
                    options=event_options selected=chosen />
                <Show when=move || correcting.get()>
                    <CorrectionItems reasons items explanation notices_sent
                        items_error=field_error(fields::CORRECTIONS) explanation_error=field_error(fields::EXPLANATION) />
                </Show>
                <TextField id="action-note".into()
                    label=Signal::derive(move || if refusing.get() { t_string!(i18n, action_reasons).to_string() } else { t_string!(i18n, action_note).to_string() })
                    error=field_error(fields::NOTE) value=note multiline=true />
                <Show when=move || refusing.get()>
                    <LegalBasisChoice bases=case.legal_bases.clone() selected=legal_basis error=field_error(fields::LEGAL_BASIS) />
                </Show>
                <Button submit=true busy=act.pending()>{t!(i18n, action_submit)}</Button>
            </form>
        </section>
    }
}

/// One item a correction notice may name, with the officer's reason for it.
#[derive(Clone)]
struct Reason {
    item: String,
    label: Localized,
    text: RwSignal<String>,
}

/// The items to fix, ticked, each with its reason; a second notice also says why it is needed.
#[component]
fn CorrectionItems(
    reasons: StoredValue<Vec<Reason>>,
    items: RwSignal<Vec<String>>,
    explanation: RwSignal<String>,
    notices_sent: u32,
    items_error: Signal<Option<String>>,
    explanation_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let item_options: Vec<(String, Signal<String>)> =
        reasons.with_value(|all| all.iter().map(|r| (r.item.clone(), Signal::derive(localized(&r.label)))).collect());
    view! {
        <Checkboxes id="action-corrections".into() legend=tr(|l| td_string!(l, correction_items))
            hint=tr(|l| td_string!(l, correction_items_hint)) error=items_error options=item_options selected=items />
        {move || reasons.with_value(|all| all.iter()
            .filter(|r| items.read().contains(&r.item))
            .map(|r| {
                let label = r.label.clone();
                view! {
                    <TextField id=format!("action-reason-{}", r.item.replace(':', "-"))
                        label=Signal::derive(move || format!("{}：{}", t_string!(i18n, correction_reason), label.get(lang.get())))
                        error=Signal::derive(|| None::<String>) value=r.text />
                }
            })
            .collect_view())}
        {(notices_sent > 0).then(|| view! {
            <TextField id="action-explanation".into() label=tr(|l| td_string!(l, correction_explanation))
                hint=tr(|l| td_string!(l, correction_explanation_hint)) error=explanation_error
                value=explanation multiline=true />
        })}
    }
}

/// Which of the service's legal bases a refusal rests on.
#[component]
fn LegalBasisChoice(bases: Vec<Localized>, selected: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let options: Vec<(String, Signal<String>)> =
        bases.iter().enumerate().map(|(i, basis)| (i.to_string(), Signal::derive(localized(basis)))).collect();
    view! {
        <Radios id="action-legal_basis".into() legend=tr(|l| td_string!(l, action_legal_basis))
            hint=tr(|l| td_string!(l, action_legal_basis_hint)) error options selected />
    }
}
