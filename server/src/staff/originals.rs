//! An officer checks in the paper originals an applicant booked the courier for: compared with
//! the copies given online, they are recorded as received, once, and the applicant is told. Once
//! delivered as a rule; before, when the applicant brought them in after all (a courier that never
//! came would otherwise hold the approval for ever).

use axum::extract::{Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::delivery::OriginalsCheckInRequest;
use tongban_api::staff::CaseView;
use tongban_api::{ApiErrorBody, ConflictReason};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Officer;
use super::cases::{case_view, find_for_officer, record_use};
use crate::applications::store::{load, tell};
use crate::audit::AuditAction;
use crate::data_uses::Outcome;
use crate::delivery::Parcel;
use crate::error::ApiError;
use crate::outbox;
use crate::words::{Arg, Wording};
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(check_in))
}

/// Records the application's booked originals as received and checked by this officer.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/originals", tag = "staff", params(("id" = String, Path)),
    request_body = OriginalsCheckInRequest,
    responses((status = 200, body = CaseView), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn check_in(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<OriginalsCheckInRequest>,
) -> Result<Json<CaseView>, ApiError> {
    let application = find_for_officer(&state, &officer, &id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let recorded = sqlx::query(
        "UPDATE shipments SET checked_in_by = $1, checked_in_at = $2 WHERE application_id = $3 AND parcel = $4 AND checked_in_at IS NULL",
    )
    .bind(officer.id.as_str())
    .bind(now)
    .bind(id.as_str())
    .bind(Parcel::Originals.as_str())
    .execute(&mut *tx)
    .await?;
    if recorded.rows_affected() != 1 {
        let booked = sqlx::query("SELECT COUNT(*) AS n FROM shipments WHERE application_id = $1 AND parcel = $2")
            .bind(id.as_str())
            .bind(Parcel::Originals.as_str())
            .fetch_one(&mut *tx)
            .await?;
        let booked = booked.try_get::<i64, _>("n")? > 0;
        return Err(ApiError::Conflict(if booked { ConflictReason::AlreadyRecorded } else { ConflictReason::NotPossibleNow }));
    }
    let args = [("service", Arg::Both(application.summary.service_name.clone())), ("department", Arg::Both(officer.department.clone()))];
    tell(
        &mut tx,
        now,
        &application.user_id,
        Some(&id),
        (&Wording::of("msg_originals_checked_in_title", []), &Wording::of("msg_originals_checked_in_body", args.clone())),
        &Wording::of("msg_originals_checked_in_text", args),
    )
    .await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(officer.actor(), AuditAction::OriginalsCheckedIn, &id).await?;
    let application = load(&state, &id).await?.ok_or(ApiError::Internal)?;
    record_use(&state, &officer, &application, Outcome::Used).await?;
    Ok(Json(case_view(&state, application, officer.reader).await?))
}
