//! Side effects outside the database — texts, refunds asked of a channel, and the sandbox
//! channels' notifications — are written here in the same transaction as the change they
//! report, then delivered: once right after the change commits, and again by the worker with
//! backoff until the gateway takes them.
//! A row is claimed (a conditional update only one worker can win, in this process or another)
//! before it is sent, and the gateway is given the row's id, so a send repeated after a crash
//! between sending and marking is the same message, not a second one.

use sqlx::{AnyConnection, Row};

use crate::clock::SECOND;
use crate::secrets::random_token;
use crate::AppState;

/// Tries before a message is given up (and logged): about a day with the backoff below.
const MAX_ATTEMPTS: i64 = 12;
/// How long a claim holds: a worker that died mid-send releases its rows after this.
const CLAIM_SECS: i64 = 60;

/// Queues a text to `phone`, in the caller's transaction (or on a connection of its own).
pub async fn text(conn: &mut AnyConnection, now: i64, phone: &str, body: &str) -> Result<(), sqlx::Error> {
    enqueue(conn, now, "sms", phone, body, now).await
}

/// Queues `body` of `kind` for `recipient`, due at `due`, in the caller's transaction.
pub async fn enqueue(conn: &mut AnyConnection, now: i64, kind: &str, recipient: &str, body: &str, due: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (id, kind, recipient, body, created_at, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, 0, $6)")
        .bind(random_token(16))
        .bind(kind)
        .bind(recipient)
        .bind(body)
        .bind(now)
        .bind(due)
        .execute(conn)
        .await?;
    Ok(())
}

/// Wait before try `attempts + 1`: 10 s, 20 s, 40 s … up to an hour.
fn backoff_secs(attempts: i64) -> i64 {
    (10_i64 << attempts.clamp(0, 9)).min(3600)
}

/// Wait before the next try after `attempts`, in microseconds, or `None` to give up: a sandbox
/// channel keeps its own schedule (scaled for tests); texts and refunds back off up to an hour.
fn next_try(kind: &str, attempts: i64, scale: u32) -> Option<i64> {
    match kind {
        "sandbox.alipay" => crate::sandbox::alipay_retry_after(attempts, scale),
        "sandbox.wechat" => crate::sandbox::wechat_retry_after(attempts, scale),
        // Money owed back is asked for until the channel answers, however long that takes.
        crate::payments::refunds::OUTBOX_KIND => Some(backoff_secs(attempts) * SECOND),
        // So is a waybill for a result to post.
        crate::delivery::OUTBOX_KIND => Some(backoff_secs(attempts) * SECOND),
        _ => (attempts < MAX_ATTEMPTS).then(|| backoff_secs(attempts) * SECOND),
    }
}

async fn send(state: &AppState, id: &str, kind: &str, recipient: &str, body: &str) -> Result<(), String> {
    match kind {
        "sms" => state.sms.send(id, recipient, body).await,
        "sandbox.alipay" => crate::sandbox::deliver_alipay(state, recipient, body).await,
        "sandbox.wechat" => crate::sandbox::deliver_wechat(state, recipient, body).await,
        crate::payments::refunds::OUTBOX_KIND => crate::payments::refunds::submit(state, recipient).await,
        crate::delivery::OUTBOX_KIND => crate::delivery::request_waybill(state, recipient).await,
        "sandbox.ems" => crate::sandbox::deliver_ems(state, recipient, body).await,
        other => Err(format!("unknown outbox kind {other}")),
    }
}

/// Delivers every message that is due and not claimed by another worker; how many went out.
pub async fn deliver_due(state: &AppState) -> Result<u32, sqlx::Error> {
    let now = state.clock.now();
    let due = sqlx::query(
        "SELECT id FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
         AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY created_at LIMIT 50",
    )
    .bind(now)
    .bind(now)
    .fetch_all(&state.pool)
    .await?;
    let mut delivered = 0;
    for row in due {
        let id: String = row.try_get("id")?;
        if deliver(state, &id).await? {
            delivered += 1;
        }
    }
    Ok(delivered)
}

/// Claims and sends one message; true when this worker delivered it.
async fn deliver(state: &AppState, id: &str) -> Result<bool, sqlx::Error> {
    let now = state.clock.now();
    let claimed = sqlx::query(
        "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = $2 AND delivered_at IS NULL AND failed_at IS NULL \
         AND (claimed_until IS NULL OR claimed_until < $3)",
    )
    .bind(now + CLAIM_SECS * SECOND)
    .bind(id)
    .bind(now)
    .execute(&state.pool)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(false);
    }
    let row = sqlx::query("SELECT kind, recipient, body, attempts FROM outbox WHERE id = $1").bind(id).fetch_one(&state.pool).await?;
    let attempts: i64 = row.try_get("attempts")?;
    let kind: String = row.try_get("kind")?;
    let recipient: String = row.try_get("recipient")?;
    let body: String = row.try_get("body")?;
    let next = next_try(&kind, attempts, state.config.sandbox_time_scale);
    match send(state, id, &kind, &recipient, &body).await {
        Ok(()) => {
            sqlx::query("UPDATE outbox SET delivered_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2")
                .bind(state.clock.now())
                .bind(id)
                .execute(&state.pool)
                .await?;
            Ok(true)
        }
        Err(error) if next.is_none() => {
            tracing::error!(%error, id, kind, attempts, "giving up after the last try");
            sqlx::query("UPDATE outbox SET failed_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3")
                .bind(state.clock.now())
                .bind(error)
                .bind(id)
                .execute(&state.pool)
                .await?;
            Ok(false)
        }
        Err(error) => {
            tracing::warn!(%error, id, kind, attempts, "not taken; it will be tried again");
            sqlx::query("UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3")
                .bind(state.clock.now() + next.unwrap_or(0))
                .bind(error)
                .bind(id)
                .execute(&state.pool)
                .await?;
            Ok(false)
        }
    }
}

/// The first try right after a change commits: what fails now is left to the worker.
pub async fn deliver_now(state: &AppState) {
    if let Err(e) = deliver_due(state).await {
        tracing::error!(error = %e, "could not deliver the outbox now; the worker will");
    }
}

/// The first try, sent apart from the caller, which may be a channel waiting seconds at most for its answer.
pub fn deliver_soon(state: &AppState) {
    let sender = state.clone();
    tokio::spawn(async move { deliver_now(&sender).await });
}

#[cfg(test)]
mod tests {
    use super::backoff_secs;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff_secs(1), 20);
        assert_eq!(backoff_secs(2), 40);
        assert_eq!(backoff_secs(9), 3600);
        assert_eq!(backoff_secs(40), 3600);
    }
}
