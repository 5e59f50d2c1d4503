//! One-time SMS codes: six digits, valid five minutes, single use, five tries (configurable).
//! Whether a phone has an account never shows in the answer, only in what the SMS says.

use sqlx::Row;
use tongban_api::identity::{CodePurpose, SendCodeResponse};
use tongban_api::Lang;

use crate::clock::SECOND;
use crate::error::ApiError;
use crate::rate_limit::Limit;
use crate::secrets::{random_code, random_token, sha256_hex};
use crate::words::{Arg, Wording};
use crate::AppState;

fn code_hash(id: &str, code: &str) -> String {
    sha256_hex(&format!("{id}:{code}"))
}

async fn phone_registered(state: &AppState, phone: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE phone = $1").bind(phone).fetch_one(&state.pool).await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Sends a code for `purpose`, its text in the reader's language.
pub async fn issue(state: &AppState, phone: &str, purpose: CodePurpose, ip: &str, lang: Lang) -> Result<SendCodeResponse, ApiError> {
    let limits = &state.config.auth;
    state.limit(Limit::CodesFromAddress { ip }).await?;
    state.limit(Limit::CodeResend { phone, purpose }).await?;

    let registered = phone_registered(state, phone).await?;
    let minutes = limits.code_ttl_secs / 60;
    let body = match (purpose, registered) {
        (CodePurpose::Register | CodePurpose::ChangePhone, true) => Some(Wording::of("msg_code_already_registered", [])),
        (CodePurpose::SignIn, false) => None,
        (CodePurpose::Register | CodePurpose::ChangePhone, false)
        | (CodePurpose::SignIn, true)
        | (CodePurpose::Verify | CodePurpose::Sign | CodePurpose::Confirm | CodePurpose::StaffSignIn | CodePurpose::Ticket, _) => {
            let code = store(state, phone, purpose, None).await?;
            // Each text says what the code is for, so nobody can be talked into reading it out
            // for something else.
            let what = Arg::Word { word: format!("msg_code_{}", purpose.as_str()) };
            Some(Wording::of("msg_code_text", [("code", code.into()), ("purpose", what), ("minutes", minutes.into())]))
        }
    };
    if let Some(body) = body {
        send(state, phone, &body.render(lang)).await?;
    }
    Ok(SendCodeResponse { expires_in_secs: limits.code_ttl_secs as u32, resend_after_secs: limits.code_resend_secs as u32 })
}

/// A new live code for this phone and purpose, and for `subject` when it confirms one thing only
/// (a declaration's digest).
async fn store(state: &AppState, phone: &str, purpose: CodePurpose, subject: Option<&str>) -> Result<String, sqlx::Error> {
    let now = state.clock.now();
    let id = random_token(16);
    let code = random_code();
    sqlx::query(
        "INSERT INTO one_time_codes (id, phone, purpose, code_hash, created_at, expires_at, attempts, subject) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
    )
    .bind(id.as_str())
    .bind(phone)
    .bind(purpose.as_str())
    .bind(code_hash(&id, &code))
    .bind(now)
    .bind(now + state.config.auth.code_ttl_secs * SECOND)
    .bind(subject)
    .execute(&state.pool)
    .await?;
    Ok(code)
}

async fn send(state: &AppState, phone: &str, body: &str) -> Result<(), ApiError> {
    // A code is sent at once, not through the outbox: it is no use later, and the person can ask again.
    state.sms.send(&random_token(16), phone, body).await.map_err(|e| {
        tracing::error!(error = %e, "SMS not sent");
        ApiError::Internal
    })
}

/// A code that confirms a declaration, sent to the signer's own phone with what they sign named
/// in the message, so a code is never given for something the person did not see. It is bound to
/// the digest: it confirms that declaration and no other.
pub async fn issue_signing_code(
    state: &AppState,
    phone: &str,
    digest: &str,
    what: Wording,
    (ip, lang): (&str, Lang),
) -> Result<SendCodeResponse, ApiError> {
    let limits = &state.config.auth;
    state.limit(Limit::CodesFromAddress { ip }).await?;
    state.limit(Limit::CodeResend { phone, purpose: CodePurpose::Sign }).await?;
    let code = store(state, phone, CodePurpose::Sign, Some(digest)).await?;
    let minutes = limits.code_ttl_secs / 60;
    let text = Wording::of("msg_sign_code_text", [("code", code.into()), ("what", what.render(lang).into()), ("minutes", minutes.into())]);
    send(state, phone, &text.render(lang)).await?;
    Ok(SendCodeResponse { expires_in_secs: limits.code_ttl_secs as u32, resend_after_secs: limits.code_resend_secs as u32 })
}

/// An officer's second factor, to their work phone, for one sign-in (`challenge` is its digest).
pub async fn issue_staff_code(
    state: &AppState,
    phone: &str,
    staff_number: &str,
    challenge: &str,
    (ip, lang): (&str, Lang),
) -> Result<SendCodeResponse, ApiError> {
    let limits = &state.config.auth;
    state.limit(Limit::CodesFromAddress { ip }).await?;
    // Whoever has the password cannot mint challenges (and texts) faster than one a resend wait.
    state.limit(Limit::CodeResend { phone, purpose: CodePurpose::StaffSignIn }).await?;
    let code = store(state, phone, CodePurpose::StaffSignIn, Some(challenge)).await?;
    let minutes = limits.code_ttl_secs / 60;
    let text = Wording::of("msg_staff_code_text", [("staff", staff_number.into()), ("code", code.into()), ("minutes", minutes.into())]);
    send(state, phone, &text.render(lang)).await?;
    Ok(SendCodeResponse { expires_in_secs: limits.code_ttl_secs as u32, resend_after_secs: limits.code_resend_secs as u32 })
}

/// Uses up the code of one officer's sign-in.
pub async fn consume_staff_code(state: &AppState, phone: &str, challenge: &str, code: &str) -> Result<bool, sqlx::Error> {
    consume_for(state, phone, CodePurpose::StaffSignIn, code, Some(challenge)).await
}

/// Uses up the newest live code for this phone and purpose if `code` is it. Every try counts,
/// and a code stops working after the last allowed try even when that try was right.
pub async fn consume(state: &AppState, phone: &str, purpose: CodePurpose, code: &str) -> Result<bool, sqlx::Error> {
    consume_for(state, phone, purpose, code, None).await
}

/// As [`consume`], for a code given for one `subject` only: a code sent for another declaration
/// is refused.
pub async fn consume_signing_code(state: &AppState, phone: &str, digest: &str, code: &str) -> Result<bool, sqlx::Error> {
    consume_for(state, phone, CodePurpose::Sign, code, Some(digest)).await
}

async fn consume_for(state: &AppState, phone: &str, purpose: CodePurpose, code: &str, subject: Option<&str>) -> Result<bool, sqlx::Error> {
    let now = state.clock.now();
    // A code for one subject is looked for among that subject's codes only, so a code asked for
    // something else (by anyone) does not displace it.
    let query = match subject {
        Some(_) => sqlx::query(
            "SELECT id, code_hash FROM one_time_codes \
             WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 AND subject = $4 \
             ORDER BY created_at DESC LIMIT 1",
        ),
        None => sqlx::query(
            "SELECT id, code_hash FROM one_time_codes \
             WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 AND subject IS NULL \
             ORDER BY created_at DESC LIMIT 1",
        ),
    };
    let query = query.bind(phone).bind(purpose.as_str()).bind(now);
    let query = match subject {
        Some(subject) => query.bind(subject),
        None => query,
    };
    let Some(row) = query.fetch_optional(&state.pool).await? else {
        return Ok(false);
    };
    let id: String = row.try_get("id")?;
    // The try is counted by the database in one step, so parallel guesses cannot share a try.
    let counted = sqlx::query("UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2")
        .bind(id.as_str())
        .bind(state.config.auth.code_max_attempts)
        .execute(&state.pool)
        .await?;
    if counted.rows_affected() == 0 {
        return Ok(false);
    }
    let stored: String = row.try_get("code_hash")?;
    if stored != code_hash(&id, code) {
        return Ok(false);
    }
    // Only one of two simultaneous uses of the same code can win this update.
    let used = sqlx::query("UPDATE one_time_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(id.as_str())
        .execute(&state.pool)
        .await?;
    Ok(used.rows_affected() == 1)
}
