use leptos::prelude::*;

use crate::api;
use crate::components::{LoadError, Skeleton};
use crate::i18n::*;
use crate::lang::{format_time, use_lang};

stylance::import_style!(style, "history_section.module.css");

fn action_label(locale: Locale, action: &str) -> String {
    match action {
        "sign_in.password" => td_string!(locale, action_sign_in_password),
        "sign_in.sms" => td_string!(locale, action_sign_in_sms),
        "sign_in.passkey" => td_string!(locale, action_sign_in_passkey),
        "passkey.added" => td_string!(locale, action_passkey_added),
        "passkey.renamed" => td_string!(locale, action_passkey_renamed),
        "passkey.removed" => td_string!(locale, action_passkey_removed),
        "passkey.refused" => td_string!(locale, action_passkey_refused),
        "sign_in.registered" => td_string!(locale, action_sign_in_registered),
        "sign_in.failed" => td_string!(locale, action_sign_in_failed),
        "sign_in.refused_locked" => td_string!(locale, action_sign_in_refused_locked),
        "account.locked" => td_string!(locale, action_account_locked),
        "account.registered" => td_string!(locale, action_account_registered),
        "sign_out" => td_string!(locale, action_sign_out),
        "sign_out.everywhere" => td_string!(locale, action_sign_out_everywhere),
        "session.ended" => td_string!(locale, action_session_ended),
        "password.changed" => td_string!(locale, action_password_changed),
        "password.change_refused" => td_string!(locale, action_password_change_refused),
        "company.bound" => td_string!(locale, action_company_bound),
        "phone.changed" => td_string!(locale, action_phone_changed),
        "phone.change_refused" => td_string!(locale, action_phone_change_refused),
        "company.agent_added" => td_string!(locale, action_company_agent_added),
        "company.agent_removed" => td_string!(locale, action_company_agent_removed),
        "session.acting_as" => td_string!(locale, action_session_acting_as),
        "session.confirmed" => td_string!(locale, action_session_confirmed),
        "application.answers_saved" => td_string!(locale, action_application_answers_saved),
        "material.removed" => td_string!(locale, action_material_removed),
        "session.confirm_refused" => td_string!(locale, action_session_confirm_refused),
        "verification.level_2" => td_string!(locale, action_verification_level_2),
        "verification.failed" => td_string!(locale, action_verification_failed),
        other => return other.to_string(),
    }
    .to_string()
}

/// Everything that happened to the account, newest first, including failed attempts.
#[component]
pub fn HistorySection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let history = LocalResource::new(move || api::account_history(lang.get_untracked()));
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t!(i18n, history)}</h2>
            <Transition fallback=|| view! { <Skeleton lines=4 /> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(events) => view! {
                            <div class=style::scroll>
                                <table class=style::table>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, history_time)}</th>
                                            <th scope="col">{t!(i18n, history_event)}</th>
                                            <th scope="col">{t!(i18n, ip_address)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {events.into_iter().map(|e| {
                                            let action = e.action.clone();
                                            view! {
                                                <tr>
                                                    <td>{move || format_time(e.at, lang.get())}</td>
                                                    <td>{move || action_label(i18n.get_locale(), &action)}</td>
                                                    <td>{e.ip.clone()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || history.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
