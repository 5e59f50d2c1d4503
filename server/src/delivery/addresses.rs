//! The account's address book (收件地址簿): the addresses a person posts results to, each checked
//! (a district of the city, a mobile number), ten at most, seen and changed only by its owner.

use axum::extract::{Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::delivery::{PostalAddress, SavedAddress, MAX_ADDRESSES};
use tongban_api::{ApiErrorBody, ConflictReason};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit::AuditAction;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::secrets::random_token;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, add)).routes(routes!(remove))
}

async fn saved(state: &AppState, user_id: &str) -> Result<Vec<SavedAddress>, ApiError> {
    let rows =
        sqlx::query("SELECT id, recipient, phone, district, detail FROM delivery_addresses WHERE user_id = $1 ORDER BY created_at, id")
            .bind(user_id)
            .fetch_all(&state.pool)
            .await?;
    rows.iter()
        .map(|row| {
            Ok(SavedAddress {
                id: row.try_get("id")?,
                address: PostalAddress {
                    recipient: row.try_get("recipient")?,
                    phone: row.try_get("phone")?,
                    district: row.try_get("district")?,
                    detail: row.try_get("detail")?,
                },
            })
        })
        .collect()
}

/// The signed-in person's address book, oldest first.
#[utoipa::path(get, path = "/api/v1/account/addresses", tag = "account",
    responses((status = 200, body = Vec<SavedAddress>), (status = 401, body = ApiErrorBody)))]
async fn list(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<SavedAddress>>, ApiError> {
    Ok(Json(saved(&state, &user.user_id).await?))
}

/// Adds an address to the address book; the book as it is now.
#[utoipa::path(post, path = "/api/v1/account/addresses", tag = "account", request_body = PostalAddress,
    responses((status = 200, body = Vec<SavedAddress>), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody)))]
async fn add(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<PostalAddress>,
) -> Result<Json<Vec<SavedAddress>>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    let address = request.trimmed();
    let mut tx = state.pool.begin().await?;
    // Counted in the transaction that adds, so two at once cannot pass the limit together.
    let held = sqlx::query("UPDATE users SET lang = lang WHERE id = $1").bind(user.user_id.as_str()).execute(&mut *tx).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM delivery_addresses WHERE user_id = $1")
        .bind(user.user_id.as_str())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    let same: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM delivery_addresses WHERE user_id = $1 AND recipient = $2 AND phone = $3 AND district = $4 AND detail = $5",
    )
    .bind(user.user_id.as_str())
    .bind(address.recipient.as_str())
    .bind(address.phone.as_str())
    .bind(address.district.as_str())
    .bind(address.detail.as_str())
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    if same > 0 {
        // Kept already: the book stays as it is.
        drop(tx);
        return Ok(Json(saved(&state, &user.user_id).await?));
    }
    if held.rows_affected() != 1 || count >= MAX_ADDRESSES as i64 {
        return Err(ApiError::Conflict(ConflictReason::AddressBookFull));
    }
    sqlx::query(
        "INSERT INTO delivery_addresses (id, user_id, recipient, phone, district, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(random_token(12))
    .bind(user.user_id.as_str())
    .bind(address.recipient.as_str())
    .bind(address.phone.as_str())
    .bind(address.district.as_str())
    .bind(address.detail.as_str())
    .bind(state.clock.now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    state.audit(user.actor(), AuditAction::AddressAdded, "").await?;
    Ok(Json(saved(&state, &user.user_id).await?))
}

/// Removes one of the person's own addresses; another's is not found. Results already posted
/// keep the address they were posted to.
#[utoipa::path(post, path = "/api/v1/account/addresses/{id}/remove", tag = "account", params(("id" = String, Path)),
    responses((status = 200, body = Vec<SavedAddress>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn remove(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<Vec<SavedAddress>>, ApiError> {
    let removed = sqlx::query("DELETE FROM delivery_addresses WHERE id = $1 AND user_id = $2")
        .bind(id.as_str())
        .bind(user.user_id.as_str())
        .execute(&state.pool)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    state.audit(user.actor(), AuditAction::AddressRemoved, &id).await?;
    Ok(Json(saved(&state, &user.user_id).await?))
}
