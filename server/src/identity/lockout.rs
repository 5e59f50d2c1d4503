//! Wrong passwords: five within a minute lock the subject for ten minutes (configurable).

use sqlx::Row;

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
    sqlx::query("INSERT INTO sign_in_failures (subject, at) VALUES ($1, $2)").bind(subject).bind(now).execute(&state.pool).await?;
    let recent: i64 = sqlx::query("SELECT COUNT(*) AS n FROM sign_in_failures WHERE subject = $1 AND at > $2")
        .bind(subject)
        .bind(now - limits.lockout_window_secs * crate::clock::SECOND)
        .fetch_one(&state.pool)
        .await?
        .try_get("n")?;
    if recent < limits.lockout_failures {
        return Ok(None);
    }
    let until = now + limits.lockout_secs * crate::clock::SECOND;
    sqlx::query("INSERT INTO lockouts (subject, until) VALUES ($1, $2) ON CONFLICT (subject) DO UPDATE SET until = excluded.until")
        .bind(subject)
        .bind(until)
        .execute(&state.pool)
        .await?;
    clear_failures(state, subject).await?;
    Ok(Some(until))
}

pub async fn clear_failures(state: &AppState, subject: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1").bind(subject).execute(&state.pool).await?;
    Ok(())
}
