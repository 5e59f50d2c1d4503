//! Wrong passwords: five within a minute lock the subject for ten minutes, and twenty within a
//! day lock it until the oldest of them is a day old (both configurable). Only password sign-in
//! is locked: a code to the phone on record still signs the person in, so a stranger's guesses
//! cannot lock them out.

use sqlx::Row;

use crate::clock::SECOND;
use crate::AppState;

pub async fn locked_until(state: &AppState, subject: &str) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT until FROM lockouts WHERE subject = $1").bind(subject).fetch_optional(&state.pool).await?;
    let now = state.clock.now();
    Ok(match row {
        Some(row) => Some(row.try_get::<i64, _>("until")?).filter(|until| *until > now),
        None => None,
    })
}

/// Counts a failure; when it is one too many, locks the subject and says until when.
pub async fn record_failure(state: &AppState, subject: &str) -> Result<Option<i64>, sqlx::Error> {
    let limits = &state.config.auth;
    let now = state.clock.now();
    let long_start = now - limits.lockout_long_window_secs * SECOND;
    sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1 AND at <= $2").bind(subject).bind(long_start).execute(&state.pool).await?;
    sqlx::query("INSERT INTO sign_in_failures (subject, at) VALUES ($1, $2)").bind(subject).bind(now).execute(&state.pool).await?;
    let row = sqlx::query(
        "SELECT COUNT(*) AS total, MIN(at) AS oldest, SUM(CASE WHEN at > $1 THEN 1 ELSE 0 END) AS recent \
         FROM sign_in_failures WHERE subject = $2",
    )
    .bind(now - limits.lockout_window_secs * SECOND)
    .bind(subject)
    .fetch_one(&state.pool)
    .await?;
    let total: i64 = row.try_get("total")?;
    let recent: i64 = row.try_get::<Option<i64>, _>("recent")?.unwrap_or(0);
    let until = if total >= limits.lockout_long_failures {
        row.try_get::<Option<i64>, _>("oldest")?.unwrap_or(now) + limits.lockout_long_window_secs * SECOND
    } else if recent >= limits.lockout_failures {
        now + limits.lockout_secs * SECOND
    } else {
        return Ok(None);
    };
    sqlx::query("INSERT INTO lockouts (subject, until) VALUES ($1, $2) ON CONFLICT (subject) DO UPDATE SET until = excluded.until")
        .bind(subject)
        .bind(until)
        .execute(&state.pool)
        .await?;
    Ok(Some(until))
}

pub async fn clear_failures(state: &AppState, subject: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1").bind(subject).execute(&state.pool).await?;
    Ok(())
}

/// Forgets the failures and lifts the lock, when the person has signed in another way.
pub async fn clear(state: &AppState, subject: &str) -> Result<(), sqlx::Error> {
    clear_failures(state, subject).await?;
    sqlx::query("DELETE FROM lockouts WHERE subject = $1").bind(subject).execute(&state.pool).await?;
    Ok(())
}
