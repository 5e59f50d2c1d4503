//! Server-side sessions behind an HttpOnly cookie. Only a digest of the token is stored, so a
//! leaked database does not hand out sessions.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use sqlx::Row;

use tongban_api::companies::AgentScope;
use tongban_api::identity::ActingAs;
use tongban_api::Refusal;

use crate::client_addr::ClientAddr;
use crate::clock::SECOND;
use crate::cookies;
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

/// The client's address: as the trusted proxies tell it ([`ClientAddr`]), else the peer's.
pub fn client_ip(parts: &Parts) -> String {
    match (parts.extensions.get::<ClientAddr>(), parts.extensions.get::<ConnectInfo<SocketAddr>>()) {
        (Some(client), _) => client.0.to_string(),
        (None, Some(peer)) => peer.0.ip().to_string(),
        (None, None) => "unknown".to_string(),
    }
}

pub fn user_agent(parts: &Parts) -> String {
    parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").chars().take(300).collect()
}

/// "Chrome · Android": enough to recognise a device in the list of sessions. Browsers and systems
/// are named as their makers name them; one that cannot be told is said in `lang`.
pub fn describe_device(user_agent: &str, lang: tongban_api::Lang) -> String {
    let parsed = woothee::parser::Parser::new().parse(user_agent);
    let known = |name: &str| name != woothee::woothee::VALUE_UNKNOWN;
    let browser = parsed.as_ref().map(|p| p.name).filter(|n| known(n)).unwrap_or_else(|| crate::words::word(lang, "device_browser"));
    let system = parsed.as_ref().map(|p| p.os).filter(|n| known(n)).unwrap_or_else(|| crate::words::word(lang, "device_unknown_system"));
    format!("{browser} · {system}")
}

/// The person behind a live session, with the request's origin.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub session_id: String,
    pub user_id: String,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub level: u8,
    pub ip: String,
    /// The company this session acts for, with what this person may do for it now.
    pub acting_as: Option<ActingAs>,
    /// When this person last gave a password, a code or a passkey in this session.
    pub proved_at: i64,
    /// The language this request is read in.
    pub reader: tongban_api::Lang,
    /// The language the account's texts are written in.
    pub texts_in: tongban_api::Lang,
}

impl SessionUser {
    /// This person, as the audit log names them.
    pub fn actor(&self) -> crate::audit::Actor<'_> {
        crate::audit::Actor::Person { user_id: &self.user_id, ip: &self.ip }
    }

    /// The company this session acts for, if this person may do `scope` for it; refused otherwise.
    /// `None` when acting for oneself, who may do everything for themself.
    pub fn company_with(&self, scope: AgentScope) -> Result<Option<&str>, ApiError> {
        match &self.acting_as {
            None => Ok(None),
            Some(acting) if acting.may(scope) => Ok(Some(acting.credit_code.as_str())),
            Some(_) => Err(ApiError::Forbidden(Refusal::MissingScope(scope))),
        }
    }

    /// Sensitive changes need a proof within the last few minutes, not only a live session.
    pub fn require_fresh_proof(&self, state: &AppState) -> Result<(), ApiError> {
        if state.clock.now() - self.proved_at <= state.config.auth.proof_fresh_secs * SECOND {
            Ok(())
        } else {
            Err(ApiError::ProofNeeded)
        }
    }

    pub fn acting_company(&self) -> Option<&str> {
        self.acting_as.as_ref().map(|a| a.credit_code.as_str())
    }
}

/// Ends the session a cookie names, if it is live.
pub async fn end_by_token(state: &AppState, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL")
        .bind(state.clock.now())
        .bind(sha256_hex(token))
        .execute(&state.pool)
        .await?;
    Ok(())
}

/// Marks this session's person as having just proved who they are.
pub async fn record_proof(state: &AppState, session_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET proved_at = $1 WHERE id = $2").bind(state.clock.now()).bind(session_id).execute(&state.pool).await?;
    Ok(())
}

/// Starts a session and returns its cookie token.
pub async fn create(state: &AppState, user_id: &str, ip: &str, user_agent: &str) -> Result<String, sqlx::Error> {
    let token = random_token(32);
    let now = state.clock.now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, id, user_id, created_at, last_seen_at, proved_at, ip, user_agent) \
         VALUES ($1, $2, $3, $4, $4, $4, $5, $6)",
    )
    .bind(sha256_hex(&token))
    .bind(random_token(12))
    .bind(user_id)
    .bind(now)
    .bind(ip)
    .bind(user_agent)
    .execute(&state.pool)
    .await?;
    Ok(token)
}

/// Whose sessions: people's or officers'. Both keep the same idle and absolute limits.
#[derive(Clone, Copy)]
pub(crate) enum SessionsOf {
    People,
    Officers,
}

impl SessionsOf {
    fn touch_sql(self) -> &'static str {
        match self {
            SessionsOf::People => "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
            SessionsOf::Officers => "UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2",
        }
    }

    fn end_sql(self) -> &'static str {
        match self {
            SessionsOf::People => "UPDATE sessions SET ended_at = $1 WHERE token_hash = $2",
            SessionsOf::Officers => "UPDATE staff_sessions SET ended_at = $1 WHERE token_hash = $2",
        }
    }
}

/// Whether a session is still alive: seen within the idle limit and begun within the absolute
/// one. A live session is touched so that its idle clock restarts; one past either limit is ended.
async fn touch_or_end(state: &AppState, sessions: SessionsOf, token_hash: &str, created: i64, last_seen: i64) -> Result<bool, sqlx::Error> {
    let now = state.clock.now();
    let limits = &state.config.auth;
    let alive = now - last_seen <= limits.session_idle_secs * SECOND && now - created <= limits.session_absolute_secs * SECOND;
    let sql = if alive { sessions.touch_sql() } else { sessions.end_sql() };
    sqlx::query(sql).bind(now).bind(token_hash).execute(&state.pool).await?;
    Ok(alive)
}

/// The live session a cookie's token names: its row as `select` reads it (by `token_hash = $1`,
/// not ended), and the token's digest. A session past its limits is ended here and not returned.
pub(crate) async fn live_session(
    state: &AppState,
    sessions: SessionsOf,
    token: &str,
    select: &'static str,
) -> Result<Option<(sqlx::any::AnyRow, String)>, sqlx::Error> {
    let token_hash = sha256_hex(token);
    let Some(row) = sqlx::query(select).bind(token_hash.as_str()).fetch_optional(&state.pool).await? else { return Ok(None) };
    if !touch_or_end(state, sessions, &token_hash, row.try_get("created_at")?, row.try_get("last_seen_at")?).await? {
        return Ok(None);
    }
    Ok(Some((row, token_hash)))
}

/// The live session named by the request's cookie, touched so that its idle clock restarts.
/// A session past its idle or absolute limit is ended here.
async fn lookup(parts: &Parts, state: &AppState) -> Result<Option<SessionUser>, ApiError> {
    let Some(token) = cookies::SESSION.read(&parts.headers) else { return Ok(None) };
    // The scopes are read on every request, so a removed agent or a narrowed scope holds at once.
    let Some((row, _)) = live_session(
        state,
        SessionsOf::People,
        &token,
        "SELECT s.id AS session_id, s.created_at, s.last_seen_at, s.proved_at, s.acting_company, c.name AS company_name, \
         b.user_id AS representative, a.scopes AS agent_scopes, \
         u.id AS user_id, u.name, u.id_number, u.phone, u.level, u.lang \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN company_register c ON c.credit_code = s.acting_company \
         LEFT JOIN company_bindings b ON b.credit_code = s.acting_company AND b.user_id = s.user_id \
         LEFT JOIN company_agents a ON a.credit_code = s.acting_company AND a.user_id = s.user_id \
         WHERE s.token_hash = $1 AND s.ended_at IS NULL",
    )
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(SessionUser {
        session_id: row.try_get("session_id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("name")?,
        id_number: row.try_get("id_number")?,
        phone: row.try_get("phone")?,
        level: row.try_get::<i64, _>("level")? as u8,
        ip: client_ip(parts),
        acting_as: acting_as(&row)?,
        proved_at: row.try_get("proved_at")?,
        reader: crate::error::lang_of(&parts.headers),
        texts_in: tongban_api::Lang::from_tag(&row.try_get::<String, _>("lang")?),
    }))
}

/// The company a session acts for, while its person is still its representative or an agent
/// with at least one scope.
fn acting_as(row: &sqlx::any::AnyRow) -> Result<Option<ActingAs>, sqlx::Error> {
    let (Some(credit_code), Some(name)) = (row.try_get::<Option<String>, _>("acting_company")?, row.try_get("company_name")?) else {
        return Ok(None);
    };
    // Only a real-name verified person acts for a company, whatever was granted before.
    if row.try_get::<i64, _>("level")? < 2 {
        return Ok(None);
    }
    let representative = row.try_get::<Option<String>, _>("representative")?.is_some();
    let scopes = AgentScope::granted(representative, row.try_get::<Option<String>, _>("agent_scopes")?.as_deref());
    Ok((!scopes.is_empty()).then_some(ActingAs { credit_code, name, scopes, representative }))
}

impl FromRequestParts<AppState> for SessionUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        lookup(parts, state).await?.ok_or(ApiError::Unauthenticated)
    }
}

impl OptionalFromRequestParts<AppState> for SessionUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, Self::Rejection> {
        lookup(parts, state).await
    }
}

pub async fn end(state: &AppState, session_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
        .bind(state.clock.now())
        .bind(session_id)
        .execute(&state.pool)
        .await?;
    Ok(())
}

/// Ends every session of the user but `keep`.
pub async fn end_all(state: &AppState, user_id: &str, keep: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL AND id <> $3")
        .bind(state.clock.now())
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(&state.pool)
        .await?;
    Ok(())
}

/// Where a request came from, for audit rows and rate limits.
pub struct RequestOrigin {
    pub ip: String,
    pub user_agent: String,
    pub csrf_cookie: Option<String>,
    /// The session this browser already had, which a new sign-in replaces.
    pub session_cookie: Option<String>,
    /// The language this request is read in.
    pub reader: tongban_api::Lang,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestOrigin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestOrigin {
            ip: client_ip(parts),
            user_agent: user_agent(parts),
            csrf_cookie: cookies::CSRF.read(&parts.headers),
            session_cookie: cookies::SESSION.read(&parts.headers),
            reader: crate::error::lang_of(&parts.headers),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::describe_device;
    use tongban_api::Lang;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(iphone, Lang::En), "Safari · iPhone");
        let android =
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
        assert_eq!(describe_device(android, Lang::Zh), "Chrome · Android");
        let edge =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
        assert_eq!(describe_device(edge, Lang::En), "Edge · Windows 10");
        assert_eq!(describe_device("", Lang::En), "Browser · unknown system");
        assert_eq!(describe_device("", Lang::Zh), "浏览器 · 未知系统");
    }
}
