use leptos::prelude::*;
use tongban_api::identity::{mask_phone, CodePurpose, PhoneCodeRequest, SendCodeRequest};

use crate::api;
use crate::components::{on_answer, FormErrors};
use crate::i18n::*;
use crate::lang::use_lang;

stylance::import_style!(style, "send_code.module.css");

/// Where a code goes: a phone the person typed, or the phone on record in the population
/// register (shown masked).
#[derive(Clone, Copy)]
pub enum CodeTarget {
    Typed(RwSignal<String>, CodePurpose),
    /// The phone the population register holds, which is never shown before verification.
    OnRecord,
    /// A new phone for the signed-in person's account.
    NewPhone(RwSignal<String>),
    /// The signed-in person's own phone, to confirm a sensitive change (shown masked).
    Account(StoredValue<String>),
}

/// "Send code": checks the phone, asks the server for an SMS code, says where it went, and
/// counts down until another may be sent.
#[component]
pub fn SendCode(target: CodeTarget, errors: RwSignal<FormErrors>, order: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let wait = RwSignal::new(0u32);
    let sent_to = RwSignal::new(None::<(String, u32)>);
    let send = Action::new_local(move |phone: &Option<String>| {
        let typed = phone.clone().unwrap_or_default();
        async move {
            let lang = lang.get_untracked();
            match target {
                CodeTarget::Typed(_, purpose) => {
                    let request = SendCodeRequest { phone: typed.clone(), purpose: Some(purpose) };
                    api::send_code(&request, lang).await.map(|answer| (answer, mask_phone(&typed)))
                }
                CodeTarget::NewPhone(_) => {
                    let request = PhoneCodeRequest { phone: typed.clone() };
                    api::send_phone_change_code(&request, lang).await.map(|answer| (answer, mask_phone(&typed)))
                }
                CodeTarget::OnRecord => {
                    api::send_verification_code(lang).await.map(|answer| (answer, t_string!(i18n, verify_record_phone).to_string()))
                }
                CodeTarget::Account(masked) => api::send_confirm_code(lang).await.map(|answer| (answer, masked.get_value())),
            }
        }
    });
    on_answer(send, errors, order, move |(answer, shown)| {
        sent_to.set(Some((shown, answer.expires_in_secs / 60)));
        // The ticks start at any moment within a second: one more keeps the button from opening
        // before the server allows another code.
        wait.set(answer.resend_after_secs + 1);
    });
    let sending = send.pending();
    if let Ok(handle) = set_interval_with_handle(
        // try_: a tick may still arrive after the page that owned the countdown has gone.
        move || {
            if wait.try_get_untracked().is_some_and(|w| w > 0) {
                wait.try_update(|w| *w -= 1);
            }
        },
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let on_click = move |_| {
        // What to send, checked here first with the same rules the server applies.
        let checked = match target {
            CodeTarget::Typed(phone, purpose) => {
                let request = SendCodeRequest { phone: phone.get_untracked().trim().to_string(), purpose: Some(purpose) };
                request.validate().map(|()| Some(request.phone))
            }
            CodeTarget::NewPhone(phone) => {
                let request = PhoneCodeRequest { phone: phone.get_untracked().trim().to_string() };
                request.validate().map(|()| Some(request.phone))
            }
            CodeTarget::OnRecord | CodeTarget::Account(_) => Ok(None),
        };
        let phone = match checked {
            Ok(phone) => phone,
            Err(problems) => {
                errors.set(FormErrors::from_problems(&problems, order, lang.get_untracked()));
                return;
            }
        };
        send.dispatch(phone);
    };
    view! {
        <div class=style::row>
            <button
                type="button"
                class=style::button
                on:click=on_click
                disabled=move || sending.get() || (wait.get() > 0)
            >
                {move || if wait.get() > 0 {
                    td_string!(i18n.get_locale(), resend_in, secs = wait.get()).to_string()
                } else {
                    td_string!(i18n.get_locale(), send_code).to_string()
                }}
            </button>
            <p class=style::status role="status">
                {move || sent_to.get().map(|(phone, minutes)| {
                    td_string!(i18n.get_locale(), code_sent, phone = phone.clone(), minutes = minutes).to_string()
                })}
            </p>
        </div>
    }
}
