//! Results posted by courier. The shipment is made in the transaction that issues the result,
//! for an applicant who chose the post; the waybill is asked for by the outbox (a courier out of
//! reach delays it and loses nothing). The courier's tracking events are taken once each, after
//! their signature verifies; the shipment's state is then recomputed from every event heard, by
//! when each happened, so events that come twice, late or out of order end in the right state.
//! The applicant is told when it is out for delivery, missed, delivered or sent back; delivered
//! completes the application.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use sqlx::Row;
use tongban_api::applications::{ApplicationEvent, ApplicationState};
use tongban_api::delivery::{PostalAddress, ShipmentState, ShipmentView, TrackingEntry};
use tongban_api::forms::Answer;
use tongban_api::{ConflictReason, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::courier::{NewWaybill, TrackingEvent};
use crate::applications::store::{self, load, tell, ApplicationRecord, Move, MovedBy};
use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::identity::sessions::client_ip;
use crate::outbox;
use crate::secrets::random_token;
use crate::words::{Arg, Wording};
use crate::AppState;

/// The outbox's kind for asking the courier for a waybill.
pub const OUTBOX_KIND: &str = "courier.waybill";
/// The form's answers that choose the post, and give where to.
const BY_POST: &str = "post";
const POSTED_TO: &str = "delivery_address";

pub fn notify_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ems_notify)).layer(DefaultBodyLimit::max(16 * 1024))
}

/// Makes the shipment when the applicant chose the post: what the applicant's message says of
/// it, or `None` when they chose otherwise.
pub async fn make(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    application: &ApplicationRecord,
) -> Result<Option<Wording>, ApiError> {
    if !matches!(application.answers.get("delivery"), Some(Answer::Text(choice)) if choice == BY_POST) {
        return Ok(None);
    }
    let Some(Answer::Address(to)) = application.answers.get(POSTED_TO) else { return Ok(None) };
    let to = PostalAddress::from(to);
    let now = state.clock.now();
    let id = random_token(12);
    sqlx::query(
        "INSERT INTO result_shipments (id, application_id, courier, recipient, phone, district, detail, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8, $8)",
    )
    .bind(id.as_str())
    .bind(application.summary.id.as_str())
    .bind(state.courier.code())
    .bind(to.recipient.as_str())
    .bind(to.phone.as_str())
    .bind(to.district.as_str())
    .bind(to.detail.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    outbox::enqueue(&mut *tx, now, OUTBOX_KIND, &id, "", now).await?;
    Ok(Some(Wording::of("msg_shipment_requested", [("place", Arg::Both(to.place())), ("recipient", to.recipient.as_str().into())])))
}

/// The outbox's try: asks the courier for the shipment's waybill, and tells the applicant its number.
pub async fn request_waybill(state: &AppState, shipment_id: &str) -> Result<(), String> {
    let row = sqlx::query(
        "SELECT s.application_id, s.waybill_no, s.recipient, s.phone, s.district, s.detail, d.name_zh AS sender \
         FROM result_shipments s JOIN applications a ON a.id = s.application_id JOIN services v ON v.code = a.service_code \
         JOIN departments d ON d.code = v.department_code WHERE s.id = $1",
    )
    .bind(shipment_id)
    .fetch_one(&state.pool)
    .await
    .map_err(|e| e.to_string())?;
    let text = |column: &str| row.try_get::<String, _>(column).map_err(|e| e.to_string());
    if row.try_get::<Option<String>, _>("waybill_no").map_err(|e| e.to_string())?.is_some() {
        return Ok(());
    }
    let to = PostalAddress { recipient: text("recipient")?, phone: text("phone")?, district: text("district")?, detail: text("detail")? };
    let district = tongban_api::forms::DISTRICTS.iter().find(|(id, ..)| *id == to.district).map_or("", |(_, zh, _)| *zh);
    let sender = text("sender")?;
    let waybill =
        NewWaybill { order_no: shipment_id, sender: &sender, recipient: &to.recipient, phone: &to.phone, district, detail: &to.detail };
    let waybill_no = state.courier.create_waybill(waybill).await?;
    let application = store::load(state, &text("application_id")?)
        .await
        .map_err(|_| "the application could not be read")?
        .ok_or("no such application")?;
    let now = state.clock.now();
    let told = async {
        let mut tx = state.pool.begin().await?;
        let set = sqlx::query("UPDATE result_shipments SET waybill_no = $1, updated_at = $2 WHERE id = $3 AND waybill_no IS NULL")
            .bind(waybill_no.as_str())
            .bind(now)
            .bind(shipment_id)
            .execute(&mut *tx)
            .await?;
        if set.rows_affected() == 1 {
            let args = [("service", Arg::Both(application.summary.service_name.clone())), ("waybill", waybill_no.as_str().into())];
            let wordings = (&Wording::of("msg_shipment_sent_title", []), &Wording::of("msg_shipment_sent_body", args.clone()));
            tell(&mut tx, now, &application.user_id, Some(&application.summary.id), wordings, &Wording::of("msg_shipment_sent_text", args))
                .await?;
        }
        tx.commit().await
    };
    told.await.map_err(|e: sqlx::Error| e.to_string())
}

/// The courier's tracking push, signed in its `X-Ems-*` headers. Answered `{"result":"success"}`
/// once taken (or heard before); 400 with `fail` when it does not verify or names no waybill of ours.
#[utoipa::path(post, path = "/courier/notify/ems", tag = "delivery",
    request_body(content = String, content_type = "application/json", description = "One tracking event of a waybill"),
    params(("X-Ems-Partner" = String, Header), ("X-Ems-Timestamp" = String, Header), ("X-Ems-Sign" = String, Header)),
    responses((status = 200, description = "taken"), (status = 400, description = "refused")))]
async fn ems_notify(State(state): State<AppState>, parts: Parts, body: Bytes) -> Result<Response, ApiError> {
    let (state, parts) = (&state, &parts);
    let refused = |why: String| async move {
        state.audit(Actor::Anonymous { ip: &client_ip(parts) }, AuditAction::CourierNotifyRejected, &why).await?;
        Ok::<Response, ApiError>((StatusCode::BAD_REQUEST, Json(json!({ "result": "fail", "reason": why }))).into_response())
    };
    let event = match state.courier.read_event(&parts.headers, &body) {
        Ok(event) => event,
        Err(why) => return refused(why).await,
    };
    if !take(state, &event).await? {
        return refused(format!("no waybill {}", event.waybill_no)).await;
    }
    Ok(Json(json!({ "result": "success" })).into_response())
}

/// Takes one event: false when it names no shipment of ours.
async fn take(state: &AppState, event: &TrackingEvent) -> Result<bool, ApiError> {
    let Some(row) = sqlx::query("SELECT id, application_id, state FROM result_shipments WHERE waybill_no = $1")
        .bind(event.waybill_no.as_str())
        .fetch_optional(&state.pool)
        .await?
    else {
        return Ok(false);
    };
    let shipment: String = row.try_get("id")?;
    // Read before the transaction holds the database: a move it makes checks the version.
    let application = load(state, &row.try_get::<String, _>("application_id")?).await?.ok_or(ApiError::Internal)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    // Holds the shipment while its state is worked out, so two events at once both count.
    sqlx::query("UPDATE result_shipments SET updated_at = $1 WHERE id = $2").bind(now).bind(shipment.as_str()).execute(&mut *tx).await?;
    let was = sqlx::query("SELECT state FROM result_shipments WHERE id = $1").bind(shipment.as_str()).fetch_one(&mut *tx).await?;
    let was = ShipmentState::parse(&was.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?;
    let heard = sqlx::query(
        "INSERT INTO shipment_events (id, shipment_id, event_id, state, occurred_at, place_zh, place_en, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (shipment_id, event_id) DO NOTHING",
    )
    .bind(random_token(12))
    .bind(shipment.as_str())
    .bind(event.event_id.as_str())
    .bind(event.state.as_str())
    .bind(event.occurred_at.saturating_mul(SECOND))
    .bind(event.place.zh.as_str())
    .bind(event.place.en.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if heard.rows_affected() == 0 {
        // Told before: nothing changes, and the courier is told it was taken.
        return Ok(true);
    }
    let events = sqlx::query("SELECT state, occurred_at FROM shipment_events WHERE shipment_id = $1")
        .bind(shipment.as_str())
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| {
            Ok((ShipmentState::parse(&r.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?, r.try_get::<i64, _>("occurred_at")?))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let now_state = ShipmentState::current(&events);
    if now_state != was {
        sqlx::query("UPDATE result_shipments SET state = $1 WHERE id = $2")
            .bind(now_state.as_str())
            .bind(shipment.as_str())
            .execute(&mut *tx)
            .await?;
        tell_applicant(&mut tx, state, &application, &event.waybill_no, now_state).await?;
    }
    tx.commit().await?;
    outbox::deliver_soon(state);
    Ok(true)
}

/// What the applicant is told of the shipment reaching `reached`; delivered completes the application.
async fn tell_applicant(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    application: &ApplicationRecord,
    waybill_no: &str,
    reached: ShipmentState,
) -> Result<(), ApiError> {
    if !matches!(reached, ShipmentState::OutForDelivery | ShipmentState::FailedAttempt | ShipmentState::Delivered | ShipmentState::Returned)
    {
        return Ok(());
    }
    let args = [
        ("service", Arg::Both(application.summary.service_name.clone())),
        ("waybill", waybill_no.into()),
        ("state", Arg::Word { word: format!("shipment_{}", reached.as_str()) }),
    ];
    let wordings = (&Wording::of("msg_tracking_title", args.clone()), &Wording::of("msg_tracking_body", args.clone()));
    tell(
        &mut *tx,
        state.clock.now(),
        &application.user_id,
        Some(&application.summary.id),
        wordings,
        &Wording::of("msg_tracking_text", args),
    )
    .await?;
    // Delivered is complete; an application an officer closed already stays as it is.
    if reached == ShipmentState::Delivered && application.summary.state == ApplicationState::ResultIssued {
        let courier = state.courier.name();
        let note = Wording::of("msg_shipment_delivered", [("waybill", waybill_no.into())]);
        let by = MovedBy { kind: "courier", id: state.courier.code(), name: &courier.zh, department: None };
        let step = Move { event: ApplicationEvent::Close, by, note: &note, legal_basis: None, raced: ConflictReason::ActedOnByOthers };
        store::move_by(&mut *tx, state, application, step).await?;
        let number = application.summary.number.clone().unwrap_or_default();
        store::notify(&mut *tx, state, application, &number, ApplicationEvent::Close, &note, None).await?;
    }
    Ok(())
}

/// The application's posted result, as its applicant sees it.
pub async fn for_applicant(state: &AppState, application_id: &str) -> Result<Option<ShipmentView>, ApiError> {
    let Some(row) =
        sqlx::query("SELECT id, waybill_no, recipient, phone, district, detail, state FROM result_shipments WHERE application_id = $1")
            .bind(application_id)
            .fetch_optional(&state.pool)
            .await?
    else {
        return Ok(None);
    };
    let tracking = sqlx::query("SELECT state, occurred_at, place_zh, place_en FROM shipment_events WHERE shipment_id = $1 ORDER BY occurred_at DESC, received_at DESC")
        .bind(row.try_get::<String, _>("id")?)
        .fetch_all(&state.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(TrackingEntry {
                state: ShipmentState::parse(&r.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?,
                at: r.try_get::<i64, _>("occurred_at")? / SECOND,
                place: Localized::new(r.try_get::<String, _>("place_zh")?, r.try_get::<String, _>("place_en")?),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Some(ShipmentView {
        courier: state.courier.name(),
        waybill_no: row.try_get("waybill_no")?,
        state: ShipmentState::parse(&row.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?,
        to: PostalAddress {
            recipient: row.try_get("recipient")?,
            phone: row.try_get("phone")?,
            district: row.try_get("district")?,
            detail: row.try_get("detail")?,
        },
        tracking,
    }))
}
