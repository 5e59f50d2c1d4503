//! Fees and orders as rows. [`apply`] is the one way an order's state changes: whatever says it
//! (the payer's return, a notification, a query, the sweep), a conditional update decides who
//! wins, so a fact told twice or out of order changes an order once, and money taken is recorded
//! exactly once.

use sqlx::{AnyConnection, Row};
use tongban_api::applications::ApplicationState;
use tongban_api::catalogue::TariffItem;
use tongban_api::payments::{FeeState, FeeView, PayChannel, PaymentEvent, PaymentState, PaymentView, RefundCause, Surplus};
use tongban_api::Localized;

use super::refunds;
use crate::applications::store::{tell, ApplicationRecord};
use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::outbox;
use crate::secrets::random_token;
use crate::words::{Arg, Wording};
use crate::AppState;

/// One fee row, with what its payer sees.
pub struct FeeRecord {
    pub view: FeeView,
    pub payer_kind: String,
    pub payer_ref: String,
    pub applicant: String,
}

const SELECT_FEES: &str = "SELECT f.id, f.application_id, f.basis_zh, f.basis_en, f.amount_fen, f.payer_kind, f.payer_ref, f.state, \
     f.paid_order_id, a.number, a.user_id, a.state AS application_state, s.name_zh, s.name_en, c.name AS company_name, \
     (SELECT CAST(COALESCE(SUM(r.amount_fen), 0) AS BIGINT) FROM payment_refunds r WHERE r.order_id = f.paid_order_id AND r.state = 'success') AS refunded_fen \
     FROM application_fees f JOIN applications a ON a.id = f.application_id JOIN services s ON s.code = a.service_code \
     LEFT JOIN company_register c ON c.credit_code = f.payer_ref AND f.payer_kind = 'company'";

fn fee_of(row: &sqlx::any::AnyRow) -> Result<FeeRecord, ApiError> {
    Ok(FeeRecord {
        view: FeeView {
            id: row.try_get("id")?,
            application_id: row.try_get("application_id")?,
            application_number: row.try_get("number")?,
            service_name: Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
            basis: Localized::new(row.try_get::<String, _>("basis_zh")?, row.try_get::<String, _>("basis_en")?),
            amount_fen: row.try_get::<i64, _>("amount_fen")? as u64,
            state: FeeState::of(
                &row.try_get::<String, _>("state")?,
                ApplicationState::parse(&row.try_get::<String, _>("application_state")?),
            )
            .ok_or(ApiError::Internal)?,
            company_name: row.try_get("company_name")?,
            may_pay: false,
            paid_by: row.try_get("paid_order_id")?,
            refunded_fen: row.try_get::<i64, _>("refunded_fen")? as u64,
        },
        payer_kind: row.try_get("payer_kind")?,
        payer_ref: row.try_get("payer_ref")?,
        applicant: row.try_get("user_id")?,
    })
}

pub async fn fee(state: &AppState, id: &str) -> Result<Option<FeeRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT_FEES} WHERE f.id = $1")).bind(id).fetch_optional(&state.pool).await?;
    row.as_ref().map(fee_of).transpose()
}

pub async fn fees_of_application(state: &AppState, application_id: &str) -> Result<Vec<FeeRecord>, ApiError> {
    let rows = sqlx::query(&format!("{SELECT_FEES} WHERE f.application_id = $1 ORDER BY f.due_at, f.id"))
        .bind(application_id)
        .fetch_all(&state.pool)
        .await?;
    rows.iter().map(fee_of).collect()
}

/// The service's fee falls due when the application is submitted, in the submitting transaction:
/// copied from the catalogue as it stands, payable by the company an application is made for, or
/// else by the applicant. Submitting again after corrections owes nothing new. A service whose
/// fee is assessed owes nothing yet (its catalogue amount is 0).
pub async fn fee_falls_due(conn: &mut AnyConnection, now: i64, application: &ApplicationRecord) -> Result<(), sqlx::Error> {
    let service = ServiceFee::of(conn, application).await?;
    if service.amount_fen <= 0 {
        return Ok(());
    }
    let fee = NewFee { item: "fee", basis: service.basis.clone(), amount_fen: service.amount_fen, assessed: None };
    insert_fee(conn, now, application, &service, fee).await.map(drop)
}

/// What an officer assessed: one line of the service's charging standard, times a number of units.
pub struct Assessment<'a> {
    pub item: &'a TariffItem,
    pub units: u32,
    pub officer: &'a str,
}

/// The fee an officer assessed falls due, in the officer's transaction: its amount, or `None`
/// when the application has its assessed fee already (assessed by another officer meanwhile).
pub async fn fee_assessed(
    conn: &mut AnyConnection,
    now: i64,
    application: &ApplicationRecord,
    assessment: Assessment<'_>,
) -> Result<Option<u64>, sqlx::Error> {
    let service = ServiceFee::of(conn, application).await?;
    let Assessment { item, units, .. } = &assessment;
    let line = item.line();
    let basis =
        Localized::new(format!("{}：{} × {units}", service.basis.zh, line.zh), format!("{}: {} × {units}", service.basis.en, line.en));
    // The catalogue keeps a line's most within ¥9,999,999.99; anything else is not assessed.
    let amount_fen = item
        .unit_fen
        .checked_mul(u64::from(*units))
        .and_then(|fen| i64::try_from(fen).ok())
        .ok_or_else(|| sqlx::Error::Decode("an assessed amount past what a fee can be".into()))?;
    let fee = NewFee { item: "assessed", basis, amount_fen, assessed: Some(assessment) };
    Ok(insert_fee(conn, now, application, &service, fee).await?.then_some(amount_fen as u64))
}

/// A service's fee as the catalogue has it now.
struct ServiceFee {
    amount_fen: i64,
    basis: Localized,
    department_code: String,
    refund_when_refused: i64,
}

impl ServiceFee {
    async fn of(conn: &mut AnyConnection, application: &ApplicationRecord) -> Result<Self, sqlx::Error> {
        let row = sqlx::query(
            "SELECT fee_fen, fee_basis_zh, fee_basis_en, department_code, fee_refund_when_refused FROM services WHERE code = $1",
        )
        .bind(application.summary.service_code.as_str())
        .fetch_one(&mut *conn)
        .await?;
        Ok(ServiceFee {
            amount_fen: row.try_get("fee_fen")?,
            basis: Localized::new(row.try_get::<String, _>("fee_basis_zh")?, row.try_get::<String, _>("fee_basis_en")?),
            department_code: row.try_get("department_code")?,
            refund_when_refused: row.try_get("fee_refund_when_refused")?,
        })
    }
}

struct NewFee<'a> {
    item: &'static str,
    basis: Localized,
    amount_fen: i64,
    assessed: Option<Assessment<'a>>,
}

/// Payable by the company an application is made for, or else by the applicant; false when the
/// application owes this item already.
async fn insert_fee(
    conn: &mut AnyConnection,
    now: i64,
    application: &ApplicationRecord,
    service: &ServiceFee,
    fee: NewFee<'_>,
) -> Result<bool, sqlx::Error> {
    let (payer_kind, payer_ref) = match &application.company {
        Some(company) => ("company", company.as_str()),
        None => ("person", application.user_id.as_str()),
    };
    let inserted = sqlx::query(
        "INSERT INTO application_fees (id, application_id, item, basis_zh, basis_en, amount_fen, department_code, payer_kind, payer_ref, state, due_at, \
         refund_when_refused, tariff_code, units, assessed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'due', $10, $11, $12, $13, $14) \
         ON CONFLICT (application_id, item) DO NOTHING",
    )
    .bind(random_token(12))
    .bind(application.summary.id.as_str())
    .bind(fee.item)
    .bind(fee.basis.zh.as_str())
    .bind(fee.basis.en.as_str())
    .bind(fee.amount_fen)
    .bind(service.department_code.as_str())
    .bind(payer_kind)
    .bind(payer_ref)
    .bind(now)
    .bind(service.refund_when_refused)
    .bind(fee.assessed.as_ref().map(|a| a.item.code.as_str()))
    .bind(fee.assessed.as_ref().map(|a| i64::from(a.units)))
    .bind(fee.assessed.as_ref().map(|a| a.officer))
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// One order row.
pub struct OrderRecord {
    pub view: PaymentView,
    pub created_by: String,
    pub idempotency_key: Option<String>,
    pub next_token_hash: String,
    pub next_used: bool,
    pub return_token_hash: String,
    pub returned: bool,
    pub cashier_url: Option<String>,
    pub expires_at_micros: i64,
}

const SELECT_ORDERS: &str = "SELECT id, fee_id, application_id, channel, out_trade_no, amount_fen, state, created_by, idempotency_key, \
     next_token_hash, next_used_at, return_token_hash, returned_at, cashier_url, channel_trade_no, created_at, expires_at, paid_at, \
     surplus_reason, refunded_fen, (SELECT r.id FROM fee_receipts r WHERE r.order_id = payment_orders.id) AS receipt_id FROM payment_orders";

fn order_of(row: &sqlx::any::AnyRow) -> Result<OrderRecord, ApiError> {
    let state = PaymentState::parse(&row.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?;
    let expires_at: i64 = row.try_get("expires_at")?;
    let amount_fen = row.try_get::<i64, _>("amount_fen")? as u64;
    let refunded_fen = row.try_get::<i64, _>("refunded_fen")? as u64;
    Ok(OrderRecord {
        view: PaymentView {
            id: row.try_get("id")?,
            fee_id: row.try_get("fee_id")?,
            application_id: row.try_get("application_id")?,
            channel: PayChannel::parse(&row.try_get::<String, _>("channel")?).ok_or(ApiError::Internal)?,
            amount_fen,
            state,
            finished: state.finished(),
            next_url: None,
            created_at: row.try_get::<i64, _>("created_at")? / SECOND,
            expires_at: expires_at / SECOND,
            paid_at: row.try_get::<Option<i64>, _>("paid_at")?.map(|t| t / SECOND),
            surplus: row.try_get::<Option<String>, _>("surplus_reason")?.as_deref().and_then(Surplus::parse),
            channel_trade_no: row.try_get("channel_trade_no")?,
            out_trade_no: row.try_get("out_trade_no")?,
            refunds: Vec::new(),
            receipt_id: row.try_get("receipt_id")?,
            refundable_fen: if state == PaymentState::Success { amount_fen.saturating_sub(refunded_fen) } else { 0 },
        },
        created_by: row.try_get("created_by")?,
        idempotency_key: row.try_get("idempotency_key")?,
        next_token_hash: row.try_get("next_token_hash")?,
        next_used: row.try_get::<Option<i64>, _>("next_used_at")?.is_some(),
        return_token_hash: row.try_get("return_token_hash")?,
        returned: row.try_get::<Option<i64>, _>("returned_at")?.is_some(),
        cashier_url: row.try_get("cashier_url")?,
        expires_at_micros: expires_at,
    })
}

pub async fn order(state: &AppState, id: &str) -> Result<Option<OrderRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT_ORDERS} WHERE id = $1")).bind(id).fetch_optional(&state.pool).await?;
    row.as_ref().map(order_of).transpose()
}

pub async fn order_by_trade_no(state: &AppState, out_trade_no: &str) -> Result<Option<OrderRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT_ORDERS} WHERE out_trade_no = $1")).bind(out_trade_no).fetch_optional(&state.pool).await?;
    row.as_ref().map(order_of).transpose()
}

pub async fn order_by_key(state: &AppState, user_id: &str, key: &str) -> Result<Option<OrderRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT_ORDERS} WHERE created_by = $1 AND idempotency_key = $2"))
        .bind(user_id)
        .bind(key)
        .fetch_optional(&state.pool)
        .await?;
    row.as_ref().map(order_of).transpose()
}

/// Every order made for a fee, newest first, each with its refunds.
pub async fn orders_of_fee(state: &AppState, fee_id: &str) -> Result<Vec<PaymentView>, ApiError> {
    let rows =
        sqlx::query(&format!("{SELECT_ORDERS} WHERE fee_id = $1 ORDER BY created_at DESC, id")).bind(fee_id).fetch_all(&state.pool).await?;
    let mut orders = rows.iter().map(|r| order_of(r).map(|o| o.view)).collect::<Result<Vec<_>, _>>()?;
    for (order_id, refund) in refunds::views(state, refunds::Of::Fee(fee_id)).await? {
        if let Some(order) = orders.iter_mut().find(|o| o.id == order_id) {
            order.refunds.push(refund);
        }
    }
    Ok(orders)
}

/// One order as its payer sees it, with its refunds.
pub async fn payment_view(state: &AppState, id: &str) -> Result<PaymentView, ApiError> {
    let mut view = order(state, id).await?.ok_or(ApiError::NotFound)?.view;
    view.refunds = refunds::views(state, refunds::Of::Order(id)).await?.into_iter().map(|(_, refund)| refund).collect();
    Ok(view)
}

/// Open orders whose time is up, for the sweep.
pub async fn expired_open_orders(state: &AppState, now: i64) -> Result<Vec<OrderRecord>, ApiError> {
    let rows = sqlx::query(&format!("{SELECT_ORDERS} WHERE finished = 0 AND expires_at <= $1 ORDER BY expires_at LIMIT 100"))
        .bind(now)
        .fetch_all(&state.pool)
        .await?;
    rows.iter().map(order_of).collect()
}

/// What [`apply`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Moved(PaymentState),
    /// The fact changes nothing: told before, stale, or about an order already ended.
    Unchanged,
}

/// Moves order `id` by `event`, said by `source`. For `Paid`, the first success pays the fee;
/// money any other order takes — after its order ended, for a fee already paid, or for an
/// application withdrawn or refused — is recorded as surplus, to be given back.
pub async fn apply(
    state: &AppState,
    id: &str,
    event: PaymentEvent,
    source: &str,
    channel_trade_no: Option<&str>,
) -> Result<Applied, ApiError> {
    // A lost race re-reads and decides again: the winner's state may make this fact stale. Each
    // lost race moved the order on, so it can lose no more often than there are states.
    for _ in 0..PaymentState::ALL.len() {
        let order = order(state, id).await?.ok_or(ApiError::NotFound)?;
        let from = order.view.state;
        let Some(to) = from.after(event) else { return Ok(Applied::Unchanged) };
        let now = state.clock.now();
        let mut tx = state.pool.begin().await?;
        // The first statement writes, so SQLite takes its write lock before anything is read.
        let moved = sqlx::query(
            "UPDATE payment_orders SET state = $1, finished = $2, updated_at = $3, \
             channel_trade_no = COALESCE($4, channel_trade_no), paid_at = CASE WHEN $5 = 1 THEN $6 ELSE paid_at END \
             WHERE id = $7 AND state = $8",
        )
        .bind(to.as_str())
        .bind(i64::from(to.finished()))
        .bind(now)
        .bind(channel_trade_no)
        .bind(i64::from(to == PaymentState::Success))
        .bind(now)
        .bind(id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            tx.rollback().await?;
            continue;
        }
        sqlx::query(
            "INSERT INTO payment_events (id, order_id, seq, at, from_state, to_state, source, detail) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM payment_events WHERE order_id = $3), $4, $5, $6, $7, $8)",
        )
        .bind(random_token(12))
        .bind(id)
        .bind(id)
        .bind(now)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(source)
        .bind(channel_trade_no.unwrap_or(""))
        .execute(&mut *tx)
        .await?;
        if to == PaymentState::Success {
            settle(&mut tx, &state.seals, &order, from, now).await?;
        }
        tx.commit().await?;
        if to == PaymentState::Success {
            outbox::deliver_soon(state);
            state.audit(Actor::System, AuditAction::PaymentSettled, &format!("{source} {} {id}", order.view.out_trade_no)).await?;
        } else if to == PaymentState::Expired {
            state.audit(Actor::System, AuditAction::PaymentExpired, &format!("{source} {} {id}", order.view.out_trade_no)).await?;
        }
        return Ok(Applied::Moved(to));
    }
    // Never "unchanged" here: a fact not applied must be told again (a channel retries an error).
    Err(ApiError::Conflict(tongban_api::ConflictReason::ChangedElsewhere))
}

/// Money came for `order`: it pays the fee if nothing else has and it is still owed, and its
/// receipt is issued; otherwise it is surplus. Either way the payer is told.
async fn settle(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    seals: &crate::seals::Seals,
    order: &OrderRecord,
    from: PaymentState,
    now: i64,
) -> Result<(), ApiError> {
    // The application's row is locked first (a no-op write), so a withdrawal commits either
    // before this reads its state or after this has paid.
    sqlx::query("UPDATE applications SET state = state WHERE id = $1").bind(order.view.application_id.as_str()).execute(&mut **tx).await?;
    let application_state: String = sqlx::query("SELECT state FROM applications WHERE id = $1")
        .bind(order.view.application_id.as_str())
        .fetch_one(&mut **tx)
        .await?
        .try_get("state")?;
    let withdrawn = ApplicationState::parse(&application_state).is_some_and(ApplicationState::ended_ungranted);
    let surplus = if withdrawn {
        Some(Surplus::Withdrawn)
    } else if from.finished() {
        Some(Surplus::Late)
    } else {
        let paid = sqlx::query(
            "UPDATE application_fees SET paid_order_id = $1, state = 'paid', paid_at = $2 WHERE id = $3 AND paid_order_id IS NULL",
        )
        .bind(order.view.id.as_str())
        .bind(now)
        .bind(order.view.fee_id.as_str())
        .execute(&mut **tx)
        .await?;
        if paid.rows_affected() == 1 {
            super::receipts::issue(&mut **tx, seals, order, now).await?;
        }
        (paid.rows_affected() == 0).then_some(Surplus::Duplicate)
    };
    if let Some(surplus) = surplus {
        sqlx::query("UPDATE payment_orders SET surplus_reason = $1 WHERE id = $2")
            .bind(surplus.as_str())
            .bind(order.view.id.as_str())
            .execute(&mut **tx)
            .await?;
        refunds::request(&mut **tx, now, &order.view.id, refunds::Ask::Rules(RefundCause::of_surplus(surplus))).await?;
    }
    let service: Localized = {
        let row = sqlx::query("SELECT s.name_zh, s.name_en FROM applications a JOIN services s ON s.code = a.service_code WHERE a.id = $1")
            .bind(order.view.application_id.as_str())
            .fetch_one(&mut **tx)
            .await?;
        Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?)
    };
    let amount = Arg::Said(tongban_api::payments::yuan(order.view.amount_fen));
    let (title, body, text) = match surplus {
        None => ("msg_paid_title", "msg_paid_body", "msg_paid_text"),
        Some(_) => ("msg_paid_title", "msg_paid_surplus_body", "msg_paid_surplus_text"),
    };
    let args = [("service", Arg::Both(service)), ("amount", amount)];
    tell(
        &mut **tx,
        now,
        &order.created_by,
        Some(&order.view.application_id),
        (&Wording::of(title, []), &Wording::of(body, args.clone())),
        &Wording::of(text, args),
    )
    .await?;
    Ok(())
}
