//! What the portal asks of a courier, whatever its protocol: a waybill for a result to post (or
//! for paper originals to collect and bring to the department), and
//! the courier's tracking events read exactly as they arrived. The sandbox courier's adapter speaks
//! an EMS-style protocol (JSON, each request and answer signed with RSA-SHA256 over the partner,
//! the time and the body) to the sandbox courier this server runs under `/sandbox/ems/…`; a real
//! adapter would send the same bytes over the network.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use openssl::pkey::{PKey, Private, Public};
use serde::{Deserialize, Serialize};
use tongban_api::delivery::ShipmentState;
use tongban_api::Localized;

use crate::clock::{Clock, SECOND};
use crate::payments::rsa2;
use crate::payments::transport::InProcess;

pub type CourierFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

/// One end of a waybill: who, their mobile number, and where in Shanghai.
pub struct Party<'a> {
    pub name: &'a str,
    pub mobile: &'a str,
    /// The district's name, as the courier's address has it.
    pub district: &'a str,
    pub address: &'a str,
}

/// What is posted, from whom, to whom: the portal's shipment is the order.
pub struct NewWaybill<'a> {
    pub order_no: &'a str,
    /// The courier collects it at the sender's door (paper originals), rather than at the
    /// department's counter (a result).
    pub collect: bool,
    pub sender: Party<'a>,
    pub receiver: Party<'a>,
}

/// One tracking event, as the courier tells it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrackingEvent {
    pub waybill_no: String,
    /// The courier's own id for the event: told twice, it counts once.
    pub event_id: String,
    pub state: ShipmentState,
    /// When it happened at the courier, in Unix seconds (not when it arrived).
    pub occurred_at: i64,
    pub place: Localized,
}

pub trait Courier: Send + Sync {
    /// Its name as the applicant reads it.
    fn name(&self) -> Localized;
    /// How the portal's records name it.
    fn code(&self) -> &'static str;
    /// A waybill for the order (and, to collect, the courier's visit); asking again for the same
    /// order gets the same waybill.
    fn create_waybill<'a>(&'a self, waybill: NewWaybill<'a>) -> CourierFuture<'a, String>;
    /// A tracking event as it arrived; why not, when it does not verify.
    fn read_event(&self, headers: &HeaderMap, body: &[u8]) -> Result<TrackingEvent, String>;
}

pub const PARTNER_HEADER: &str = "x-ems-partner";
pub const TIMESTAMP_HEADER: &str = "x-ems-timestamp";
pub const SIGN_HEADER: &str = "x-ems-sign";

/// What a request's signature covers: who sends it, when, and the exact body.
pub fn signing_content(partner: &str, timestamp: &str, body: &[u8]) -> String {
    format!("{partner}\n{timestamp}\n{}", String::from_utf8_lossy(body))
}

/// The signed headers' timestamp, if it is fresh within `fresh` (microseconds) of `now`.
pub fn fresh_timestamp(headers: &HeaderMap, now: i64, fresh: i64) -> Option<&str> {
    let text = headers.get(TIMESTAMP_HEADER)?.to_str().ok()?;
    let at = text.parse::<i64>().ok()?.checked_mul(SECOND)?;
    (now.checked_sub(at)?.abs() <= fresh).then_some(text)
}

/// Checks the partner, freshness and signature of a signed message.
pub fn verify(headers: &HeaderMap, body: &[u8], partner: &str, key: &PKey<Public>, now: i64, fresh: i64) -> Result<(), String> {
    if headers.get(PARTNER_HEADER).and_then(|v| v.to_str().ok()) != Some(partner) {
        return Err("another partner".into());
    }
    let timestamp = fresh_timestamp(headers, now, fresh).ok_or("stale or missing timestamp")?;
    let signature = headers.get(SIGN_HEADER).and_then(|v| v.to_str().ok()).ok_or("no signature")?;
    rsa2::verify(key, &signing_content(partner, timestamp, body), signature).then_some(()).ok_or_else(|| "bad signature".into())
}

/// The headers that sign `body` as `partner`, at `now` (microseconds).
pub fn signed_headers(partner: &str, key: &PKey<Private>, now: i64, body: &[u8]) -> [(&'static str, String); 3] {
    let timestamp = (now / SECOND).to_string();
    let signature = rsa2::sign(key, &signing_content(partner, &timestamp, body));
    [(PARTNER_HEADER, partner.to_string()), (TIMESTAMP_HEADER, timestamp), (SIGN_HEADER, signature)]
}

/// The sandbox courier, in the style of EMS government-document delivery (政务专递).
pub struct Ems {
    /// The portal's partner id at the courier.
    pub partner: String,
    pub partner_key: PKey<Private>,
    pub platform_key: PKey<Public>,
    pub api: InProcess,
    pub public_origin: String,
    /// How far a message's time may be from the portal's clock (microseconds).
    pub fresh: i64,
    pub clock: Arc<dyn Clock>,
}

#[derive(Serialize)]
struct WaybillOrder<'a> {
    order_no: &'a str,
    kind: &'static str,
    /// `door` (上门揽收) or `counter`.
    pickup: &'static str,
    sender: Address<'a>,
    receiver: Address<'a>,
    callback_url: String,
}

#[derive(Serialize)]
struct Address<'a> {
    name: &'a str,
    mobile: &'a str,
    city: &'static str,
    county: &'a str,
    address: &'a str,
}

impl<'a> From<&Party<'a>> for Address<'a> {
    fn from(party: &Party<'a>) -> Self {
        Address { name: party.name, mobile: party.mobile, city: "上海市", county: party.district, address: party.address }
    }
}

#[derive(Deserialize)]
struct WaybillAnswer {
    waybill_no: String,
    order_no: String,
}

/// The courier signs as itself, under this partner id.
pub const EMS_PLATFORM: &str = "EMS";

impl Courier for Ems {
    fn name(&self) -> Localized {
        Localized::new("中国邮政 EMS 政务专递", "China Post EMS government delivery")
    }

    fn code(&self) -> &'static str {
        "ems"
    }

    fn create_waybill<'a>(&'a self, waybill: NewWaybill<'a>) -> CourierFuture<'a, String> {
        Box::pin(async move {
            let order = WaybillOrder {
                order_no: waybill.order_no,
                kind: "government_document",
                pickup: if waybill.collect { "door" } else { "counter" },
                sender: Address::from(&waybill.sender),
                receiver: Address::from(&waybill.receiver),
                callback_url: format!("{}/courier/notify/ems", self.public_origin),
            };
            let body = serde_json::to_vec(&order).map_err(|e| e.to_string())?;
            let mut request =
                Request::builder().method(Method::POST).uri("/sandbox/ems/api/v1/waybills").header("content-type", "application/json");
            for (name, value) in signed_headers(&self.partner, &self.partner_key, self.clock.now(), &body) {
                request = request.header(name, value);
            }
            let request = request.body(Body::from(body)).map_err(|e| e.to_string())?;
            let (status, headers, answer) = self.api.send(request).await.map_err(|e| e.to_string())?;
            // An answer that does not verify tells nothing: the outbox asks again.
            verify(&headers, &answer, EMS_PLATFORM, &self.platform_key, self.clock.now(), self.fresh)
                .map_err(|why| format!("the courier's answer ({status}): {why}"))?;
            if status != StatusCode::OK {
                return Err(format!("the courier refused: {status} {}", String::from_utf8_lossy(&answer)));
            }
            let answer: WaybillAnswer = serde_json::from_slice(&answer).map_err(|e| e.to_string())?;
            if answer.order_no != waybill.order_no || answer.waybill_no.is_empty() {
                return Err("the courier answered about another order".into());
            }
            Ok(answer.waybill_no)
        })
    }

    fn read_event(&self, headers: &HeaderMap, body: &[u8]) -> Result<TrackingEvent, String> {
        verify(headers, body, EMS_PLATFORM, &self.platform_key, self.clock.now(), self.fresh)?;
        let event: TrackingEvent = serde_json::from_slice(body).map_err(|e| format!("malformed: {e}"))?;
        if event.state == ShipmentState::Requested || event.event_id.is_empty() || event.event_id.len() > 64 {
            return Err("not a tracking event".into());
        }
        Ok(event)
    }
}
