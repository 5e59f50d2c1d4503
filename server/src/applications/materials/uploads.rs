//! New files: received within the size and storage limits, checked by their content, and kept for
//! a material or a file question; files no application uses are removed.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use sqlx::Row;
use tongban_api::fields;
use tongban_api::forms::{Answer, AnswerProblem, Answers, FieldKind, FormPage, FoundProblem};
use tongban_api::materials::{claimed_type, sniff, FileView, MaterialsView, UseFileRequest, FILENAME_MAX_CHARS, MAX_UPLOAD_BYTES};
use tongban_api::{ApiErrorBody, FieldProblem};

use super::*;
use crate::applications::forms::form_of;
use crate::applications::handlers::find_for_applicant;
use crate::audit::AuditAction;
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::rate_limit::Limit;
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

/// Uses a file the applicant gave for the same material in an earlier application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/materials/{code}/file", tag = "applications", request_body = UseFileRequest,
    params(("id" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = MaterialsView), (status = 404, body = ApiErrorBody)))]
pub(super) async fn use_file(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, code)): Path<(String, String)>,
    Json(request): Json<UseFileRequest>,
) -> Result<Json<MaterialsView>, ApiError> {
    let application = changeable(&state, &user, &id, &code).await?;
    let owned = sqlx::query("SELECT COUNT(*) AS n FROM files WHERE id = $1 AND user_id = $2 AND material_code = $3")
        .bind(request.file_id.as_str())
        .bind(user.user_id.as_str())
        .bind(code.as_str())
        .fetch_one(&state.pool)
        .await?;
    if owned.try_get::<i64, _>("n")? == 0 {
        return Err(ApiError::NotFound);
    }
    set(&state, &application, &code, None, Some(&request.file_id)).await?;
    Ok(Json(view_of(&state, &user, &application).await?))
}

/// Uploads a file for a material. The body is the file; `X-Filename` (percent-encoded) its
/// name. The type is read from the content, never taken from the name.
#[utoipa::path(post, path = "/api/v1/applications/{id}/materials/{code}/upload", tag = "applications",
    params(("id" = String, Path), ("code" = String, Path)), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = MaterialsView), (status = 400, body = ApiErrorBody)))]
pub(super) async fn upload(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, code)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<MaterialsView>, ApiError> {
    let application = changeable(&state, &user, &id, &code).await?;
    let file = receive(&state, &user, &headers, body, &code).await?;
    set(&state, &application, &code, None, Some(&file.id)).await?;
    state.audit(user.actor(), AuditAction::FileUploaded, &format!("{code} {} for {id}", file.id)).await?;
    Ok(Json(view_of(&state, &user, &application).await?))
}

/// Uploads a file in answer to a file question on a page that may be changed now. The answer
/// itself is saved with the page, like any other.
#[utoipa::path(post, path = "/api/v1/applications/{id}/answers/{field}/upload", tag = "applications",
    params(("id" = String, Path), ("field" = String, Path)), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = FileView), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
pub(super) async fn upload_answer(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, field)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<FileView>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let page = schema.pages().find(|p| p.fields.iter().any(|f| f.id == field && f.kind == FieldKind::File)).ok_or(ApiError::NotFound)?;
    crate::applications::handlers::reopened(&state, &application, &schema, &page.id).await?;
    let file = receive(&state, &user, &headers, body, &format!("answer:{field}")).await?;
    state.audit(user.actor(), AuditAction::FileUploaded, &format!("answer {field} {} for {id}", file.id)).await?;
    Ok(Json(file))
}

/// Checks and stores an uploaded file of this person's: within their storage allowance (checked
/// before anything is read), not empty, at most 10 MB (reading stops there: nothing past the limit
/// is held), a PDF, JPEG or PNG by its content (which must decode or parse), and not named as
/// another type.
async fn receive(state: &AppState, user: &SessionUser, headers: &HeaderMap, body: Body, purpose: &str) -> Result<FileView, ApiError> {
    state.limit(Limit::Uploads { user_id: &user.user_id }).await?;
    let quota = state.config.auth.upload_quota_mb as i64 * 1024 * 1024;
    let stored: i64 = sqlx::query("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS total FROM files WHERE user_id = $1")
        .bind(user.user_id.as_str())
        .fetch_one(&state.pool)
        .await?
        .try_get("total")?;
    let too_large = || ApiError::field(fields::FILE, FieldProblem::FileTooLarge { max_mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    let announced = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > MAX_UPLOAD_BYTES) {
        return Err(too_large());
    }
    if stored + announced.unwrap_or(0) as i64 > quota {
        state.audit(user.actor(), AuditAction::FileRefused, "storage allowance reached").await?;
        return Err(ApiError::field(
            fields::FILE,
            FieldProblem::UploadQuotaReached { quota_mb: state.config.auth.upload_quota_mb as usize },
        ));
    }
    let body = axum::body::to_bytes(body, MAX_UPLOAD_BYTES).await.map_err(|_| too_large())?;
    let body = &body;
    if stored + body.len() as i64 > quota {
        return Err(ApiError::field(
            fields::FILE,
            FieldProblem::UploadQuotaReached { quota_mb: state.config.auth.upload_quota_mb as usize },
        ));
    }
    let filename = headers
        .get(tongban_api::materials::UPLOAD_FILENAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|name| percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned())
        .map(|n| n.chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).take(FILENAME_MAX_CHARS).collect::<String>())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "file".into());
    if body.is_empty() {
        return Err(ApiError::field(fields::FILE, FieldProblem::FileEmpty));
    }
    let Some(content_type) = sniff(body) else {
        state.audit(user.actor(), AuditAction::FileRefused, &format!("{filename}: not PDF, JPEG or PNG")).await?;
        return Err(ApiError::field(fields::FILE, FieldProblem::FileTypeNotAllowed));
    };
    if claimed_type(&filename).is_some_and(|claimed| claimed != content_type) {
        return Err(ApiError::field(fields::FILE, FieldProblem::FileNotWhatItSays));
    }
    // The first bytes only say what the file claims to be; it must also decode or parse as that.
    let copy = body.clone();
    let holds = tokio::task::spawn_blocking(move || super::content_check::holds(content_type, &copy)).await.unwrap_or(false);
    if !holds {
        state.audit(user.actor(), AuditAction::FileRefused, &format!("{filename}: does not decode as {content_type}")).await?;
        return Err(ApiError::field(fields::FILE, FieldProblem::FileDamaged));
    }
    let file_id = random_token(12);
    let now = state.clock.now();
    sqlx::query(
        "INSERT INTO files (id, user_id, material_code, filename, content_type, size, sha256, content, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(file_id.as_str())
    .bind(user.user_id.as_str())
    .bind(purpose)
    .bind(filename.as_str())
    .bind(content_type)
    .bind(body.len() as i64)
    .bind(sha256_hex(body))
    .bind(body.to_vec())
    .bind(now)
    .execute(&state.pool)
    .await?;
    Ok(FileView { id: file_id, filename, content_type: content_type.to_string(), size: body.len() as u64, uploaded_at: now / SECOND })
}

/// The files given as answers on `page`, each checked to be one this person uploaded and named
/// as it was stored; a file question whose file is not theirs gets its problem.
pub async fn check_file_answers(state: &AppState, user_id: &str, page: &FormPage, answers: &mut Answers) -> Result<(), ApiError> {
    let mut problems = Vec::new();
    for field in page.fields.iter().filter(|f| f.kind == FieldKind::File) {
        let Some(Answer::File(file)) = answers.get_mut(&field.id) else { continue };
        let row = sqlx::query("SELECT filename FROM files WHERE id = $1 AND user_id = $2")
            .bind(file.file_id.as_str())
            .bind(user_id)
            .fetch_optional(&state.pool)
            .await?;
        match row {
            Some(row) => file.name = row.try_get("filename")?,
            None => {
                problems.push(FoundProblem { field: field.id.clone(), label: field.label.clone(), problem: AnswerProblem::UnknownFile })
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidAnswers(problems))
    }
}

/// Removes uploads that no application uses (replaced, or never attached) once a day old; how
/// many. A file is in use while a material or an answer of any application names it.
pub async fn remove_unused_files(state: &AppState) -> Result<u64, sqlx::Error> {
    let removed = sqlx::query(
        "DELETE FROM files WHERE uploaded_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM application_materials m WHERE m.file_id = files.id) \
         AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.answers LIKE '%' || files.id || '%')",
    )
    .bind(state.clock.now() - 24 * 60 * crate::clock::MINUTE)
    .execute(&state.pool)
    .await?;
    Ok(removed.rows_affected())
}
