use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::wallet::{AuthorisationView, AuthoriseRequest, GranteeKind};

use super::disclosed_fields::{chosen_fields, default_fields, field_options};
use crate::api;
use crate::catalogue::labels;
use crate::components::{on_answer, Button, Checkboxes, ErrorSummary, FormErrors, QrCode, Radios, Select, TextField};
use crate::i18n::*;
use crate::lang::{localized, tr, use_lang};

stylance::import_style!(style, "authorise_form.module.css");

const FIELDS: &[&str] = AuthoriseRequest::FIELDS;

/// Today in Shanghai, `YYYY-MM-DD`, for the date the form suggests.
fn today() -> String {
    let now = js_sys::Date::new_0();
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"Asia/Shanghai".into());
    // Swedish writes dates as YYYY-MM-DD.
    now.to_locale_date_string("sv-SE", &options).into()
}

/// Let a department or a company use this licence: who, what for, which fields, until when,
/// once or repeatedly; then the use code to give them.
#[component]
pub fn AuthoriseForm(licence_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let kind = RwSignal::new("department".to_string());
    let department = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let chosen = RwSignal::new(default_fields());
    let until = RwSignal::new(today());
    let times = RwSignal::new("once".to_string());
    let errors = RwSignal::new(FormErrors::default());
    let given = RwSignal::new(None::<AuthorisationView>);
    let departments = LocalResource::new(move || api::departments(lang.get_untracked()));
    let authorise = Action::new_local(move |request: &AuthoriseRequest| {
        let (id, request) = (licence_id.clone(), request.clone());
        async move { api::authorise_licence(&id, &request, lang.get_untracked()).await }
    });
    on_answer(authorise, errors, FIELDS, move |view| given.set(Some(view)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let by_company = kind.get_untracked() == "company";
        let request = AuthoriseRequest {
            grantee_kind: if by_company { GranteeKind::Company } else { GranteeKind::Department },
            grantee: if by_company { company.get_untracked() } else { department.get_untracked() },
            purpose: purpose.get_untracked(),
            fields: chosen_fields(&chosen.read_untracked()),
            until: until.get_untracked(),
            once: times.get_untracked() == "once",
        };
        match request.validate() {
            Ok(()) => {
                authorise.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    let department_options = move || labels::department_options(departments.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <p class=style::lead>{t!(i18n, authorise_lead)}</p>
        <ErrorSummary errors=errors.into() id_prefix="authorise" />
        <form on:submit=submit novalidate class=style::form>
            <Radios id="authorise-grantee_kind".into() legend=tr(|l| td_string!(l, authorise_kind)) error=Signal::derive(|| None::<String>)
                options=vec![
                    ("department".into(), tr(|l| td_string!(l, authorise_kind_department))),
                    ("company".into(), tr(|l| td_string!(l, authorise_kind_company))),
                ] selected=kind />
            <Show when=move || kind.get() == "company" fallback=move || view! {
                {move || view! {
                    <Select id="authorise-grantee".into() label=tr(|l| td_string!(l, authorise_department)) error=error(fields::GRANTEE)
                        placeholder=tr(|l| td_string!(l, authorise_choose_department)) options=department_options() selected=department />
                }}
            }>
                <TextField id="authorise-grantee".into() label=tr(|l| td_string!(l, authorise_credit_code)) error=error(fields::GRANTEE)
                    value=company />
            </Show>
            <TextField id="authorise-purpose".into() label=tr(|l| td_string!(l, authorise_purpose))
                hint=tr(|l| td_string!(l, authorise_purpose_hint)) error=error(fields::PURPOSE) value=purpose />
            <Checkboxes id="authorise-fields".into() legend=tr(|l| td_string!(l, authorise_fields)) hint=tr(|l| td_string!(l, show_fields_hint))
                error=error(fields::DISCLOSE) options=field_options() selected=chosen />
            <TextField id="authorise-until".into() label=tr(|l| td_string!(l, authorise_until))
                hint=tr(|l| td_string!(l, authorise_until_hint)) error=error(fields::UNTIL) value=until narrow=true />
            <Radios id="authorise-once".into() legend=tr(|l| td_string!(l, authorise_uses)) error=Signal::derive(|| None::<String>)
                options=vec![
                    ("once".into(), tr(|l| td_string!(l, authorise_once))),
                    ("repeat".into(), tr(|l| td_string!(l, authorise_repeat))),
                ] selected=times />
            <Button submit=true busy=authorise.pending()>{t!(i18n, authorise_button)}</Button>
        </form>
        {move || given.get().map(|view| {
            let grantee = localized(&view.grantee_name);
            let code = view.code.clone();
            let label_code = view.code.clone();
            view! {
                <div class=style::given role="status">
                    <p>{t!(i18n, authorise_done, grantee)}</p>
                    <p class=style::code>{code.clone()}</p>
                    <QrCode text=Signal::derive(move || code.clone())
                        label=Signal::derive(move || t_string!(i18n, authorise_qr_alt, code = label_code.clone()).to_string()) />
                </div>
            }
        })}
    }
}
