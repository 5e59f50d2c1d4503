use tongban_api::payments::{FeeState, PayChannel, PaymentState, RefundCause, RefundState};

use crate::components::TagTone;
use crate::i18n::*;

pub fn channel_label(l: Locale, channel: PayChannel) -> &'static str {
    match channel {
        PayChannel::Alipay => td_string!(l, pay_channel_alipay),
        PayChannel::Wechat => td_string!(l, pay_channel_wechat),
    }
}

pub fn fee_state_label(l: Locale, state: FeeState) -> &'static str {
    match state {
        FeeState::Due => td_string!(l, fee_state_due),
        FeeState::Paid => td_string!(l, fee_state_paid),
        FeeState::Cancelled => td_string!(l, fee_state_cancelled),
    }
}

pub fn fee_state_tone(state: FeeState) -> TagTone {
    match state {
        FeeState::Due => TagTone::Info,
        FeeState::Paid => TagTone::Good,
        FeeState::Cancelled => TagTone::Neutral,
    }
}

pub fn payment_state_label(l: Locale, state: PaymentState) -> &'static str {
    match state {
        PaymentState::Created => td_string!(l, payment_state_created),
        PaymentState::Started => td_string!(l, payment_state_started),
        PaymentState::Submitted => td_string!(l, payment_state_submitted),
        PaymentState::Success => td_string!(l, payment_state_success),
        PaymentState::Failed => td_string!(l, payment_state_failed),
        PaymentState::Cancelled => td_string!(l, payment_state_cancelled),
        PaymentState::Expired => td_string!(l, payment_state_expired),
        PaymentState::Error => td_string!(l, payment_state_error),
    }
}

pub fn payment_state_tone(state: PaymentState) -> TagTone {
    match state {
        PaymentState::Success => TagTone::Good,
        PaymentState::Created | PaymentState::Started | PaymentState::Submitted => TagTone::Info,
        _ => TagTone::Neutral,
    }
}

pub fn refund_state_label(l: Locale, state: RefundState) -> &'static str {
    match state {
        RefundState::Submitted => td_string!(l, refund_state_submitted),
        RefundState::Success => td_string!(l, refund_state_success),
        RefundState::Failed => td_string!(l, refund_state_failed),
    }
}

pub fn refund_state_tone(state: RefundState) -> TagTone {
    match state {
        RefundState::Submitted => TagTone::Info,
        RefundState::Success => TagTone::Good,
        RefundState::Failed => TagTone::Neutral,
    }
}

pub fn refund_cause_label(l: Locale, cause: RefundCause) -> &'static str {
    match cause {
        RefundCause::Officer => td_string!(l, refund_cause_officer),
        RefundCause::Late => td_string!(l, refund_cause_late),
        RefundCause::Duplicate => td_string!(l, refund_cause_duplicate),
        RefundCause::Ended => td_string!(l, refund_cause_ended),
    }
}
