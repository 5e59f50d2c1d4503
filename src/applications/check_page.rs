use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use tongban_api::applications::{ApplicationDetail, ApplicationState, Declaration, PasskeySignature, SubmitRequest};
use tongban_api::fields;
use tongban_api::materials::Provided;

use super::answer_text::answer_text;
use super::load::ApplicationPage;
use crate::api;
use crate::components::{on_answer, BackLink, Button, ErrorSummary, FormErrors, SummaryList, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};
use crate::passkey;

stylance::import_style!(style, "check_page.module.css");

const FIELDS: &[&str] = SubmitRequest::FIELDS;

/// "Check your answers", each with a change link, then the declaration: the server works out the
/// digest of exactly what will be submitted, the applicant confirms it with a code sent to
/// their phone, and it is submitted once.
#[component]
pub fn CheckPage() -> impl IntoView {
    view! { <ApplicationPage page=|detail, _| view! { <Check detail /> } /> }
}

#[component]
fn Check(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.summary.id.clone();
    // While correcting, only the pages the notice names can change.
    let correcting = detail.summary.state == ApplicationState::CorrectionsRequested;
    let service = localized(&detail.summary.service_name);
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, check_title), t_string!(i18n, app_full_name)) />
        <BackLink href=format!("/applications/{id}")>{t!(i18n, back_to_task_list)}</BackLink>
        <p class=style::caption>{service}</p>
        <h1>{t!(i18n, check_title)}</h1>
        <AnswerSections detail correcting />
        <MaterialsSummary id=id.clone() correcting />
        <Declare id />
    }
}

/// Each section's shown answers, with a change link where the answer may still change.
#[component]
fn AnswerSections(detail: ApplicationDetail, correcting: bool) -> impl IntoView {
    let lang = use_lang();
    let id = detail.summary.id.clone();
    let (schema, answers) = (&detail.schema, &detail.answers);
    let reopened: Vec<String> = detail.corrections.iter().filter_map(|c| c.page.clone()).collect();
    schema
        .sections
        .iter()
        .map(|section| {
            let rows: Vec<_> = section
                .pages
                .iter()
                .filter(|p| schema.page_shown(p, answers))
                .flat_map(|page| {
                    let href =
                        (!correcting || reopened.contains(&page.id)).then(|| format!("/applications/{id}/pages/{}?return=check", page.id));
                    schema.shown_fields(page, answers).map(move |field| {
                        let answer = answers.get(&field.id).cloned();
                        let label = localized(&field.label);
                        let value = {
                            let field = field.clone();
                            move || answer_text(&field, answer.as_ref(), lang.get())
                        };
                        (label.clone().into_any(), view! { <Answer value href=href.clone() label /> }.into_any())
                    })
                })
                .collect();
            let heading_id = format!("check-{}", section.id);
            view! {
                <section aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone() class=style::section>{localized(&section.title)}</h2>
                    <SummaryList rows />
                </section>
            }
        })
        .collect_view()
}

/// What each material is provided by, with a link to change it while that is allowed.
#[component]
fn MaterialsSummary(id: String, correcting: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let href = format!("/applications/{id}/materials");
    let materials = LocalResource::new(move || {
        let id = id.clone();
        async move { api::materials(&id, lang.get_untracked()).await }
    });
    move || {
        materials.get().and_then(Result::ok).map(|view| {
            let rows = view
                .slots
                .iter()
                .map(|slot| {
                    let provided = slot.provided.clone();
                    let value = move || match &provided {
                        Some(Provided::Licence(l)) => {
                            format!("{}：{} {}", t_string!(i18n, material_by_licence), l.title.get(lang.get()), l.number)
                        }
                        Some(Provided::File(f)) => f.filename.clone(),
                        None => t_string!(i18n, material_missing).to_string(),
                    };
                    let label = localized(&slot.name);
                    (label.clone().into_any(), view! { <Answer value href=(!correcting).then(|| href.clone()) label /> }.into_any())
                })
                .collect();
            view! {
                <section aria-labelledby="check-materials">
                    <h2 id="check-materials" class=style::section>{t!(i18n, materials_title)}</h2>
                    <SummaryList rows />
                </section>
            }
        })
    }
}

/// One answer, and the link to change it, named for screen readers.
#[component]
fn Answer(
    value: impl Fn() -> String + Send + Sync + 'static,
    href: Option<String>,
    label: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=style::answer>{value}</span>
        {href.map(|href| view! { <a href=href class=style::change>{t!(i18n, change)}<span class="visually-hidden">" "{label}</span></a> })}
    }
}

/// The declaration, signed with a passkey (over the digest itself) or confirmed with a code sent
/// by SMS; either way the application is submitted once.
#[component]
fn Declare(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let errors = RwSignal::new(FormErrors::default());
    let declaration = RwSignal::new(None::<Declaration>);
    let code = RwSignal::new(String::new());
    let id = StoredValue::new(id);
    let locale = move || i18n.get_locale_untracked();
    let ask = Action::new_local(move |(): &()| async move { api::declaration(&id.get_value(), lang.get_untracked()).await });
    on_answer(ask, errors, FIELDS, move |d| declaration.set(Some(d)));
    let by_code = Action::new_local(move |request: &SubmitRequest| {
        let request = request.clone();
        async move { api::submit_application(&id.get_value(), &request, lang.get_untracked()).await }
    });
    let navigate_after_code = navigate.clone();
    on_answer(by_code, errors, FIELDS, move |done| {
        navigate_after_code(&format!("/applications/{}/done", done.summary.id), Default::default())
    });
    // The browser can refuse too, so this one's failures are the form's errors already.
    let by_passkey = Action::new_local(move |(): &()| async move {
        let lang = lang.get_untracked();
        let declaration = api::passkey_declaration(&id.get_value(), lang).await.map_err(|e| FormErrors::from_api(&e, FIELDS, locale()))?;
        let credential = passkey::get(declaration.options).await.map_err(|r| FormErrors::about_form(r.message(locale())))?;
        let passkey = Some(PasskeySignature { ceremony: declaration.ceremony, credential });
        let request = SubmitRequest { digest: declaration.digest, code: String::new(), passkey };
        api::submit_application(&id.get_value(), &request, lang).await.map_err(|e| FormErrors::from_api(&e, FIELDS, locale()))
    });
    Effect::new(move |_| match by_passkey.value().get() {
        Some(Ok(done)) => navigate(&format!("/applications/{}/done", done.summary.id), Default::default()),
        Some(Err(problem)) => errors.set(problem),
        None => {}
    });
    let (asking, submitting, signing) = (ask.pending(), by_code.pending(), by_passkey.pending());
    let busy = Signal::derive(move || asking.get() || submitting.get() || signing.get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(signed) = declaration.get_untracked() else { return };
        let request = SubmitRequest { digest: signed.digest, code: code.get_untracked(), passkey: None };
        match request.validate() {
            Ok(()) => {
                by_code.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    view! {
        <section aria-labelledby="declaration-heading" class=style::declaration>
            <h2 id="declaration-heading">{t!(i18n, declaration_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="declare" />
            <p>{t!(i18n, declaration_text)}</p>
            <PasskeyDeclaration busy on_sign=Callback::new(move |()| {
                errors.set(FormErrors::default());
                by_passkey.dispatch(());
            }) />
            <Show
                when=move || declaration.read().is_some()
                fallback=move || view! { <Button on_click=Callback::new(move |()| { ask.dispatch(()); }) busy>{t!(i18n, declaration_send_code)}</Button> }
            >
                <p role="status">
                    {move || declaration.get().map(|d| td_string!(i18n.get_locale(), declaration_code_sent, phone = d.phone_masked))}
                </p>
                <p class=style::digest>
                    {t!(i18n, declaration_digest)}": "<code>{move || declaration.get().map(|d| d.digest[..16].to_string())}</code>
                </p>
                <form on:submit=submit novalidate>
                    <TextField id="declare-code".into() label=tr(|l| td_string!(l, field_code)) hint=tr(|l| td_string!(l, field_code_hint))
                        error=Signal::derive(move || errors.read().field(fields::CODE)) value=code autocomplete="one-time-code" inputmode="numeric" narrow=true />
                    <Button submit=true busy>{t!(i18n, declaration_submit)}</Button>
                </form>
            </Show>
        </section>
    }
}

/// Signing with a passkey, offered when this browser can and the account has one.
#[component]
fn PasskeyDeclaration(busy: Signal<bool>, on_sign: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let has_passkey = LocalResource::new(move || async move {
        passkey::supported() && api::passkeys(lang.get_untracked()).await.is_ok_and(|list| !list.is_empty())
    });
    move || {
        has_passkey.get().unwrap_or(false).then(|| {
            view! {
                <div class=style::passkey>
                    <p>{t!(i18n, declaration_passkey_lead)}</p>
                    <Button on_click=on_sign busy>{t!(i18n, declaration_passkey)}</Button>
                    <p class=style::or>{t!(i18n, declaration_or_sms)}</p>
                </div>
            }
        })
    }
}
