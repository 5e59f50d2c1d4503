//! Paper originals posted in (原件寄递). Where a service checks paper originals — materials the
//! guide asks for in original form that the applicant did not give as an e-licence — the
//! applicant of a submitted, undecided application may book the courier to collect them at their
//! door and bring them to the department's window, instead of coming in. It is booked once and
//! tracked as a posted result is. An officer of the department checks them in once delivered;
//! approval waits for that while they are on their way.

use axum::extract::{Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::applications::{ApplicationDetail, ApplicationState};
use tongban_api::catalogue::MaterialForm;
use tongban_api::delivery::{OriginalsView, PostalAddress};
use tongban_api::{ApiErrorBody, ConflictReason, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::shipments::{desk_of, insert, view_of, Parcel};
use crate::applications::materials::asked_for;
use crate::applications::store::ApplicationRecord;
use crate::applications::{detail_of, find_for_applicant};
use crate::audit::AuditAction;
use crate::catalogue::store::guide;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::outbox;
use crate::AppState;

/// Submitted and not decided: while originals can still be booked for collection.
const OPEN: [ApplicationState; 5] = [
    ApplicationState::Submitted,
    ApplicationState::Accepted,
    ApplicationState::UnderReview,
    ApplicationState::CorrectionsRequested,
    ApplicationState::Resubmitted,
];

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(book))
}

/// The materials whose paper originals the department checks for this application: none for an
/// application finished at a window, where they are shown in person.
async fn needed(state: &AppState, application: &ApplicationRecord) -> Result<Vec<Localized>, ApiError> {
    if application.window_required || application.channel == "window" {
        return Ok(Vec::new());
    }
    let guide = guide(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    // An e-licence stands for the paper original (Art. 38).
    let licensed: Vec<String> =
        sqlx::query("SELECT material_code FROM application_materials WHERE application_id = $1 AND licence_id IS NOT NULL")
            .bind(application.summary.id.as_str())
            .fetch_all(&state.pool)
            .await?
            .iter()
            .map(|row| row.try_get("material_code"))
            .collect::<Result<_, _>>()?;
    Ok(guide
        .materials
        .into_iter()
        .filter(|m| asked_for(m) && matches!(m.form, MaterialForm::Original | MaterialForm::OriginalAndCopy))
        .filter(|m| !licensed.contains(&m.code))
        .map(|m| m.name)
        .collect())
}

/// The application's originals: which, where they go, their shipment and check-in. `None` when
/// it needs none and none were booked (a material given as an e-licence since still shows what
/// was booked). The officer's name who checked them in is for officers only.
pub async fn view(state: &AppState, application: &ApplicationRecord, for_officer: bool) -> Result<Option<OriginalsView>, ApiError> {
    let materials = needed(state, application).await?;
    let shipment = view_of(state, &application.summary.id, Parcel::Originals).await?;
    if materials.is_empty() && shipment.is_none() {
        return Ok(None);
    }
    let checked_in = sqlx::query(
        "SELECT s.checked_in_at, f.name FROM shipments s LEFT JOIN staff f ON f.id = s.checked_in_by \
         WHERE s.application_id = $1 AND s.parcel = $2 AND s.checked_in_at IS NOT NULL",
    )
    .bind(application.summary.id.as_str())
    .bind(Parcel::Originals.as_str())
    .fetch_optional(&state.pool)
    .await?;
    let desk = desk_of(&mut *state.pool.acquire().await?, &application.department).await?;
    Ok(Some(OriginalsView {
        can_book: shipment.is_none() && OPEN.contains(&application.summary.state),
        materials,
        department: desk.department,
        to: desk.place,
        shipment,
        checked_in_at: checked_in
            .as_ref()
            .map(|row| row.try_get::<i64, _>("checked_in_at"))
            .transpose()?
            .map(|at| at / crate::clock::SECOND),
        checked_in_by: checked_in.filter(|_| for_officer).map(|row| row.try_get("name")).transpose()?,
    }))
}

/// Whether approving must wait for originals on their way, or delivered and not checked in yet.
pub async fn awaited(conn: &mut sqlx::AnyConnection, application_id: &str) -> Result<bool, ApiError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM shipments WHERE application_id = $1 AND parcel = $2 AND checked_in_at IS NULL AND state <> 'returned'",
    )
    .bind(application_id)
    .bind(Parcel::Originals.as_str())
    .fetch_one(conn)
    .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Books the courier to collect the application's paper originals at `address` and bring them
/// to the department, free. Once per application, while it is submitted and undecided.
#[utoipa::path(post, path = "/api/v1/applications/{id}/originals", tag = "applications", params(("id" = String, Path)),
    request_body = PostalAddress,
    responses((status = 200, body = ApplicationDetail), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn book(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<PostalAddress>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    if needed(&state, &application).await?.is_empty() {
        return Err(ApiError::Conflict(ConflictReason::NotPossibleNow));
    }
    let mut tx = state.pool.begin().await?;
    // Holds the application where it is until this commits: a decision or a withdrawal made
    // meanwhile wins, and a second booking at the same moment waits and finds this one.
    let open = OPEN.map(|s| format!("'{}'", s.as_str())).join(", ");
    let held = sqlx::query(&format!("UPDATE applications SET state = state WHERE id = $1 AND state IN ({open})"))
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    if held.rows_affected() != 1 {
        return Err(ApiError::Conflict(ConflictReason::NotPossibleNow));
    }
    let booked = sqlx::query("SELECT COUNT(*) AS n FROM shipments WHERE application_id = $1 AND parcel = $2")
        .bind(id.as_str())
        .bind(Parcel::Originals.as_str())
        .fetch_one(&mut *tx)
        .await?;
    if booked.try_get::<i64, _>("n")? > 0 {
        return Err(ApiError::Conflict(ConflictReason::OriginalsBooked));
    }
    insert(&mut tx, &state, &id, Parcel::Originals, &request.trimmed()).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(user.actor(), AuditAction::OriginalsBooked, &id).await?;
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(detail_of(&state, &user, application).await?))
}
