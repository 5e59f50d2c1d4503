use leptos::prelude::*;
use tongban_api::identity::SessionView;
use tongban_api::passkeys::PasskeySignInRequest;

use crate::api;
use crate::components::{Button, FormErrors};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::passkey;

stylance::import_style!(style, "passkey_sign_in.module.css");

/// "Sign in with a passkey": the browser lets the person pick a passkey and unlock it, the
/// server checks the signature. Not shown where the browser has no passkeys at all.
#[component]
pub fn PasskeySignIn(errors: RwSignal<FormErrors>, on_signed_in: Callback<SessionView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // The browser can refuse as well as the server, so failures are the form's errors already.
    let sign_in = Action::new_local(move |(): &()| async move {
        let lang = lang.get_untracked();
        let locale = i18n.get_locale_untracked();
        let options = api::passkey_sign_in_options(lang).await.map_err(|e| FormErrors::from_api(&e, &[], locale))?;
        let credential = passkey::get(options.options).await.map_err(|r| FormErrors::about_form(r.message(locale)))?;
        let request = PasskeySignInRequest { ceremony: options.ceremony, credential };
        api::sign_in_passkey(&request, lang).await.map_err(|e| FormErrors::from_api(&e, &[], locale))
    });
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(view)) => on_signed_in.run(view),
        Some(Err(problem)) => errors.set(problem),
        None => {}
    });
    passkey::supported().then(|| {
        view! {
            <section class=style::passkey aria-labelledby="passkey-sign-in-heading">
                <h2 id="passkey-sign-in-heading" class=style::heading>{t!(i18n, passkey_sign_in_heading)}</h2>
                <p>{t!(i18n, passkey_sign_in_lead)}</p>
                <Button secondary=true busy=sign_in.pending() on_click=Callback::new(move |()| {
                    errors.set(FormErrors::default());
                    sign_in.dispatch(());
                })>{t!(i18n, passkey_sign_in_button)}</Button>
            </section>
        }
    })
}
