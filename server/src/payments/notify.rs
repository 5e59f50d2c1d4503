//! Where channels tell the portal what happened. Nothing changes until the notification's
//! signature verifies, it is fresh, addressed to our merchant, about one of our orders on that
//! channel, for its amount, and not a replay of one taken before; a refusal is a 4xx in the
//! channel's own shape, never a 5xx. Taking the same fact again is harmless: [`super::store::apply`]
//! decides once.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::request::Parts;
use axum::response::Response;
use tongban_api::payments::PayChannel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::channel::{Notified, NotifyRejected};
use super::{event_of, refunds, store};
use sqlx::Row;

use crate::audit::{Actor, AuditAction};
use crate::error::ApiError;
use crate::identity::sessions::client_ip;
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

/// More than any channel's notification needs.
const BODY_LIMIT: usize = 64 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(alipay_notify)).routes(routes!(wechat_notify)).layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// Alipay's asynchronous notification (`trade_status_sync`): a form signed with RSA2. Answered
/// `success` once taken (or known already); `failure` with 400 when refused.
#[utoipa::path(post, path = "/pay/notify/alipay", tag = "payments",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "Alipay's notification parameters, signed"),
    responses((status = 200, description = "`success`: taken", content_type = "text/plain", body = String),
        (status = 400, description = "`failure`: refused", content_type = "text/plain", body = String)))]
async fn alipay_notify(State(state): State<AppState>, parts: Parts, body: Bytes) -> Result<Response, ApiError> {
    take(&state, PayChannel::Alipay, &parts, &body).await
}

/// WeChat Pay's notification: JSON whose resource is sealed with AES-256-GCM, signed in its
/// `Wechatpay-*` headers. Answered 204 once taken (or known already); 400 with `FAIL` when refused.
#[utoipa::path(post, path = "/pay/notify/wechat", tag = "payments",
    request_body(content = String, content_type = "application/json", description = "WeChat Pay's notification, its resource sealed"),
    params(("Wechatpay-Signature" = String, Header), ("Wechatpay-Timestamp" = String, Header), ("Wechatpay-Nonce" = String, Header), ("Wechatpay-Serial" = String, Header)),
    responses((status = 204, description = "taken"),
        (status = 400, description = "refused", body = WechatRefusal)))]
async fn wechat_notify(State(state): State<AppState>, parts: Parts, body: Bytes) -> Result<Response, ApiError> {
    take(&state, PayChannel::Wechat, &parts, &body).await
}

/// How WeChat Pay is told a notification was refused.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct WechatRefusal {
    /// Always `FAIL`.
    pub code: String,
    pub message: String,
}

async fn take(state: &AppState, channel_id: PayChannel, parts: &Parts, body: &[u8]) -> Result<Response, ApiError> {
    let channel = state.channels.get(channel_id);
    let now = state.clock.now();
    let refused = |why: NotifyRejected, detail: String| async move {
        state
            .audit(
                Actor::Anonymous { ip: &client_ip(parts) },
                AuditAction::PaymentNotifyRejected,
                &format!("{} {}: {detail}", channel_id.as_str(), why.as_str()),
            )
            .await?;
        Ok::<Response, ApiError>(channel.refuse(why))
    };
    let notified = match channel.read_notification(&parts.headers, body, now) {
        Ok(notified) => notified,
        Err(why) => return refused(why, String::new()).await,
    };
    let Some(order) = store::order_by_trade_no(state, &notified.out_trade_no).await?.filter(|o| o.view.channel == channel_id) else {
        return refused(NotifyRejected::UnknownOrder, notified.out_trade_no.clone()).await;
    };
    if notified.amount_fen != order.view.amount_fen {
        return refused(NotifyRejected::AmountMismatch, format!("{} {} fen", notified.out_trade_no, notified.amount_fen)).await;
    }
    if !record(state, channel_id, &notified, now).await? {
        return refused(NotifyRejected::Replayed, notified.out_trade_no.clone()).await;
    }
    let applied = match (&notified.refund, event_of(&notified.status, order.expires_at_micros <= now)) {
        // About one of this order's refunds: it is done; the trade's own state is the order's already.
        (Some(request_no), _) => refunds::settle(state, request_no, &order.view.id, "notify").await?,
        (None, Some(event)) => {
            matches!(
                store::apply(state, &order.view.id, event, "notify", notified.channel_trade_no.as_deref()).await?,
                store::Applied::Moved(_)
            )
        }
        (None, None) => false,
    };
    let outcome = if applied { "applied" } else { "unchanged" };
    sqlx::query("UPDATE payment_notifications SET outcome = $1 WHERE channel = $2 AND signature_hash = $3")
        .bind(outcome)
        .bind(channel_id.as_str())
        .bind(sha256_hex(&notified.signature))
        .execute(&state.pool)
        .await?;
    // Every fact taken is acknowledged, whether or not it changed the order: a channel retries
    // what is not, and a stale fact retried changes nothing either.
    Ok(channel.acknowledge())
}

/// Keeps the notification's signature: false when it was taken before (a replay). One taken but
/// never processed to the end (the server stopped, or the change failed) is taken again.
async fn record(state: &AppState, channel: PayChannel, notified: &Notified, now: i64) -> Result<bool, ApiError> {
    let taken = sqlx::query(
        "INSERT INTO payment_notifications (id, channel, signature_hash, received_at, out_trade_no, kind, outcome) \
         VALUES ($1, $2, $3, $4, $5, $6, 'received') ON CONFLICT (channel, signature_hash) DO NOTHING",
    )
    .bind(random_token(12))
    .bind(channel.as_str())
    .bind(sha256_hex(&notified.signature))
    .bind(now)
    .bind(notified.out_trade_no.as_str())
    .bind(notified.kind.as_str())
    .execute(&state.pool)
    .await?;
    if taken.rows_affected() == 1 {
        return Ok(true);
    }
    let unfinished =
        sqlx::query("SELECT COUNT(*) AS n FROM payment_notifications WHERE channel = $1 AND signature_hash = $2 AND outcome = 'received'")
            .bind(channel.as_str())
            .bind(sha256_hex(&notified.signature))
            .fetch_one(&state.pool)
            .await?
            .try_get::<i64, _>("n")?;
    Ok(unfinished > 0)
}
