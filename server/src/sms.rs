//! Sending SMS. The trait is what a real gateway adapter implements; the sandbox keeps every
//! message in the database, where development mode shows them at /dev/outbox.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use sqlx::{AnyPool, Row};
use tongban_api::dev::OutboxMessage;

use crate::clock::Clock;
use crate::error::ApiError;
use crate::AppState;

pub type SendResult<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

pub trait SmsSender: Send + Sync {
    /// Sends `body` to `phone`. `id` names the message: a gateway given the same id twice sends
    /// it once (a retry after a crash between sending and recording the send).
    fn send<'a>(&'a self, id: &'a str, phone: &'a str, body: &'a str) -> SendResult<'a>;
}

pub struct SandboxSms {
    pool: AnyPool,
    clock: Arc<dyn Clock>,
}

impl SandboxSms {
    pub fn new(pool: AnyPool, clock: Arc<dyn Clock>) -> Self {
        SandboxSms { pool, clock }
    }
}

impl SmsSender for SandboxSms {
    fn send<'a>(&'a self, id: &'a str, phone: &'a str, body: &'a str) -> SendResult<'a> {
        Box::pin(async move {
            sqlx::query("INSERT INTO sms_outbox (id, phone, body, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING")
                .bind(id)
                .bind(phone)
                .bind(body)
                .bind(self.clock.now())
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(|e| format!("sandbox SMS store: {e}"))
        })
    }
}

/// The sandbox gateway's messages, newest first. Only routed in development mode.
pub async fn outbox(State(state): State<AppState>) -> Result<Json<Vec<OutboxMessage>>, ApiError> {
    let rows = sqlx::query("SELECT phone, body, sent_at FROM sms_outbox ORDER BY sent_at DESC LIMIT 100").fetch_all(&state.pool).await?;
    let messages = rows
        .iter()
        .map(|r| {
            Ok(OutboxMessage { phone: r.try_get("phone")?, body: r.try_get("body")?, sent_at: r.try_get::<i64, _>("sent_at")? / 1_000_000 })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(messages))
}
