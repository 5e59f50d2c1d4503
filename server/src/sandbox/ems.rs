//! The sandbox courier, in the style of EMS government-document delivery (政务专递): it takes a
//! signed order for a waybill (answering the same order with the same waybill), then sends the
//! waybill's tracking events back to the portal, each signed, through the outbox with its retries.
//! Events are timed as a city delivery goes (divided by the sandbox's time scale), and some come
//! late: on a waybill whose number ends in an odd digit, the sorting centre's scan arrives after
//! the delivery, as a late upload does. Where the address says "无人" nobody is in the first time
//! and it is delivered the next try; where it says "拒收" the recipient refuses it and it goes back.
//! Paper originals are collected at the sender's door by their district's office, and delivered.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;
use serde_json::json;
use sqlx::Row;
use tongban_api::delivery::ShipmentState;
use tongban_api::forms::DISTRICTS;
use tongban_api::Localized;

use super::{SandboxState, KEYS};
use crate::clock::{MINUTE, SECOND};
use crate::delivery::courier::{signed_headers, verify, EMS_PLATFORM};
use crate::outbox;
use crate::secrets::random_digits;

/// The portal's partner id at the sandbox courier.
pub const EMS_PARTNER: &str = "TONGBAN-GOV";
const OUTBOX_KIND: &str = "sandbox.ems";
/// How far a signed request's time may be from the courier's clock.
const FRESH: i64 = 5 * MINUTE;

pub(super) fn routes() -> Router<SandboxState> {
    Router::new().route("/sandbox/ems/api/v1/waybills", post(create))
}

#[derive(Deserialize)]
struct Order {
    order_no: String,
    /// `door`: collected from the sender (上门揽收).
    pickup: String,
    sender: Address,
    receiver: Address,
    callback_url: String,
}

#[derive(Deserialize)]
struct Address {
    county: String,
    address: String,
}

/// An answer signed by the courier, as every answer of its API is.
fn signed(state: &SandboxState, status: StatusCode, body: serde_json::Value) -> Response {
    let body = body.to_string();
    let headers = signed_headers(EMS_PLATFORM, &KEYS.ems_platform.0, state.clock.now(), body.as_bytes());
    let mut response = (status, [("content-type", "application/json")], body).into_response();
    for (name, value) in headers {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// One step of a route: what happens, minutes after the waybill is made, and where.
struct Step {
    state: ShipmentState,
    happens: i64,
    place: fn(&Order) -> Localized,
}

fn counter(_: &Order) -> Localized {
    Localized::new("上海市邮政公司政务专递揽投部", "Shanghai Post government mail counter")
}

fn sorting(_: &Order) -> Localized {
    Localized::new("上海邮区中心局", "Shanghai mail sorting centre")
}

fn district_office(district: &str) -> Localized {
    let english = DISTRICTS.iter().find(|(_, zh, _)| *zh == district).map_or(district, |(_, _, en)| *en);
    Localized::new(format!("上海市{district}投递部"), format!("{english} delivery office, Shanghai"))
}

fn local_office(order: &Order) -> Localized {
    district_office(&order.receiver.county)
}

fn senders_office(order: &Order) -> Localized {
    district_office(&order.sender.county)
}

fn route(kind: &str) -> Vec<Step> {
    let step = |state, happens, place| Step { state, happens, place };
    use ShipmentState as S;
    // Collected at the sender's door by their district's office, or handed in at the counter.
    let collected = if kind == "collect" { senders_office } else { counter };
    let mut steps = vec![step(S::Accepted, 1, collected), step(S::InTransit, 5, sorting), step(S::OutForDelivery, 15, local_office)];
    match kind {
        "absent" => steps.extend([
            step(S::FailedAttempt, 20, local_office),
            step(S::OutForDelivery, 40, local_office),
            step(S::Delivered, 50, local_office),
        ]),
        "refused" => steps.extend([step(S::FailedAttempt, 20, local_office), step(S::Returned, 45, counter)]),
        _ => steps.push(step(S::Delivered, 30, local_office)),
    }
    steps
}

/// Takes an order for a waybill: the same order gets the same waybill.
async fn create(State(state): State<SandboxState>, headers: HeaderMap, body: Bytes) -> Response {
    let now = state.clock.now();
    if let Err(why) = verify(&headers, &body, EMS_PARTNER, &KEYS.ems_partner.1, now, FRESH) {
        return signed(&state, StatusCode::UNAUTHORIZED, json!({ "code": "SIGN_ERROR", "message": why }));
    }
    let Ok(order) = serde_json::from_slice::<Order>(&body) else {
        return signed(&state, StatusCode::BAD_REQUEST, json!({ "code": "PARAM_ERROR", "message": "malformed order" }));
    };
    if !order.callback_url.starts_with(&format!("{}/", state.origin)) || order.order_no.is_empty() || order.order_no.len() > 64 {
        return signed(&state, StatusCode::BAD_REQUEST, json!({ "code": "PARAM_ERROR", "message": "order number or callback" }));
    }
    match made(&state, &order, now).await {
        Ok(waybill_no) => signed(&state, StatusCode::OK, json!({ "waybill_no": waybill_no, "order_no": order.order_no })),
        Err(e) => {
            tracing::error!(error = %e, "the sandbox courier could not make a waybill");
            signed(&state, StatusCode::INTERNAL_SERVER_ERROR, json!({ "code": "SYSTEM_ERROR", "message": "try again" }))
        }
    }
}

async fn made(state: &SandboxState, order: &Order, now: i64) -> Result<String, sqlx::Error> {
    let existing = sqlx::query("SELECT waybill_no FROM sandbox_waybills WHERE order_no = $1")
        .bind(order.order_no.as_str())
        .fetch_optional(&state.pool)
        .await?;
    if let Some(row) = existing {
        return row.try_get("waybill_no");
    }
    let kind = if order.pickup == "door" {
        "collect"
    } else if order.receiver.address.contains("拒收") {
        "refused"
    } else if order.receiver.address.contains("无人") {
        "absent"
    } else {
        "normal"
    };
    let waybill_no = format!("11{}", random_digits(11));
    let mut tx = state.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO sandbox_waybills (waybill_no, order_no, callback_url, route, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(waybill_no.as_str())
    .bind(order.order_no.as_str())
    .bind(order.callback_url.as_str())
    .bind(kind)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        // The same order at the same moment: the other one made it.
        drop(tx);
        return sqlx::query("SELECT waybill_no FROM sandbox_waybills WHERE order_no = $1")
            .bind(order.order_no.as_str())
            .fetch_one(&state.pool)
            .await?
            .try_get("waybill_no");
    }
    let late_scan = waybill_no.ends_with(['1', '3', '5', '7', '9']);
    let scale = i64::from(state.scale.max(1));
    let steps = route(kind);
    let last = steps.iter().map(|s| s.happens).max().unwrap_or(0);
    for (n, step) in steps.iter().enumerate() {
        let happened = now + step.happens * MINUTE / scale;
        let sent = if late_scan && step.state == ShipmentState::InTransit { now + (last + 1) * MINUTE / scale } else { happened };
        let event = json!({
            "waybill_no": waybill_no,
            "event_id": format!("{waybill_no}-{n}"),
            "state": step.state,
            "occurred_at": happened / SECOND,
            "place": (step.place)(order),
        });
        outbox::enqueue(&mut tx, now, OUTBOX_KIND, &waybill_no, &event.to_string(), sent).await?;
    }
    tx.commit().await?;
    Ok(waybill_no)
}

/// Sends one tracking event to the portal, signed now, as the courier's push does.
pub async fn deliver(state: &crate::AppState, _waybill_no: &str, event: &str) -> Result<(), String> {
    let mut request = Request::post("/courier/notify/ems").header("content-type", "application/json");
    for (name, value) in signed_headers(EMS_PLATFORM, &KEYS.ems_platform.0, state.clock.now(), event.as_bytes()) {
        request = request.header(name, value);
    }
    let request = request.body(Body::from(event.to_string())).map_err(|e| e.to_string())?;
    super::post_to_portal(state, request, |status, body| status == StatusCode::OK && body.windows(7).any(|w| w == b"success")).await
}
