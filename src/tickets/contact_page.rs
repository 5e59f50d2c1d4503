use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tongban_api::applications::ApplicationSummary;
use tongban_api::catalogue::Department;
use tongban_api::identity::CodePurpose;
use tongban_api::tickets::{FileTicketRequest, TicketAbout, TicketFiled, TicketKind};
use tongban_api::{fields, Localized};

use super::labels::kind_label;
use crate::api;
use crate::catalogue::labels::department_options;
use crate::components::{
    on_answer, Button, ErrorSummary, FormErrors, LoadError, NotificationBanner, Radios, Select, Skeleton, SummaryList, TextField,
};
use crate::i18n::*;
use crate::identity::{CodeTarget, SendCode};
use crate::lang::{localized, tr, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "contact_page.module.css");

const FIELDS: &[&str] = FileTicketRequest::FIELDS;

/// What the form can be about, loaded before it is drawn.
#[derive(Clone)]
struct Choices {
    departments: Vec<Department>,
    /// The person's submitted applications (none without an account).
    applications: Vec<ApplicationSummary>,
    /// The service the page was opened from (`?service=`), by name.
    service: Option<(String, Localized)>,
}

/// "Contact us" (客服): a consultation, complaint or suggestion about a service, a department or one
/// of the person's applications. Without an account, a consultation answered by text.
#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let query = use_query_map();
    let choices = LocalResource::new(move || {
        let signed_in = session.signed_in();
        let service = query.read().get("service");
        async move {
            let lang = lang.get_untracked();
            let departments = api::departments(lang).await?;
            let applications =
                if signed_in { api::applications(lang).await?.into_iter().filter(|a| a.number.is_some()).collect() } else { Vec::new() };
            let service = match service {
                Some(code) => api::service_guide(&code, lang).await.ok().map(|guide| (code, guide.name)),
                None => None,
            };
            Ok::<_, api::ApiError>(Choices { departments, applications, service })
        }
    });
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, contact_title), t_string!(i18n, app_full_name)) />
        <h1>{t!(i18n, contact_title)}</h1>
        <p class=style::lead>{t!(i18n, contact_lead)}</p>
        <Show when=move || session.loaded() fallback=|| view! { <Skeleton lines=6 /> }>
            <Transition fallback=|| view! { <Skeleton lines=6 /> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => {
                            let application = query.read_untracked().get("application");
                            view! { <ContactForm choices application signed_in=session.signed_in() /> }.into_any()
                        }
                        Err(error) => view! { <LoadError error on_retry=move || choices.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </Show>
    }
}

#[component]
fn ContactForm(choices: Choices, application: Option<String>, signed_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (about_start, ref_start) = match (&application, &choices.service) {
        (Some(id), _) if choices.applications.iter().any(|a| &a.id == id) => (TicketAbout::Application.as_str(), id.clone()),
        (_, Some((code, _))) => (TicketAbout::Service.as_str(), code.clone()),
        _ => ("", String::new()),
    };
    let kind = RwSignal::new(if signed_in { String::new() } else { TicketKind::Consultation.as_str().to_string() });
    let about = RwSignal::new(about_start.to_string());
    let department = RwSignal::new(String::new());
    let chosen_application = RwSignal::new(if about_start == "application" { ref_start.clone() } else { String::new() });
    let subject = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let filed = RwSignal::new(None::<TicketFiled>);
    let service = choices.service.clone();
    let service_code = StoredValue::new(service.as_ref().map(|(code, _)| code.clone()).unwrap_or_default());
    let send = Action::new_local(move |request: &FileTicketRequest| {
        let request = request.clone();
        async move { api::file_ticket(&request, lang.get_untracked()).await }
    });
    on_answer(send, errors, FIELDS, move |answer| filed.set(Some(answer)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let about_chosen = TicketAbout::parse(&about.get_untracked());
        let about_ref = match about_chosen {
            Some(TicketAbout::Service) => service_code.get_value(),
            Some(TicketAbout::Department) => department.get_untracked(),
            Some(TicketAbout::Application) => chosen_application.get_untracked(),
            None => String::new(),
        };
        let request = FileTicketRequest {
            kind: TicketKind::parse(&kind.get_untracked()),
            about: about_chosen,
            about_ref,
            subject: subject.get_untracked(),
            message: message.get_untracked(),
            phone: phone.get_untracked(),
            code: code.get_untracked(),
        };
        match request.validate(signed_in) {
            Ok(()) => {
                send.dispatch(request);
            }
            Err(found) => errors.set(FormErrors::from_problems(&found, FIELDS, lang.get_untracked())),
        }
    };
    let kinds = if signed_in { TicketKind::ALL.to_vec() } else { vec![TicketKind::Consultation] };
    let kinds = kinds.into_iter().map(|k| (k.as_str().to_string(), tr(move |l| kind_label(l, k)))).collect::<Vec<_>>();
    let mut abouts = Vec::new();
    if let Some((_, name)) = &service {
        let name = localized(name);
        abouts.push((
            TicketAbout::Service.as_str().to_string(),
            Signal::derive(move || td_string!(i18n.get_locale(), contact_about_service, service = name()).to_string()),
        ));
    }
    abouts.push((TicketAbout::Department.as_str().to_string(), tr(|l| td_string!(l, contact_about_department))));
    if !choices.applications.is_empty() {
        abouts.push((TicketAbout::Application.as_str().to_string(), tr(|l| td_string!(l, contact_about_application))));
    }
    let departments = StoredValue::new(department_options(choices.departments.clone()));
    let applications = StoredValue::new(
        choices
            .applications
            .iter()
            .map(|a| {
                let (number, name) = (a.number.clone().unwrap_or_default(), localized(&a.service_name));
                (a.id.clone(), Signal::derive(move || format!("{number} {}", name())))
            })
            .collect::<Vec<_>>(),
    );
    let field = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <Show when=move || filed.read().is_none() fallback=move || view! { <Filed filed=filed.get() signed_in /> }>
            {(!signed_in).then(|| view! {
                <p class=style::notice>
                    {t!(i18n, contact_without_account)}" "
                    <a href="/sign-in?return=%2Fcontact">{t!(i18n, contact_sign_in)}</a>
                </p>
            })}
            <ErrorSummary errors=errors.into() id_prefix="contact" />
            <form on:submit=submit novalidate>
                <Radios id="contact-kind".into() legend=tr(|l| td_string!(l, contact_kind)) error=field(fields::KIND)
                    options=kinds.clone() selected=kind />
                <Radios id="contact-about".into() legend=tr(|l| td_string!(l, contact_about)) error=field(fields::ABOUT)
                    options=abouts.clone() selected=about />
                <Show when=move || about.get() == TicketAbout::Department.as_str()>
                    <Select id="contact-about_ref".into() label=tr(|l| td_string!(l, contact_department)) error=field(fields::ABOUT_REF)
                        placeholder=tr(|l| td_string!(l, contact_choose)) options=departments.get_value() selected=department />
                </Show>
                <Show when=move || about.get() == TicketAbout::Application.as_str()>
                    <Select id="contact-about_ref".into() label=tr(|l| td_string!(l, contact_application)) error=field(fields::ABOUT_REF)
                        placeholder=tr(|l| td_string!(l, contact_choose)) options=applications.get_value() selected=chosen_application />
                </Show>
                <TextField id="contact-subject".into() label=tr(|l| td_string!(l, contact_subject)) error=field(fields::SUBJECT) value=subject />
                <TextField id="contact-message".into() label=tr(|l| td_string!(l, contact_message)) hint=tr(|l| td_string!(l, contact_message_hint))
                    error=field(fields::MESSAGE) value=message multiline=true />
                {(!signed_in).then(|| view! {
                    <TextField id="contact-phone".into() label=tr(|l| td_string!(l, field_phone)) hint=tr(|l| td_string!(l, contact_phone_hint))
                        error=field(fields::PHONE) value=phone input_type="tel" autocomplete="tel" inputmode="tel" />
                    <SendCode target=CodeTarget::Typed(phone, CodePurpose::Ticket) errors order=FIELDS />
                    <TextField id="contact-code".into() label=tr(|l| td_string!(l, field_code)) error=field(fields::CODE) value=code
                        autocomplete="one-time-code" inputmode="numeric" narrow=true />
                })}
                <Button submit=true busy=send.pending()>{t!(i18n, contact_send)}</Button>
            </form>
        </Show>
    }
}

/// The acknowledgement: the number to quote, who handles it and by when.
#[component]
fn Filed(filed: Option<TicketFiled>, signed_in: bool) -> impl IntoView {
    let i18n = use_i18n();
    let Some(filed) = filed else { return ().into_any() };
    let rows = vec![
        (t!(i18n, contact_number).into_any(), view! { <strong>{filed.number.clone()}</strong> }.into_any()),
        (t!(i18n, contact_handled_by).into_any(), view! { {localized(&filed.department)} }.into_any()),
        (t!(i18n, contact_answer_by).into_any(), view! { {filed.due.clone()} }.into_any()),
    ];
    view! {
        <NotificationBanner success=true>
            <p>{t!(i18n, contact_received)}</p>
        </NotificationBanner>
        <SummaryList rows />
        {if signed_in {
            view! { <p><a href=format!("/tickets/{}", filed.id)>{t!(i18n, contact_view_ticket)}</a></p> }.into_any()
        } else {
            view! { <p>{t!(i18n, contact_answer_by_text)}</p> }.into_any()
        }}
    }
    .into_any()
}
