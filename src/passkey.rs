//! The browser's side of passkeys: `navigator.credentials` between the server's WebAuthn JSON and
//! the authenticator (phone, security key, or the computer's own).

use tongban_api::passkeys::{CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{td_string, Locale};

/// Why the browser gave no passkey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Unsupported,
    /// The person cancelled, or let the prompt time out.
    Cancelled,
    /// Creating: this authenticator already holds a passkey for the account.
    AlreadyOnDevice,
    Failed,
}

impl Refusal {
    pub fn message(self, locale: Locale) -> String {
        match self {
            Refusal::Unsupported => td_string!(locale, passkey_unsupported),
            Refusal::Cancelled => td_string!(locale, passkey_cancelled),
            Refusal::AlreadyOnDevice => td_string!(locale, passkey_already_on_device),
            Refusal::Failed => td_string!(locale, passkey_failed),
        }
        .to_string()
    }
}

pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w, &JsValue::from_str("PublicKeyCredential")).unwrap_or(false))
}

fn credentials() -> Result<web_sys::CredentialsContainer, Refusal> {
    if !supported() {
        return Err(Refusal::Unsupported);
    }
    web_sys::window().map(|w| w.navigator().credentials()).ok_or(Refusal::Unsupported)
}

fn refusal(error: JsValue) -> Refusal {
    match error.dyn_ref::<web_sys::DomException>().map(|e| e.name()).as_deref() {
        Some("NotAllowedError" | "AbortError") => Refusal::Cancelled,
        Some("InvalidStateError") => Refusal::AlreadyOnDevice,
        Some("NotSupportedError" | "SecurityError") => Refusal::Unsupported,
        _ => Refusal::Failed,
    }
}

async fn answer(promise: Result<js_sys::Promise, JsValue>) -> Result<web_sys::PublicKeyCredential, Refusal> {
    let credential = JsFuture::from(promise.map_err(refusal)?).await.map_err(refusal)?;
    credential.dyn_into::<web_sys::PublicKeyCredential>().map_err(|_| Refusal::Failed)
}

/// Asks the authenticator for a new passkey.
pub async fn create(options: CreationChallengeResponse) -> Result<RegisterPublicKeyCredential, Refusal> {
    let container = credentials()?;
    answer(container.create_with_options(&options.into())).await.map(Into::into)
}

/// Asks the authenticator to sign the challenge with a passkey the person picks.
pub async fn get(options: RequestChallengeResponse) -> Result<PublicKeyCredential, Refusal> {
    let container = credentials()?;
    answer(container.get_with_options(&options.into())).await.map(Into::into)
}
