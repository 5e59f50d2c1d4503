//! Materials of an application: a licence from the library (after the applicant confirms it), a
//! new upload checked by its content, or a file from an earlier application.

mod content_check;
mod downloads;
mod held_licences;
mod progress;
mod uploads;

pub use downloads::file_response;
pub use progress::{as_provided, fingerprint, flagged, progress};
pub use uploads::{check_file_answers, remove_unused_files};

use downloads::*;
use held_licences::*;
use progress::*;
use uploads::*;

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::applications::ApplicationState;
use tongban_api::catalogue::Material;
use tongban_api::materials::{MaterialSlot, MaterialsView};
use tongban_api::{ApiErrorBody, ConflictReason};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use super::handlers::find_for_applicant;
use super::store::{self, ApplicationRecord};
use crate::audit::AuditAction;
use crate::catalogue::store::guide;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::licences;
use crate::AppState;
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(use_licence))
        .routes(routes!(use_file))
        .routes(routes!(remove))
        .routes(routes!(download))
        // Uploads carry up to 10 MB; a little more is read so that an 11 MB file gets our message.
        .routes(routes!(upload).layer(DefaultBodyLimit::disable()))
        .routes(routes!(upload_answer).layer(DefaultBodyLimit::disable()))
}
/// A material the applicant provides: one of the guide's that the department does not fetch.
pub fn asked_for(material: &Material) -> bool {
    !material.fetched_by_department && !material.code.is_empty()
}
async fn needed(state: &AppState, service_code: &str) -> Result<Vec<Material>, ApiError> {
    let guide = guide(&state.pool, service_code).await?.ok_or(ApiError::Internal)?;
    Ok(guide.materials.into_iter().filter(asked_for).collect())
}
async fn view_of(state: &AppState, user: &SessionUser, application: &ApplicationRecord) -> Result<MaterialsView, ApiError> {
    let guide = guide(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let mut have = provided(state, &application.summary.id, Some(&holders(application, user))).await?;
    let flagged = flagged(state, application).await?;
    let mut slots = Vec::new();
    for material in guide.materials.iter().filter(|m| asked_for(m)) {
        let licences = if material.from_e_licence {
            licences::held(&state.pool, &holders(application, user), &material.code).await?
        } else {
            Vec::new()
        };
        let earlier = sqlx::query(&format!(
            "SELECT {FILE_COLUMNS} FROM files f WHERE f.user_id = $1 AND f.material_code = $2 ORDER BY f.uploaded_at DESC, f.id LIMIT 5"
        ))
        .bind(user.user_id.as_str())
        .bind(material.code.as_str())
        .fetch_all(&state.pool)
        .await?;
        slots.push(MaterialSlot {
            code: material.code.clone(),
            name: material.name.clone(),
            note: material.note.clone(),
            provided: have.remove(&material.code),
            licences,
            earlier_files: earlier.iter().map(file_view).collect::<Result<_, _>>()?,
            needs_correction: flagged.contains(&material.code),
        });
    }
    Ok(MaterialsView {
        licences_after_verification: user.level < 2 && guide.materials.iter().any(|m| asked_for(m) && m.from_e_licence),
        slots,
        fetched_by_department: guide.materials.into_iter().filter(|m| m.fetched_by_department).map(|m| m.name).collect(),
    })
}
/// The application, if the material `code` may be changed now: any material of a draft, or a
/// material an open correction notice names.
async fn changeable(state: &AppState, user: &SessionUser, id: &str, code: &str) -> Result<ApplicationRecord, ApiError> {
    let application = find_for_applicant(state, user, id).await?;
    let allowed = match application.summary.state {
        ApplicationState::Draft => true,
        ApplicationState::CorrectionsRequested => {
            flagged(state, &application).await?.iter().any(|c| c == code) || provided_again(state, &application, code).await?
        }
        _ => false,
    };
    if !allowed {
        return Err(ApiError::Conflict(ConflictReason::NotEditable));
    }
    if !needed(state, &application.summary.service_code).await?.iter().any(|m| m.code == code) {
        return Err(ApiError::NotFound);
    }
    Ok(application)
}
/// A material already provided again during this correction round may be changed again.
async fn provided_again(state: &AppState, application: &ApplicationRecord, code: &str) -> Result<bool, ApiError> {
    let notice = store::notices_sent(state, &application.summary.id).await?;
    let row = sqlx::query("SELECT COUNT(*) AS n FROM application_corrections WHERE application_id = $1 AND notice = $2 AND item = $3")
        .bind(application.summary.id.as_str())
        .bind(i64::from(notice))
        .bind(format!("material:{code}"))
        .fetch_one(&state.pool)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}
async fn set(
    state: &AppState,
    application: &ApplicationRecord,
    code: &str,
    licence: Option<&str>,
    file: Option<&str>,
) -> Result<(), ApiError> {
    let id = application.summary.id.as_str();
    let mut tx = state.pool.begin().await?;
    sqlx::query("DELETE FROM application_materials WHERE application_id = $1 AND material_code = $2")
        .bind(id)
        .bind(code)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO application_materials (application_id, material_code, licence_id, file_id, provided_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(code)
    .bind(licence)
    .bind(file)
    .bind(state.clock.now())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE applications SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(state.clock.now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE application_corrections SET addressed_at = $1 WHERE application_id = $2 AND item = $3 AND addressed_at IS NULL")
        .bind(state.clock.now())
        .bind(id)
        .bind(format!("material:{code}"))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
#[utoipa::path(get, path = "/api/v1/applications/{id}/materials", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, body = MaterialsView), (status = 404, body = ApiErrorBody)))]
async fn list(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<MaterialsView>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(view_of(&state, &user, &application).await?))
}
#[utoipa::path(post, path = "/api/v1/applications/{id}/materials/{code}/remove", tag = "applications",
    params(("id" = String, Path), ("code" = String, Path)), responses((status = 200, body = MaterialsView)))]
async fn remove(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, code)): Path<(String, String)>,
) -> Result<Json<MaterialsView>, ApiError> {
    let application = changeable(&state, &user, &id, &code).await?;
    // What the declaration covers changes: the version moves on, so a signature made before no
    // longer matches, and the removal is on record like every change.
    let mut tx = state.pool.begin().await?;
    let removed = sqlx::query("DELETE FROM application_materials WHERE application_id = $1 AND material_code = $2")
        .bind(id.as_str())
        .bind(code.as_str())
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() > 0 {
        sqlx::query("UPDATE applications SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(state.clock.now())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    if removed.rows_affected() > 0 {
        state.audit(user.actor(), AuditAction::MaterialRemoved, &format!("{code} from {id}")).await?;
    }
    Ok(Json(view_of(&state, &user, &application).await?))
}
