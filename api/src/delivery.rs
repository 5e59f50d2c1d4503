//! Getting a decided application's result. Collected at a window: when the result is issued the
//! applicant gets a pick-up code (取件码) and its QR; an officer of the issuing department enters or
//! scans it, checks the collector's identity document, and hands the result over, once. Or posted
//! by courier (政务专递) to an address the applicant gave, often from their address book, and
//! followed by the courier's tracking events until it is delivered or comes back.

use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, FieldProblems};
use crate::fields;
use crate::forms::{ADDRESS_MAX_CHARS, DISTRICTS};
use crate::lang::Localized;

/// How many digits a pick-up code has.
pub const PICKUP_CODE_DIGITS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PickupState {
    /// Waiting at the window.
    Ready,
    HandedOver,
}

/// Where a result waits to be collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupPlace {
    pub name: Localized,
    pub address: Localized,
    pub hours: Localized,
    pub phone: String,
}

/// A result to collect, as its applicant sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupView {
    pub state: PickupState,
    /// Shown at the window, typed or scanned from its QR.
    pub code: String,
    pub place: PickupPlace,
    pub ready_at: i64,
    pub handed_over_at: Option<i64>,
}

/// A pick-up code, as the officer typed or scanned it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupLookupRequest {
    pub pickup_code: String,
}

/// A digit string of `count` digits, spaces around it ignored.
fn is_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

impl PickupLookupRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PICKUP_CODE];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if !is_digits(self.pickup_code.trim(), PICKUP_CODE_DIGITS) {
            problems.insert(fields::PICKUP_CODE, FieldProblem::Digits { count: PICKUP_CODE_DIGITS });
        }
        crate::error::checked(problems)
    }
}

/// Handing a result over: its code, the application the officer looked up and checked the
/// collector against (a code changed since finds nothing), and the officer's word that the
/// collector's identity document was checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandOverRequest {
    pub pickup_code: String,
    pub application_id: String,
    pub identity_checked: bool,
}

impl HandOverRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::PICKUP_CODE, fields::IDENTITY_CHECKED];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = PickupLookupRequest { pickup_code: self.pickup_code.clone() }.validate().err().unwrap_or_default();
        if !self.identity_checked {
            problems.insert(fields::IDENTITY_CHECKED, FieldProblem::IdentityNotChecked);
        }
        crate::error::checked(problems)
    }
}

/// A result waiting at (or handed over from) the officer's department, found by its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickupCase {
    pub application_id: String,
    pub application_number: String,
    pub service_name: Localized,
    /// Whose result it is: the person, or the company and its representative's name.
    pub applicant_name: String,
    /// The identity document to check: the resident ID number, all but its first and last
    /// digits hidden; or the company's credit code.
    pub applicant_id: String,
    pub state: PickupState,
    pub ready_at: i64,
    pub handed_over_at: Option<i64>,
    /// The officer who handed it over.
    pub handed_over_by: Option<String>,
}

/// How many addresses an address book keeps (its conflict's message says so).
pub const MAX_ADDRESSES: usize = 10;
pub const RECIPIENT_MAX_CHARS: usize = 30;

/// Where a result is posted, and to whom: an address-book entry, and a postal address answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostalAddress {
    pub recipient: String,
    /// The recipient's mobile number, for the courier.
    pub phone: String,
    /// One of [`DISTRICTS`], by its id.
    pub district: String,
    pub detail: String,
}

impl PostalAddress {
    pub const FIELDS: &'static [&'static str] = &[fields::RECIPIENT, fields::PHONE, fields::DISTRICT, fields::DETAIL];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        let recipient = self.recipient.trim();
        if recipient.is_empty() {
            problems.insert(fields::RECIPIENT, FieldProblem::Required);
        } else if recipient.chars().count() > RECIPIENT_MAX_CHARS {
            problems.insert(fields::RECIPIENT, FieldProblem::TooLong { max: RECIPIENT_MAX_CHARS });
        } else if recipient.chars().any(char::is_control) {
            problems.insert(fields::RECIPIENT, FieldProblem::ControlCharacters);
        }
        if !crate::ids::is_valid_mobile(self.phone.trim()) {
            problems.insert(fields::PHONE, FieldProblem::InvalidMobile);
        }
        if !DISTRICTS.iter().any(|(id, ..)| *id == self.district) {
            problems.insert(fields::DISTRICT, FieldProblem::ChooseOne);
        }
        let detail = self.detail.trim();
        if detail.is_empty() {
            problems.insert(fields::DETAIL, FieldProblem::Required);
        } else if detail.chars().count() > ADDRESS_MAX_CHARS {
            problems.insert(fields::DETAIL, FieldProblem::TooLong { max: ADDRESS_MAX_CHARS });
        } else if detail.chars().any(char::is_control) {
            problems.insert(fields::DETAIL, FieldProblem::ControlCharacters);
        }
        crate::error::checked(problems)
    }

    /// As kept: spaces around each part gone.
    pub fn trimmed(&self) -> Self {
        PostalAddress {
            recipient: self.recipient.trim().into(),
            phone: self.phone.trim().into(),
            district: self.district.clone(),
            detail: self.detail.trim().into(),
        }
    }

    /// The address as a letter carries it: "上海市徐汇区漕溪北路 88 号".
    pub fn place(&self) -> Localized {
        let (zh, en) = DISTRICTS.iter().find(|(id, ..)| *id == self.district).map_or(("", ""), |(_, zh, en)| (*zh, *en));
        Localized::new(format!("上海市{zh}{}", self.detail), format!("{}, {en}, Shanghai", self.detail))
    }
}

/// A postal address answered on a form is the same four parts.
impl From<&crate::forms::AddressAnswer> for PostalAddress {
    fn from(a: &crate::forms::AddressAnswer) -> Self {
        PostalAddress { recipient: a.recipient.clone(), phone: a.phone.clone(), district: a.district.clone(), detail: a.detail.clone() }
    }
}

impl From<PostalAddress> for crate::forms::AddressAnswer {
    fn from(a: PostalAddress) -> Self {
        crate::forms::AddressAnswer { district: a.district, detail: a.detail, recipient: a.recipient, phone: a.phone }
    }
}

/// An address in the account's address book (收件地址簿).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedAddress {
    pub id: String,
    #[serde(flatten)]
    pub address: PostalAddress,
}

/// Where a posted result stands: asked of the courier, then each tracking event's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShipmentState {
    /// The portal asked the courier for a waybill.
    Requested,
    /// The courier has it (揽收).
    Accepted,
    InTransit,
    OutForDelivery,
    /// Not delivered this time; the courier tries again or sends it back.
    FailedAttempt,
    Delivered,
    /// Sent back to the department.
    Returned,
}

impl ShipmentState {
    pub const ALL: [ShipmentState; 7] = [
        ShipmentState::Requested,
        ShipmentState::Accepted,
        ShipmentState::InTransit,
        ShipmentState::OutForDelivery,
        ShipmentState::FailedAttempt,
        ShipmentState::Delivered,
        ShipmentState::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentState::Requested => "requested",
            ShipmentState::Accepted => "accepted",
            ShipmentState::InTransit => "in_transit",
            ShipmentState::OutForDelivery => "out_for_delivery",
            ShipmentState::FailedAttempt => "failed_attempt",
            ShipmentState::Delivered => "delivered",
            ShipmentState::Returned => "returned",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Delivered or returned: nothing after changes it.
    pub fn finished(self) -> bool {
        matches!(self, ShipmentState::Delivered | ShipmentState::Returned)
    }

    /// How far along the route, for events the courier stamps with the same moment.
    fn rank(self) -> u8 {
        self as u8
    }

    /// Where a shipment stands given every tracking event heard, `(state, when it happened)`, in
    /// whatever order they came: an end (delivered, returned) once there is one; else the latest by
    /// when it happened at the courier, of events at the same moment the one further along.
    pub fn current(events: &[(ShipmentState, i64)]) -> ShipmentState {
        let by_time = |(state, at): &&(ShipmentState, i64)| (*at, state.rank());
        events
            .iter()
            .filter(|(state, _)| state.finished())
            .max_by_key(by_time)
            .or_else(|| events.iter().max_by_key(by_time))
            .map_or(ShipmentState::Requested, |(state, _)| *state)
    }
}

/// One tracking event, as the applicant reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackingEntry {
    pub state: ShipmentState,
    /// Unix seconds, when it happened at the courier.
    pub at: i64,
    pub place: Localized,
}

/// A parcel carried by courier: a result posted, or originals collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentView {
    pub courier: Localized,
    /// Once the courier has given one.
    pub waybill_no: Option<String>,
    pub state: ShipmentState,
    /// The applicant's end: where a result goes, or where originals are collected.
    pub address: PostalAddress,
    /// Newest first, by when each happened.
    pub tracking: Vec<TrackingEntry>,
}

/// The paper originals a department checks for an application, and whether they are posted in
/// (原件寄递): collected at the applicant's door by the courier and brought to the department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginalsView {
    /// The materials whose originals are checked.
    pub materials: Vec<Localized>,
    pub department: Localized,
    /// The department's window they are brought to.
    pub to: PickupPlace,
    /// Once booked: where they are collected, the waybill and the tracking.
    pub shipment: Option<ShipmentView>,
    /// Unix seconds, when an officer recorded them as received and checked.
    pub checked_in_at: Option<i64>,
    /// Who did, shown to officers.
    pub checked_in_by: Option<String>,
    /// The applicant can book a collection now: submitted, undecided, none booked.
    pub can_book: bool,
}

/// An officer recording posted originals as received: their word that they checked them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginalsCheckInRequest {
    pub checked: bool,
}

impl OriginalsCheckInRequest {
    pub const FIELDS: &'static [&'static str] = &[fields::ORIGINALS_CHECKED];

    pub fn validate(&self) -> Result<(), FieldProblems> {
        let mut problems = FieldProblems::new();
        if !self.checked {
            problems.insert(fields::ORIGINALS_CHECKED, FieldProblem::OriginalsNotChecked);
        }
        crate::error::checked(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_heard_in_any_order_ends_in_the_same_state() {
        use ShipmentState as S;
        let route = [
            (S::Accepted, 60),
            (S::InTransit, 300),
            (S::OutForDelivery, 900),
            (S::FailedAttempt, 1200),
            (S::OutForDelivery, 2400),
            (S::Delivered, 3000),
        ];
        let mut order: Vec<usize> = (0..route.len()).collect();
        // Every order of hearing them (720), and every point partway: what has been heard decides.
        let mut seen = 0;
        permute(&mut order, 0, &mut |order| {
            seen += 1;
            let heard: Vec<_> = order.iter().map(|i| route[*i]).collect();
            assert_eq!(S::current(&heard), S::Delivered);
            let without_end: Vec<_> = heard.iter().copied().filter(|(s, _)| *s != S::Delivered).collect();
            assert_eq!(S::current(&without_end), S::OutForDelivery, "the second attempt is under way");
        });
        assert_eq!(seen, 720);
        assert_eq!(S::current(&[]), S::Requested);
        assert_eq!(S::current(&[(S::Returned, 100), (S::OutForDelivery, 200)]), S::Returned, "an end stays the end");
        assert_eq!(S::current(&[(S::InTransit, 100), (S::Accepted, 100)]), S::InTransit, "at the same moment, the further along");
    }

    fn permute(items: &mut Vec<usize>, from: usize, visit: &mut impl FnMut(&[usize])) {
        if from == items.len() {
            return visit(items);
        }
        for i in from..items.len() {
            items.swap(from, i);
            permute(items, from + 1, visit);
            items.swap(from, i);
        }
    }

    #[test]
    fn an_address_names_who_and_where_with_a_mobile_number() {
        let good = PostalAddress {
            recipient: " 张伟 ".into(),
            phone: "13800138000".into(),
            district: "xuhui".into(),
            detail: "漕溪北路 88 号".into(),
        };
        assert_eq!(good.validate(), Ok(()));
        assert_eq!(good.trimmed().place().zh, "上海市徐汇区漕溪北路 88 号");
        let bad = PostalAddress { recipient: "".into(), phone: "1380013800".into(), district: "gotham".into(), detail: "x".repeat(101) }
            .validate()
            .unwrap_err();
        assert_eq!(bad.get(fields::RECIPIENT), Some(&FieldProblem::Required));
        assert_eq!(bad.get(fields::PHONE), Some(&FieldProblem::InvalidMobile));
        assert_eq!(bad.get(fields::DISTRICT), Some(&FieldProblem::ChooseOne));
        assert_eq!(bad.get(fields::DETAIL), Some(&FieldProblem::TooLong { max: 100 }));
    }

    #[test]
    fn a_hand_over_needs_eight_digits_and_the_identity_checked() {
        let problems =
            HandOverRequest { pickup_code: "1234567".into(), application_id: "a".into(), identity_checked: false }.validate().unwrap_err();
        assert_eq!(problems.get(fields::PICKUP_CODE), Some(&FieldProblem::Digits { count: 8 }));
        assert_eq!(problems.get(fields::IDENTITY_CHECKED), Some(&FieldProblem::IdentityNotChecked));
        assert!(HandOverRequest { pickup_code: " 12345678 ".into(), application_id: "a".into(), identity_checked: true }
            .validate()
            .is_ok());
        assert!(PickupLookupRequest { pickup_code: "1234567a".into() }.validate().is_err());
    }
}
