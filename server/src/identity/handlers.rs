use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use sqlx::Row;
use tongban_api::error::FieldProblems;
use tongban_api::fields;
use tongban_api::identity::{
    mask_id_number, mask_phone, AccountEvent, ActiveSession, ChangePasswordRequest, ChangePhoneRequest, CodePurpose,
    ConfirmIdentityRequest, PasswordSignInRequest, PhoneCodeRequest, RegisterRequest, SendCodeRequest, SendCodeResponse, SessionView,
    SmsSignInRequest, TextsLanguageRequest, UserView,
};
use tongban_api::{ApiErrorBody, FieldProblem, Lang};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::sessions::{self, describe_device, RequestOrigin, SessionUser};
use super::{codes, lockout, passwords};
use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::cookies;
use crate::error::ApiError;
use crate::outbox;
use crate::rate_limit::Limit;
use crate::secrets::random_token;
use crate::words::Wording;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_session))
        .routes(routes!(keep_alive))
        .routes(routes!(send_code))
        .routes(routes!(register))
        .routes(routes!(sign_in_password))
        .routes(routes!(sign_in_sms))
        .routes(routes!(sign_out))
        .routes(routes!(sign_out_everywhere))
        .routes(routes!(list_sessions))
        .routes(routes!(end_session))
        .routes(routes!(account_history))
        .routes(routes!(change_password))
        .routes(routes!(set_texts_language))
        .routes(routes!(send_phone_code))
        .routes(routes!(change_phone))
        .routes(routes!(confirm_identity))
        .routes(routes!(send_confirm_code))
}

fn user_view(user: &SessionUser) -> UserView {
    UserView {
        name: user.name.clone(),
        id_number_masked: mask_id_number(&user.id_number),
        phone_masked: mask_phone(&user.phone),
        level: user.level,
        texts_in: user.texts_in,
    }
}

pub fn session_view_of(state: &AppState, user: &SessionUser) -> SessionView {
    let mut view = session_view(state, Some(user_view(user)));
    view.acting_as = user.acting_as.clone();
    view
}

fn session_view(state: &AppState, user: Option<UserView>) -> SessionView {
    SessionView {
        user,
        acting_as: None,
        idle_timeout_secs: state.config.auth.session_idle_secs as u32,
        warning_secs: state.config.auth.session_warning_secs as u32,
    }
}

/// Row of `users` needed to sign someone in.
pub(super) struct Account {
    pub(super) id: String,
    name: String,
    id_number: String,
    phone: String,
    level: u8,
    password_hash: String,
    texts_in: Lang,
}

/// How an account is looked up.
#[derive(Clone, Copy)]
pub(super) enum AccountBy<'a> {
    Id(&'a str),
    IdNumber(&'a str),
    Phone(&'a str),
}

pub(super) async fn find_account(state: &AppState, by: AccountBy<'_>) -> Result<Option<Account>, sqlx::Error> {
    let (sql, value) = match by {
        AccountBy::Id(id) => ("SELECT id, name, id_number, phone, level, password_hash, lang FROM users WHERE id = $1", id),
        AccountBy::IdNumber(number) => {
            ("SELECT id, name, id_number, phone, level, password_hash, lang FROM users WHERE id_number = $1", number)
        }
        AccountBy::Phone(phone) => ("SELECT id, name, id_number, phone, level, password_hash, lang FROM users WHERE phone = $1", phone),
    };
    let Some(row) = sqlx::query(sql).bind(value).fetch_optional(&state.pool).await? else { return Ok(None) };
    Ok(Some(Account {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        id_number: row.try_get("id_number")?,
        phone: row.try_get("phone")?,
        level: row.try_get::<i64, _>("level")? as u8,
        password_hash: row.try_get("password_hash")?,
        texts_in: Lang::from_tag(&row.try_get::<String, _>("lang")?),
    }))
}

/// Starts a session for `account` and answers with it and its cookie.
pub(super) async fn signed_in(
    state: &AppState,
    account: &Account,
    origin: &RequestOrigin,
    action: AuditAction,
) -> Result<(HeaderMap, Json<SessionView>), ApiError> {
    // Signing in replaces whatever session this browser had, whoever it belonged to.
    if let Some(previous) = &origin.session_cookie {
        sessions::end_by_token(state, previous).await?;
    }
    let token = sessions::create(state, &account.id, &origin.ip, &origin.user_agent).await?;
    state
        .audit(Actor::Person { user_id: &account.id, ip: &origin.ip }, action, &describe_device(&origin.user_agent, tongban_api::Lang::En))
        .await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, cookies::SESSION.set(&token, state.config.cookie_secure));
    let view = UserView {
        name: account.name.clone(),
        id_number_masked: mask_id_number(&account.id_number),
        phone_masked: mask_phone(&account.phone),
        level: account.level,
        texts_in: account.texts_in,
    };
    Ok((headers, Json(session_view(state, Some(view)))))
}

/// This browser's session, and the CSRF cookie its forms will echo.
#[utoipa::path(get, path = "/api/v1/session", tag = "identity", responses((status = 200, body = SessionView)))]
async fn get_session(State(state): State<AppState>, origin: RequestOrigin, user: Option<SessionUser>) -> (HeaderMap, Json<SessionView>) {
    let mut headers = HeaderMap::new();
    if origin.csrf_cookie.is_none_or(|c| c.len() < 32) {
        let token = random_token(32);
        headers.insert(header::SET_COOKIE, cookies::CSRF.set(&token, state.config.cookie_secure));
    }
    let view = match &user {
        Some(user) => session_view_of(&state, user),
        None => session_view(&state, None),
    };
    (headers, Json(view))
}

/// "Stay signed in": restarts the idle clock.
#[utoipa::path(post, path = "/api/v1/session/keep-alive", tag = "identity",
    responses((status = 200, body = SessionView), (status = 401, body = ApiErrorBody)))]
async fn keep_alive(State(state): State<AppState>, user: SessionUser) -> Json<SessionView> {
    Json(session_view_of(&state, &user))
}

/// Sends a one-time code by SMS.
#[utoipa::path(post, path = "/api/v1/auth/codes", tag = "identity", request_body = SendCodeRequest,
    responses((status = 200, body = SendCodeResponse), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn send_code(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<SendCodeRequest>,
) -> Result<Json<SendCodeResponse>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    // Verification codes go only to the phone on record, through the account's own endpoint.
    let purpose = match request.purpose {
        Some(purpose @ (CodePurpose::Register | CodePurpose::SignIn | CodePurpose::Ticket)) => purpose,
        _ => return Err(ApiError::field(fields::PURPOSE, FieldProblem::UnknownChoice)),
    };
    Ok(Json(codes::issue(&state, request.phone.trim(), purpose, &origin.ip, origin.reader).await?))
}

/// Creates an account at level 1 (phone verified) and signs it in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "identity", request_body = RegisterRequest,
    responses((status = 200, body = SessionView), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn register(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<RegisterRequest>,
) -> Result<(HeaderMap, Json<SessionView>), ApiError> {
    state.limit(Limit::Register { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    if passwords::is_common(&request.password) {
        return Err(ApiError::field(fields::PASSWORD, FieldProblem::CommonPassword));
    }
    let phone = request.phone.trim();
    let id_number = request.id_number.trim().to_uppercase();
    if !codes::consume(&state, phone, CodePurpose::Register, request.code.trim()).await? {
        return Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected));
    }
    // Real-name proofing starts here: an account is only for a person the population register
    // knows by this name and ID number. A mismatch does not say which of the two is wrong.
    let name = request.name.trim();
    let in_register = sqlx::query("SELECT 1 AS found FROM population_register WHERE id_number = $1 AND name = $2")
        .bind(id_number.as_str())
        .bind(name)
        .fetch_optional(&state.pool)
        .await?
        .is_some();
    if !in_register {
        state.audit(Actor::Anonymous { ip: &origin.ip }, AuditAction::RegisterRefused, "name and id number not in the register").await?;
        return Err(ApiError::Invalid(FieldProblems::from([
            ("name", FieldProblem::NotInRegister),
            ("id_number", FieldProblem::NotInRegister),
        ])));
    }
    // The code proves the phone is theirs, so saying it is taken reveals nothing new.
    if find_account(&state, AccountBy::Phone(phone)).await?.is_some() {
        return Err(ApiError::field(fields::PHONE, FieldProblem::PhoneTaken));
    }
    if find_account(&state, AccountBy::IdNumber(&id_number)).await?.is_some() {
        state.audit(Actor::Anonymous { ip: &origin.ip }, AuditAction::RegisterRefused, "id number already registered").await?;
        return Err(ApiError::field(fields::ID_NUMBER, FieldProblem::NotRegistrable));
    }
    let account = Account {
        id: random_token(16),
        name: name.to_string(),
        id_number,
        phone: phone.to_string(),
        level: 1,
        password_hash: passwords::hash(request.password.clone()).await?,
        // Texts come in the language the person registered in, until they choose another.
        texts_in: origin.reader,
    };
    sqlx::query(
        "INSERT INTO users (id, name, id_number, phone, password_hash, level, created_at, lang) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(account.id.as_str())
    .bind(account.name.as_str())
    .bind(account.id_number.as_str())
    .bind(account.phone.as_str())
    .bind(account.password_hash.as_str())
    .bind(i64::from(account.level))
    .bind(state.clock.now())
    .bind(account.texts_in.tag())
    .execute(&state.pool)
    .await?;
    state.audit(Actor::Person { user_id: &account.id, ip: &origin.ip }, AuditAction::AccountRegistered, "").await?;
    signed_in(&state, &account, &origin, AuditAction::SignedInAfterRegistering).await
}

/// Sign in with resident ID number or phone, and password.
#[utoipa::path(post, path = "/api/v1/auth/sign-in/password", tag = "identity", request_body = PasswordSignInRequest,
    responses((status = 200, body = SessionView), (status = 400, body = ApiErrorBody), (status = 423, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn sign_in_password(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<PasswordSignInRequest>,
) -> Result<(HeaderMap, Json<SessionView>), ApiError> {
    state.limit(Limit::SignIn { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let identifier = request.identifier.trim().to_uppercase();
    let by = if identifier.len() == 18 { AccountBy::IdNumber(&identifier) } else { AccountBy::Phone(&identifier) };
    let account = find_account(&state, by).await?;
    // Unknown identifiers are counted and locked like accounts, so the answers never differ.
    let subject = account.as_ref().map_or_else(|| format!("unknown:{identifier}"), |a| a.id.clone());
    let user_id = account.as_ref().map(|a| a.id.as_str());
    if let Some(until) = lockout::locked_until(&state, &subject).await? {
        state.audit(Actor::caller(user_id, &origin.ip), AuditAction::SignInRefusedLocked, "").await?;
        return Err(ApiError::Locked { until });
    }
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    if !passwords::verify(request.password.clone(), hash).await {
        if let Some(until) = lockout::record_failure(&state, &subject).await? {
            state.audit(Actor::caller(user_id, &origin.ip), AuditAction::AccountLocked, "").await?;
            return Err(ApiError::Locked { until });
        }
        state.audit(Actor::caller(user_id, &origin.ip), AuditAction::SignInFailed, "wrong password").await?;
        return Err(ApiError::field(fields::PASSWORD, FieldProblem::CredentialsRejected));
    }
    let account = account.ok_or(ApiError::Internal)?;
    lockout::clear_failures(&state, &subject).await?;
    signed_in(&state, &account, &origin, AuditAction::SignedInWithPassword).await
}

/// Sign in with phone and an SMS code.
#[utoipa::path(post, path = "/api/v1/auth/sign-in/sms", tag = "identity", request_body = SmsSignInRequest,
    responses((status = 200, body = SessionView), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn sign_in_sms(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<SmsSignInRequest>,
) -> Result<(HeaderMap, Json<SessionView>), ApiError> {
    state.limit(Limit::SignIn { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let phone = request.phone.trim();
    let valid = codes::consume(&state, phone, CodePurpose::SignIn, request.code.trim()).await?;
    match (valid, find_account(&state, AccountBy::Phone(phone)).await?) {
        (true, Some(account)) => {
            // The person proved themself another way: guesses at their password no longer bar them.
            lockout::clear(&state, &account.id).await?;
            signed_in(&state, &account, &origin, AuditAction::SignedInWithSms).await
        }
        (_, account) => {
            state
                .audit(Actor::caller(account.as_ref().map(|a| a.id.as_str()), &origin.ip), AuditAction::SignInFailed, "wrong SMS code")
                .await?;
            Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected))
        }
    }
}

fn signed_out(state: &AppState) -> (StatusCode, HeaderMap) {
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, cookies::SESSION.clear(state.config.cookie_secure));
    (StatusCode::NO_CONTENT, headers)
}

#[utoipa::path(post, path = "/api/v1/auth/sign-out", tag = "identity", responses((status = 204)))]
async fn sign_out(State(state): State<AppState>, user: SessionUser) -> Result<(StatusCode, HeaderMap), ApiError> {
    sessions::end(&state, &user.session_id).await?;
    state.audit(user.actor(), AuditAction::SignedOut, "").await?;
    Ok(signed_out(&state))
}

/// Ends every session of this account, on every device.
#[utoipa::path(post, path = "/api/v1/auth/sign-out-everywhere", tag = "identity", responses((status = 204)))]
async fn sign_out_everywhere(State(state): State<AppState>, user: SessionUser) -> Result<(StatusCode, HeaderMap), ApiError> {
    sessions::end_all(&state, &user.user_id, None).await?;
    state.audit(user.actor(), AuditAction::SignedOutEverywhere, "").await?;
    Ok(signed_out(&state))
}

/// The account's live sessions, this one first.
#[utoipa::path(get, path = "/api/v1/account/sessions", tag = "identity", responses((status = 200, body = Vec<ActiveSession>)))]
async fn list_sessions(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<ActiveSession>>, ApiError> {
    let idle_cutoff = state.clock.now() - state.config.auth.session_idle_secs * SECOND;
    let rows = sqlx::query(
        "SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions \
         WHERE user_id = $1 AND ended_at IS NULL AND last_seen_at > $2 ORDER BY last_seen_at DESC",
    )
    .bind(user.user_id.as_str())
    .bind(idle_cutoff)
    .fetch_all(&state.pool)
    .await?;
    let mut list = rows
        .iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            Ok(ActiveSession {
                current: id == user.session_id,
                id,
                created_at: r.try_get::<i64, _>("created_at")? / SECOND,
                last_seen_at: r.try_get::<i64, _>("last_seen_at")? / SECOND,
                ip: r.try_get("ip")?,
                device: describe_device(&r.try_get::<String, _>("user_agent")?, user.reader),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    list.sort_by_key(|s| !s.current);
    Ok(Json(list))
}

/// Ends one of the account's sessions ("sign out that device").
#[utoipa::path(post, path = "/api/v1/account/sessions/{id}/end", tag = "identity",
    params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn end_session(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let owned = sqlx::query("SELECT COUNT(*) AS n FROM sessions WHERE id = $1 AND user_id = $2 AND ended_at IS NULL")
        .bind(id.as_str())
        .bind(user.user_id.as_str())
        .fetch_one(&state.pool)
        .await?
        .try_get::<i64, _>("n")?;
    if owned == 0 {
        return Err(ApiError::NotFound);
    }
    sessions::end(&state, &id).await?;
    state.audit(user.actor(), AuditAction::SessionEnded, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign-ins, failures, lockouts and account changes, newest first.
#[utoipa::path(get, path = "/api/v1/account/history", tag = "identity", responses((status = 200, body = Vec<AccountEvent>)))]
async fn account_history(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<AccountEvent>>, ApiError> {
    let rows = sqlx::query("SELECT at, action, ip FROM audit_log WHERE user_id = $1 ORDER BY at DESC LIMIT 50")
        .bind(user.user_id.as_str())
        .fetch_all(&state.pool)
        .await?;
    let events = rows
        .iter()
        .map(|r| {
            let action: String = r.try_get("action")?;
            Ok(AccountEvent {
                at: r.try_get::<i64, _>("at")? / SECOND,
                action: action.parse().map_err(|_| ApiError::Internal)?,
                ip: r.try_get("ip")?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(events))
}

/// Changes the password and ends the account's other sessions.
#[utoipa::path(post, path = "/api/v1/account/password", tag = "identity", request_body = ChangePasswordRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody)))]
async fn change_password(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state.limit(Limit::AccountChanges { user_id: &user.user_id }).await?;
    request.validate(&[&user.id_number, &user.phone]).map_err(ApiError::Invalid)?;
    check_own_password(&state, &user, &request.current_password, "current_password", AuditAction::PasswordChangeRefused).await?;
    if passwords::is_common(&request.new_password) {
        return Err(ApiError::field(fields::NEW_PASSWORD, FieldProblem::CommonPassword));
    }
    let hash = passwords::hash(request.new_password.clone()).await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(user.user_id.as_str()).execute(&state.pool).await?;
    sessions::end_all(&state, &user.user_id, Some(&user.session_id)).await?;
    sessions::record_proof(&state, &user.session_id).await?;
    state.audit(user.actor(), AuditAction::PasswordChanged, "").await?;
    tell_phone(&state, &user, Wording::of("msg_account_password_changed", [])).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a code to the new phone a signed-in person wants to use.
#[utoipa::path(post, path = "/api/v1/account/phone/code", tag = "identity", request_body = PhoneCodeRequest,
    responses((status = 200, body = SendCodeResponse), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn send_phone_code(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<PhoneCodeRequest>,
) -> Result<Json<SendCodeResponse>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    Ok(Json(codes::issue(&state, request.phone.trim(), CodePurpose::ChangePhone, &user.ip, user.reader).await?))
}

/// Moves the account to a new phone, proved by its code, after the password is given again.
/// The old phone is told, so a hijack does not go unnoticed.
#[utoipa::path(post, path = "/api/v1/account/phone", tag = "identity", request_body = ChangePhoneRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody)))]
async fn change_phone(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<ChangePhoneRequest>,
) -> Result<StatusCode, ApiError> {
    state.limit(Limit::AccountChanges { user_id: &user.user_id }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    check_own_password(&state, &user, &request.password, "password", AuditAction::PhoneChangeRefused).await?;
    let phone = request.phone.trim();
    if !codes::consume(&state, phone, CodePurpose::ChangePhone, request.code.trim()).await? {
        return Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected));
    }
    let updated = sqlx::query("UPDATE users SET phone = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM users WHERE phone = $3)")
        .bind(phone)
        .bind(user.user_id.as_str())
        .bind(phone)
        .execute(&state.pool)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::field(fields::PHONE, FieldProblem::PhoneTaken));
    }
    sessions::end_all(&state, &user.user_id, Some(&user.session_id)).await?;
    sessions::record_proof(&state, &user.session_id).await?;
    state.audit(user.actor(), AuditAction::PhoneChanged, &mask_phone(phone)).await?;
    // The old phone is told, so a hijack does not go unnoticed.
    tell_phone(&state, &user, Wording::of("msg_account_phone_changed", [("phone", mask_phone(phone).into())])).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Checks the signed-in person's own password as sign-in does: refused while locked, and a wrong
/// one counts towards the same lockout, so a stolen session is no way around it.
async fn check_own_password(
    state: &AppState,
    user: &SessionUser,
    password: &str,
    field: &'static str,
    refused: AuditAction,
) -> Result<(), ApiError> {
    if let Some(until) = lockout::locked_until(state, &user.user_id).await? {
        return Err(ApiError::Locked { until });
    }
    let account = find_account(state, AccountBy::Id(&user.user_id)).await?.ok_or(ApiError::Unauthenticated)?;
    if passwords::verify(password.to_string(), Some(account.password_hash)).await {
        return Ok(());
    }
    state.audit(user.actor(), refused, "wrong password").await?;
    if let Some(until) = lockout::record_failure(state, &user.user_id).await? {
        return Err(ApiError::Locked { until });
    }
    Err(ApiError::field(field, FieldProblem::WrongPassword))
}

/// Texts the account's phone (the one it had until now) about a sensitive change to the account,
/// in the account's language, so that one made by someone else does not go unnoticed. A failed
/// text does not undo the change.
pub(crate) async fn tell_phone(state: &AppState, user: &SessionUser, what: Wording) {
    let lang = user.texts_in;
    let notice = Wording::of("msg_account_notice", [("what", what.render(lang).into())]);
    let queued = async {
        let mut conn = state.pool.acquire().await?;
        outbox::text(&mut conn, state.clock.now(), &user.phone, &notice.render(lang)).await
    };
    match queued.await {
        Ok(()) => outbox::deliver_now(state).await,
        Err(e) => tracing::error!(error = %e, "could not queue the text about a change to the account"),
    }
}

/// Sets the language the account's texts are written in.
#[utoipa::path(post, path = "/api/v1/account/texts-language", tag = "identity", request_body = TextsLanguageRequest,
    responses((status = 200, body = SessionView), (status = 401, body = ApiErrorBody)))]
async fn set_texts_language(
    State(state): State<AppState>,
    mut user: SessionUser,
    Json(request): Json<TextsLanguageRequest>,
) -> Result<Json<SessionView>, ApiError> {
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(request.lang.tag())
        .bind(user.user_id.as_str())
        .execute(&state.pool)
        .await?;
    state.audit(user.actor(), AuditAction::TextsLanguageChanged, request.lang.tag()).await?;
    user.texts_in = request.lang;
    Ok(Json(session_view_of(&state, &user)))
}

/// Proves again that it is the account's person, for the sensitive changes of the next few
/// minutes: the password (wrong ones count towards the lockout) or a code sent to the account's
/// phone.
#[utoipa::path(post, path = "/api/v1/session/confirm", tag = "identity", request_body = ConfirmIdentityRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody), (status = 423, body = ApiErrorBody)))]
async fn confirm_identity(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<ConfirmIdentityRequest>,
) -> Result<StatusCode, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    if request.by_code() {
        if !codes::consume(&state, &user.phone, CodePurpose::Confirm, request.code.trim()).await? {
            return Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected));
        }
    } else {
        check_own_password(&state, &user, &request.password, "password", AuditAction::SessionConfirmRefused).await?;
    }
    sessions::record_proof(&state, &user.session_id).await?;
    state.audit(user.actor(), AuditAction::SessionConfirmed, if request.by_code() { "sms" } else { "password" }).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a code to the account's own phone, to confirm a sensitive change with.
#[utoipa::path(post, path = "/api/v1/session/confirm/code", tag = "identity",
    responses((status = 200, body = SendCodeResponse), (status = 429, body = ApiErrorBody)))]
async fn send_confirm_code(State(state): State<AppState>, user: SessionUser) -> Result<Json<SendCodeResponse>, ApiError> {
    Ok(Json(codes::issue(&state, &user.phone, CodePurpose::Confirm, &user.ip, user.reader).await?))
}
