use leptos::prelude::*;
use leptos::task::spawn_local;
use tongban_api::applications::ApplicationEvent;
use tongban_api::staff::{ActionRequest, CaseView, CorrectionRequest};

use crate::api;
use crate::components::{Button, Checkboxes, ErrorSummary, FormErrors, Radios, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "action_form.module.css");

const FIELDS: &[&str] = &["event", "note", "legal_basis", "corrections", "explanation"];

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
    let busy = RwSignal::new(false);
    let options = case.correction_options.clone();
    let reasons: Vec<(String, tongban_api::Localized, RwSignal<String>)> =
        options.iter().map(|o| (o.item.clone(), o.label.clone(), RwSignal::new(String::new()))).collect();
    let reasons = StoredValue::new(reasons);
    let notices_sent = case.notices_sent;
    let version = case.version;
    let id = StoredValue::new(case.summary.id.clone());
    let actions = StoredValue::new(case.actions.clone());
    let correcting = Memo::new(move |_| chosen.get() == ApplicationEvent::RequestCorrections.as_str());
    let refusing = Memo::new(move |_| {
        let c = chosen.get();
        c == ApplicationEvent::NotAccept.as_str() || c == ApplicationEvent::Reject.as_str()
    });

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
                    .filter(|(item, ..)| selected.contains(item))
                    .map(|(item, _, reason)| CorrectionRequest { item: item.clone(), reason: reason.get_untracked() })
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
        errors.set(FormErrors::default());
        busy.set(true);
        spawn_local(async move {
            let result = api::staff_act(&id.get_value(), &request, lang.get_untracked()).await;
            let _ = busy.try_set(false);
            match result {
                Ok(_) => on_changed.run(()),
                Err(error) => {
                    let _ = errors.try_set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked()));
                }
            }
        });
    };
    let event_options = case
        .actions
        .iter()
        .map(|e| {
            let e = *e;
            (e.as_str().to_string(), Signal::derive(move || action_label(i18n.get_locale(), e).to_string()))
        })
        .collect();
    let item_options: Vec<(String, Signal<String>)> =
        options.iter().map(|o| (o.item.clone(), Signal::derive(localized(&o.label)))).collect();
    let basis_options: Vec<(String, Signal<String>)> =
        case.legal_bases.iter().enumerate().map(|(i, basis)| (i.to_string(), Signal::derive(localized(basis)))).collect();
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <section aria-labelledby="action-heading" class=style::panel>
            <h2 id="action-heading">{t!(i18n, action_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="action" />
            <form on:submit=on_submit novalidate>
                <Radios id="action-event".into() legend=tr(|l| td_string!(l, action_legend)) error=field_error("event")
                    options=event_options selected=chosen />
                <Show when=move || correcting.get()>
                    <Checkboxes id="action-corrections".into() legend=tr(|l| td_string!(l, correction_items))
                        hint=tr(|l| td_string!(l, correction_items_hint)) error=field_error("corrections")
                        options=item_options.clone() selected=items />
                    {move || reasons.with_value(|all| all.iter()
                        .filter(|(item, ..)| items.read().contains(item))
                        .map(|(item, label, reason)| {
                            let label = label.clone();
                            view! {
                                <TextField id=format!("action-reason-{}", item.replace(':', "-"))
                                    label=Signal::derive(move || format!("{}：{}", t_string!(i18n, correction_reason), label.get(lang.get())))
                                    error=Signal::derive(|| None::<String>) value=*reason />
                            }
                        })
                        .collect_view())}
                    {(notices_sent > 0).then(|| view! {
                        <TextField id="action-explanation".into() label=tr(|l| td_string!(l, correction_explanation))
                            hint=tr(|l| td_string!(l, correction_explanation_hint)) error=field_error("explanation")
                            value=explanation multiline=true />
                    })}
                </Show>
                <TextField id="action-note".into()
                    label=Signal::derive(move || if refusing.get() { t_string!(i18n, action_reasons).to_string() } else { t_string!(i18n, action_note).to_string() })
                    error=field_error("note") value=note multiline=true />
                <Show when=move || refusing.get()>
                    <Radios id="action-legal_basis".into() legend=tr(|l| td_string!(l, action_legal_basis))
                        hint=tr(|l| td_string!(l, action_legal_basis_hint)) error=field_error("legal_basis")
                        options=basis_options.clone() selected=legal_basis />
                </Show>
                <Button submit=true busy=busy>{t!(i18n, action_submit)}</Button>
            </form>
        </section>
    }
}
