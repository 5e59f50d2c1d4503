//! Passkeys (WebAuthn through webauthn-rs): adding, naming and removing them in the account
//! centre, and signing in with one. A passkey on a real-name verified account makes it level 3.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::Row;
use tongban_api::fields;
use tongban_api::identity::{mask_phone, SessionView};
use tongban_api::passkeys::{
    validate_new_name, AddPasskeyRequest, PasskeyCreationOptions, PasskeyRequestOptions, PasskeySignInRequest, PasskeyView,
    RenamePasskeyRequest,
};
use tongban_api::{ApiErrorBody, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, Url, Uuid,
};
use webauthn_rs::{Webauthn, WebauthnBuilder};
use webauthn_rs_proto::{Mediation, ResidentKeyRequirement};

use super::handlers::{find_account, signed_in, tell_phone, AccountBy};
use super::sessions::{describe_device, RequestOrigin, SessionUser};
use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::rate_limit::Limit;
use crate::secrets::random_token;
use crate::words::Wording;
use crate::AppState;

/// How long a browser has to answer a challenge.
const CEREMONY_SECS: i64 = 300;

/// The relying party: passkeys are bound to the host people open the portal at.
pub fn relying_party(public_origin: &str, production: bool) -> Result<Arc<Webauthn>, String> {
    let origin = Url::parse(public_origin).map_err(|e| format!("TONGBAN_PUBLIC_ORIGIN {public_origin:?}: {e}"))?;
    let host = origin.host_str().ok_or_else(|| format!("TONGBAN_PUBLIC_ORIGIN {public_origin:?} has no host"))?.to_string();
    let webauthn = WebauthnBuilder::new(&host, &origin)
        .map_err(|e| format!("TONGBAN_PUBLIC_ORIGIN {public_origin:?} cannot carry passkeys: {e}"))?
        .rp_name("上海一网通办 Tongban")
        // A developer's and a test run's server listens on whatever port is free.
        .allow_any_port(!production && host == "localhost")
        .build()
        .map_err(|e| format!("passkeys: {e}"))?;
    Ok(Arc::new(webauthn))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(creation_options))
        .routes(routes!(add))
        .routes(routes!(rename))
        .routes(routes!(remove))
        .routes(routes!(sign_in_options))
        .routes(routes!(sign_in))
}

pub(crate) fn rejected() -> ApiError {
    ApiError::field(fields::PASSKEY, FieldProblem::PasskeyRejected)
}

pub(crate) async fn begin<T: Serialize>(state: &AppState, user_id: Option<&str>, ceremony_state: &T) -> Result<String, ApiError> {
    let now = state.clock.now();
    sqlx::query("DELETE FROM passkey_ceremonies WHERE expires_at < $1").bind(now).execute(&state.pool).await?;
    let id = random_token(16);
    sqlx::query("INSERT INTO passkey_ceremonies (id, user_id, state, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(id.as_str())
        .bind(user_id)
        .bind(serde_json::to_string(ceremony_state).map_err(|_| ApiError::Internal)?)
        .bind(now + CEREMONY_SECS * SECOND)
        .execute(&state.pool)
        .await?;
    Ok(id)
}

/// The state of ceremony `id`, which is used up by asking: a challenge is answered once.
pub(crate) async fn take<T: DeserializeOwned>(state: &AppState, id: &str, user_id: Option<&str>) -> Result<T, ApiError> {
    let row = sqlx::query("DELETE FROM passkey_ceremonies WHERE id = $1 RETURNING user_id, state, expires_at")
        .bind(id)
        .fetch_optional(&state.pool)
        .await?
        .ok_or_else(rejected)?;
    let owner: Option<String> = row.try_get("user_id")?;
    if owner.as_deref() != user_id || row.try_get::<i64, _>("expires_at")? < state.clock.now() {
        return Err(rejected());
    }
    serde_json::from_str(&row.try_get::<String, _>("state")?).map_err(|_| ApiError::Internal)
}

/// Level 3 is a passkey on top of level 2; removing the last passkey takes it back to 2.
pub(super) async fn settle_level(state: &AppState, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET level = CASE WHEN level < 2 THEN level \
         WHEN EXISTS (SELECT 1 FROM passkeys WHERE user_id = $1) THEN 3 ELSE 2 END WHERE id = $2",
    )
    .bind(user_id)
    .bind(user_id)
    .execute(&state.pool)
    .await?;
    Ok(())
}

pub(crate) fn stored_passkey(row: &sqlx::any::AnyRow) -> Result<Passkey, ApiError> {
    serde_json::from_str(&row.try_get::<String, _>("credential")?).map_err(|_| ApiError::Internal)
}

/// What an assertion answers: a sign-in, where the passkey names the account, or a signature by
/// a signed-in account over a challenge the server chose.
pub(crate) enum Assertion {
    SignIn(DiscoverableAuthentication),
    Signing { owner: String, authentication: PasskeyAuthentication },
}

/// Why an assertion was refused.
pub(crate) enum AssertionRefused {
    /// No stored passkey matches (for signing: none of the owner's).
    UnknownPasskey,
    /// The passkey is known, but the signature does not hold.
    BadSignature {
        user_id: String,
        reason: String,
    },
    Failed(ApiError),
}

impl From<sqlx::Error> for AssertionRefused {
    fn from(e: sqlx::Error) -> Self {
        AssertionRefused::Failed(e.into())
    }
}

/// The one place a passkey assertion is checked: find the stored passkey it names, verify the
/// signature over the ceremony's challenge, and keep the authenticator's new counter so that a
/// cloned key shows. Answers the passkey's account and credential id.
pub(crate) async fn check_assertion(
    state: &AppState,
    credential: &PublicKeyCredential,
    assertion: Assertion,
) -> Result<(String, String), AssertionRefused> {
    let credential_id = URL_SAFE_NO_PAD.encode(credential.raw_id.as_ref());
    let row = match &assertion {
        Assertion::SignIn(_) => {
            let (handle, _) =
                state.webauthn.identify_discoverable_authentication(credential).map_err(|_| AssertionRefused::UnknownPasskey)?;
            sqlx::query(
                "SELECT p.id, p.user_id, p.credential FROM passkeys p JOIN users u ON u.id = p.user_id \
                 WHERE p.credential_id = $1 AND u.passkey_handle = $2",
            )
            .bind(credential_id.as_str())
            .bind(handle.to_string())
            .fetch_optional(&state.pool)
            .await?
        }
        Assertion::Signing { owner, .. } => {
            sqlx::query("SELECT id, user_id, credential FROM passkeys WHERE credential_id = $1 AND user_id = $2")
                .bind(credential_id.as_str())
                .bind(owner.as_str())
                .fetch_optional(&state.pool)
                .await?
        }
    };
    let row = row.ok_or(AssertionRefused::UnknownPasskey)?;
    let user_id: String = row.try_get("user_id")?;
    let mut passkey = stored_passkey(&row).map_err(AssertionRefused::Failed)?;
    let result = match assertion {
        Assertion::SignIn(authentication) => {
            state.webauthn.finish_discoverable_authentication(credential, authentication, &[DiscoverableKey::from(&passkey)])
        }
        Assertion::Signing { authentication, .. } => state.webauthn.finish_passkey_authentication(credential, &authentication),
    };
    let result = result.map_err(|e| AssertionRefused::BadSignature { user_id: user_id.clone(), reason: e.to_string() })?;
    passkey.update_credential(&result);
    sqlx::query("UPDATE passkeys SET credential = $1, last_used_at = $2 WHERE id = $3")
        .bind(serde_json::to_string(&passkey).map_err(|_| AssertionRefused::Failed(ApiError::Internal))?)
        .bind(state.clock.now())
        .bind(row.try_get::<String, _>("id")?)
        .execute(&state.pool)
        .await?;
    Ok((user_id, credential_id))
}

fn view(row: &sqlx::any::AnyRow) -> Result<PasskeyView, sqlx::Error> {
    Ok(PasskeyView {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        created_at: row.try_get::<i64, _>("created_at")? / SECOND,
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(|t| t / SECOND),
    })
}

pub(crate) async fn passkeys_of(state: &AppState, user_id: &str) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
    sqlx::query("SELECT id, name, credential, created_at, last_used_at FROM passkeys WHERE user_id = $1 ORDER BY created_at")
        .bind(user_id)
        .fetch_all(&state.pool)
        .await
}

/// This account's passkeys, oldest first.
#[utoipa::path(get, path = "/api/v1/account/passkeys", tag = "identity", responses((status = 200, body = Vec<PasskeyView>)))]
async fn list(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<PasskeyView>>, ApiError> {
    let rows = passkeys_of(&state, &user.user_id).await?;
    Ok(Json(rows.iter().map(view).collect::<Result<_, _>>()?))
}

/// The account's passkey handle, made on its first passkey.
async fn passkey_handle(state: &AppState, user_id: &str) -> Result<Uuid, ApiError> {
    let row = sqlx::query("SELECT passkey_handle FROM users WHERE id = $1").bind(user_id).fetch_one(&state.pool).await?;
    if let Some(handle) = row.try_get::<Option<String>, _>("passkey_handle")? {
        return Uuid::parse_str(&handle).map_err(|_| ApiError::Internal);
    }
    let handle = Uuid::new_v4();
    sqlx::query("UPDATE users SET passkey_handle = $1 WHERE id = $2 AND passkey_handle IS NULL")
        .bind(handle.to_string())
        .bind(user_id)
        .execute(&state.pool)
        .await?;
    Box::pin(passkey_handle(state, user_id)).await
}

/// Starts adding a passkey: the challenge for the browser to create one with.
#[utoipa::path(post, path = "/api/v1/account/passkeys/options", tag = "identity",
    responses((status = 200, body = PasskeyCreationOptions), (status = 429, body = ApiErrorBody)))]
async fn creation_options(State(state): State<AppState>, user: SessionUser) -> Result<Json<PasskeyCreationOptions>, ApiError> {
    state.limit(Limit::PasskeyOptions { user_id: &user.user_id }).await?;
    user.require_fresh_proof(&state)?;
    let handle = passkey_handle(&state, &user.user_id).await?;
    let existing = passkeys_of(&state, &user.user_id)
        .await?
        .iter()
        .map(|row| stored_passkey(row).map(|p| p.cred_id().clone()))
        .collect::<Result<Vec<_>, _>>()?;
    let (mut options, registration) =
        state.webauthn.start_passkey_registration(handle, &mask_phone(&user.phone), &user.name, Some(existing)).map_err(|e| {
            tracing::error!(error = %e, "could not start passkey registration");
            ApiError::Internal
        })?;
    // Sign-in picks the account from the passkey, so the authenticator must keep it.
    if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Required);
        selection.require_resident_key = true;
    }
    let ceremony = begin(&state, Some(&user.user_id), &registration).await?;
    Ok(Json(PasskeyCreationOptions { ceremony, options }))
}

/// Finishes adding a passkey with the browser's answer.
#[utoipa::path(post, path = "/api/v1/account/passkeys", tag = "identity", request_body = AddPasskeyRequest,
    responses((status = 200, body = PasskeyView), (status = 400, body = ApiErrorBody)))]
async fn add(
    State(state): State<AppState>,
    user: SessionUser,
    origin: RequestOrigin,
    Json(request): Json<AddPasskeyRequest>,
) -> Result<Json<PasskeyView>, ApiError> {
    validate_new_name(&request.name).map_err(ApiError::Invalid)?;
    user.require_fresh_proof(&state)?;
    let registration: PasskeyRegistration = take(&state, &request.ceremony, Some(&user.user_id)).await?;
    let passkey = state.webauthn.finish_passkey_registration(&request.credential, &registration).map_err(|e| {
        tracing::info!(error = %e, "passkey registration refused");
        rejected()
    })?;
    let credential_id = URL_SAFE_NO_PAD.encode(passkey.cred_id().as_ref());
    let name = match request.name.trim() {
        "" => describe_device(&origin.user_agent, user.reader),
        name => name.to_string(),
    };
    let id = random_token(12);
    let now = state.clock.now();
    let inserted = sqlx::query(
        "INSERT INTO passkeys (id, user_id, credential_id, name, credential, created_at) \
         SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM passkeys WHERE credential_id = $7)",
    )
    .bind(id.as_str())
    .bind(user.user_id.as_str())
    .bind(credential_id.as_str())
    .bind(name.as_str())
    .bind(serde_json::to_string(&passkey).map_err(|_| ApiError::Internal)?)
    .bind(now)
    .bind(credential_id.as_str())
    .execute(&state.pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ApiError::field(fields::PASSKEY, FieldProblem::PasskeyAlreadyRegistered));
    }
    settle_level(&state, &user.user_id).await?;
    state.audit(user.actor(), AuditAction::PasskeyAdded, &name).await?;
    tell_phone(&state, &user, Wording::of("msg_account_passkey_added", [("name", name.as_str().into())])).await;
    Ok(Json(PasskeyView { id, name, created_at: now / SECOND, last_used_at: None }))
}

async fn owned(state: &AppState, user: &SessionUser, id: &str) -> Result<(), ApiError> {
    let found = sqlx::query("SELECT 1 AS found FROM passkeys WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user.user_id.as_str())
        .fetch_optional(&state.pool)
        .await?;
    if found.is_none() {
        state.audit(user.actor(), AuditAction::PasskeyRefused, "not this account's passkey").await?;
        return Err(ApiError::NotFound);
    }
    Ok(())
}

#[utoipa::path(post, path = "/api/v1/account/passkeys/{id}/name", tag = "identity", request_body = RenamePasskeyRequest,
    params(("id" = String, Path)), responses((status = 204), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn rename(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<RenamePasskeyRequest>,
) -> Result<StatusCode, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    owned(&state, &user, &id).await?;
    let name = request.name.trim();
    sqlx::query("UPDATE passkeys SET name = $1 WHERE id = $2").bind(name).bind(id.as_str()).execute(&state.pool).await?;
    state.audit(user.actor(), AuditAction::PasskeyRenamed, name).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/account/passkeys/{id}/remove", tag = "identity",
    params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn remove(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    owned(&state, &user, &id).await?;
    user.require_fresh_proof(&state)?;
    sqlx::query("DELETE FROM passkeys WHERE id = $1").bind(id.as_str()).execute(&state.pool).await?;
    settle_level(&state, &user.user_id).await?;
    state.audit(user.actor(), AuditAction::PasskeyRemoved, &id).await?;
    tell_phone(&state, &user, Wording::of("msg_account_passkey_removed", [])).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts a passkey sign-in: a challenge any passkey for this site can answer.
#[utoipa::path(post, path = "/api/v1/auth/sign-in/passkey/options", tag = "identity",
    responses((status = 200, body = PasskeyRequestOptions), (status = 429, body = ApiErrorBody)))]
async fn sign_in_options(State(state): State<AppState>, origin: RequestOrigin) -> Result<Json<PasskeyRequestOptions>, ApiError> {
    state.limit(Limit::SignIn { ip: &origin.ip }).await?;
    let (mut options, authentication) = state.webauthn.start_discoverable_authentication().map_err(|e| {
        tracing::error!(error = %e, "could not start passkey sign-in");
        ApiError::Internal
    })?;
    // The person pressed "sign in with a passkey": ask now, rather than wait for autofill.
    options.mediation = None::<Mediation>;
    let ceremony = begin(&state, None, &authentication).await?;
    Ok(Json(PasskeyRequestOptions { ceremony, options }))
}

/// Finishes a passkey sign-in: the passkey names the account, its signature proves the person.
#[utoipa::path(post, path = "/api/v1/auth/sign-in/passkey", tag = "identity", request_body = PasskeySignInRequest,
    responses((status = 200, body = SessionView), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn sign_in(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<PasskeySignInRequest>,
) -> Result<(HeaderMap, Json<SessionView>), ApiError> {
    state.limit(Limit::SignIn { ip: &origin.ip }).await?;
    let authentication: DiscoverableAuthentication = take(&state, &request.ceremony, None).await?;
    let user_id = match check_assertion(&state, &request.credential, Assertion::SignIn(authentication)).await {
        Ok((user_id, _)) => user_id,
        Err(AssertionRefused::UnknownPasskey) => {
            state.audit(Actor::Anonymous { ip: &origin.ip }, AuditAction::SignInFailed, "unknown passkey").await?;
            return Err(rejected());
        }
        Err(AssertionRefused::BadSignature { user_id, reason }) => {
            state
                .audit(Actor::Person { user_id: &user_id, ip: &origin.ip }, AuditAction::SignInFailed, &format!("passkey: {reason}"))
                .await?;
            return Err(rejected());
        }
        Err(AssertionRefused::Failed(e)) => return Err(e),
    };
    let account = find_account(&state, AccountBy::Id(&user_id)).await?.ok_or(ApiError::Internal)?;
    // The person proved themself another way: guesses at their password no longer bar them.
    super::lockout::clear(&state, &account.id).await?;
    signed_in(&state, &account, &origin, AuditAction::SignedInWithPasskey).await
}
