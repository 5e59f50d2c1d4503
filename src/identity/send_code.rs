use leptos::prelude::*;
use leptos::task::spawn_local;
use tongban_api::identity::{mask_phone, CodePurpose, SendCodeRequest};

use crate::api;
use crate::components::FormErrors;
use crate::i18n::*;
use crate::lang::use_lang;

stylance::import_style!(style, "send_code.module.css");

/// Where a code goes: a phone the person typed, or the phone on record in the population
/// register (shown masked).
#[derive(Clone, Copy)]
pub enum CodeTarget {
    Typed(RwSignal<String>, CodePurpose),
    OnRecord(StoredValue<String>),
}

/// "Send code": checks the phone, asks the server for an SMS code, says where it went, and
/// counts down until another may be sent.
#[component]
pub fn SendCode(target: CodeTarget, errors: RwSignal<FormErrors>, order: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let wait = RwSignal::new(0u32);
    let sent_to = RwSignal::new(None::<(String, u32)>);
    let sending = RwSignal::new(false);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if wait.get_untracked() > 0 {
                wait.update(|w| *w -= 1);
            }
        },
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let on_click = move |_| {
        let request = match target {
            CodeTarget::Typed(phone, purpose) => {
                let request = SendCodeRequest { phone: phone.get_untracked().trim().to_string(), purpose: Some(purpose) };
                if let Err(problems) = request.validate() {
                    errors.set(FormErrors::from_problems(&problems, order, lang.get_untracked()));
                    return;
                }
                Some(request)
            }
            CodeTarget::OnRecord(_) => None,
        };
        sending.set(true);
        spawn_local(async move {
            let (answer, shown) = match &request {
                Some(request) => (api::send_code(request, lang.get_untracked()).await, mask_phone(&request.phone)),
                None => (api::send_verification_code(lang.get_untracked()).await, match target {
                    CodeTarget::OnRecord(masked) => masked.get_value(),
                    CodeTarget::Typed(..) => String::new(),
                }),
            };
            match answer {
                Ok(answer) => {
                    errors.set(FormErrors::default());
                    sent_to.set(Some((shown, answer.expires_in_secs / 60)));
                    wait.set(answer.resend_after_secs);
                }
                Err(error) => {
                    errors.set(FormErrors::from_api(&error, order, i18n.get_locale_untracked()));
                }
            }
            sending.set(false);
        });
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
