//! Level 2, real-name verification: name and ID number matched against the population register,
//! plus a second channel — a code to the phone on record there, or a bank card in their name.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sqlx::Row;
use tongban_api::fields;
use tongban_api::identity::{CodePurpose, SendCodeResponse};
use tongban_api::verification::{normalise_card, VerificationStatus, VerifyByBankCardRequest, VerifyBySmsRequest};
use tongban_api::{ApiErrorBody, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::codes;
use super::sessions::SessionUser;
use crate::audit::AuditAction;
use crate::bank::CardCheck;
use crate::error::ApiError;
use crate::rate_limit::Limit;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(send_code))
        .routes(routes!(verify_by_sms))
        .routes(routes!(verify_by_bank_card))
}

/// The phone on record for this person in the population register, if name and ID match.
async fn record_phone(state: &AppState, user: &SessionUser) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT phone FROM population_register WHERE id_number = $1 AND name = $2")
        .bind(user.id_number.as_str())
        .bind(user.name.as_str())
        .fetch_optional(&state.pool)
        .await?;
    row.map(|r| r.try_get("phone")).transpose()
}

async fn require_register_match(state: &AppState, user: &SessionUser) -> Result<String, ApiError> {
    record_phone(state, user).await?.ok_or_else(|| ApiError::field(fields::IDENTITY, FieldProblem::NotInRegister))
}

async fn raise_to_level_2(state: &AppState, user: &SessionUser, channel: &str) -> Result<(), ApiError> {
    sqlx::query("UPDATE users SET level = 2 WHERE id = $1 AND level < 2").bind(user.user_id.as_str()).execute(&state.pool).await?;
    super::passkeys::settle_level(state, &user.user_id).await?;
    state.audit(user.actor(), AuditAction::VerifiedToLevelTwo, channel).await?;
    Ok(())
}

/// Where this account stands. The phone on record is not shown, not even masked: it is the
/// register's, and this account has not yet proved to be the person it names.
#[utoipa::path(get, path = "/api/v1/account/verification", tag = "identity", responses((status = 200, body = VerificationStatus)))]
async fn status(State(state): State<AppState>, user: SessionUser) -> Result<Json<VerificationStatus>, ApiError> {
    let phone = record_phone(&state, &user).await?;
    Ok(Json(VerificationStatus { level: user.level, in_register: phone.is_some() }))
}

/// Sends a code to the phone on record in the population register.
#[utoipa::path(post, path = "/api/v1/account/verification/sms-code", tag = "identity",
    responses((status = 200, body = SendCodeResponse), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn send_code(State(state): State<AppState>, user: SessionUser) -> Result<Json<SendCodeResponse>, ApiError> {
    let phone = require_register_match(&state, &user).await?;
    Ok(Json(codes::issue(&state, &phone, CodePurpose::Verify, &user.ip, user.reader).await?))
}

#[utoipa::path(post, path = "/api/v1/account/verification/sms", tag = "identity", request_body = VerifyBySmsRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody)))]
async fn verify_by_sms(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<VerifyBySmsRequest>,
) -> Result<StatusCode, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    let phone = require_register_match(&state, &user).await?;
    if !codes::consume(&state, &phone, CodePurpose::Verify, request.code.trim()).await? {
        return Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected));
    }
    raise_to_level_2(&state, &user, "sms to the phone on record").await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/account/verification/bank-card", tag = "identity", request_body = VerifyByBankCardRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn verify_by_bank_card(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<VerifyByBankCardRequest>,
) -> Result<StatusCode, ApiError> {
    // A card check is a guess at someone's card: as few as wrong passwords allow.
    state.limit(Limit::BankCardChecks { user_id: &user.user_id }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    require_register_match(&state, &user).await?;
    let card = normalise_card(&request.card_number);
    let answer = state.bank.check(&card, &user.id_number, &user.name, request.phone.trim()).await.map_err(|e| {
        tracing::error!(error = %e, "bank-card check failed");
        ApiError::Internal
    })?;
    if answer == CardCheck::NoMatch {
        state.audit(user.actor(), AuditAction::VerificationFailed, "bank card").await?;
        return Err(ApiError::field(fields::CARD_NUMBER, FieldProblem::CardNotMatched));
    }
    raise_to_level_2(&state, &user, "bank card").await?;
    Ok(StatusCode::NO_CONTENT)
}
