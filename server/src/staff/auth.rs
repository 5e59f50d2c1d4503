//! Officers sign in with their staff number and password into a session of their own, apart
//! from the public's: a separate cookie, the same idle limit, lockout and per-address limits.

use axum::extract::{FromRequestParts, OptionalFromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use sqlx::{AnyPool, Row};
use tongban_api::fields;
use tongban_api::identity::mask_phone;
use tongban_api::staff::{OfficerView, StaffCodeRequest, StaffPasswordRequest, StaffSessionView, StaffSignInChallenge, StaffSignInRequest};
use tongban_api::{ApiErrorBody, FieldProblem, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit::{self, Actor, AuditAction};
use crate::clock::Clock;
use crate::cookies;
use crate::error::ApiError;
use crate::identity::passwords;
use crate::identity::sessions::{client_ip, live_session, RequestOrigin, SessionsOf};
use crate::identity::{codes, lockout};
use crate::rate_limit::Limit;
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

const STAFF_JSON: &str = include_str!("../../seed/staff.json");
const DEMO_PASSWORD: &str = "Tongban!2026";

#[derive(Deserialize)]
struct SeedOfficer {
    staff_number: String,
    name: String,
    department: String,
    window: String,
    phone: String,
}

/// One officer per department (and a second for some), all with the demo password: for
/// development only; production's officers are made with `tongban-server add-officer`.
pub async fn seed(state: &AppState) -> Result<(), String> {
    let db = |e: sqlx::Error| format!("seeding staff: {e}");
    let existing: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM staff").fetch_one(&state.pool).await.map_err(db)?.try_get("n").map_err(db)?;
    if existing > 0 {
        return Ok(());
    }
    let officers: Vec<SeedOfficer> = serde_json::from_str(STAFF_JSON).map_err(|e| format!("seed/staff.json: {e}"))?;
    // They share the demo password, so one hash serves them all.
    let hash = passwords::hash(DEMO_PASSWORD.to_string()).await.map_err(|_| "hashing the staff password failed".to_string())?;
    for officer in &officers {
        sqlx::query(
            "INSERT INTO staff (id, staff_number, name, department_code, window_code, password_hash, phone) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(random_token(12))
        .bind(officer.staff_number.as_str())
        .bind(officer.name.as_str())
        .bind(officer.department.as_str())
        .bind(officer.window.as_str())
        .bind(hash.as_str())
        .bind(officer.phone.as_str())
        .execute(&state.pool)
        .await
        .map_err(|e| format!("seed/staff.json: {}: {e}", officer.staff_number))?;
    }
    Ok(())
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session))
        .routes(routes!(sign_in))
        .routes(routes!(sign_in_code))
        .routes(routes!(change_password))
        .routes(routes!(sign_out))
}

/// A new officer with a one-time password, which they must replace at their first sign-in:
/// nobody, not even the administrator who ran the command, keeps a password that works.
pub async fn add_officer(
    pool: &AnyPool,
    clock: &dyn Clock,
    staff_number: &str,
    name: &str,
    department: &str,
    phone: &str,
    window: Option<&str>,
) -> Result<String, String> {
    let number = staff_number.trim().to_lowercase();
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("{staff_number:?}: a staff number is letters and digits"));
    }
    let (one_time, hash) = one_time_password(phone).await?;
    sqlx::query(
        "INSERT INTO staff (id, staff_number, name, department_code, window_code, password_hash, phone, must_change_password) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
    )
    .bind(random_token(12))
    .bind(number.as_str())
    .bind(name.trim())
    .bind(department)
    .bind(window)
    .bind(hash)
    .bind(phone)
    .execute(pool)
    .await
    .map_err(|e| format!("cannot add officer {number} (is the department or window code right, the staff number new?): {e}"))?;
    record_by_administrator(pool, clock, AuditAction::OfficerAdded, &number).await?;
    Ok(one_time)
}

/// Gives an officer a new one-time password and work phone (lost password, new phone, or an
/// officer from before second factors): they replace the password at their next sign-in, and
/// every session of theirs ends now.
pub async fn reset_officer(pool: &AnyPool, clock: &dyn Clock, staff_number: &str, phone: &str) -> Result<String, String> {
    let number = staff_number.trim().to_lowercase();
    let (one_time, hash) = one_time_password(phone).await?;
    let db = |e: sqlx::Error| e.to_string();
    let updated = sqlx::query("UPDATE staff SET password_hash = $1, phone = $2, must_change_password = 1 WHERE staff_number = $3")
        .bind(hash)
        .bind(phone)
        .bind(number.as_str())
        .execute(pool)
        .await
        .map_err(db)?;
    if updated.rows_affected() == 0 {
        return Err(format!("no officer has staff number {number}"));
    }
    sqlx::query(
        "UPDATE staff_sessions SET ended_at = $1 WHERE ended_at IS NULL AND staff_id = (SELECT id FROM staff WHERE staff_number = $2)",
    )
    .bind(clock.now())
    .bind(number.as_str())
    .execute(pool)
    .await
    .map_err(db)?;
    record_by_administrator(pool, clock, AuditAction::OfficerReset, &number).await?;
    Ok(one_time)
}

/// A one-time password and its hash, for an officer whose second factor goes to `phone`.
async fn one_time_password(phone: &str) -> Result<(String, String), String> {
    if !tongban_api::ids::is_valid_mobile(phone) {
        return Err(format!("{phone:?} is not a mainland mobile number"));
    }
    let one_time = random_token(8);
    let hash = passwords::hash(one_time.clone()).await.map_err(|_| "hashing the password failed".to_string())?;
    Ok((one_time, hash))
}

async fn record_by_administrator(pool: &AnyPool, clock: &dyn Clock, action: AuditAction, number: &str) -> Result<(), String> {
    audit::record(pool, clock, Actor::Console, action, &format!("staff {number}")).await.map_err(|e| e.to_string())
}

/// The officer behind a live staff session.
#[derive(Clone, Debug)]
pub struct Officer {
    pub id: String,
    pub session: String,
    pub staff_number: String,
    pub name: String,
    pub department_code: String,
    pub department: Localized,
    /// The window they work at, with its name.
    pub window: Option<(String, Localized)>,
    pub ip: String,
    /// Signed in with a one-time password not yet replaced.
    pub must_change_password: bool,
    /// The language this request is read in.
    pub reader: tongban_api::Lang,
}

impl Officer {
    /// This officer, as the audit log names them.
    pub fn actor(&self) -> Actor<'_> {
        Actor::Officer { staff_number: &self.staff_number, ip: &self.ip }
    }
}

impl Officer {
    pub fn view(&self) -> OfficerView {
        OfficerView {
            name: self.name.clone(),
            staff_number: self.staff_number.clone(),
            department: self.department.clone(),
            window: self.window.as_ref().map(|(_, name)| name.clone()),
        }
    }
}

async fn lookup(parts: &Parts, state: &AppState) -> Result<Option<Officer>, ApiError> {
    let Some(token) = cookies::STAFF.read(&parts.headers) else { return Ok(None) };
    let Some((row, token_hash)) = live_session(
        state,
        SessionsOf::Officers,
        &token,
        "SELECT s.created_at, s.last_seen_at, f.id, f.staff_number, f.name, f.department_code, f.window_code, f.must_change_password, \
         d.name_zh, d.name_en, \
         w.name_zh AS window_zh, w.name_en AS window_en FROM staff_sessions s \
         JOIN staff f ON f.id = s.staff_id JOIN departments d ON d.code = f.department_code \
         LEFT JOIN service_windows w ON w.code = f.window_code \
         WHERE s.token_hash = $1 AND s.ended_at IS NULL",
    )
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(Officer {
        id: row.try_get("id")?,
        session: token_hash,
        staff_number: row.try_get("staff_number")?,
        name: row.try_get("name")?,
        department_code: row.try_get("department_code")?,
        department: Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
        window: match (
            row.try_get::<Option<String>, _>("window_code")?,
            row.try_get::<Option<String>, _>("window_zh")?,
            row.try_get::<Option<String>, _>("window_en")?,
        ) {
            (Some(code), Some(zh), Some(en)) => Some((code, Localized::new(zh, en))),
            _ => None,
        },
        ip: client_ip(parts),
        reader: crate::error::lang_of(&parts.headers),
        must_change_password: row.try_get::<i64, _>("must_change_password")? != 0,
    }))
}

/// An officer who may work: signed in, with their own password.
impl FromRequestParts<AppState> for Officer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let officer = lookup(parts, state).await?.ok_or(ApiError::Unauthenticated)?;
        if officer.must_change_password {
            return Err(ApiError::Forbidden(tongban_api::Refusal::PasswordChangeRequired));
        }
        Ok(officer)
    }
}

/// Any signed-in officer, including one who still has to replace a one-time password.
pub struct OfficerSession(pub Officer);

impl FromRequestParts<AppState> for OfficerSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        lookup(parts, state).await?.map(OfficerSession).ok_or(ApiError::Unauthenticated)
    }
}

impl OptionalFromRequestParts<AppState> for OfficerSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, Self::Rejection> {
        Ok(lookup(parts, state).await?.map(OfficerSession))
    }
}

#[utoipa::path(get, path = "/api/v1/staff/session", tag = "staff", responses((status = 200, body = StaffSessionView)))]
async fn session(officer: Option<OfficerSession>) -> Json<StaffSessionView> {
    Json(StaffSessionView {
        password_change_required: officer.as_ref().is_some_and(|o| o.0.must_change_password),
        officer: officer.map(|o| o.0.view()),
    })
}

/// A failed step of an officer's sign-in: on record, and counted towards the lockout, which it
/// may start (then the answer says until when).
async fn failed(state: &AppState, subject: &str, detail: &str, ip: &str) -> Result<(), ApiError> {
    // Counted first: a failure to write the log must not let a guess go uncounted.
    let locked = lockout::record_failure(state, subject).await?;
    state.audit(Actor::Anonymous { ip }, AuditAction::OfficerSignInFailed, detail).await?;
    match locked {
        Some(until) => Err(ApiError::Locked { until }),
        None => Ok(()),
    }
}

/// Sign in, first step: staff number and password. When they are right, a code goes to the
/// officer's work phone; the session starts only with it (a second factor).
#[utoipa::path(post, path = "/api/v1/staff/sign-in", tag = "staff", request_body = StaffSignInRequest,
    responses((status = 200, body = StaffSignInChallenge), (status = 400, body = ApiErrorBody), (status = 423, body = ApiErrorBody)))]
async fn sign_in(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<StaffSignInRequest>,
) -> Result<Json<StaffSignInChallenge>, ApiError> {
    state.limit(Limit::SignIn { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let number = request.staff_number.trim().to_lowercase();
    let subject = format!("staff:{number}");
    if let Some(until) = lockout::locked_until(&state, &subject).await? {
        return Err(ApiError::Locked { until });
    }
    let row = sqlx::query("SELECT id, password_hash, phone FROM staff WHERE staff_number = $1")
        .bind(number.as_str())
        .fetch_optional(&state.pool)
        .await?;
    let hash = row.as_ref().map(|r| r.try_get::<String, _>("password_hash")).transpose()?;
    if !passwords::verify(request.password.clone(), hash).await {
        failed(&state, &subject, &format!("staff {number}: wrong password"), &origin.ip).await?;
        return Err(ApiError::field(fields::PASSWORD, FieldProblem::StaffCredentialsRejected));
    }
    let row = row.ok_or(ApiError::Internal)?;
    let staff_id: String = row.try_get("id")?;
    let phone: String = row.try_get("phone")?;
    let challenge = format!("{staff_id}.{}", random_token(24));
    let sent = codes::issue_staff_code(&state, &phone, &number, &sha256_hex(&challenge), (&origin.ip, origin.reader)).await?;
    Ok(Json(StaffSignInChallenge { challenge, phone_masked: mask_phone(&phone), expires_in_secs: sent.expires_in_secs }))
}

/// Sign in, second step: the code sent to the work phone for this sign-in.
#[utoipa::path(post, path = "/api/v1/staff/sign-in/code", tag = "staff", request_body = StaffCodeRequest,
    responses((status = 200, body = StaffSessionView), (status = 400, body = ApiErrorBody)))]
async fn sign_in_code(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<StaffCodeRequest>,
) -> Result<(HeaderMap, Json<StaffSessionView>), ApiError> {
    state.limit(Limit::SignIn { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let refused = || ApiError::field(fields::CODE, FieldProblem::CodeRejected);
    let staff_id = request.challenge.split_once('.').map(|(id, _)| id).ok_or_else(refused)?;
    let row = sqlx::query("SELECT staff_number, phone FROM staff WHERE id = $1").bind(staff_id).fetch_optional(&state.pool).await?;
    let Some(row) = row else { return Err(refused()) };
    let number: String = row.try_get("staff_number")?;
    let phone: String = row.try_get("phone")?;
    // Wrong codes count towards the officer's lockout like wrong passwords: the password alone
    // must not buy unlimited guesses at the second factor.
    let subject = format!("staff:{number}");
    if let Some(until) = lockout::locked_until(&state, &subject).await? {
        return Err(ApiError::Locked { until });
    }
    if !codes::consume_staff_code(&state, &phone, &sha256_hex(&request.challenge), request.code.trim()).await? {
        failed(&state, &subject, &format!("staff {number}: wrong code"), &origin.ip).await?;
        return Err(refused());
    }
    lockout::clear_failures(&state, &subject).await?;
    let token = random_token(32);
    let now = state.clock.now();
    sqlx::query("INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)")
        .bind(sha256_hex(&token))
        .bind(staff_id)
        .bind(now)
        .bind(now)
        .execute(&state.pool)
        .await?;
    state.audit(Actor::Officer { staff_number: &number, ip: &origin.ip }, AuditAction::OfficerSignedIn, "").await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, cookies::STAFF.set(&token, state.config.cookie_secure));
    let officer = sqlx::query(
        "SELECT f.name, f.staff_number, f.must_change_password, d.name_zh, d.name_en, w.name_zh AS window_zh, w.name_en AS window_en \
         FROM staff f JOIN departments d ON d.code = f.department_code LEFT JOIN service_windows w ON w.code = f.window_code WHERE f.id = $1",
    )
    .bind(staff_id)
    .fetch_one(&state.pool)
    .await?;
    let view = OfficerView {
        name: officer.try_get("name")?,
        staff_number: officer.try_get("staff_number")?,
        department: Localized::new(officer.try_get::<String, _>("name_zh")?, officer.try_get::<String, _>("name_en")?),
        window: match (officer.try_get::<Option<String>, _>("window_zh")?, officer.try_get::<Option<String>, _>("window_en")?) {
            (Some(zh), Some(en)) => Some(Localized::new(zh, en)),
            _ => None,
        },
    };
    let password_change_required = officer.try_get::<i64, _>("must_change_password")? != 0;
    Ok((headers, Json(StaffSessionView { officer: Some(view), password_change_required })))
}

/// Replaces the one-time password an officer was given with their own.
#[utoipa::path(post, path = "/api/v1/staff/password", tag = "staff", request_body = StaffPasswordRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn change_password(
    State(state): State<AppState>,
    OfficerSession(officer): OfficerSession,
    Json(request): Json<StaffPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    // Only a one-time password is replaced here; there is nothing to do for anyone else.
    if !officer.must_change_password {
        return Err(ApiError::NotFound);
    }
    request.validate(&[&officer.staff_number]).map_err(ApiError::Invalid)?;
    if passwords::is_common(&request.new_password) {
        return Err(ApiError::field(fields::NEW_PASSWORD, FieldProblem::CommonPassword));
    }
    let hash = passwords::hash(request.new_password.clone()).await?;
    sqlx::query("UPDATE staff SET password_hash = $1, must_change_password = 0 WHERE id = $2")
        .bind(hash)
        .bind(officer.id.as_str())
        .execute(&state.pool)
        .await?;
    sqlx::query("UPDATE staff_sessions SET ended_at = $1 WHERE staff_id = $2 AND token_hash <> $3 AND ended_at IS NULL")
        .bind(state.clock.now())
        .bind(officer.id.as_str())
        .bind(officer.session.as_str())
        .execute(&state.pool)
        .await?;
    state.audit(officer.actor(), AuditAction::OfficerPasswordSet, "").await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/staff/sign-out", tag = "staff", responses((status = 204)))]
async fn sign_out(State(state): State<AppState>, OfficerSession(officer): OfficerSession) -> Result<(StatusCode, HeaderMap), ApiError> {
    sqlx::query("UPDATE staff_sessions SET ended_at = $1 WHERE token_hash = $2")
        .bind(state.clock.now())
        .bind(officer.session.as_str())
        .execute(&state.pool)
        .await?;
    state.audit(officer.actor(), AuditAction::OfficerSignedOut, "").await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, cookies::STAFF.clear(state.config.cookie_secure));
    Ok((StatusCode::NO_CONTENT, headers))
}
