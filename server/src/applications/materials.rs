//! Materials of an application: a licence from the library (after the applicant confirms it), a
//! new upload checked by its content, or a file from an earlier application.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sqlx::Row;
use tongban_api::applications::ApplicationState;
use tongban_api::catalogue::Material;
use tongban_api::companies::AgentScope;
use tongban_api::forms::{Answer, AnswerProblem, Answers, FieldKind, FormPage, FoundProblem, SectionState};
use tongban_api::identity::mask_id_number;
use tongban_api::materials::{
    claimed_type, sniff, FileView, MaterialSlot, MaterialsView, Provided, UseFileRequest, UseLicenceRequest, FILENAME_MAX_CHARS,
    MAX_UPLOAD_BYTES,
};
use tongban_api::{ApiErrorBody, ConflictReason, FieldProblem};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use super::forms::form_of;
use super::handlers::find;
use super::store::{self, Stored};
use crate::audit::AuditAction;
use crate::catalogue::store::guide;
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::licences;
use crate::rate_limit::Limit;
use crate::secrets::{random_token, sha256_hex};
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

/// Whose licences may be offered and used: the applicant's own once the account is real-name
/// verified (an ID number typed at level 1 proves nothing), and the company's when this person
/// may use its licences.
fn holders<'a>(application: &'a Stored, user: &'a SessionUser) -> Vec<&'a str> {
    let mut holders = Vec::new();
    if user.level >= 2 {
        holders.push(user.id_number.as_str());
    }
    if let Some(company) = &application.company {
        if user.acting_as.as_ref().is_some_and(|a| a.may(AgentScope::ViewLicences)) {
            holders.push(company.as_str());
        }
    }
    holders
}

fn file_view(row: &sqlx::any::AnyRow) -> Result<FileView, sqlx::Error> {
    Ok(FileView {
        id: row.try_get("id")?,
        filename: row.try_get("filename")?,
        content_type: row.try_get("content_type")?,
        size: row.try_get::<i64, _>("size")? as u64,
        uploaded_at: row.try_get::<i64, _>("uploaded_at")? / SECOND,
    })
}

const FILE_COLUMNS: &str = "f.id, f.filename, f.content_type, f.size, f.uploaded_at";

/// What each material of the application is provided by. A licence whose holder is not in
/// `shown_in_full` (when given) is shown by its title with its number and holder masked: an agent
/// sees that a co-agent's ID card was used, not the ID number on it.
async fn provided(state: &AppState, id: &str, shown_in_full: Option<&[&str]>) -> Result<BTreeMap<String, Provided>, ApiError> {
    let rows = sqlx::query("SELECT material_code, licence_id, file_id FROM application_materials WHERE application_id = $1")
        .bind(id)
        .fetch_all(&state.pool)
        .await?;
    let mut map = BTreeMap::new();
    for row in rows {
        let code: String = row.try_get("material_code")?;
        if let Some(licence) = row.try_get::<Option<String>, _>("licence_id")? {
            if let Some((mut view, holder)) = licences::by_id(&state.pool, &licence).await? {
                if shown_in_full.is_some_and(|holders| !holders.contains(&holder.as_str())) {
                    view.number = mask_id_number(&view.number);
                    view.holder_name = view.holder_name.chars().take(1).chain(view.holder_name.chars().skip(1).map(|_| '*')).collect();
                }
                map.insert(code, Provided::Licence(view));
            }
        } else if let Some(file) = row.try_get::<Option<String>, _>("file_id")? {
            let row = sqlx::query(&format!("SELECT {FILE_COLUMNS} FROM files f WHERE f.id = $1")).bind(file).fetch_one(&state.pool).await?;
            map.insert(code, Provided::File(file_view(&row)?));
        }
    }
    Ok(map)
}

/// What the signature covers for each material: the licence number or the file's SHA-256.
pub async fn fingerprint(state: &AppState, id: &str) -> Result<BTreeMap<String, String>, ApiError> {
    let rows = sqlx::query(
        "SELECT m.material_code, l.number, f.sha256 FROM application_materials m \
         LEFT JOIN e_licences l ON l.id = m.licence_id LEFT JOIN files f ON f.id = m.file_id WHERE m.application_id = $1",
    )
    .bind(id)
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let value = match (r.try_get::<Option<String>, _>("number")?, r.try_get::<Option<String>, _>("sha256")?) {
                (Some(number), _) => format!("licence:{number}"),
                (_, Some(sha)) => format!("file:{sha}"),
                _ => String::new(),
            };
            Ok((r.try_get("material_code")?, value))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

/// Where the materials stand, for the task list; and those still missing (or asked for again),
/// by name.
pub async fn progress(
    state: &AppState,
    application: &Stored,
    flagged: &[String],
) -> Result<(SectionState, Vec<(String, tongban_api::Localized)>), ApiError> {
    let needed = needed(state, &application.summary.service_code).await?;
    let have = provided(state, &application.summary.id, None).await?;
    let missing: Vec<_> = needed
        .iter()
        .filter(|m| !have.contains_key(&m.code) || flagged.contains(&m.code))
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    let state = if flagged.iter().any(|code| needed.iter().any(|m| &m.code == code)) {
        SectionState::NeedsAttention
    } else if missing.is_empty() {
        SectionState::Completed
    } else if have.is_empty() {
        SectionState::NotStarted
    } else {
        SectionState::InProgress
    };
    Ok((state, missing))
}

/// Material codes named by the open correction notice and not yet provided again.
pub async fn flagged(state: &AppState, application: &Stored) -> Result<Vec<String>, ApiError> {
    if application.summary.state != ApplicationState::CorrectionsRequested {
        return Ok(Vec::new());
    }
    let notice = store::notices_sent(state, &application.summary.id).await?;
    let rows = sqlx::query(
        "SELECT item FROM application_corrections WHERE application_id = $1 AND notice = $2 AND addressed_at IS NULL AND item LIKE 'material:%'",
    )
    .bind(application.summary.id.as_str())
    .bind(i64::from(notice))
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("item")?.trim_start_matches("material:").to_string()))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

async fn view_of(state: &AppState, user: &SessionUser, application: &Stored) -> Result<MaterialsView, ApiError> {
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

/// The materials the guide asks for (`needed`), as provided, for the officer.
pub async fn as_provided(state: &AppState, application: &Stored, needed: Vec<Material>) -> Result<Vec<MaterialSlot>, ApiError> {
    let mut have = provided(state, &application.summary.id, None).await?;
    let flagged = flagged(state, application).await?;
    Ok(needed
        .into_iter()
        .map(|m| MaterialSlot {
            provided: have.remove(&m.code),
            needs_correction: flagged.contains(&m.code),
            code: m.code,
            name: m.name,
            note: m.note,
            licences: Vec::new(),
            earlier_files: Vec::new(),
        })
        .collect())
}

/// The application, if the material `code` may be changed now: any material of a draft, or a
/// material an open correction notice names.
async fn changeable(state: &AppState, user: &SessionUser, id: &str, code: &str) -> Result<Stored, ApiError> {
    let application = find(state, user, id).await?;
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
async fn provided_again(state: &AppState, application: &Stored, code: &str) -> Result<bool, ApiError> {
    let notice = store::notices_sent(state, &application.summary.id).await?;
    let row = sqlx::query("SELECT COUNT(*) AS n FROM application_corrections WHERE application_id = $1 AND notice = $2 AND item = $3")
        .bind(application.summary.id.as_str())
        .bind(i64::from(notice))
        .bind(format!("material:{code}"))
        .fetch_one(&state.pool)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

async fn set(state: &AppState, application: &Stored, code: &str, licence: Option<&str>, file: Option<&str>) -> Result<(), ApiError> {
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
    let application = find(&state, &user, &id).await?;
    Ok(Json(view_of(&state, &user, &application).await?))
}

/// Uses a licence from the library for a material, once the applicant has confirmed it.
#[utoipa::path(post, path = "/api/v1/applications/{id}/materials/{code}/licence", tag = "applications", request_body = UseLicenceRequest,
    params(("id" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = MaterialsView), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn use_licence(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, code)): Path<(String, String)>,
    Json(request): Json<UseLicenceRequest>,
) -> Result<Json<MaterialsView>, ApiError> {
    let application = changeable(&state, &user, &id, &code).await?;
    if !request.confirmed {
        return Err(ApiError::field("licence", FieldProblem::ConfirmLicence));
    }
    let Some((licence, holder)) = licences::by_id(&state.pool, &request.licence_id).await? else { return Err(ApiError::NotFound) };
    if licence.kind != code || !holders(&application, &user).contains(&holder.as_str()) {
        state.audit(user.actor(), AuditAction::LicenceRefused, &request.licence_id).await?;
        return Err(ApiError::NotFound);
    }
    set(&state, &application, &code, Some(&licence.id), None).await?;
    // Using a licence is a use of personal data: on record (Art. 24).
    state.audit(user.actor(), AuditAction::LicenceUsed, &format!("{} {} for {id}", licence.kind, licence.id)).await?;
    Ok(Json(view_of(&state, &user, &application).await?))
}

/// Uses a file the applicant gave for the same material in an earlier application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/materials/{code}/file", tag = "applications", request_body = UseFileRequest,
    params(("id" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = MaterialsView), (status = 404, body = ApiErrorBody)))]
async fn use_file(
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
async fn upload(
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
async fn upload_answer(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, field)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<FileView>, ApiError> {
    let application = find(&state, &user, &id).await?;
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let page = schema.pages().find(|p| p.fields.iter().any(|f| f.id == field && f.kind == FieldKind::File)).ok_or(ApiError::NotFound)?;
    super::handlers::reopened(&state, &application, &schema, &page.id).await?;
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
    let too_large = || ApiError::field("file", FieldProblem::FileTooLarge { max_mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    let announced = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > MAX_UPLOAD_BYTES) {
        return Err(too_large());
    }
    if stored + announced.unwrap_or(0) as i64 > quota {
        state.audit(user.actor(), AuditAction::FileRefused, "storage allowance reached").await?;
        return Err(ApiError::field("file", FieldProblem::UploadQuotaReached { quota_mb: state.config.auth.upload_quota_mb as usize }));
    }
    let body = axum::body::to_bytes(body, MAX_UPLOAD_BYTES).await.map_err(|_| too_large())?;
    let body = &body;
    if stored + body.len() as i64 > quota {
        return Err(ApiError::field("file", FieldProblem::UploadQuotaReached { quota_mb: state.config.auth.upload_quota_mb as usize }));
    }
    let filename = headers
        .get("x-filename")
        .and_then(|v| v.to_str().ok())
        .map(|name| percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned())
        .map(|n| n.chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).take(FILENAME_MAX_CHARS).collect::<String>())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "file".into());
    if body.is_empty() {
        return Err(ApiError::field("file", FieldProblem::FileEmpty));
    }
    let Some(content_type) = sniff(body) else {
        state.audit(user.actor(), AuditAction::FileRefused, &format!("{filename}: not PDF, JPEG or PNG")).await?;
        return Err(ApiError::field("file", FieldProblem::FileTypeNotAllowed));
    };
    if claimed_type(&filename).is_some_and(|claimed| claimed != content_type) {
        return Err(ApiError::field("file", FieldProblem::FileNotWhatItSays));
    }
    // The first bytes only say what the file claims to be; it must also decode or parse as that.
    let copy = body.clone();
    let holds = tokio::task::spawn_blocking(move || super::content_check::holds(content_type, &copy)).await.unwrap_or(false);
    if !holds {
        state.audit(user.actor(), AuditAction::FileRefused, &format!("{filename}: does not decode as {content_type}")).await?;
        return Err(ApiError::field("file", FieldProblem::FileDamaged));
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

/// A file the person uploaded, shown in the browser (never run: sandboxed, type fixed).
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = ApiErrorBody)))]
async fn download(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Response, ApiError> {
    let row =
        sqlx::query("SELECT content_type, content, user_id FROM files WHERE id = $1").bind(id.as_str()).fetch_optional(&state.pool).await?;
    match row {
        Some(row) if row.try_get::<String, _>("user_id")? == user.user_id => {
            state.audit(user.actor(), AuditAction::FileRead, &id).await?;
            Ok(file_response(row.try_get("content_type")?, row.try_get("content")?))
        }
        _ => {
            state.audit(user.actor(), AuditAction::FileRefused, &id).await?;
            Err(ApiError::NotFound)
        }
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

pub fn file_response(content_type: String, content: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, content).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // A PDF is downloaded, never drawn by the browser's viewer under the portal's origin; images
    // are shown in place.
    let disposition = if content_type == "application/pdf" { "attachment" } else { "inline" };
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(disposition));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'; object-src 'self'"),
    );
    response
}
