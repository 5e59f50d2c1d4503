//! The audit log: every state change, who did it, when and from where (Art. 24).

use sqlx::AnyPool;

use crate::clock::Clock;
use crate::secrets::random_token;

pub struct Event<'a> {
    pub user_id: Option<&'a str>,
    pub action: &'a str,
    pub detail: &'a str,
    pub ip: &'a str,
}

pub async fn record(pool: &AnyPool, clock: &dyn Clock, event: Event<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO audit_log (id, at, user_id, action, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(random_token(16))
        .bind(clock.now())
        .bind(event.user_id)
        .bind(event.action)
        .bind(event.detail)
        .bind(event.ip)
        .execute(pool)
        .await?;
    Ok(())
}
