//! Development only: many payments paid at the sandbox channel whose notifications were lost,
//! and the notifications the channel would send, signed now, for `cargo xtask bench` to post.
//! They belong to a payer made for the run, who can never sign in, so no demo account's
//! applications, messages or texts fill up with them.

use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use sqlx::Row;

use super::alipay::{signed_notification, ALIPAY_SELLER_ID};
use super::books;
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

const MOST: u32 = 20_000;

#[derive(Deserialize)]
pub struct BenchRequest {
    count: u32,
}

/// One submitted driving-licence renewal owing `count` fees (items `bench-…`), each with an order
/// paid at the sandbox channel and not yet known to the portal; answers the notifications.
pub async fn prepare(State(state): State<AppState>, Json(request): Json<BenchRequest>) -> Result<Json<serde_json::Value>, ApiError> {
    let count = request.count.clamp(1, MOST);
    let now = state.clock.now();
    let user = random_token(12);
    let application = random_token(12);
    let day = shanghai_date(now).replace('-', "");
    let mut tx = state.pool.begin().await?;
    sqlx::query("INSERT INTO users (id, name, id_number, phone, password_hash, level, created_at) VALUES ($1, '压测', $2, $3, '!', 2, $4)")
        .bind(user.as_str())
        .bind(format!("BENCH{}", random_token(6)))
        .bind(format!("BENCH{}", random_token(6)))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO applications (id, number, service_code, user_id, channel, state, answers, version, created_at, updated_at, submitted_at) \
         VALUES ($1, $2, 'JT-001', $3, 'online', 'submitted', '{}', 1, $4, $5, $6)",
    )
    .bind(application.as_str())
    .bind(format!("TBBENCH{}", random_token(6)))
    .bind(user.as_str())
    .bind(now)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut trades = Vec::with_capacity(count as usize);
    for n in 0..count {
        let (fee, order) = (random_token(12), random_token(12));
        let out_trade_no = format!("TBP{day}{}", random_token(6).to_uppercase());
        let trade_no = format!("{day}2200{}", random_token(8));
        sqlx::query(
            "INSERT INTO application_fees (id, application_id, item, basis_zh, basis_en, amount_fen, department_code, payer_kind, payer_ref, state, due_at) \
             VALUES ($1, $2, $3, '工本费10元', 'Fee: ¥10', 1000, 'jt', 'person', $4, 'due', $5)",
        )
        .bind(fee.as_str())
        .bind(application.as_str())
        .bind(format!("bench-{n}"))
        .bind(user.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO payment_orders (id, fee_id, application_id, channel, out_trade_no, amount_fen, state, finished, created_by, \
             next_token_hash, next_used_at, return_token_hash, created_at, expires_at, updated_at) \
             VALUES ($1, $2, $3, 'alipay', $4, 1000, 'started', 0, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(order.as_str())
        .bind(fee.as_str())
        .bind(application.as_str())
        .bind(out_trade_no.as_str())
        .bind(user.as_str())
        .bind(sha256_hex(random_token(24)))
        .bind(now)
        .bind(sha256_hex(random_token(24)))
        .bind(now)
        .bind(now + 3600 * SECOND)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO sandbox_trades (channel, trade_no, out_trade_no, merchant, amount_fen, subject, notify_url, return_url, state, time_expire, mischief, created_at, paid_at) \
             VALUES ('alipay', $1, $2, $3, 1000, 'bench', '', '', 'paid', $4, 'drop', $5, $6)",
        )
        .bind(trade_no.as_str())
        .bind(out_trade_no.as_str())
        .bind(ALIPAY_SELLER_ID)
        .bind(now + 3600 * SECOND)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        trades.push(out_trade_no);
    }
    tx.commit().await?;
    let mut bodies = Vec::with_capacity(trades.len());
    for out_trade_no in trades {
        let trade = books::trade(&state.pool, tongban_api::payments::PayChannel::Alipay, &out_trade_no).await?.ok_or(ApiError::Internal)?;
        bodies.push(signed_notification(&trade, "TRADE_SUCCESS", &random_token(16), now, &[]).map_err(|_| ApiError::Internal)?);
    }
    Ok(Json(serde_json::json!({ "application": application, "bodies": bodies })))
}

#[derive(Deserialize)]
pub struct SettledQuery {
    application: String,
}

/// How many of a bench run's fees are paid.
pub async fn settled(State(state): State<AppState>, Query(query): Query<SettledQuery>) -> Result<Json<serde_json::Value>, ApiError> {
    let settled: i64 = sqlx::query("SELECT COUNT(*) AS n FROM application_fees WHERE application_id = $1 AND state = 'paid'")
        .bind(query.application.as_str())
        .fetch_one(&state.pool)
        .await?
        .try_get("n")?;
    Ok(Json(serde_json::json!({ "settled": settled })))
}
