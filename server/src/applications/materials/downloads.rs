//! Files back to the people entitled to them, served so that a browser cannot run them.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use tongban_api::ApiErrorBody;

use crate::audit::AuditAction;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::AppState;

/// A file the person uploaded, shown in the browser (never run: sandboxed, type fixed).
#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = ApiErrorBody)))]
pub(super) async fn download(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Response, ApiError> {
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
