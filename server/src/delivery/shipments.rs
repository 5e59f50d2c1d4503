//! Parcels carried by courier: a result posted to its applicant, and paper originals collected
//! from the applicant for the department. A result's shipment is made in the transaction that
//! issues the result, for an applicant who chose the post; originals' when the applicant books
//! the collection. The waybill is asked for by the outbox (a courier out of reach delays it and
//! loses nothing). The courier's tracking events are taken once each, after their signature
//! verifies; the shipment's state is then recomputed from every event heard, by when each
//! happened, so events that come twice, late or out of order end in the right state. The
//! applicant is told as it goes; a delivered result completes the application.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use sqlx::Row;
use tongban_api::applications::{ApplicationEvent, ApplicationState};
use tongban_api::delivery::{PickupPlace, PostalAddress, ShipmentState, ShipmentView, TrackingEntry};
use tongban_api::forms::Answer;
use tongban_api::{ConflictReason, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::courier::{NewWaybill, Party, TrackingEvent};
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

/// What a shipment carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parcel {
    /// A result, from the department to the applicant.
    Result,
    /// Paper originals, collected from the applicant for the department.
    Originals,
}

impl Parcel {
    pub fn as_str(self) -> &'static str {
        match self {
            Parcel::Result => "result",
            Parcel::Originals => "originals",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Parcel::Result, Parcel::Originals].into_iter().find(|p| p.as_str() == text)
    }
}

/// A department's own window: where a result is posted from, and where originals go.
pub struct Desk {
    pub department: Localized,
    pub place: PickupPlace,
    district: String,
}

pub async fn desk_of(conn: &mut sqlx::AnyConnection, department_code: &str) -> Result<Desk, ApiError> {
    let row = sqlx::query(
        "SELECT d.name_zh, d.name_en, w.name_zh AS window_zh, w.name_en AS window_en, w.address_zh, w.address_en, w.hours_zh, w.hours_en, \
         w.phone, w.district_zh FROM departments d JOIN service_windows w ON w.department_code = d.code WHERE d.code = $1 ORDER BY w.code LIMIT 1",
    )
    .bind(department_code)
    .fetch_optional(conn)
    .await?
    .ok_or(ApiError::Internal)?;
    let text = |column: &str| row.try_get::<String, _>(column);
    Ok(Desk {
        department: Localized::new(text("name_zh")?, text("name_en")?),
        place: PickupPlace {
            name: Localized::new(text("window_zh")?, text("window_en")?),
            address: Localized::new(text("address_zh")?, text("address_en")?),
            hours: Localized::new(text("hours_zh")?, text("hours_en")?),
            phone: text("phone")?,
        },
        district: text("district_zh")?,
    })
}

/// Makes a shipment of `parcel` for the application, its applicant's end at `at`, and asks the
/// outbox for its waybill.
pub async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    application_id: &str,
    parcel: Parcel,
    at: &PostalAddress,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let id = random_token(12);
    sqlx::query(
        "INSERT INTO shipments (id, application_id, parcel, courier, contact, phone, district, detail, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'requested', $9, $9)",
    )
    .bind(id.as_str())
    .bind(application_id)
    .bind(parcel.as_str())
    .bind(state.courier.code())
    .bind(at.recipient.as_str())
    .bind(at.phone.as_str())
    .bind(at.district.as_str())
    .bind(at.detail.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    outbox::enqueue(&mut **tx, now, OUTBOX_KIND, &id, "", now).await?;
    Ok(())
}

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
    insert(tx, state, &application.summary.id, Parcel::Result, &to).await?;
    Ok(Some(Wording::of("msg_shipment_requested", [("place", Arg::Both(to.place())), ("recipient", to.recipient.as_str().into())])))
}

/// The outbox's try: asks the courier for the shipment's waybill, and tells the applicant its number.
pub async fn request_waybill(state: &AppState, shipment_id: &str) -> Result<(), String> {
    let row = sqlx::query(
        "SELECT s.application_id, s.parcel, s.waybill_no, s.contact, s.phone, s.district, s.detail, v.department_code \
         FROM shipments s JOIN applications a ON a.id = s.application_id JOIN services v ON v.code = a.service_code WHERE s.id = $1",
    )
    .bind(shipment_id)
    .fetch_one(&state.pool)
    .await
    .map_err(|e| e.to_string())?;
    let text = |column: &str| row.try_get::<String, _>(column).map_err(|e| e.to_string());
    if row.try_get::<Option<String>, _>("waybill_no").map_err(|e| e.to_string())?.is_some() {
        return Ok(());
    }
    let parcel = Parcel::parse(&text("parcel")?).ok_or("an unknown parcel")?;
    let applicant =
        PostalAddress { recipient: text("contact")?, phone: text("phone")?, district: text("district")?, detail: text("detail")? };
    let mut conn = state.pool.acquire().await.map_err(|e| e.to_string())?;
    let desk = desk_of(&mut conn, &text("department_code")?).await.map_err(|_| "the department's window could not be read")?;
    drop(conn);
    let district = tongban_api::forms::DISTRICTS.iter().find(|(id, ..)| *id == applicant.district).map_or("", |(_, zh, _)| *zh);
    let applicants_end = Party { name: &applicant.recipient, mobile: &applicant.phone, district, address: &applicant.detail };
    let departments_end =
        Party { name: &desk.department.zh, mobile: &desk.place.phone, district: &desk.district, address: &desk.place.address.zh };
    let waybill = match parcel {
        Parcel::Result => NewWaybill { order_no: shipment_id, collect: false, sender: departments_end, receiver: applicants_end },
        Parcel::Originals => NewWaybill { order_no: shipment_id, collect: true, sender: applicants_end, receiver: departments_end },
    };
    let waybill_no = state.courier.create_waybill(waybill).await?;
    let application = store::load(state, &text("application_id")?)
        .await
        .map_err(|_| "the application could not be read")?
        .ok_or("no such application")?;
    let now = state.clock.now();
    let told = async {
        let mut tx = state.pool.begin().await?;
        let set = sqlx::query("UPDATE shipments SET waybill_no = $1, updated_at = $2 WHERE id = $3 AND waybill_no IS NULL")
            .bind(waybill_no.as_str())
            .bind(now)
            .bind(shipment_id)
            .execute(&mut *tx)
            .await?;
        if set.rows_affected() == 1 {
            let args = [("service", Arg::Both(application.summary.service_name.clone())), ("waybill", waybill_no.as_str().into())];
            let (title, body, text) = match parcel {
                Parcel::Result => ("msg_shipment_sent_title", "msg_shipment_sent_body", "msg_shipment_sent_text"),
                Parcel::Originals => ("msg_originals_booked_title", "msg_originals_booked_body", "msg_originals_booked_text"),
            };
            let wordings = (&Wording::of(title, []), &Wording::of(body, args.clone()));
            tell(&mut tx, now, &application.user_id, Some(&application.summary.id), wordings, &Wording::of(text, args)).await?;
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
    let Some(row) = sqlx::query("SELECT id, application_id, parcel FROM shipments WHERE waybill_no = $1")
        .bind(event.waybill_no.as_str())
        .fetch_optional(&state.pool)
        .await?
    else {
        return Ok(false);
    };
    let shipment: String = row.try_get("id")?;
    let parcel = Parcel::parse(&row.try_get::<String, _>("parcel")?).ok_or(ApiError::Internal)?;
    // Read before the transaction holds the database: a move it makes checks the version.
    let application = load(state, &row.try_get::<String, _>("application_id")?).await?.ok_or(ApiError::Internal)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    // Holds the shipment while its state is worked out, so two events at once both count.
    sqlx::query("UPDATE shipments SET updated_at = $1 WHERE id = $2").bind(now).bind(shipment.as_str()).execute(&mut *tx).await?;
    let was = sqlx::query("SELECT state FROM shipments WHERE id = $1").bind(shipment.as_str()).fetch_one(&mut *tx).await?;
    let was = ShipmentState::parse(&was.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?;
    let heard = sqlx::query(
        "INSERT INTO tracking_events (id, shipment_id, event_id, state, occurred_at, place_zh, place_en, received_at) \
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
    let events = sqlx::query("SELECT state, occurred_at FROM tracking_events WHERE shipment_id = $1")
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
        sqlx::query("UPDATE shipments SET state = $1 WHERE id = $2")
            .bind(now_state.as_str())
            .bind(shipment.as_str())
            .execute(&mut *tx)
            .await?;
        tell_applicant(&mut tx, state, &application, parcel, &event.waybill_no, now_state).await?;
    }
    tx.commit().await?;
    outbox::deliver_soon(state);
    Ok(true)
}

/// What the applicant is told of the shipment reaching `reached`: a result's every step from its
/// way out; originals' when collected, delivered or sent back. A delivered result completes the
/// application.
async fn tell_applicant(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    application: &ApplicationRecord,
    parcel: Parcel,
    waybill_no: &str,
    reached: ShipmentState,
) -> Result<(), ApiError> {
    use ShipmentState as S;
    let (told, state_word, (title, body, text)) = match parcel {
        Parcel::Result => (
            matches!(reached, S::OutForDelivery | S::FailedAttempt | S::Delivered | S::Returned),
            format!("shipment_{}", reached.as_str()),
            ("msg_tracking_title", "msg_tracking_body", "msg_tracking_text"),
        ),
        Parcel::Originals => (
            matches!(reached, S::Accepted | S::Delivered | S::Returned),
            format!("originals_{}", reached.as_str()),
            ("msg_originals_tracking_title", "msg_originals_tracking_body", "msg_originals_tracking_text"),
        ),
    };
    if !told {
        return Ok(());
    }
    let args = [
        ("service", Arg::Both(application.summary.service_name.clone())),
        ("waybill", waybill_no.into()),
        ("state", Arg::Word { word: state_word }),
    ];
    let wordings = (&Wording::of(title, args.clone()), &Wording::of(body, args.clone()));
    tell(&mut *tx, state.clock.now(), &application.user_id, Some(&application.summary.id), wordings, &Wording::of(text, args)).await?;
    // Delivered is complete; an application an officer closed already stays as it is.
    if parcel == Parcel::Result && reached == S::Delivered && application.summary.state == ApplicationState::ResultIssued {
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

/// The application's parcel, as its applicant (and its officer) sees it.
pub async fn view_of(state: &AppState, application_id: &str, parcel: Parcel) -> Result<Option<ShipmentView>, ApiError> {
    let Some(row) = sqlx::query(
        "SELECT id, waybill_no, contact, phone, district, detail, state FROM shipments WHERE application_id = $1 AND parcel = $2",
    )
    .bind(application_id)
    .bind(parcel.as_str())
    .fetch_optional(&state.pool)
    .await?
    else {
        return Ok(None);
    };
    let tracking = sqlx::query("SELECT state, occurred_at, place_zh, place_en FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at DESC, received_at DESC")
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
        address: PostalAddress {
            recipient: row.try_get("contact")?,
            phone: row.try_get("phone")?,
            district: row.try_get("district")?,
            detail: row.try_get("detail")?,
        },
        tracking,
    }))
}
