//! Drafts nobody has touched for 30 days are deleted; a week before, the person is warned by
//! message and SMS. Touching the draft (saving a page) starts the 30 days again.

use sqlx::Row;
use tongban_api::Localized;

use super::store;
use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::words::Wording;
use crate::AppState;

const DAY: i64 = 86_400 * SECOND;
pub const DRAFT_DAYS: i64 = 30;
pub const WARNING_DAYS: i64 = 7;

/// Warns about drafts nearing their end and deletes those past it. Returns (warned, deleted).
pub async fn sweep(state: &AppState) -> Result<(u32, u32), sqlx::Error> {
    let now = state.clock.now();
    let warn_before = now - (DRAFT_DAYS - WARNING_DAYS) * DAY;
    let rows = sqlx::query(
        "SELECT a.id, a.user_id, a.company, s.name_zh, s.name_en FROM applications a JOIN services s ON s.code = a.service_code \
         WHERE a.state = 'draft' AND a.updated_at < $1 AND a.expiry_warned_at IS NULL",
    )
    .bind(warn_before)
    .fetch_all(&state.pool)
    .await?;
    let mut warned = 0;
    for row in &rows {
        let id: String = row.try_get("id")?;
        let maker: String = row.try_get("user_id")?;
        let service = Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?);
        // A company's draft is about the company: its maker only while still allowed to apply.
        // The warning and the mark that it was given are one change.
        let company: Option<String> = row.try_get("company")?;
        let mut tx = state.pool.begin().await?;
        // Claimed first, so of several processes sweeping at once one warns.
        let claimed = sqlx::query("UPDATE applications SET expiry_warned_at = $1 WHERE id = $2 AND expiry_warned_at IS NULL")
            .bind(now)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        warned += 1;
        if let Some(user_id) = store::recipient(&mut tx, &maker, company.as_deref()).await? {
            let days = || ("days", WARNING_DAYS.into());
            let title = Wording::of("msg_draft_expiry_title", [("service", (&service).into()), days()]);
            let body = Wording::of("msg_draft_expiry_body", [("idle", (DRAFT_DAYS - WARNING_DAYS).into()), days()]);
            let text = Wording::of("msg_draft_expiry_text", [("service", (&service).into()), days()]);
            store::tell(&mut tx, now, &user_id, Some(&id), (&title, &body), &text).await?;
        }
        tx.commit().await?;
    }
    crate::outbox::deliver_now(state).await;
    let expired: Vec<String> = sqlx::query(
        "SELECT id FROM applications WHERE state = 'draft' AND updated_at < $1 AND expiry_warned_at IS NOT NULL AND expiry_warned_at < $2",
    )
    .bind(now - DRAFT_DAYS * DAY)
    .bind(now - WARNING_DAYS * DAY + SECOND)
    .fetch_all(&state.pool)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<_, _>>()?;
    let mut deleted = 0;
    for id in &expired {
        if !store::delete_draft(state, id).await? {
            continue;
        }
        deleted += 1;
        state.journal.record(Actor::System, AuditAction::DraftExpired, id).await?;
    }
    Ok((warned, deleted))
}
