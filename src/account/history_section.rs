use leptos::prelude::*;

use crate::api;
use crate::components::{DataTable, LoadError, Skeleton};
use crate::i18n::*;
use crate::lang::{format_time, use_lang};
use tongban_api::audit::AuditAction;

fn action_label(locale: Locale, action: AuditAction) -> String {
    use AuditAction as A;
    match action {
        A::AccountRegistered => td_string!(locale, action_account_registered),
        A::RegisterRefused => td_string!(locale, action_account_register_refused),
        A::AccountLocked => td_string!(locale, action_account_locked),
        A::SignedInWithPassword => td_string!(locale, action_sign_in_password),
        A::SignedInWithSms => td_string!(locale, action_sign_in_sms),
        A::SignedInWithPasskey => td_string!(locale, action_sign_in_passkey),
        A::SignedInAfterRegistering => td_string!(locale, action_sign_in_registered),
        A::SignInFailed => td_string!(locale, action_sign_in_failed),
        A::SignInRefusedLocked => td_string!(locale, action_sign_in_refused_locked),
        A::SignedOut => td_string!(locale, action_sign_out),
        A::SignedOutEverywhere => td_string!(locale, action_sign_out_everywhere),
        A::SessionEnded => td_string!(locale, action_session_ended),
        A::SessionConfirmed => td_string!(locale, action_session_confirmed),
        A::SessionConfirmRefused => td_string!(locale, action_session_confirm_refused),
        A::ActingAsChanged => td_string!(locale, action_session_acting_as),
        A::PasswordChanged => td_string!(locale, action_password_changed),
        A::PasswordChangeRefused => td_string!(locale, action_password_change_refused),
        A::PhoneChanged => td_string!(locale, action_phone_changed),
        A::TextsLanguageChanged => td_string!(locale, action_texts_language),
        A::PhoneChangeRefused => td_string!(locale, action_phone_change_refused),
        A::PasskeyAdded => td_string!(locale, action_passkey_added),
        A::PasskeyRenamed => td_string!(locale, action_passkey_renamed),
        A::PasskeyRemoved => td_string!(locale, action_passkey_removed),
        A::PasskeyRefused => td_string!(locale, action_passkey_refused),
        A::VerifiedToLevelTwo => td_string!(locale, action_verification_level_2),
        A::VerificationFailed => td_string!(locale, action_verification_failed),
        A::CompanyBound => td_string!(locale, action_company_bound),
        A::CompanyBindRefused => td_string!(locale, action_company_bind_refused),
        A::CompanyAccessRefused => td_string!(locale, action_company_access_refused),
        A::ActAsRefused => td_string!(locale, action_company_act_as_refused),
        A::AgentAdded => td_string!(locale, action_company_agent_added),
        A::AgentRemoved => td_string!(locale, action_company_agent_removed),
        A::ApplicationStarted => td_string!(locale, action_application_started),
        A::ApplicationRead => td_string!(locale, action_application_read),
        A::AnswersSaved => td_string!(locale, action_application_answers_saved),
        A::ApplicationSubmitted => td_string!(locale, action_application_submitted),
        A::DraftDeleted => td_string!(locale, action_application_draft_deleted),
        A::DraftExpired => td_string!(locale, action_application_draft_expired),
        A::ApplicationWithdrawn => td_string!(locale, action_application_withdrawn),
        A::ApplicationRefused => td_string!(locale, action_application_refused),
        A::LicenceUsed => td_string!(locale, action_licence_used),
        A::LicenceRefused => td_string!(locale, action_licence_refused),
        A::LicenceShown => td_string!(locale, action_licence_shown),
        A::LicenceVerified => td_string!(locale, action_licence_verified),
        A::LicenceAuthorised => td_string!(locale, action_licence_authorised),
        A::AuthorisationRevoked => td_string!(locale, action_authorisation_revoked),
        A::LicenceRedeemed => td_string!(locale, action_licence_redeemed),
        A::RedeemRefused => td_string!(locale, action_redeem_refused),
        A::RatingGiven => td_string!(locale, action_rating_given),
        A::PaymentStarted => td_string!(locale, action_payment_started),
        A::PaymentRefused => td_string!(locale, action_payment_refused),
        A::PaymentCancelled => td_string!(locale, action_payment_cancelled),
        A::PaymentSettled => td_string!(locale, action_payment_settled),
        A::PaymentExpired => td_string!(locale, action_payment_expired),
        A::PaymentNotifyRejected => td_string!(locale, action_payment_notify_rejected),
        A::PaymentRefundRequested => td_string!(locale, action_payment_refund_requested),
        A::PaymentRefunded => td_string!(locale, action_payment_refunded),
        A::PaymentRefundFailed => td_string!(locale, action_payment_refund_failed),
        A::ReceiptChecked => td_string!(locale, action_receipt_checked),
        A::PaymentsReconciled => td_string!(locale, action_payments_reconciled),
        A::PickupLookedUp => td_string!(locale, action_pickup_looked_up),
        A::PickupRefused => td_string!(locale, action_pickup_refused),
        A::PickupHandedOver => td_string!(locale, action_pickup_handed_over),
        A::FeeAssessed => td_string!(locale, action_fee_assessed),
        A::AddressAdded => td_string!(locale, action_address_added),
        A::AddressRemoved => td_string!(locale, action_address_removed),
        A::CourierNotifyRejected => td_string!(locale, action_courier_notify_rejected),
        A::OriginalsBooked => td_string!(locale, action_originals_booked),
        A::OriginalsCheckedIn => td_string!(locale, action_originals_checked_in),
        A::RatingRevised => td_string!(locale, action_rating_revised),
        A::FollowUpRead => td_string!(locale, action_follow_up_read),
        A::FollowUpContacted => td_string!(locale, action_follow_up_contacted),
        A::FollowUpPutRight => td_string!(locale, action_follow_up_put_right),
        A::FollowUpRefused => td_string!(locale, action_follow_up_refused),
        A::RatingRefused => td_string!(locale, action_rating_refused),
        A::TicketFiled => td_string!(locale, action_ticket_filed),
        A::TicketRefused => td_string!(locale, action_ticket_refused),
        A::TicketPersonReplied => td_string!(locale, action_ticket_person_replied),
        A::TicketQueueRead => td_string!(locale, action_ticket_queue_read),
        A::TicketRead => td_string!(locale, action_ticket_read),
        A::TicketAnswered => td_string!(locale, action_ticket_answered),
        A::TicketAskedForMore => td_string!(locale, action_ticket_asked_for_more),
        A::TicketTransferred => td_string!(locale, action_ticket_transferred),
        A::TicketClosed => td_string!(locale, action_ticket_closed),
        A::DataUsesRead => td_string!(locale, action_data_uses_read),
        A::GuideFeedbackGiven => td_string!(locale, action_guide_feedback),
        A::LicenceRevoked => td_string!(locale, action_licence_revoked),
        A::LicenceLookedUp => td_string!(locale, action_licence_looked_up),
        A::FileUploaded => td_string!(locale, action_file_uploaded),
        A::FileRefused => td_string!(locale, action_file_refused),
        A::FileRead => td_string!(locale, action_file_read),
        A::MaterialRemoved => td_string!(locale, action_material_removed),
        A::BookingMade => td_string!(locale, action_booking_made),
        A::BookingCancelled => td_string!(locale, action_booking_cancelled),
        A::CaseQueueRead => td_string!(locale, action_case_queue_read),
        A::CaseRead => td_string!(locale, action_case_read),
        A::CaseFileRead => td_string!(locale, action_case_file_read),
        A::CaseRefused => td_string!(locale, action_case_refused),
        A::CaseStartedForPerson => td_string!(locale, action_case_started_for_person),
        A::CaseAccepted => td_string!(locale, action_case_accept),
        A::CaseNotAccepted => td_string!(locale, action_case_not_accept),
        A::CaseReviewStarted => td_string!(locale, action_case_start_review),
        A::CaseCorrectionsRequested => td_string!(locale, action_case_request_corrections),
        A::CaseApproved => td_string!(locale, action_case_approve),
        A::CaseRejected => td_string!(locale, action_case_reject),
        A::CaseResultIssued => td_string!(locale, action_case_issue_result),
        A::CaseClosed => td_string!(locale, action_case_close),
        A::OfficerAdded => td_string!(locale, action_staff_added),
        A::OfficerReset => td_string!(locale, action_staff_reset),
        A::OfficerSignedIn => td_string!(locale, action_staff_signed_in),
        A::OfficerSignInFailed => td_string!(locale, action_staff_sign_in_failed),
        A::OfficerPasswordSet => td_string!(locale, action_staff_password_set),
        A::OfficerSignedOut => td_string!(locale, action_staff_signed_out),
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
                            <DataTable labelled_by="history-heading">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, history_time)}</th>
                                            <th scope="col">{t!(i18n, history_event)}</th>
                                            <th scope="col">{t!(i18n, ip_address)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {events.into_iter().map(|e| {
                                            let action = e.action;
                                            view! {
                                                <tr>
                                                    <td>{move || format_time(e.at, lang.get())}</td>
                                                    <td>{move || action_label(i18n.get_locale(), action)}</td>
                                                    <td>{e.ip.clone()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                            </DataTable>
                        }.into_any(),
                        Err(error) => view! { <LoadError error on_retry=move || history.refetch() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
