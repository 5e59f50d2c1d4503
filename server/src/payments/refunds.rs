//! Giving money back. A refund first reserves its amount on the order — one conditional update,
//! so refunds together never give back more than the order took — in the same transaction as
//! whatever makes it (an officer's decision, money not owed, an application ending); the outbox
//! then asks the channel, again until it answers; the refund is done when the channel says the
//! money went back, by its notification or when the sweep asks.

use sqlx::{AnyConnection, Row};
use tongban_api::payments::{yuan, PayChannel, RefundCause, RefundState, RefundView};
use tongban_api::{fields, FieldProblem, Localized};

use super::channel::{ChannelError, NewRefund, RefundStatus};
use super::store;
use crate::applications::store::tell;
use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::outbox;
use crate::secrets::{random_token, sha256_hex};
use crate::staff::Officer;
use crate::words::{Arg, Wording};
use crate::AppState;

/// The outbox kind that asks the channel for a refund.
pub const OUTBOX_KIND: &str = "refund";

/// Who asks for a refund, and how much.
pub enum Ask<'a> {
    /// `request_no`: the refund's number, made from the request's Idempotency-Key when it has one.
    Officer { amount_fen: u64, reason: &'a str, staff_id: &'a str, request_no: String },
    /// All the order can still give back, once: the rules' own refund of an order.
    Rules(RefundCause),
}

/// The rules' refund of an order has this number, so it is made at most once whoever asks; one
/// the channel refuses is left to an officer, who sees it failed in the case.
fn rules_request_no(out_trade_no: &str) -> String {
    format!("{out_trade_no}R0")
}

/// An officer's refund number: the same Idempotency-Key from the same officer is the same refund.
pub fn officer_request_no(staff_id: &str, key: Option<&str>) -> String {
    match key {
        Some(key) => format!("RF{}", sha256_hex(&format!("{staff_id}\n{key}"))[..16].to_uppercase()),
        None => format!("RF{}", random_token(8).to_uppercase()),
    }
}

/// What [`request`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Requested {
    Made,
    /// A refund with this number was made before: nothing new.
    Exists,
    /// The order cannot give that much back.
    NotEnough,
}

/// Reserves the refund's amount on `order_id` and queues it for the channel, in the caller's
/// transaction.
pub async fn request(conn: &mut AnyConnection, now: i64, order_id: &str, ask: Ask<'_>) -> Result<Requested, sqlx::Error> {
    // The order's row is locked first (a no-op write): SQLite takes its write lock before reading,
    // and on PostgreSQL what is read below stays true until the reservation.
    sqlx::query("UPDATE payment_orders SET refunded_fen = refunded_fen WHERE id = $1").bind(order_id).execute(&mut *conn).await?;
    let Some(order) = sqlx::query("SELECT out_trade_no, amount_fen, refunded_fen FROM payment_orders WHERE id = $1 AND state = 'success'")
        .bind(order_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(Requested::NotEnough);
    };
    let out_trade_no: String = order.try_get("out_trade_no")?;
    let left = order.try_get::<i64, _>("amount_fen")? - order.try_get::<i64, _>("refunded_fen")?;
    let (amount, cause, reason, staff, request_no) = match ask {
        Ask::Officer { amount_fen, reason, staff_id, request_no } => {
            (amount_fen as i64, RefundCause::Officer, reason, Some(staff_id), request_no)
        }
        Ask::Rules(cause) => (left, cause, "", None, rules_request_no(&out_trade_no)),
    };
    if amount <= 0 {
        return Ok(Requested::NotEnough);
    }
    let reserved = sqlx::query(
        "UPDATE payment_orders SET refunded_fen = refunded_fen + $1 WHERE id = $2 AND state = 'success' AND refunded_fen + $3 <= amount_fen",
    )
    .bind(amount)
    .bind(order_id)
    .bind(amount)
    .execute(&mut *conn)
    .await?;
    if reserved.rows_affected() == 0 {
        return Ok(Requested::NotEnough);
    }
    let id = random_token(12);
    let made = sqlx::query(
        "INSERT INTO payment_refunds (id, order_id, out_request_no, amount_fen, cause, reason, state, requested_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9) ON CONFLICT (out_request_no) DO NOTHING",
    )
    .bind(id.as_str())
    .bind(order_id)
    .bind(request_no.as_str())
    .bind(amount)
    .bind(cause.as_str())
    .bind(reason)
    .bind(staff)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if made.rows_affected() == 0 {
        release(conn, order_id, amount).await?;
        return Ok(Requested::Exists);
    }
    outbox::enqueue(conn, now, OUTBOX_KIND, &id, "", now).await?;
    Ok(Requested::Made)
}

/// Gives a refund's reserved amount back to what the order can refund.
async fn release(conn: &mut AnyConnection, order_id: &str, amount: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE payment_orders SET refunded_fen = refunded_fen - $1 WHERE id = $2")
        .bind(amount)
        .bind(order_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// An application withdrawn, not accepted or refused gives back the fees it paid whose service's
/// rules say so, in the transaction that ends it.
pub async fn on_application_ended(conn: &mut AnyConnection, now: i64, application_id: &str) -> Result<(), sqlx::Error> {
    let orders = sqlx::query(
        "SELECT o.id FROM application_fees f JOIN payment_orders o ON o.id = f.paid_order_id \
         WHERE f.application_id = $1 AND f.refund_when_refused = 1",
    )
    .bind(application_id)
    .fetch_all(&mut *conn)
    .await?;
    for order in orders {
        request(&mut *conn, now, &order.try_get::<String, _>("id")?, Ask::Rules(RefundCause::Ended)).await?;
    }
    Ok(())
}

/// What an officer asks to give back, and how to know it again.
pub struct OfficerRefund<'a> {
    pub order_id: &'a str,
    pub amount_fen: u64,
    pub reason: &'a str,
    pub idempotency_key: Option<&'a str>,
}

/// An officer of the case's department gives back part or all of what one of its orders took.
/// The same Idempotency-Key again (an answer lost) makes nothing new.
pub async fn by_officer(state: &AppState, officer: &Officer, application_id: &str, asked: OfficerRefund<'_>) -> Result<(), ApiError> {
    let Some(order) = store::order(state, asked.order_id).await?.filter(|o| o.view.application_id == application_id) else {
        state.audit(officer.actor(), AuditAction::PaymentRefused, &format!("refund of {} in {application_id}", asked.order_id)).await?;
        return Err(ApiError::field(fields::ORDER, FieldProblem::UnknownChoice));
    };
    let now = state.clock.now();
    let request_no = officer_request_no(&officer.id, asked.idempotency_key);
    let mut tx = state.pool.begin().await?;
    let ask = Ask::Officer { amount_fen: asked.amount_fen, reason: asked.reason, staff_id: &officer.id, request_no: request_no.clone() };
    match request(&mut *tx, now, asked.order_id, ask).await? {
        Requested::Made => {}
        Requested::Exists => return Ok(()),
        Requested::NotEnough => {
            tx.rollback().await?;
            let refundable = store::order(state, asked.order_id).await?.map_or(0, |o| o.view.refundable_fen);
            return Err(ApiError::field(fields::AMOUNT, FieldProblem::RefundTooLarge { refundable_fen: refundable }));
        }
    }
    tx.commit().await?;
    let detail = format!("{request_no} {} {} fen", order.view.out_trade_no, asked.amount_fen);
    state.audit(officer.actor(), AuditAction::PaymentRefundRequested, &detail).await?;
    outbox::deliver_soon(state);
    Ok(())
}

/// A refund as the outbox and the sweep need it.
struct Pending {
    id: String,
    order_id: String,
    out_request_no: String,
    out_trade_no: String,
    channel: PayChannel,
    amount_fen: u64,
    total_fen: u64,
    reason: String,
    cause: RefundCause,
}

const SELECT_PENDING: &str =
    "SELECT r.id, r.order_id, r.out_request_no, r.amount_fen, r.reason, r.cause, o.out_trade_no, o.channel, o.amount_fen AS total_fen \
     FROM payment_refunds r JOIN payment_orders o ON o.id = r.order_id WHERE r.state = 'submitted'";

fn pending_of(row: &sqlx::any::AnyRow) -> Result<Pending, sqlx::Error> {
    let text = |name: &str| row.try_get::<String, _>(name);
    let unknown = |what: &str| sqlx::Error::Decode(format!("unknown {what}").into());
    Ok(Pending {
        id: text("id")?,
        order_id: text("order_id")?,
        out_request_no: text("out_request_no")?,
        out_trade_no: text("out_trade_no")?,
        channel: PayChannel::parse(&text("channel")?).ok_or_else(|| unknown("channel"))?,
        amount_fen: row.try_get::<i64, _>("amount_fen")? as u64,
        total_fen: row.try_get::<i64, _>("total_fen")? as u64,
        reason: text("reason")?,
        cause: RefundCause::parse(&text("cause")?).ok_or_else(|| unknown("refund cause"))?,
    })
}

/// Asks the channel for refund `id` (the outbox's send). Unreachable is an error, so it is asked
/// again; a refusal ends the refund and gives its amount back to what the order can refund.
pub async fn submit(state: &AppState, id: &str) -> Result<(), String> {
    let row =
        sqlx::query(&format!("{SELECT_PENDING} AND r.id = $1")).bind(id).fetch_optional(&state.pool).await.map_err(|e| e.to_string())?;
    let Some(refund) = row.as_ref().map(pending_of).transpose().map_err(|e| e.to_string())? else { return Ok(()) };
    // The channel shows the payer why: the officer's words, or the rule's.
    let reason = match refund.cause {
        RefundCause::Officer => refund.reason.as_str(),
        RefundCause::Late | RefundCause::Duplicate => "多缴费用退回 Overpayment returned",
        RefundCause::Ended => "申请终止，费用退回 Application ended, fee returned",
    };
    let asked = NewRefund {
        out_trade_no: &refund.out_trade_no,
        out_request_no: &refund.out_request_no,
        amount_fen: refund.amount_fen,
        total_fen: refund.total_fen,
        reason,
    };
    let result = match state.channels.get(refund.channel).refund(asked).await {
        Ok(RefundStatus::Success) => settle(state, &refund.out_request_no, &refund.order_id, "channel").await.map(|_| ()),
        Ok(RefundStatus::Closed) => fail(state, &refund, "CLOSED").await,
        Ok(RefundStatus::Processing | RefundStatus::Unknown) => Ok(()),
        Err(ChannelError::Refused { code, message }) => {
            // Refused now may still be a refund taken earlier (an answer lost): asked before it ends.
            match state.channels.get(refund.channel).query_refund(&refund.out_trade_no, &refund.out_request_no).await {
                Ok(RefundStatus::Unknown | RefundStatus::Closed) => {
                    tracing::warn!(code, message, refund = refund.id, "the channel refused a refund");
                    fail(state, &refund, &code).await
                }
                Ok(RefundStatus::Success) => settle(state, &refund.out_request_no, &refund.order_id, "channel").await.map(|_| ()),
                Ok(RefundStatus::Processing) => Ok(()),
                Err(error) => return Err(error.to_string()),
            }
        }
        Err(error) => return Err(error.to_string()),
    };
    result.map_err(|e| format!("{e:?}"))
}

async fn fail(state: &AppState, refund: &Pending, code: &str) -> Result<(), ApiError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let ended =
        sqlx::query("UPDATE payment_refunds SET state = 'failed', failure = $1, updated_at = $2 WHERE id = $3 AND state = 'submitted'")
            .bind(code)
            .bind(now)
            .bind(refund.id.as_str())
            .execute(&mut *tx)
            .await?;
    if ended.rows_affected() == 0 {
        return Ok(());
    }
    release(&mut tx, &refund.order_id, refund.amount_fen as i64).await?;
    tx.commit().await?;
    state.audit(Actor::System, AuditAction::PaymentRefundFailed, &format!("{} {code}", refund.out_request_no)).await?;
    Ok(())
}

/// The channel says refund `out_request_no` of order `order_id` gave the money back: it is done,
/// once, and the payer is told. False when it was done already (or is no refund of that order).
pub async fn settle(state: &AppState, out_request_no: &str, order_id: &str, source: &str) -> Result<bool, ApiError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let done = sqlx::query(
        "UPDATE payment_refunds SET state = 'success', settled_at = $1, updated_at = $2 WHERE out_request_no = $3 AND order_id = $4 AND state = 'submitted'",
    )
    .bind(now)
    .bind(now)
    .bind(out_request_no)
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    // The receipt of the fee this order paid is written off (冲红) by what went back.
    sqlx::query(
        "UPDATE fee_receipts SET refunded_fen = refunded_fen + (SELECT amount_fen FROM payment_refunds WHERE out_request_no = $1) \
         WHERE order_id = $2",
    )
    .bind(out_request_no)
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    let row = sqlx::query(
        "SELECT r.amount_fen, o.created_by, o.application_id, s.name_zh, s.name_en FROM payment_refunds r \
         JOIN payment_orders o ON o.id = r.order_id JOIN applications a ON a.id = o.application_id \
         JOIN services s ON s.code = a.service_code WHERE r.out_request_no = $1",
    )
    .bind(out_request_no)
    .fetch_one(&mut *tx)
    .await?;
    let application: String = row.try_get("application_id")?;
    let service = Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?);
    let args = [("service", Arg::Both(service)), ("amount", Arg::Said(yuan(row.try_get::<i64, _>("amount_fen")? as u64)))];
    tell(
        &mut *tx,
        now,
        &row.try_get::<String, _>("created_by")?,
        Some(&application),
        (&Wording::of("msg_refunded_title", []), &Wording::of("msg_refunded_body", args.clone())),
        &Wording::of("msg_refunded_text", args),
    )
    .await?;
    tx.commit().await?;
    state.audit(Actor::System, AuditAction::PaymentRefunded, &format!("{source} {out_request_no}")).await?;
    outbox::deliver_soon(state);
    Ok(true)
}

/// Refunds the rules owe but nothing has asked for (money not owed, a fee of an application that
/// ended), and refunds under way whose notification has not come, asked about.
pub async fn sweep(state: &AppState) -> Result<(), ApiError> {
    let now = state.clock.now();
    let owed = sqlx::query(
        "SELECT o.id, o.surplus_reason FROM payment_orders o JOIN application_fees f ON f.id = o.fee_id \
         JOIN applications a ON a.id = o.application_id \
         WHERE o.state = 'success' AND o.refunded_fen < o.amount_fen \
         AND NOT EXISTS (SELECT 1 FROM payment_refunds r WHERE r.order_id = o.id AND r.cause <> 'officer') \
         AND (o.surplus_reason IS NOT NULL OR (f.refund_when_refused = 1 AND a.state IN ('withdrawn', 'not_accepted', 'rejected'))) \
         LIMIT 100",
    )
    .fetch_all(&state.pool)
    .await?;
    for row in owed {
        let cause = row
            .try_get::<Option<String>, _>("surplus_reason")?
            .as_deref()
            .and_then(tongban_api::payments::Surplus::parse)
            .map_or(RefundCause::Ended, RefundCause::of_surplus);
        let mut tx = state.pool.begin().await?;
        request(&mut *tx, now, &row.try_get::<String, _>("id")?, Ask::Rules(cause)).await?;
        tx.commit().await?;
    }
    let quiet = now - state.config.payment_sweep_secs as i64 * SECOND;
    let stale = sqlx::query(&format!("{SELECT_PENDING} AND r.updated_at <= $1 ORDER BY r.updated_at LIMIT 100"))
        .bind(quiet)
        .fetch_all(&state.pool)
        .await?;
    for row in stale {
        let refund = pending_of(&row)?;
        match state.channels.get(refund.channel).query_refund(&refund.out_trade_no, &refund.out_request_no).await {
            Ok(RefundStatus::Success) => {
                settle(state, &refund.out_request_no, &refund.order_id, "sweep").await?;
                continue;
            }
            Ok(RefundStatus::Closed) => {
                tracing::warn!(refund = refund.id, "the channel closed a refund without giving the money back");
                fail(state, &refund, "CLOSED").await?;
                continue;
            }
            // Not given back yet, or not taken yet: the outbox keeps asking for it until the channel answers.
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, refund = refund.id, "could not ask the channel about a refund"),
        }
        // Asked: the others wait their turn before this one is asked again.
        sqlx::query("UPDATE payment_refunds SET updated_at = $1 WHERE id = $2 AND state = 'submitted'")
            .bind(now)
            .bind(refund.id.as_str())
            .execute(&state.pool)
            .await?;
    }
    Ok(())
}

/// The refunds of one order, or of every order of one fee, newest first, by order.
pub async fn views(state: &AppState, of: Of<'_>) -> Result<Vec<(String, RefundView)>, ApiError> {
    let (column, value) = match of {
        Of::Order(id) => ("r.order_id", id),
        Of::Fee(id) => ("o.fee_id", id),
    };
    let rows = sqlx::query(&format!(
        "SELECT r.id, r.order_id, r.amount_fen, r.state, r.cause, r.reason, r.created_at, r.settled_at FROM payment_refunds r \
         JOIN payment_orders o ON o.id = r.order_id WHERE {column} = $1 ORDER BY r.created_at DESC, r.id"
    ))
    .bind(value)
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|row| -> Result<(String, RefundView), ApiError> {
            let view = RefundView {
                id: row.try_get("id")?,
                amount_fen: row.try_get::<i64, _>("amount_fen")? as u64,
                state: RefundState::parse(&row.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?,
                cause: RefundCause::parse(&row.try_get::<String, _>("cause")?).ok_or(ApiError::Internal)?,
                reason: row.try_get("reason")?,
                created_at: row.try_get::<i64, _>("created_at")? / SECOND,
                settled_at: row.try_get::<Option<i64>, _>("settled_at")?.map(|t| t / SECOND),
            };
            Ok((row.try_get::<String, _>("order_id")?, view))
        })
        .collect()
}

pub enum Of<'a> {
    Order(&'a str),
    Fee(&'a str),
}
