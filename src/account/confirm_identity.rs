use leptos::prelude::*;
use tongban_api::fields;
use tongban_api::identity::ConfirmIdentityRequest;
use tongban_api::ErrorCode;

use crate::api::{self, ApiError};
use crate::components::{Button, Dialog, ErrorSummary, FormErrors, TextField};
use crate::i18n::*;
use crate::identity::{CodeTarget, SendCode};
use crate::lang::{tr, use_lang};
use crate::session::use_session;

stylance::import_style!(style, "confirm_identity.module.css");

const FIELDS: &[&str] = ConfirmIdentityRequest::FIELDS;

/// The change waiting for a fresh proof, run again once the person has given it.
#[derive(Clone, Copy)]
pub struct ProofGate {
    waiting: RwSignal<Option<Callback<()>>>,
}

impl ProofGate {
    /// When the server asked for a fresh proof, asks the person for it and then runs `retry`;
    /// true when it did, so the caller shows no error of its own.
    pub fn takes(&self, error: &ApiError, retry: impl Fn() + Send + Sync + 'static) -> bool {
        if error.code != ErrorCode::ProofNeeded {
            return false;
        }
        self.waiting.set(Some(Callback::new(move |()| retry())));
        true
    }
}

pub fn use_proof_gate() -> ProofGate {
    expect_context()
}

/// Sensitive changes in the account centre (passkeys, companies, agents) need the password or a
/// code from the last few minutes. When the server says the last proof is too old, this dialog
/// asks for one and then makes the change the person asked for: they never start again.
#[component]
pub fn ConfirmIdentity(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let session = use_session();
    let gate = ProofGate { waiting: RwSignal::new(None) };
    provide_context(gate);
    let errors = RwSignal::new(FormErrors::default());
    let by_code = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let masked_phone = StoredValue::new(session.user().map(|u| u.phone_masked).unwrap_or_default());

    let confirm = Action::new_local(move |request: &ConfirmIdentityRequest| {
        let request = request.clone();
        async move { api::confirm_identity(&request, lang.get_untracked()).await }
    });
    let close = move || {
        password.set(String::new());
        code.set(String::new());
        errors.set(FormErrors::default());
        gate.waiting.set(None);
    };
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(())) => {
            let retry = gate.waiting.get_untracked();
            close();
            if let Some(retry) = retry {
                retry.run(());
            }
        }
        Some(Err(error)) => errors.set(FormErrors::from_api(&error, FIELDS, i18n.get_locale_untracked())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = if by_code.get_untracked() {
            ConfirmIdentityRequest { password: String::new(), code: code.get_untracked().trim().to_string() }
        } else {
            ConfirmIdentityRequest { password: password.get_untracked(), code: String::new() }
        };
        // An empty code field means "by password" to the server; here it means the code is missing.
        if by_code.get_untracked() && request.code.is_empty() {
            let problems = tongban_api::error::FieldProblems::from([("code", tongban_api::FieldProblem::Required)]);
            errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked()));
            return;
        }
        match request.validate() {
            Ok(()) => {
                confirm.dispatch(request);
            }
            Err(problems) => errors.set(FormErrors::from_problems(&problems, FIELDS, lang.get_untracked())),
        }
    };
    let field_error = move |name: &'static str| Signal::derive(move || errors.read().field(name));
    view! {
        {children()}
        <Dialog open=Signal::derive(move || gate.waiting.read().is_some()) labelled_by="confirm-title" on_cancel=Callback::new(move |()| close())>
            <h2 id="confirm-title">{t!(i18n, confirm_title)}</h2>
            <ErrorSummary errors=errors.into() id_prefix="confirm" />
            <p>{t!(i18n, confirm_lead)}</p>
            <form on:submit=on_submit novalidate>
                {move || if by_code.get() {
                    view! {
                        <SendCode target=CodeTarget::Account(masked_phone) errors order=FIELDS />
                        <TextField id="confirm-code".into() label=tr(|l| td_string!(l, field_code))
                            hint=tr(|l| td_string!(l, field_code_hint)) error=field_error(fields::CODE) value=code
                            autocomplete="one-time-code" inputmode="numeric" narrow=true />
                    }.into_any()
                } else {
                    view! {
                        <TextField id="confirm-password".into() label=tr(|l| td_string!(l, field_password))
                            error=field_error(fields::PASSWORD) value=password input_type="password" autocomplete="current-password" />
                    }.into_any()
                }}
                <p>
                    <button type="button" class=style::switch on:click=move |_| {
                        errors.set(FormErrors::default());
                        by_code.update(|b| *b = !*b);
                    }>
                        {move || if by_code.get() { t_string!(i18n, confirm_by_password) } else { t_string!(i18n, confirm_by_code) }}
                    </button>
                </p>
                <div class=style::actions>
                    <Button submit=true busy=confirm.pending()>{t!(i18n, confirm_button)}</Button>
                    <Button secondary=true on_click=Callback::new(move |()| close())>{t!(i18n, confirm_cancel)}</Button>
                </div>
            </form>
        </Dialog>
    }
}
