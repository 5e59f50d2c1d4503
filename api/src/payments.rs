//! Fees and paying them online. An order moves through GOV.UK Pay's named states; the channel's
//! facts (a cashier page used, a notification, an answer to a query) are events, and a stale or
//! reordered fact changes nothing. Amounts are fen everywhere; yuan strings exist only for people
//! and at a channel's boundary.

use serde::{Deserialize, Serialize};

use crate::catalogue::TariffItem;
use crate::error::{FieldProblem, FieldProblems};
use crate::fields;
use crate::lang::Localized;

/// The header that makes creating an order safe to repeat: the same key gets the same order.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";
/// How long an order can be paid before it expires, as GOV.UK Pay's 90 minutes are ours 30.
pub const ORDER_MINUTES: i64 = 30;

/// A third-party payment channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PayChannel {
    Alipay,
    Wechat,
}

impl PayChannel {
    pub const ALL: [PayChannel; 2] = [PayChannel::Alipay, PayChannel::Wechat];

    pub fn as_str(self) -> &'static str {
        match self {
            PayChannel::Alipay => "alipay",
            PayChannel::Wechat => "wechat",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// Where a payment order stands. `finished` states never change again, except that money a
/// channel took late is still recorded as a success (and given back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Made; the payer has not reached the channel's cashier yet.
    Created,
    /// The payer was sent to the cashier.
    Started,
    /// The payer confirmed at the cashier; the channel is completing it.
    Submitted,
    Success,
    /// The channel declined it (card refused, not enough balance).
    Failed,
    Cancelled,
    /// Not paid within the time allowed.
    Expired,
    /// The channel reported a fault on its side.
    Error,
}

/// What a channel, the payer or the clock says happened to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentEvent {
    SentToCashier,
    PayerSubmitted,
    Paid,
    Declined,
    Cancelled,
    TimedOut,
    ChannelFailed,
}

impl PaymentState {
    pub const ALL: [PaymentState; 8] = [
        PaymentState::Created,
        PaymentState::Started,
        PaymentState::Submitted,
        PaymentState::Success,
        PaymentState::Failed,
        PaymentState::Cancelled,
        PaymentState::Expired,
        PaymentState::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentState::Created => "created",
            PaymentState::Started => "started",
            PaymentState::Submitted => "submitted",
            PaymentState::Success => "success",
            PaymentState::Failed => "failed",
            PaymentState::Cancelled => "cancelled",
            PaymentState::Expired => "expired",
            PaymentState::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn finished(self) -> bool {
        !matches!(self, PaymentState::Created | PaymentState::Started | PaymentState::Submitted)
    }

    /// The state `event` leads to, or `None` when it changes nothing. A payment is never lost:
    /// money taken after the order ended is a success too (the caller marks it surplus).
    pub fn after(self, event: PaymentEvent) -> Option<PaymentState> {
        use PaymentEvent as E;
        use PaymentState as S;
        match (self, event) {
            (S::Success, _) => None,
            (_, E::Paid) => Some(S::Success),
            (S::Created, E::SentToCashier) => Some(S::Started),
            (S::Created | S::Started, E::PayerSubmitted) => Some(S::Submitted),
            (S::Created | S::Started | S::Submitted, E::Declined) => Some(S::Failed),
            (S::Created | S::Started | S::Submitted, E::Cancelled) => Some(S::Cancelled),
            (S::Created | S::Started | S::Submitted, E::TimedOut) => Some(S::Expired),
            (S::Created | S::Started | S::Submitted, E::ChannelFailed) => Some(S::Error),
            _ => None,
        }
    }
}

/// Why money taken was more than was owed, and is given back in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Surplus {
    /// Paid after the order had expired, been cancelled or failed.
    Late,
    /// The fee was already paid by another order (two tabs).
    Duplicate,
    /// The application was withdrawn or refused before the money came.
    Withdrawn,
}

impl Surplus {
    pub fn as_str(self) -> &'static str {
        match self {
            Surplus::Late => "late",
            Surplus::Duplicate => "duplicate",
            Surplus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Surplus::Late, Surplus::Duplicate, Surplus::Withdrawn].into_iter().find(|s| s.as_str() == text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeState {
    Due,
    Paid,
    /// Unpaid when its application ended without a grant (withdrawn, not accepted, refused): no
    /// longer owed, and no longer payable.
    Cancelled,
}

impl FeeState {
    pub fn as_str(self) -> &'static str {
        match self {
            FeeState::Due => "due",
            FeeState::Paid => "paid",
            FeeState::Cancelled => "cancelled",
        }
    }

    /// A fee row's state, as its application now stands: a row stays `due` when the application
    /// ends, and reads as cancelled from then on.
    pub fn of(row_state: &str, application: Option<crate::applications::ApplicationState>) -> Option<Self> {
        match [FeeState::Due, FeeState::Paid].into_iter().find(|s| s.as_str() == row_state)? {
            FeeState::Due if application.is_some_and(|a| a.ended_ungranted()) => Some(FeeState::Cancelled),
            state => Some(state),
        }
    }
}

/// A fee an application owes, as its payer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeView {
    pub id: String,
    pub application_id: String,
    pub application_number: Option<String>,
    pub service_name: Localized,
    /// What is charged, and under which provision.
    pub basis: Localized,
    pub amount_fen: u64,
    pub state: FeeState,
    /// The company that pays it, by name; none when the applicant pays it themself.
    pub company_name: Option<String>,
    /// This session may pay it (for a company: acting with the "pay" scope).
    pub may_pay: bool,
    /// The order that paid it.
    pub paid_by: Option<String>,
    /// What has been given back of what paid it.
    #[serde(default)]
    pub refunded_fen: u64,
}

/// A fee with every order made to pay it, newest first, and the channels it can be paid through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeDetail {
    pub fee: FeeView,
    pub orders: Vec<PaymentView>,
    pub channels: Vec<PayChannel>,
}

/// A fee and the orders made to pay it, as the officer handling the case sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseFee {
    pub fee: FeeView,
    pub orders: Vec<PaymentView>,
}

/// One payment order, as the page that follows it shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub id: String,
    pub fee_id: String,
    pub application_id: String,
    pub channel: PayChannel,
    pub amount_fen: u64,
    pub state: PaymentState,
    pub finished: bool,
    /// Where to send the payer to pay: given once, while the order is new.
    pub next_url: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: i64,
    pub paid_at: Option<i64>,
    pub surplus: Option<Surplus>,
    /// The channel's own number for the trade, once it has one.
    pub channel_trade_no: Option<String>,
    pub out_trade_no: String,
    /// What has been given back from it, newest first.
    #[serde(default)]
    pub refunds: Vec<RefundView>,
    /// What it can still give back: what it took, less refunds made or under way.
    #[serde(default)]
    pub refundable_fen: u64,
    /// The fiscal e-receipt issued when it paid its fee.
    #[serde(default)]
    pub receipt_id: Option<String>,
}

/// Where a refund stands. The channel takes it, then says (by notification, or when asked) that
/// the money went back; one it refuses gives its amount back to what can be refunded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundState {
    Submitted,
    Success,
    Failed,
}

impl RefundState {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundState::Submitted => "submitted",
            RefundState::Success => "success",
            RefundState::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [RefundState::Submitted, RefundState::Success, RefundState::Failed].into_iter().find(|s| s.as_str() == text)
    }
}

/// Why money is given back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundCause {
    /// An officer gave it back, saying why.
    Officer,
    /// Paid after the order had ended.
    Late,
    /// The fee had been paid by another order.
    Duplicate,
    /// The application was withdrawn, not accepted or refused, and its service's rules give the fee back.
    Ended,
}

impl RefundCause {
    pub const ALL: [RefundCause; 4] = [RefundCause::Officer, RefundCause::Late, RefundCause::Duplicate, RefundCause::Ended];

    pub fn as_str(self) -> &'static str {
        match self {
            RefundCause::Officer => "officer",
            RefundCause::Late => "late",
            RefundCause::Duplicate => "duplicate",
            RefundCause::Ended => "ended",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The refund that gives back money an order took but was not owed.
    pub fn of_surplus(surplus: Surplus) -> Self {
        match surplus {
            Surplus::Late => RefundCause::Late,
            Surplus::Duplicate => RefundCause::Duplicate,
            Surplus::Withdrawn => RefundCause::Ended,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundView {
    pub id: String,
    pub amount_fen: u64,
    pub state: RefundState,
    pub cause: RefundCause,
    /// The officer's words; empty for a refund the rules make.
    pub reason: String,
    /// Unix seconds.
    pub created_at: i64,
    pub settled_at: Option<i64>,
}

pub const MAX_REFUND_REASON_CHARS: usize = 200;

/// An officer giving back all or part of what an order of the case took.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundRequest {
    pub order_id: String,
    /// Yuan, as typed: "10" or "10.50".
    pub amount: String,
    pub reason: String,
}

impl RefundRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::ORDER, fields::AMOUNT, fields::REASON];

    /// The amount in fen, once every field reads; what the order can still give back is the server's to check.
    pub fn validate(&self) -> Result<u64, FieldProblems> {
        let mut problems = FieldProblems::new();
        if self.order_id.trim().is_empty() {
            problems.insert(fields::ORDER, FieldProblem::ChooseOne);
        }
        let amount = self.amount.trim();
        let fen = parse_yuan(amount).filter(|fen| *fen > 0);
        if amount.is_empty() {
            problems.insert(fields::AMOUNT, FieldProblem::Required);
        } else if fen.is_none() {
            problems.insert(fields::AMOUNT, FieldProblem::MoneyFormat);
        }
        let reason = self.reason.trim();
        if reason.is_empty() {
            problems.insert(fields::REASON, FieldProblem::ReasonRequired);
        } else if reason.chars().count() > MAX_REFUND_REASON_CHARS {
            problems.insert(fields::REASON, FieldProblem::TooLong { max: MAX_REFUND_REASON_CHARS });
        } else if reason.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
            problems.insert(fields::REASON, FieldProblem::ControlCharacters);
        }
        match fen {
            Some(fen) if problems.is_empty() => Ok(fen),
            _ => Err(problems),
        }
    }
}

/// An officer assessing the fee of an application whose service charges by its standard: one
/// line of the standard, times a number of units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessFeeRequest {
    /// The code of the tariff line.
    pub item: String,
    /// As typed: "2".
    pub units: String,
}

impl AssessFeeRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::TARIFF_ITEM, fields::UNITS];

    /// The line charged and how many of its units, once both read and fit the line.
    pub fn validate<'t>(&self, tariff: &'t [TariffItem]) -> Result<(&'t TariffItem, u32), FieldProblems> {
        let mut problems = FieldProblems::new();
        let item = tariff.iter().find(|t| t.code == self.item);
        if item.is_none() {
            problems.insert(fields::TARIFF_ITEM, FieldProblem::ChooseOne);
        }
        let units = self.units.trim();
        let mut parsed = None;
        if units.is_empty() {
            problems.insert(fields::UNITS, FieldProblem::Required);
        } else if !units.bytes().all(|b| b.is_ascii_digit()) {
            problems.insert(fields::UNITS, FieldProblem::NotAWholeNumber);
        } else if let Some(item) = item {
            // Too many digits to read is out of range too.
            parsed = units.parse::<u32>().ok().filter(|n| (1..=item.max_units).contains(n));
            if parsed.is_none() {
                problems.insert(fields::UNITS, FieldProblem::OutOfRange { min: 1, max: u64::from(item.max_units) });
            }
        }
        match (item, parsed) {
            (Some(item), Some(units)) if problems.is_empty() => Ok((item, units)),
            _ => Err(problems),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePaymentRequest {
    pub channel: Option<PayChannel>,
}

impl CreatePaymentRequest {
    pub const FIELDS: &'static [&'static str] = &[crate::fields::CHANNEL];
}

/// Coming back from the cashier with the single-use token of the return address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    pub token: String,
}

/// `fen` as yuan with two decimals: 1000 → "10.00".
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// A yuan amount as people and channels write it ("10", "10.5", "10.00"), in fen; `None` for
/// anything else, including more than two decimals, signs, spaces and amounts past ¥9,999,999.99.
pub fn parse_yuan(text: &str) -> Option<u64> {
    let (whole, cents) = match text.split_once('.') {
        Some((w, c)) if (1..=2).contains(&c.len()) => (w, c),
        Some(_) => return None,
        None => (text, "0"),
    };
    if whole.is_empty() || whole.len() > 7 || !whole.bytes().all(|b| b.is_ascii_digit()) || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents: u64 = if cents.len() == 1 { cents.parse::<u64>().ok()? * 10 } else { cents.parse().ok()? };
    Some(whole.parse::<u64>().ok()? * 100 + cents)
}

/// An Idempotency-Key as GOV.UK Pay takes it: 1–64 printable ASCII characters.
pub fn valid_idempotency_key(key: &str) -> bool {
    (1..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// Checking one day's payments and refunds against each channel's statement for that day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct ReconciliationQuery {
    /// A Shanghai date, `YYYY-MM-DD`, before or on today; today when empty.
    #[serde(default)]
    pub date: String,
}

/// What a line that does not agree is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// The channel took (or gave back) money the portal has not recorded.
    OnlyAtChannel,
    /// The portal recorded money the channel does not know of.
    OnlyInPortal,
    /// Both know of it, for different amounts.
    AmountDiffers,
    /// On the channel's statement, for an order that is not the portal's.
    UnknownOrder,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Difference {
    pub kind: DifferenceKind,
    /// A payment (its order's number) or, with `refund_no`, one of its refunds.
    pub out_trade_no: String,
    pub refund_no: Option<String>,
    pub portal_fen: Option<u64>,
    pub channel_fen: Option<u64>,
    /// The case it belongs to, when the portal knows it.
    pub application_id: Option<String>,
}

/// One channel's day, as far as the officer's department goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelReconciliation {
    pub channel: PayChannel,
    /// Whether the channel's statement could be had; when not, nothing is compared.
    pub statement_received: bool,
    pub payments: u32,
    pub paid_fen: u64,
    pub refunds: u32,
    pub refunded_fen: u64,
    pub differences: Vec<Difference>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reconciliation {
    pub date: String,
    pub channels: Vec<ChannelReconciliation>,
}

/// `YYYY-MM-DD` naming a day the calendar has (no 30 February).
fn is_calendar_date(date: &str) -> bool {
    let well_formed =
        date.len() == 10 && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !well_formed {
        return false;
    }
    let number = |range: std::ops::Range<usize>| date[range].parse::<u32>().unwrap_or(0);
    crate::ids::is_calendar_day(number(0..4), number(5..7), number(8..10))
}

impl ReconciliationQuery {
    pub const FIELDS: &'static [&'static str] = &[fields::DATE];

    /// The date, if it is one and not after `today`; `today` when none is given.
    pub fn validate(&self, today: &str) -> Result<String, FieldProblems> {
        let date = self.date.trim();
        if date.is_empty() {
            return Ok(today.to_string());
        }
        let mut problems = FieldProblems::new();
        if !is_calendar_date(date) {
            problems.insert(fields::DATE, FieldProblem::DateFormat);
        } else if date > today {
            problems.insert(fields::DATE, FieldProblem::DateInFuture);
        }
        crate::error::checked(problems).map(|()| date.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_yuan, yuan, PaymentEvent as E, PaymentState as S};

    #[test]
    fn an_assessment_names_a_line_of_the_tariff_and_units_it_allows() {
        use super::AssessFeeRequest;
        use crate::catalogue::TariffItem;
        use crate::{fields, FieldProblem, Localized};
        let tariff =
            [TariffItem {
                code: "home".into(), label: Localized::new("住宅（每件）", "Home (per unit)"), unit_fen: 8000, max_units: 20
            }];
        let assess = |item: &str, units: &str| {
            AssessFeeRequest { item: item.into(), units: units.into() }.validate(&tariff).map(|(t, n)| (t.code.clone(), n))
        };
        assert_eq!(assess("home", " 3 "), Ok(("home".to_string(), 3)));
        assert_eq!(assess("home", "20"), Ok(("home".to_string(), 20)));
        let out_of_range = Some(&FieldProblem::OutOfRange { min: 1, max: 20 });
        for units in ["0", "21", "99999999999999999999"] {
            assert_eq!(assess("home", units).unwrap_err().get(fields::UNITS), out_of_range, "{units}");
        }
        for units in ["-1", "1.5", "+2", "二"] {
            assert_eq!(assess("home", units).unwrap_err().get(fields::UNITS), Some(&FieldProblem::NotAWholeNumber), "{units}");
        }
        assert_eq!(assess("home", "").unwrap_err().get(fields::UNITS), Some(&FieldProblem::Required));
        let unknown = assess("office", "2").unwrap_err();
        assert_eq!(unknown.get(fields::TARIFF_ITEM), Some(&FieldProblem::ChooseOne));
        assert_eq!(unknown.get(fields::UNITS), None);
    }

    #[test]
    fn a_reconciliation_day_is_a_real_day_up_to_today() {
        use super::ReconciliationQuery;
        use crate::{fields, FieldProblem};
        let check = |date: &str| ReconciliationQuery { date: date.into() }.validate("2026-12-02");
        assert_eq!(check(""), Ok("2026-12-02".to_string()));
        assert_eq!(check(" 2024-02-29 "), Ok("2024-02-29".to_string()));
        for bad in ["2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "26-1-1", "二〇二六年一月"] {
            assert_eq!(check(bad).unwrap_err().get(fields::DATE), Some(&FieldProblem::DateFormat), "{bad}");
        }
        assert_eq!(check("2026-12-03").unwrap_err().get(fields::DATE), Some(&FieldProblem::DateInFuture));
    }

    #[test]
    fn every_cell_of_the_state_table() {
        let events = [E::SentToCashier, E::PayerSubmitted, E::Paid, E::Declined, E::Cancelled, E::TimedOut, E::ChannelFailed];
        let open = [
            (
                S::Created,
                [
                    Some(S::Started),
                    Some(S::Submitted),
                    Some(S::Success),
                    Some(S::Failed),
                    Some(S::Cancelled),
                    Some(S::Expired),
                    Some(S::Error),
                ],
            ),
            (
                S::Started,
                [None, Some(S::Submitted), Some(S::Success), Some(S::Failed), Some(S::Cancelled), Some(S::Expired), Some(S::Error)],
            ),
            (S::Submitted, [None, None, Some(S::Success), Some(S::Failed), Some(S::Cancelled), Some(S::Expired), Some(S::Error)]),
        ];
        for (from, expected) in open {
            for (event, to) in events.iter().zip(expected) {
                assert_eq!(from.after(*event), to, "{from:?} + {event:?}");
            }
        }
        for from in [S::Failed, S::Cancelled, S::Expired, S::Error] {
            for event in events {
                let expected = (event == E::Paid).then_some(S::Success);
                assert_eq!(from.after(event), expected, "{from:?} + {event:?}");
            }
        }
        for event in events {
            assert_eq!(S::Success.after(event), None);
        }
    }

    #[test]
    fn states_name_themselves_and_say_when_finished() {
        for state in S::ALL {
            assert_eq!(S::parse(state.as_str()), Some(state));
        }
        assert!(!S::Submitted.finished());
        assert!(S::Expired.finished() && S::Success.finished());
    }

    #[test]
    fn yuan_both_ways() {
        assert_eq!(yuan(1000), "10.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(parse_yuan("10.00"), Some(1000));
        assert_eq!(parse_yuan("10.5"), Some(1050));
        assert_eq!(parse_yuan("10"), Some(1000));
        assert_eq!(parse_yuan("0.01"), Some(1));
        for bad in ["", ".5", "10.", "10.001", "-1", "+1", "1 0", "1e3", "10,00", "99999999", "１０"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }
}
