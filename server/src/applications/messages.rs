//! The applicant's message centre: every change to their applications, newest first.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::Row;
use tongban_api::{ApiErrorBody, Lang};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::clock::SECOND;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::words::Wording;
use crate::AppState;

pub use tongban_api::applications::{Message, UnreadCount};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(unread)).routes(routes!(mark_read))
}

#[utoipa::path(get, path = "/api/v1/messages", tag = "applications", responses((status = 200, body = Vec<Message>)))]
async fn list(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<Message>>, ApiError> {
    let rows = sqlx::query(
        "SELECT id, application_id, title, body, title_words, body_words, at, read_at FROM messages WHERE user_id = $1 \
             ORDER BY seq DESC LIMIT 100",
    )
    .bind(user.user_id.as_str())
    .fetch_all(&state.pool)
    .await?;
    let list = rows
        .iter()
        .map(|r| {
            Ok(Message {
                id: r.try_get("id")?,
                application_id: r.try_get("application_id")?,
                title: in_reader_language(r, "title", user.reader)?,
                body: in_reader_language(r, "body", user.reader)?,
                at: r.try_get::<i64, _>("at")? / SECOND,
                read: r.try_get::<Option<i64>, _>("read_at")?.is_some(),
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(list))
}

/// A message's words in the reader's language; one kept before words were, as it was written.
fn in_reader_language(row: &sqlx::any::AnyRow, column: &str, lang: Lang) -> Result<String, sqlx::Error> {
    match row.try_get::<Option<String>, _>(format!("{column}_words").as_str())? {
        Some(words) => Ok(Wording::from_json(&words).render(lang)),
        None => row.try_get(column),
    }
}

/// How many messages are unread, for the count in the header.
#[utoipa::path(get, path = "/api/v1/messages/unread", tag = "applications", responses((status = 200, body = UnreadCount)))]
async fn unread(State(state): State<AppState>, user: SessionUser) -> Result<Json<UnreadCount>, ApiError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM messages WHERE user_id = $1 AND read_at IS NULL")
        .bind(user.user_id.as_str())
        .fetch_one(&state.pool)
        .await?;
    Ok(Json(UnreadCount { unread: row.try_get::<i64, _>("n")? as u32 }))
}

#[utoipa::path(post, path = "/api/v1/messages/{id}/read", tag = "applications", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn mark_read(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let updated = sqlx::query("UPDATE messages SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3")
        .bind(state.clock.now())
        .bind(id.as_str())
        .bind(user.user_id.as_str())
        .execute(&state.pool)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
