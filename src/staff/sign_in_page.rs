use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use tongban_api::staff::StaffSignInRequest;

use crate::api;
use crate::components::{Button, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::lang::{tr, use_lang};
use crate::session::safe_return_path;

stylance::import_style!(style, "sign_in_page.module.css");

const FIELDS: &[&str] = &["staff_number", "password"];

/// Officers sign in with their staff number; the console has its own session.
#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let query = use_query_map();
    let errors = RwSignal::new(FormErrors::default());
    let number = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = Action::new_local(move |request: &StaffSignInRequest| {
        let request = request.clone();
        async move { api::staff_sign_in(&request, lang.get_untracked()).await }
    });
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(_)) => {
            let back = safe_return_path(query.read_untracked().get("return")).filter(|p| p.starts_with("/staff"));
            navigate(&back.unwrap_or_else(|| "/staff".into()), Default::default());
        }
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = StaffSignInRequest { staff_number: number.get_untracked(), password: password.get_untracked() };
        match request.validate() {
            Ok(()) => {
                sign_in.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        <Title text=move || format!("{} - {}", t_string!(i18n, staff_sign_in_title), t_string!(i18n, app_full_name)) />
        <div class=style::narrow>
            <ErrorSummary errors=errors.into() id_prefix="staff" />
            <h1>{t!(i18n, staff_sign_in_title)}</h1>
            <p>{t!(i18n, staff_sign_in_lead)}</p>
            <form on:submit=on_submit novalidate>
                <TextField id="staff-staff_number".into() label=tr(|l| td_string!(l, field_staff_number)) error=field_error("staff_number")
                    value=number autocomplete="username" narrow=true />
                <TextField id="staff-password".into() label=tr(|l| td_string!(l, field_password)) error=field_error("password")
                    value=password input_type="password" autocomplete="current-password" />
                <Button submit=true>{t!(i18n, sign_in_button)}</Button>
            </form>
        </div>
    }
}
