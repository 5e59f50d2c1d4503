//! Applying at a window: the application is prepared online and finished at a window anywhere
//! in the city (Art. 36), at a booked half-hour slot with a fixed number of places.

use axum::extract::{Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::applications::{
    ApplicationState, BookRequest, BookingView, DayView, SlotView, WindowSlots, BOOKING_DAYS, SLOT_CAPACITY, SLOT_TIMES,
};
use tongban_api::catalogue::ServiceWindow;
use tongban_api::fields;
use tongban_api::{ApiErrorBody, ConflictReason, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::handlers::find_for_applicant;
use super::store::ApplicationRecord;
use crate::audit::AuditAction;
use crate::calendar::add_working_days;
use crate::catalogue::store::{guide, window};
use crate::clock::shanghai_date;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::secrets::random_token;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(slots)).routes(routes!(book)).routes(routes!(cancel))
}

/// The working days a slot can be booked on: from the next one, `BOOKING_DAYS` of them.
fn bookable_days(today: &str) -> Vec<String> {
    (1..=BOOKING_DAYS).map(|n| add_working_days(today, n)).collect()
}

async fn windows_for(state: &AppState, service_code: &str) -> Result<Vec<ServiceWindow>, ApiError> {
    Ok(guide(&state.pool, service_code).await?.ok_or(ApiError::Internal)?.windows)
}

/// The live booking of an application, with its window.
pub async fn booking_of(state: &AppState, application: &ApplicationRecord) -> Result<Option<BookingView>, ApiError> {
    let row = sqlx::query(
        "SELECT b.day, b.slot, w.* FROM bookings b JOIN service_windows w ON w.code = b.window_code \
         WHERE b.application_id = $1 AND b.cancelled_at IS NULL",
    )
    .bind(application.summary.id.as_str())
    .fetch_optional(&state.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(BookingView { window: window(&row)?, day: row.try_get("day")?, time: row.try_get("slot")? }))
}

fn changeable(application: &ApplicationRecord) -> Result<(), ApiError> {
    match application.summary.state {
        ApplicationState::Draft => Ok(()),
        _ => Err(ApiError::Conflict(ConflictReason::NotEditable)),
    }
}

/// Every window that handles the service, with the free places of each slot.
#[utoipa::path(get, path = "/api/v1/applications/{id}/slots", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, body = Vec<WindowSlots>), (status = 404, body = ApiErrorBody)))]
async fn slots(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<Vec<WindowSlots>>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    let days = bookable_days(&shanghai_date(state.clock.now()));
    let rows = sqlx::query("SELECT window_code, day, slot, COUNT(*) AS n FROM bookings WHERE cancelled_at IS NULL AND day >= $1 GROUP BY window_code, day, slot")
        .bind(days[0].as_str())
        .fetch_all(&state.pool)
        .await?;
    let counts: Vec<(String, String, String, u32)> = rows
        .iter()
        .map(|r| Ok((r.try_get("window_code")?, r.try_get("day")?, r.try_get("slot")?, r.try_get::<i64, _>("n")? as u32)))
        .collect::<Result<_, sqlx::Error>>()?;
    let windows = windows_for(&state, &application.summary.service_code).await?;
    let list = windows
        .into_iter()
        .map(|window| {
            let days = days
                .iter()
                .map(|day| DayView {
                    day: day.clone(),
                    slots: SLOT_TIMES
                        .iter()
                        .map(|time| {
                            let used = counts.iter().find(|(w, d, s, _)| *w == window.code && d == day && s == time).map_or(0, |c| c.3);
                            SlotView { time: (*time).to_string(), free: SLOT_CAPACITY.saturating_sub(used) }
                        })
                        .collect(),
                })
                .collect();
            WindowSlots { window, days }
        })
        .collect();
    Ok(Json(list))
}

/// Books (or moves) the application's slot at a window; the application is then finished there.
#[utoipa::path(post, path = "/api/v1/applications/{id}/booking", tag = "applications", request_body = BookRequest, params(("id" = String, Path)),
    responses((status = 200, body = BookingView), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn book(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<BookRequest>,
) -> Result<Json<BookingView>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    changeable(&application)?;
    let window = windows_for(&state, &application.summary.service_code).await?.into_iter().find(|w| w.code == request.window);
    let offered = bookable_days(&shanghai_date(state.clock.now())).contains(&request.day) && SLOT_TIMES.contains(&request.time.as_str());
    let (Some(window), true) = (window, offered) else { return Err(ApiError::field(fields::SLOT, FieldProblem::SlotNotOffered)) };
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    sqlx::query("UPDATE bookings SET cancelled_at = $1 WHERE application_id = $2 AND cancelled_at IS NULL")
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    let seats: Vec<i64> =
        sqlx::query("SELECT seat FROM bookings WHERE window_code = $1 AND day = $2 AND slot = $3 AND cancelled_at IS NULL")
            .bind(window.code.as_str())
            .bind(request.day.as_str())
            .bind(request.time.as_str())
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get("seat"))
            .collect::<Result<_, _>>()?;
    let Some(seat) = (1..=i64::from(SLOT_CAPACITY)).find(|s| !seats.contains(s)) else {
        return Err(ApiError::field(fields::SLOT, FieldProblem::SlotTaken));
    };
    // The seat is unique per slot: two people racing for the last place cannot both get it.
    let inserted = sqlx::query(
        "INSERT INTO bookings (id, application_id, window_code, day, slot, seat, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(random_token(12))
    .bind(id.as_str())
    .bind(window.code.as_str())
    .bind(request.day.as_str())
    .bind(request.time.as_str())
    .bind(seat)
    .bind(now)
    .execute(&mut *tx)
    .await;
    if inserted.is_err() {
        return Err(ApiError::field(fields::SLOT, FieldProblem::SlotTaken));
    }
    sqlx::query("UPDATE applications SET channel = 'window', version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let detail = format!("{id} {} {} {}", window.code, request.day, request.time);
    state.audit(user.actor(), AuditAction::BookingMade, &detail).await?;
    Ok(Json(BookingView { window, day: request.day, time: request.time }))
}

/// Cancels the booking: the application goes back to being made fully online.
#[utoipa::path(post, path = "/api/v1/applications/{id}/booking/cancel", tag = "applications", params(("id" = String, Path)),
    responses((status = 204), (status = 409, body = ApiErrorBody)))]
async fn cancel(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<axum::http::StatusCode, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    changeable(&application)?;
    let now = state.clock.now();
    sqlx::query("UPDATE bookings SET cancelled_at = $1 WHERE application_id = $2 AND cancelled_at IS NULL")
        .bind(now)
        .bind(id.as_str())
        .execute(&state.pool)
        .await?;
    sqlx::query("UPDATE applications SET channel = 'online', version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.as_str())
        .execute(&state.pool)
        .await?;
    state.audit(user.actor(), AuditAction::BookingCancelled, &id).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
