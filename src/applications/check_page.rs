use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use tongban_api::applications::{ApplicationDetail, Declaration, PasskeySignature, SubmitRequest};
use tongban_api::materials::Provided;

use super::answer_text::answer_text;
use super::load::ApplicationPage;
use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, SummaryList, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};
use crate::passkey;

stylance::import_style!(style, "check_page.module.css");

const FIELDS: &[&str] = &["code"];

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
    let lang = use_lang();
    let id = detail.summary.id.clone();
    let schema = &detail.schema;
    let answers = &detail.answers;
    // While correcting, only the pages the notice names can change.
    let correcting = detail.summary.state == tongban_api::applications::ApplicationState::CorrectionsRequested;
    let reopened: Vec<String> = detail.corrections.iter().filter_map(|c| c.page.clone()).collect();
    let sections = schema
        .sections
        .iter()
        .map(|section| {
            let rows: Vec<_> = section
                .pages
                .iter()
                .filter(|p| schema.page_shown(p, answers))
                .flat_map(|page| {
                    let id = id.clone();
                    let reopened = reopened.clone();
                    schema.shown_fields(page, answers).map(move |field| {
                        let field = field.clone();
                        let answer = answers.get(&field.id).cloned();
                        let href = (!correcting || reopened.contains(&page.id))
                            .then(|| format!("/applications/{id}/pages/{}?return=check", page.id));
                        let label = localized(&field.label);
                        let change_label = label.clone();
                        let value = {
                            let field = field.clone();
                            move || answer_text(&field, answer.as_ref(), lang.get())
                        };
                        (
                            label.into_any(),
                            view! {
                                <span class=style::answer>{value}</span>
                                {href.map(|href| view! {
                                    <a href=href class=style::change>
                                        {t!(i18n, change)}<span class="visually-hidden">" "{change_label}</span>
                                    </a>
                                })}
                            }
                            .into_any(),
                        )
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
        .collect_view();
    let service = localized(&detail.summary.service_name);
    let materials_id = id.clone();
    let materials = LocalResource::new(move || {
        let id = materials_id.clone();
        async move { api::materials(&id, lang.get_untracked()).await }
    });
    let materials_href = format!("/applications/{id}/materials");
    let materials_section = move || {
        materials.get().and_then(Result::ok).map(|view| {
            let rows = view
                .slots
                .iter()
                .map(|slot| {
                    let value = match &slot.provided {
                        Some(Provided::Licence(l)) => format!("{}：{} {}", t_string!(i18n, material_by_licence), l.title.get(lang.get()), l.number),
                        Some(Provided::File(f)) => f.filename.clone(),
                        None => t_string!(i18n, material_missing).to_string(),
                    };
                    let href = materials_href.clone();
                    let name = localized(&slot.name);
                    let change_label = name.clone();
                    (
                        name.into_any(),
                        view! {
                            <span class=style::answer>{value}</span>
                            {(!correcting).then(|| view! {
                                <a href=href class=style::change>{t!(i18n, change)}<span class="visually-hidden">" "{change_label}</span></a>
                            })}
                        }
                        .into_any(),
                    )
                })
                .collect();
            view! {
                <section aria-labelledby="check-materials">
                    <h2 id="check-materials" class=style::section>{t!(i18n, materials_title)}</h2>
                    <SummaryList rows />
                </section>
            }
        })
    };
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, check_title), t_string!(i18n, app_full_name)) />
        <a href=format!("/applications/{id}") class=style::back><span aria-hidden="true">"‹ "</span>{t!(i18n, back_to_task_list)}</a>
        <p class=style::caption>{service}</p>
        <h1>{t!(i18n, check_title)}</h1>
        {sections}
        {materials_section}
        <Declare id=id.clone() />
    }
}

#[component]
fn Declare(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let errors = RwSignal::new(FormErrors::default());
    let declaration = RwSignal::new(None::<Declaration>);
    let code = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let ask = Callback::new(move |()| {
        busy.set(true);
        spawn_local(async move {
            let result = api::declaration(&id.get_value(), lang.get_untracked()).await;
            let _ = busy.try_set(false);
            match result {
                Ok(d) => {
                    errors.set(FormErrors::default());
                    declaration.set(Some(d));
                }
                Err(error) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
            }
        });
    });
    let navigate_after_code = navigate.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(signed) = declaration.get_untracked() else { return };
        let request = SubmitRequest { digest: signed.digest, code: code.get_untracked(), passkey: None };
        if let Err(problems) = request.validate() {
            errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked()));
            return;
        }
        busy.set(true);
        let navigate = navigate_after_code.clone();
        spawn_local(async move {
            match api::submit_application(&id.get_value(), &request, lang.get_untracked()).await {
                Ok(done) => navigate(&format!("/applications/{}/done", done.summary.id), Default::default()),
                Err(error) => {
                    let _ = busy.try_set(false);
                    let _ = errors.try_set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked()));
                }
            }
        });
    };
    // With a passkey on the account, the declaration is signed with it: the signature covers the
    // digest itself. The code by SMS stays as the other way.
    let has_passkey = LocalResource::new(move || async move {
        passkey::supported() && api::passkeys(lang.get_untracked()).await.is_ok_and(|list| !list.is_empty())
    });
    let sign_with_passkey = Callback::new({
        let navigate = navigate.clone();
        move |()| {
            busy.set(true);
            errors.set(FormErrors::default());
            let navigate = navigate.clone();
            spawn_local(async move {
                let lang = lang.get_untracked();
                let locale = i18n.get_locale_untracked();
                let result = async {
                    let declaration =
                        api::passkey_declaration(&id.get_value(), lang).await.map_err(|e| FormErrors::from_api(&e, FIELDS, locale))?;
                    let credential = passkey::get(declaration.options).await.map_err(|r| FormErrors::about_form(r.message(locale)))?;
                    let request = SubmitRequest {
                        digest: declaration.digest,
                        code: String::new(),
                        passkey: Some(PasskeySignature { ceremony: declaration.ceremony, credential }),
                    };
                    api::submit_application(&id.get_value(), &request, lang).await.map_err(|e| FormErrors::from_api(&e, FIELDS, locale))
                }
                .await;
                match result {
                    Ok(done) => navigate(&format!("/applications/{}/done", done.summary.id), Default::default()),
                    Err(problem) => {
                        let _ = busy.try_set(false);
                        let _ = errors.try_set(problem);
                    }
                }
            });
        }
    });
    view! {
        <section aria-labelledby="declaration-heading" class=style::declaration>
            <h2 id="declaration-heading">{t!(i18n, declaration_heading)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="declare" />
            <p>{t!(i18n, declaration_text)}</p>
            {move || has_passkey.get().unwrap_or(false).then(|| view! {
                <div class=style::passkey>
                    <p>{t!(i18n, declaration_passkey_lead)}</p>
                    <Button on_click=sign_with_passkey busy=busy>{t!(i18n, declaration_passkey)}</Button>
                    <p class=style::or>{t!(i18n, declaration_or_sms)}</p>
                </div>
            })}
            <Show
                when=move || declaration.read().is_some()
                fallback=move || view! { <Button on_click=ask busy=busy>{t!(i18n, declaration_send_code)}</Button> }
            >
                <p role="status">
                    {move || declaration.get().map(|d| td_string!(i18n.get_locale(), declaration_code_sent, phone = d.phone_masked))}
                </p>
                <p class=style::digest>
                    {t!(i18n, declaration_digest)}": "<code>{move || declaration.get().map(|d| d.digest[..16].to_string())}</code>
                </p>
                <form on:submit=submit.clone() novalidate>
                    <TextField id="declare-code".into() label=tr(|l| td_string!(l, field_code)) hint=tr(|l| td_string!(l, field_code_hint))
                        error=Signal::derive(move || errors.read().field("code")) value=code autocomplete="one-time-code" inputmode="numeric" narrow=true />
                    <Button submit=true busy=busy>{t!(i18n, declaration_submit)}</Button>
                </form>
            </Show>
        </section>
    }
}
