//! The daily reconciliation: a department's payments and refunds of a day, as the portal recorded
//! them, against each channel's statement of that day. A line only one side has is checked with
//! the channel before it is called a difference, so money that moved just before midnight and was
//! recorded just after is not one.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::Json;
use sqlx::Row;
use tongban_api::payments::{ChannelReconciliation, Difference, DifferenceKind, PayChannel, Reconciliation, ReconciliationQuery};
use tongban_api::ApiErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::channel::{LineKind, RefundStatus, StatementLine, TradeStatus};
use crate::audit::AuditAction;
use crate::clock::{parse_date, shanghai_date, shanghai_midnight, MINUTE};
use crate::error::ApiError;
use crate::staff::Officer;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(reconciliation))
}

/// One day's payments and refunds of the officer's department against each channel's statement.
#[utoipa::path(get, path = "/api/v1/staff/reconciliation", tag = "staff", params(ReconciliationQuery),
    responses((status = 200, body = Reconciliation), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody)))]
async fn reconciliation(
    State(state): State<AppState>,
    officer: Officer,
    Query(query): Query<ReconciliationQuery>,
) -> Result<Json<Reconciliation>, ApiError> {
    let date = query.validate(&shanghai_date(state.clock.now())).map_err(ApiError::Invalid)?;
    let mut channels = Vec::new();
    for channel in PayChannel::ALL {
        channels.push(reconcile(&state, &officer.department_code, &date, channel).await?);
    }
    state.audit(officer.actor(), AuditAction::PaymentsReconciled, &date).await?;
    Ok(Json(Reconciliation { date, channels }))
}

/// What the portal recorded of one payment or refund.
struct Recorded {
    out_trade_no: String,
    amount_fen: u64,
    /// What the order has given back in all: a payment given back in full may be closed at the channel.
    order_refunded_fen: u64,
    application_id: String,
}

/// How the portal knows an order or a refund it was not expecting on this day's statement.
enum Known {
    Not,
    OtherDepartment,
    /// Taken (or given back) as the portal records it, on another day: for this amount, in this case.
    Recorded(u64, String),
    NotRecorded(String),
}

async fn reconcile(state: &AppState, department: &str, date: &str, channel: PayChannel) -> Result<ChannelReconciliation, ApiError> {
    let from = parse_date(date).map(shanghai_midnight).ok_or(ApiError::Internal)?;
    let until = from + 24 * 60 * MINUTE;
    let payments = recorded(
        state,
        "SELECT o.out_trade_no AS key, o.out_trade_no, o.amount_fen, o.refunded_fen, o.application_id FROM payment_orders o \
         JOIN application_fees f ON f.id = o.fee_id WHERE o.channel = $1 AND o.state = 'success' AND o.paid_at >= $2 AND o.paid_at < $3 \
         AND f.department_code = $4",
        (channel, from, until, department),
    )
    .await?;
    let refunds = recorded(
        state,
        "SELECT r.out_request_no AS key, o.out_trade_no, r.amount_fen, o.refunded_fen, o.application_id FROM payment_refunds r \
         JOIN payment_orders o ON o.id = r.order_id JOIN application_fees f ON f.id = o.fee_id \
         WHERE o.channel = $1 AND r.state = 'success' AND r.settled_at >= $2 AND r.settled_at < $3 AND f.department_code = $4",
        (channel, from, until, department),
    )
    .await?;
    let mut summary = ChannelReconciliation {
        channel,
        statement_received: false,
        payments: payments.len() as u32,
        paid_fen: payments.values().map(|p| p.amount_fen).sum(),
        refunds: refunds.len() as u32,
        refunded_fen: refunds.values().map(|r| r.amount_fen).sum(),
        differences: Vec::new(),
    };
    let lines = match state.channels.get(channel).statement(date).await {
        Ok(lines) => lines,
        Err(error) => {
            tracing::warn!(%error, channel = channel.as_str(), date, "no statement from the channel");
            return Ok(summary);
        }
    };
    summary.statement_received = true;
    summary.differences = compare(state, department, channel, lines, payments, refunds).await?;
    Ok(summary)
}

async fn recorded(
    state: &AppState,
    sql: &str,
    (channel, from, until, department): (PayChannel, i64, i64, &str),
) -> Result<HashMap<String, Recorded>, ApiError> {
    let rows = sqlx::query(sql).bind(channel.as_str()).bind(from).bind(until).bind(department).fetch_all(&state.pool).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<String, _>("key")?,
                Recorded {
                    out_trade_no: row.try_get("out_trade_no")?,
                    amount_fen: row.try_get::<i64, _>("amount_fen")? as u64,
                    order_refunded_fen: row.try_get::<i64, _>("refunded_fen")? as u64,
                    application_id: row.try_get("application_id")?,
                },
            ))
        })
        .collect()
}

async fn compare(
    state: &AppState,
    department: &str,
    channel: PayChannel,
    lines: Vec<StatementLine>,
    mut payments: HashMap<String, Recorded>,
    mut refunds: HashMap<String, Recorded>,
) -> Result<Vec<Difference>, ApiError> {
    let mut differences = Vec::new();
    for line in lines {
        let (expected, key) = match (&line.kind, &line.refund_no) {
            (LineKind::Refund, Some(no)) => (&mut refunds, no.clone()),
            _ => (&mut payments, line.out_trade_no.clone()),
        };
        let difference = |kind, portal_fen, application_id| Difference {
            kind,
            out_trade_no: line.out_trade_no.clone(),
            refund_no: line.refund_no.clone(),
            portal_fen,
            channel_fen: Some(line.amount_fen),
            application_id,
        };
        match expected.remove(&key) {
            Some(recorded) if recorded.amount_fen != line.amount_fen => {
                differences.push(difference(DifferenceKind::AmountDiffers, Some(recorded.amount_fen), Some(recorded.application_id)));
            }
            Some(_) => {}
            None => match known(state, department, channel, &line).await? {
                Known::Not => differences.push(difference(DifferenceKind::UnknownOrder, None, None)),
                Known::NotRecorded(application) => differences.push(difference(DifferenceKind::OnlyAtChannel, None, Some(application))),
                Known::Recorded(amount, application) if amount != line.amount_fen => {
                    differences.push(difference(DifferenceKind::AmountDiffers, Some(amount), Some(application)));
                }
                Known::OtherDepartment | Known::Recorded(..) => {}
            },
        }
    }
    // What the portal recorded that the statement lacks: the channel is asked before it counts
    // (it may be on the channel's statement of the day before or after). A trade given back in
    // full may be closed there.
    let gateway = state.channels.get(channel);
    for (_, payment) in payments {
        match gateway.query(&payment.out_trade_no).await {
            Ok(trade)
                if trade.status == TradeStatus::Paid
                    || (trade.status == TradeStatus::Closed && payment.order_refunded_fen >= payment.amount_fen) =>
            {
                if trade.amount_fen != payment.amount_fen {
                    differences.push(Difference {
                        kind: DifferenceKind::AmountDiffers,
                        channel_fen: Some(trade.amount_fen),
                        ..only_in_portal(payment, None)
                    });
                }
            }
            _ => differences.push(only_in_portal(payment, None)),
        }
    }
    for (refund_no, refund) in refunds {
        if !matches!(gateway.query_refund(&refund.out_trade_no, &refund_no).await, Ok(RefundStatus::Success)) {
            differences.push(only_in_portal(refund, Some(refund_no)));
        }
    }
    Ok(differences)
}

fn only_in_portal(recorded: Recorded, refund_no: Option<String>) -> Difference {
    Difference {
        kind: DifferenceKind::OnlyInPortal,
        out_trade_no: recorded.out_trade_no,
        refund_no,
        portal_fen: Some(recorded.amount_fen),
        channel_fen: None,
        application_id: Some(recorded.application_id),
    }
}

/// What the portal knows of a statement line it did not expect on this day for this department.
async fn known(state: &AppState, department: &str, channel: PayChannel, line: &StatementLine) -> Result<Known, ApiError> {
    let order = sqlx::query(
        "SELECT o.id, o.state, o.amount_fen, o.application_id, f.department_code FROM payment_orders o JOIN application_fees f ON f.id = o.fee_id \
         WHERE o.out_trade_no = $1 AND o.channel = $2",
    )
    .bind(line.out_trade_no.as_str())
    .bind(channel.as_str())
    .fetch_optional(&state.pool)
    .await?;
    let Some(order) = order else { return Ok(Known::Not) };
    if order.try_get::<String, _>("department_code")? != department {
        return Ok(Known::OtherDepartment);
    }
    let application: String = order.try_get("application_id")?;
    let recorded = match &line.refund_no {
        Some(no) => sqlx::query("SELECT state, amount_fen FROM payment_refunds WHERE out_request_no = $1 AND order_id = $2")
            .bind(no.as_str())
            .bind(order.try_get::<String, _>("id")?)
            .fetch_optional(&state.pool)
            .await?
            .map(|r| Ok::<_, sqlx::Error>((r.try_get::<String, _>("state")?, r.try_get::<i64, _>("amount_fen")?)))
            .transpose()?,
        None => Some((order.try_get::<String, _>("state")?, order.try_get::<i64, _>("amount_fen")?)),
    };
    Ok(match recorded {
        Some((state, amount)) if state == "success" => Known::Recorded(amount as u64, application),
        _ => Known::NotRecorded(application),
    })
}
