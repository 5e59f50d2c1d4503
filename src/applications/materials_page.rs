use leptos::prelude::*;
use leptos_meta::Title;
use tongban_api::materials::{FileView, LicenceView, MaterialSlot, MaterialsView, Provided, UseFileRequest, UseLicenceRequest};

use super::load::use_application;
use crate::api;
use crate::components::{
    BackLink, Button, ButtonLink, ErrorMessage, ErrorSummary, FileUpload, FormErrors, Hint, LoadError, Skeleton, SummaryList, Tag, TagTone,
};
use crate::i18n::*;
use crate::identity::RequireSignIn;
use crate::lang::{format_time, localized, tr, use_lang};
use crate::session::returning_to;

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
            <BackLink href=Signal::derive(move || format!("/applications/{}", id.get()))>{t!(i18n, back_to_task_list)}</BackLink>
            <ErrorSummary errors=errors.into() id_prefix="material" />
            <h1>{t!(i18n, materials_title)}</h1>
            <p>{t!(i18n, materials_lead)}</p>
            {move || match (view_state.get(), loaded.get()) {
                (Some(view), _) => view! { <Slots view id=id.get() state=view_state errors /> }.into_any(),
                (None, Some(Err(error))) => view! { <LoadError error on_retry=move || loaded.refetch() /> }.into_any(),
                _ => view! { <Skeleton lines=6 /> }.into_any(),
            }}
            <p><ButtonLink href=Signal::derive(move || format!("/applications/{}", id.get()))>{t!(i18n, materials_done)}</ButtonLink></p>
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
        let href = returning_to("/account/verify", &format!("/applications/{id}/materials"));
        view! {
            <div class=style::inset>
                <p>{t!(i18n, materials_verify_for_licences)}</p>
                <p><a href=href>{t!(i18n, materials_verify_link)}</a></p>
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

/// What a button of a material block asks for.
#[derive(Clone)]
enum Change {
    Remove,
    UseLicence(String),
    UseFile(String),
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
    let progress = RwSignal::new(None::<f64>);
    let change = Action::new_local(move |change: &Change| {
        let (change, id, code, lang) = (change.clone(), id.get_value(), code.get_value(), lang.get_untracked());
        async move {
            match change {
                Change::Remove => api::remove_material(&id, &code, lang).await,
                Change::UseLicence(licence_id) => {
                    api::use_licence(&id, &code, &UseLicenceRequest { licence_id, confirmed: true }, lang).await
                }
                Change::UseFile(file_id) => api::use_earlier_file(&id, &code, &UseFileRequest { file_id }, lang).await,
            }
        }
    });
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            api::upload_material(&id.get_value(), &code.get_value(), file, lang.get_untracked(), move |sent| progress.set(Some(sent))).await
        }
    });
    // Every change answers with all materials; a problem is said at the top and beside this one.
    let problem = move |message: String| errors.set(FormErrors { fields: vec![(code.get_value(), message)], message: None });
    for answer in [change.value(), upload.value()] {
        Effect::new(move |_| match answer.get() {
            Some(Ok(view)) => {
                errors.set(FormErrors::default());
                state.set(Some(view));
            }
            Some(Err(error)) => {
                let whole = FormErrors::from_api(&error, &[], i18n.get_locale_untracked());
                problem(error.fields.values().next().cloned().or(whole.message).unwrap_or_default())
            }
            None => {}
        });
    }
    let (changing, uploading) = (change.pending(), upload.pending());
    let busy = Signal::derive(move || changing.get() || uploading.get());
    let error = move || errors.read().field(&code.get_value());
    let has_provided = slot.provided.is_some();
    let name = slot.name.clone();
    view! {
        <section aria-labelledby=heading_id.clone() class=style::slot class=(style::has_error, move || error().is_some())>
            <h2 id=heading_id.clone() class=style::name>{localized(&name)}" "<MaterialTag needs_correction=slot.needs_correction has_provided /></h2>
            {slot.note.clone().map(|n| view! { <Hint>{localized(&n)}</Hint> })}
            {move || error().map(|m| view! { <ErrorMessage>{m}</ErrorMessage> })}
            {slot.provided.clone().map(|provided| view! {
                {match provided {
                    Provided::Licence(licence) => view! { <LicenceCard licence /> }.into_any(),
                    Provided::File(file) => view! { <FileLine file /> }.into_any(),
                }}
                <Button secondary=true busy on_click=Callback::new(move |()| { change.dispatch_local(Change::Remove); })>
                    {t!(i18n, material_remove)}<span class="visually-hidden">" "{localized(&slot.name)}</span>
                </Button>
            })}
            {(!has_provided || slot.needs_correction).then(|| view! {
                <LicenceOptions licences=slot.licences.clone() code=code.get_value() busy
                    on_use=Callback::new(move |licence_id| { change.dispatch_local(Change::UseLicence(licence_id)); })
                    on_unconfirmed=Callback::new(move |()| problem(t_string!(i18n, licence_confirm_first).to_string())) />
                <EarlierFiles files=slot.earlier_files.clone() busy
                    on_use=Callback::new(move |file_id| { change.dispatch_local(Change::UseFile(file_id)); }) />
                // The slot says its problem at its top; the upload only draws the file part.
                <FileUpload input_id=format!("material-{}", code.get_value()) label=tr(|l| td_string!(l, upload_label))
                    error=Signal::derive(|| None::<String>) busy=uploading progress
                    on_file=Callback::new(move |file: web_sys::File| {
                        progress.set(Some(0.0));
                        upload.dispatch_local(file);
                    })
                    on_problem=Callback::new(problem) />
            })}
        </section>
    }
}

#[component]
fn MaterialTag(needs_correction: bool, has_provided: bool) -> impl IntoView {
    let i18n = use_i18n();
    if needs_correction {
        view! { <Tag tone=TagTone::Info>{t!(i18n, material_again)}</Tag> }.into_any()
    } else if has_provided {
        view! { <Tag tone=TagTone::Good>{t!(i18n, material_provided)}</Tag> }.into_any()
    } else {
        view! { <Tag tone=TagTone::Neutral>{t!(i18n, material_missing)}</Tag> }.into_any()
    }
}

/// Licences the government holds that would do, each used only once the applicant confirms it.
#[component]
fn LicenceOptions(
    licences: Vec<LicenceView>,
    code: String,
    #[prop(into)] busy: Signal<bool>,
    on_use: Callback<String>,
    on_unconfirmed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirmed = RwSignal::new(false);
    let confirm_id = format!("{code}-confirm");
    (!licences.is_empty()).then(|| {
        view! {
            <div class=style::option>
                <h3 class=style::option_title>{t!(i18n, licence_held)}</h3>
                {licences.into_iter().map(|licence| {
                    let licence_id = licence.id.clone();
                    view! {
                        <LicenceCard licence />
                        <div class=style::confirm>
                            <input type="checkbox" id=confirm_id.clone() class=style::checkbox
                                prop:checked=move || confirmed.get() on:change=move |ev| confirmed.set(event_target_checked(&ev)) />
                            <label for=confirm_id.clone()>{t!(i18n, licence_confirm)}</label>
                        </div>
                        <Button busy on_click=Callback::new(move |()| {
                            if confirmed.get_untracked() { on_use.run(licence_id.clone()) } else { on_unconfirmed.run(()) }
                        })>{t!(i18n, licence_use)}</Button>
                    }
                }).collect_view()}
            </div>
        }
    })
}

/// Files the applicant gave for the same material before, to give again.
#[component]
fn EarlierFiles(files: Vec<FileView>, #[prop(into)] busy: Signal<bool>, on_use: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    (!files.is_empty()).then(|| {
        view! {
            <div class=style::option>
                <h3 class=style::option_title>{t!(i18n, earlier_files)}</h3>
                <ul class=style::files>
                    {files.into_iter().map(|file| {
                        let file_id = file.id.clone();
                        view! {
                            <li><FileLine file /> <Button secondary=true busy on_click=Callback::new(move |()| on_use.run(file_id.clone()))>{t!(i18n, earlier_use)}</Button></li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
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
            <a href=format!("/api/v1/files/{}", file.id) target="_blank" rel="noopener">{file.filename.clone()}</a>
            " · "{size_text(file.size)}" · "{move || format_time(uploaded, lang.get())}
        </span>
    }
}
