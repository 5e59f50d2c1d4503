use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use tongban_api::materials::{FileView, LicenceView, MaterialSlot, MaterialsView, Provided, UseFileRequest, UseLicenceRequest};

use super::load::use_application;
use crate::api::{self, ApiError};
use crate::components::{Button, ErrorSummary, FileUpload, FormErrors, LoadError, Skeleton, SummaryList, Tag, TagTone};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, localized, tr, use_lang};

stylance::import_style!(style, "materials_page.module.css");

/// The materials of an application: each is a held e-licence (shown, then used once the
/// applicant confirms), a file from an earlier application, or a new upload with its progress.
#[component]
pub fn MaterialsPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (id, _) = use_application();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move { api::materials(&id, lang.get_untracked()).await }
    });
    let view_state = RwSignal::new(None::<MaterialsView>);
    Effect::new(move |_| {
        if let Some(Ok(view)) = loaded.get() {
            view_state.set(Some(view));
        }
    });
    let errors = RwSignal::new(FormErrors::default());
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, materials_title), t_string!(i18n, app_full_name)) />
        <RequireSignIn>
            <a href=move || format!("/applications/{}", id.get()) class=style::back>
                <span aria-hidden="true">"‹ "</span>{t!(i18n, back_to_task_list)}
            </a>
            <ErrorSummary errors=errors.into() id_prefix="material" />
            <h1>{t!(i18n, materials_title)}</h1>
            <p>{t!(i18n, materials_lead)}</p>
            {move || match (view_state.get(), loaded.get()) {
                (Some(view), _) => view! { <Slots view id=id.get() state=view_state errors /> }.into_any(),
                (None, Some(Err(error))) => view! { <LoadError error on_retry=move || loaded.refetch() /> }.into_any(),
                _ => view! { <Skeleton lines=6 /> }.into_any(),
            }}
            <p><a href=move || format!("/applications/{}", id.get()) class=style::button role="button">{t!(i18n, materials_done)}</a></p>
        </RequireSignIn>
    }
}

#[component]
fn Slots(view: MaterialsView, id: String, state: RwSignal<Option<MaterialsView>>, errors: RwSignal<FormErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let fetched = (!view.fetched_by_department.is_empty()).then(|| {
        view! {
            <div class=style::inset>
                <p>{t!(i18n, materials_fetched)}</p>
                <ul>{view.fetched_by_department.iter().map(|m| view! { <li>{localized(m)}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let verify = view.licences_after_verification.then(|| {
        let href = format!("/account/verify?return=/applications/{id}/materials");
        view! {
            <div class=style::inset>
                <p>{t!(i18n, materials_verify_for_licences)}</p>
                <p><a href=href class=style::link>{t!(i18n, materials_verify_link)}</a></p>
            </div>
        }
    });
    view! {
        {verify}
        {fetched}
        {view.slots.into_iter().map(|slot| view! { <MaterialBlock material=slot id=id.clone() state errors /> }).collect_view()}
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[component]
fn MaterialBlock(
    material: MaterialSlot,
    id: String,
    state: RwSignal<Option<MaterialsView>>,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let slot = material;
    let code = StoredValue::new(slot.code.clone());
    let id = StoredValue::new(id);
    let heading_id = format!("material-{}-heading", slot.code);
    let input_id = format!("material-{}", slot.code);
    let progress = RwSignal::new(None::<f64>);
    let confirmed = RwSignal::new(false);
    let name = slot.name.clone();

    // Every action answers with all materials; problems are said at the top and beside this one.
    let finish = move |result: Result<MaterialsView, ApiError>| match result {
        Ok(view) => {
            errors.set(FormErrors::default());
            state.set(Some(view));
        }
        Err(error) => {
            let locale = i18n.get_locale_untracked();
            let message = error
                .fields
                .values()
                .next()
                .cloned()
                .unwrap_or_else(|| FormErrors::from_api(&error, &[], locale).message.unwrap_or_default());
            errors.set(FormErrors { fields: vec![(code.get_value(), message)], message: None });
        }
    };
    let remove = Callback::new(move |()| {
        spawn_local(async move { finish(api::remove_material(&id.get_value(), &code.get_value(), lang.get_untracked()).await) });
    });
    let use_licence = move |licence_id: String| {
        if !confirmed.get_untracked() {
            errors.set(FormErrors { fields: vec![(code.get_value(), t_string!(i18n, licence_confirm_first).to_string())], message: None });
            return;
        }
        spawn_local(async move {
            let request = UseLicenceRequest { licence_id, confirmed: true };
            finish(api::use_licence(&id.get_value(), &code.get_value(), &request, lang.get_untracked()).await)
        });
    };
    let use_file = move |file_id: String| {
        spawn_local(async move {
            finish(api::use_earlier_file(&id.get_value(), &code.get_value(), &UseFileRequest { file_id }, lang.get_untracked()).await)
        });
    };
    let upload = Callback::new(move |file: web_sys::File| {
        progress.set(Some(0.0));
        spawn_local(async move {
            let path = format!("/applications/{}/materials/{}/upload", api::encode(&id.get_value()), api::encode(&code.get_value()));
            let result = api::upload(&path, file, lang.get_untracked(), move |sent| {
                let _ = progress.try_set(Some(sent));
            })
            .await;
            let _ = progress.try_set(None);
            finish(result);
        });
    });
    let upload_problem = Callback::new(move |message: String| {
        errors.set(FormErrors { fields: vec![(code.get_value(), message)], message: None });
    });
    let error = move || errors.read().field(&code.get_value());
    let provided = slot.provided.clone().map(|p| match p {
        Provided::Licence(licence) => view! { <LicenceCard licence /> }.into_any(),
        Provided::File(file) => view! { <FileLine file /> }.into_any(),
    });
    let has_provided = slot.provided.is_some();
    let tag = if slot.needs_correction {
        view! { <Tag tone=TagTone::Info>{t!(i18n, material_again)}</Tag> }.into_any()
    } else if has_provided {
        view! { <Tag tone=TagTone::Good>{t!(i18n, material_provided)}</Tag> }.into_any()
    } else {
        view! { <Tag tone=TagTone::Neutral>{t!(i18n, material_missing)}</Tag> }.into_any()
    };
    let licences = slot.licences.clone();
    let earlier = slot.earlier_files.clone();
    view! {
        <section aria-labelledby=heading_id.clone() class=style::slot class=(style::has_error, move || error().is_some())>
            <h2 id=heading_id.clone() class=style::name>{localized(&name)}" "{tag}</h2>
            {slot.note.as_ref().map(|n| view! { <p class=style::hint>{localized(n)}</p> })}
            {move || error().map(|m| view! { <p class=style::error>{m}</p> })}
            {provided}
            {has_provided.then(|| view! { <Button secondary=true on_click=remove>{t!(i18n, material_remove)}<span class="visually-hidden">" "{localized(&slot.name)}</span></Button> })}
            {(!has_provided || slot.needs_correction).then(|| view! {
                {(!licences.is_empty()).then(|| view! {
                    <div class=style::option>
                        <h3 class=style::option_title>{t!(i18n, licence_held)}</h3>
                        {licences.iter().cloned().map(|licence| {
                            let licence_id = licence.id.clone();
                            view! {
                                <LicenceCard licence />
                                <div class=style::confirm>
                                    <input type="checkbox" id=format!("{}-confirm", code.get_value()) class=style::checkbox
                                        prop:checked=move || confirmed.get() on:change=move |ev| confirmed.set(event_target_checked(&ev)) />
                                    <label for=format!("{}-confirm", code.get_value())>{t!(i18n, licence_confirm)}</label>
                                </div>
                                <Button on_click=Callback::new(move |()| use_licence(licence_id.clone()))>{t!(i18n, licence_use)}</Button>
                            }
                        }).collect_view()}
                    </div>
                })}
                {(!earlier.is_empty()).then(|| view! {
                    <div class=style::option>
                        <h3 class=style::option_title>{t!(i18n, earlier_files)}</h3>
                        <ul class=style::files>
                            {earlier.iter().cloned().map(|file| {
                                let file_id = file.id.clone();
                                view! {
                                    <li><FileLine file /> <Button secondary=true on_click=Callback::new(move |()| use_file(file_id.clone()))>{t!(i18n, earlier_use)}</Button></li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                })}
                // The slot says its problem at its top; the upload only draws the file part.
                <FileUpload input_id=input_id.clone() label=tr(|l| td_string!(l, upload_label))
                    error=Signal::derive(|| None::<String>) progress on_file=upload on_problem=upload_problem />
            })}
        </section>
    }
}

#[component]
fn LicenceCard(licence: LicenceView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class=style::licence>
            <p class=style::licence_title>{localized(&licence.title)}</p>
            <SummaryList rows=vec![
                (t!(i18n, licence_number).into_any(), licence.number.clone().into_any()),
                (t!(i18n, licence_holder).into_any(), licence.holder_name.clone().into_any()),
                (t!(i18n, licence_issuer).into_any(), localized(&licence.issuer).into_any()),
                (t!(i18n, licence_issued_on).into_any(), licence.issued_on.clone().into_any()),
                (t!(i18n, licence_valid_until).into_any(), licence.valid_until.clone().unwrap_or_else(|| "—".into()).into_any()),
            ] />
        </div>
    }
}

#[component]
fn FileLine(file: FileView) -> impl IntoView {
    let lang = use_lang();
    let uploaded = file.uploaded_at;
    view! {
        <span class=style::file_line>
            <a href=format!("/api/v1/files/{}", file.id) target="_blank" rel="noopener" class=style::link>{file.filename.clone()}</a>
            " · "{size_text(file.size)}" · "{move || format_time(uploaded, lang.get())}
        </span>
    }
}
