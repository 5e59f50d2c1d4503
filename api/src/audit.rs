//! What the audit log records: one variant per kind of event, named as the log stores it. A
//! person's account history shows these; the server writes nothing else.

use serde::{Deserialize, Serialize};

use crate::applications::ApplicationEvent;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
    /// A new account, made by a person whose name and ID number the population register holds.
    #[serde(rename = "account.registered")]
    AccountRegistered,
    /// A registration refused: not in the register, or the ID number already has an account.
    #[serde(rename = "account.register_refused")]
    RegisterRefused,
    /// Too many wrong passwords; the account is locked for a while.
    #[serde(rename = "account.locked")]
    AccountLocked,
    #[serde(rename = "sign_in.password")]
    SignedInWithPassword,
    #[serde(rename = "sign_in.sms")]
    SignedInWithSms,
    #[serde(rename = "sign_in.passkey")]
    SignedInWithPasskey,
    /// The first session, started by registering.
    #[serde(rename = "sign_in.registered")]
    SignedInAfterRegistering,
    /// A wrong password, SMS code or passkey signature.
    #[serde(rename = "sign_in.failed")]
    SignInFailed,
    /// A sign-in tried while the account was locked.
    #[serde(rename = "sign_in.refused_locked")]
    SignInRefusedLocked,
    #[serde(rename = "sign_out")]
    SignedOut,
    #[serde(rename = "sign_out.everywhere")]
    SignedOutEverywhere,
    /// One of the person's other sessions ended from the account page.
    #[serde(rename = "session.ended")]
    SessionEnded,
    /// The person proved who they are again before a sensitive change.
    #[serde(rename = "session.confirmed")]
    SessionConfirmed,
    #[serde(rename = "session.confirm_refused")]
    SessionConfirmRefused,
    /// The person started acting for a company, or went back to acting for themselves.
    #[serde(rename = "session.acting_as")]
    ActingAsChanged,
    #[serde(rename = "password.changed")]
    PasswordChanged,
    /// A password change refused because the current password was wrong.
    #[serde(rename = "password.change_refused")]
    PasswordChangeRefused,
    #[serde(rename = "phone.changed")]
    PhoneChanged,
    /// The language the account's texts are written in.
    #[serde(rename = "account.texts_language")]
    TextsLanguageChanged,
    #[serde(rename = "phone.change_refused")]
    PhoneChangeRefused,
    #[serde(rename = "passkey.added")]
    PasskeyAdded,
    #[serde(rename = "passkey.renamed")]
    PasskeyRenamed,
    #[serde(rename = "passkey.removed")]
    PasskeyRemoved,
    /// Someone tried to use or change a passkey that is not their account's.
    #[serde(rename = "passkey.refused")]
    PasskeyRefused,
    /// Verified against the register (bank card or register phone): level 2.
    #[serde(rename = "verification.level_2")]
    VerifiedToLevelTwo,
    #[serde(rename = "verification.failed")]
    VerificationFailed,
    /// The company's legal representative bound it to their account.
    #[serde(rename = "company.bound")]
    CompanyBound,
    #[serde(rename = "company.bind_refused")]
    CompanyBindRefused,
    /// Someone without a role at the company asked for its agents or details.
    #[serde(rename = "company.access_refused")]
    CompanyAccessRefused,
    #[serde(rename = "company.act_as_refused")]
    ActAsRefused,
    #[serde(rename = "company.agent_added")]
    AgentAdded,
    #[serde(rename = "company.agent_removed")]
    AgentRemoved,
    #[serde(rename = "application.started")]
    ApplicationStarted,
    /// The applicant (or the company's agent) opened the application.
    #[serde(rename = "application.read")]
    ApplicationRead,
    #[serde(rename = "application.answers_saved")]
    AnswersSaved,
    #[serde(rename = "application.submitted")]
    ApplicationSubmitted,
    #[serde(rename = "application.draft_deleted")]
    DraftDeleted,
    /// The server deleted a draft nobody touched for the configured days.
    #[serde(rename = "application.draft_expired")]
    DraftExpired,
    #[serde(rename = "application.withdrawn")]
    ApplicationWithdrawn,
    /// An action on an application refused: not the caller's, no scope, level too low.
    #[serde(rename = "application.refused")]
    ApplicationRefused,
    /// A licence the government holds used as a material (Art. 34).
    #[serde(rename = "licence.used")]
    LicenceUsed,
    #[serde(rename = "licence.refused")]
    LicenceRefused,
    /// The holder showed a licence by a sealed code (亮证).
    #[serde(rename = "licence.shown")]
    LicenceShown,
    /// Someone checked a shown code: a read of the holder's data by another.
    #[serde(rename = "licence.verified")]
    LicenceVerified,
    /// The holder let an organisation use a licence (授权用证).
    #[serde(rename = "licence.authorised")]
    LicenceAuthorised,
    #[serde(rename = "licence.authorisation_revoked")]
    AuthorisationRevoked,
    /// An organisation used a licence by its use code.
    #[serde(rename = "licence.redeemed")]
    LicenceRedeemed,
    /// A use code refused: unknown, another organisation's, revoked, expired or used up.
    #[serde(rename = "licence.redeem_refused")]
    RedeemRefused,
    /// An officer looked licences of their department up by number.
    #[serde(rename = "licence.looked_up")]
    LicenceLookedUp,
    /// An officer withdrew a licence their department issued.
    #[serde(rename = "licence.revoked")]
    LicenceRevoked,
    /// Someone said whether a guide was useful (anonymous).
    #[serde(rename = "guide.feedback")]
    GuideFeedbackGiven,
    /// The person rated a handling (好差评).
    #[serde(rename = "rating.given")]
    RatingGiven,
    /// The person made the one revision of a rating.
    #[serde(rename = "rating.revised")]
    RatingRevised,
    /// An officer opened a follow-up with the person's contact details.
    #[serde(rename = "rating.follow_up_read")]
    FollowUpRead,
    #[serde(rename = "rating.contacted")]
    FollowUpContacted,
    #[serde(rename = "rating.put_right")]
    FollowUpPutRight,
    /// Someone tried to change a rating another person gave.
    #[serde(rename = "rating.refused")]
    RatingRefused,
    /// "Contact us": a consultation, complaint or suggestion filed.
    #[serde(rename = "ticket.filed")]
    TicketFiled,
    /// Someone asked for a ticket that is not theirs, or an officer for another department's.
    #[serde(rename = "ticket.refused")]
    TicketRefused,
    #[serde(rename = "ticket.person_replied")]
    TicketPersonReplied,
    /// An officer listed their department's tickets.
    #[serde(rename = "ticket.queue_read")]
    TicketQueueRead,
    /// An officer opened a ticket with the person's contact details.
    #[serde(rename = "ticket.read")]
    TicketRead,
    #[serde(rename = "ticket.reply")]
    TicketAnswered,
    #[serde(rename = "ticket.ask_for_more")]
    TicketAskedForMore,
    #[serde(rename = "ticket.transfer")]
    TicketTransferred,
    #[serde(rename = "ticket.close")]
    TicketClosed,
    /// An officer asked for another department's follow-up.
    #[serde(rename = "rating.follow_up_refused")]
    FollowUpRefused,
    /// The person read who used their data, or exported it.
    #[serde(rename = "data_uses.read")]
    DataUsesRead,
    #[serde(rename = "file.uploaded")]
    FileUploaded,
    /// An upload refused: over the allowance, not an allowed type, or damaged.
    #[serde(rename = "file.refused")]
    FileRefused,
    #[serde(rename = "file.read")]
    FileRead,
    #[serde(rename = "material.removed")]
    MaterialRemoved,
    #[serde(rename = "booking.made")]
    BookingMade,
    #[serde(rename = "booking.cancelled")]
    BookingCancelled,
    /// An officer listed their department's queue.
    #[serde(rename = "case.queue_read")]
    CaseQueueRead,
    /// An officer opened an application (a read of someone's personal data by another).
    #[serde(rename = "case.read")]
    CaseRead,
    #[serde(rename = "case.file_read")]
    CaseFileRead,
    /// An officer asked for an application outside their department.
    #[serde(rename = "case.refused")]
    CaseRefused,
    /// An officer at a window started an application for a person.
    #[serde(rename = "case.started_for_person")]
    CaseStartedForPerson,
    #[serde(rename = "case.accept")]
    CaseAccepted,
    #[serde(rename = "case.not_accept")]
    CaseNotAccepted,
    #[serde(rename = "case.start_review")]
    CaseReviewStarted,
    #[serde(rename = "case.request_corrections")]
    CaseCorrectionsRequested,
    #[serde(rename = "case.approve")]
    CaseApproved,
    #[serde(rename = "case.reject")]
    CaseRejected,
    #[serde(rename = "case.issue_result")]
    CaseResultIssued,
    #[serde(rename = "case.close")]
    CaseClosed,
    /// An officer account made at the server's console.
    #[serde(rename = "staff.added")]
    OfficerAdded,
    /// An officer's password reset at the server's console.
    #[serde(rename = "staff.reset")]
    OfficerReset,
    #[serde(rename = "staff.signed_in")]
    OfficerSignedIn,
    #[serde(rename = "staff.sign_in_failed")]
    OfficerSignInFailed,
    #[serde(rename = "staff.password_set")]
    OfficerPasswordSet,
    #[serde(rename = "staff.signed_out")]
    OfficerSignedOut,
    /// A payment order made for a fee and its payer sent towards the channel.
    #[serde(rename = "payment.started")]
    PaymentStarted,
    /// Paying refused: not the payer's fee, or an agent without the "pay" scope.
    #[serde(rename = "payment.refused")]
    PaymentRefused,
    #[serde(rename = "payment.cancelled")]
    PaymentCancelled,
    /// The channel took the money and the portal recorded it (by notification or by query).
    #[serde(rename = "payment.settled")]
    PaymentSettled,
    /// An order not paid in time ended.
    #[serde(rename = "payment.expired")]
    PaymentExpired,
    /// A notification that is forged, replayed, stale or does not match its order.
    #[serde(rename = "payment.notify_rejected")]
    PaymentNotifyRejected,
    /// An officer asked the channel to give money back (the rules' own refunds are kept with the order).
    #[serde(rename = "payment.refund_requested")]
    PaymentRefundRequested,
    /// The channel gave the money back.
    #[serde(rename = "payment.refunded")]
    PaymentRefunded,
    /// The channel refused a refund; its amount can be refunded again.
    #[serde(rename = "payment.refund_failed")]
    PaymentRefundFailed,
    /// Someone checked a fiscal e-receipt by its code, number and check code.
    #[serde(rename = "receipt.checked")]
    ReceiptChecked,
    /// An officer reconciled a day's payments and refunds against the channels' statements.
    #[serde(rename = "payment.reconciled")]
    PaymentsReconciled,
    /// An officer found a result waiting by its pick-up code, and saw whose it is.
    #[serde(rename = "pickup.looked_up")]
    PickupLookedUp,
    /// A pick-up code no result waits under at the officer's department.
    #[serde(rename = "pickup.refused")]
    PickupRefused,
    /// An officer handed a result over to its collector, whose identity document they checked.
    #[serde(rename = "pickup.handed_over")]
    PickupHandedOver,
    /// An officer assessed an application's fee from its service's charging standard.
    #[serde(rename = "fee.assessed")]
    FeeAssessed,
    #[serde(rename = "address.added")]
    AddressAdded,
    #[serde(rename = "address.removed")]
    AddressRemoved,
    /// A tracking event that is forged, stale, malformed, or about no waybill of the portal's.
    #[serde(rename = "courier.notify_rejected")]
    CourierNotifyRejected,
    /// An applicant booked the courier to collect their application's paper originals.
    #[serde(rename = "originals.booked")]
    OriginalsBooked,
    /// An officer recorded posted originals as received and checked.
    #[serde(rename = "originals.checked_in")]
    OriginalsCheckedIn,
}

serde_plain::derive_display_from_serialize!(AuditAction);
serde_plain::derive_fromstr_from_deserialize!(AuditAction);

impl AuditAction {
    /// What the log calls an officer's move of an application; `None` for moves officers do not make.
    pub fn of_case(event: ApplicationEvent) -> Option<AuditAction> {
        use ApplicationEvent as E;
        Some(match event {
            E::Accept => AuditAction::CaseAccepted,
            E::NotAccept => AuditAction::CaseNotAccepted,
            E::StartReview => AuditAction::CaseReviewStarted,
            E::RequestCorrections => AuditAction::CaseCorrectionsRequested,
            E::Approve => AuditAction::CaseApproved,
            E::Reject => AuditAction::CaseRejected,
            E::IssueResult => AuditAction::CaseResultIssued,
            E::Close => AuditAction::CaseClosed,
            E::Submit | E::Resubmit | E::Withdraw => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_the_same_action() {
        for name in ["sign_in.password", "case.request_corrections", "staff.sign_in_failed", "sign_out"] {
            let action: AuditAction = name.parse().unwrap();
            assert_eq!(action.to_string(), name);
        }
        assert!("sign_in.unknown".parse::<AuditAction>().is_err());
    }
}
