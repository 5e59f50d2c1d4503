//! Paying fees online (Art. 35). A fee falls due on the application; its payer makes an order
//! through a channel, is sent to the channel's cashier by a single-use address, and comes back by
//! another. The channel's signed notifications, the payer's return, and the sweep all move the
//! order through [`store::apply`], so what the channel says twice or out of order counts once.

pub mod alipay;
pub mod channel;
mod notify;
mod receipts;
mod reconcile;
pub mod refunds;
pub mod rsa2;
pub mod store;
pub mod transport;
pub mod wechat;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use tongban_api::companies::AgentScope;
use tongban_api::payments::PaymentState;
use tongban_api::payments::{
    valid_idempotency_key, CaseFee, CreatePaymentRequest, FeeDetail, FeeState, FeeView, PayChannel, PaymentEvent, PaymentView,
    ReturnRequest, IDEMPOTENCY_HEADER,
};
use tongban_api::{fields, ApiErrorBody, ConflictReason, FieldProblem, Refusal};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::channel::{NewTrade, PaymentChannel, Trade, TradeStatus};
use self::store::{Applied, FeeRecord, OrderRecord};
use crate::audit::AuditAction;
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

/// The channels the portal is connected to.
pub struct Channels {
    pub alipay: Arc<dyn PaymentChannel>,
    pub wechat: Arc<dyn PaymentChannel>,
}

impl Channels {
    pub fn get(&self, channel: PayChannel) -> &dyn PaymentChannel {
        match channel {
            PayChannel::Alipay => self.alipay.as_ref(),
            PayChannel::Wechat => self.wechat.as_ref(),
        }
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(fee_detail))
        .routes(routes!(create_payment))
        .routes(routes!(payment))
        .routes(routes!(return_from_cashier))
        .routes(routes!(cancel_payment))
        .merge(receipts::routes())
        .merge(reconcile::routes())
}

/// The notify endpoints: outside `/api/v1`, since a channel sends no CSRF token (it signs instead).
pub fn notify_routes() -> OpenApiRouter<AppState> {
    notify::routes()
}

/// Pages outside the API: the single-use way to the cashier.
pub fn pages() -> Router<AppState> {
    Router::new().route("/pay/next/{order}/{token}", get(to_cashier))
}

/// The notify endpoints alone, as a channel reaches them (the sandbox calls them in-process).
/// Who pays a fee (and holds its receipt): a person (`users.id`) or a company (credit code).
pub struct Payer {
    pub kind: String,
    pub reference: String,
}

/// May this session act as `payer`? Oneself when acting for oneself; a company when acting for
/// it with the "pay" scope (an agent without it is told so).
pub fn payer_may(payer: &Payer, user: &SessionUser) -> Result<(), Option<Refusal>> {
    match (payer.kind.as_str(), &user.acting_as) {
        ("person", None) if payer.reference == user.user_id => Ok(()),
        ("company", Some(acting)) if acting.credit_code == payer.reference => {
            if acting.may(AgentScope::Pay) {
                Ok(())
            } else {
                Err(Some(Refusal::MissingScope(AgentScope::Pay)))
            }
        }
        _ => Err(None),
    }
}

fn may_pay(fee: &FeeRecord, user: &SessionUser) -> Result<(), Option<Refusal>> {
    payer_may(&Payer { kind: fee.payer_kind.clone(), reference: fee.payer_ref.clone() }, user)
}

/// The fees of an application its reader can see, each saying whether this session may pay it.
pub async fn fees_for_reader(state: &AppState, user: &SessionUser, application_id: &str) -> Result<Vec<FeeView>, ApiError> {
    Ok(store::fees_of_application(state, application_id)
        .await?
        .into_iter()
        .map(|fee| {
            let may = may_pay(&fee, user).is_ok();
            FeeView { may_pay: may, ..fee.view }
        })
        .collect())
}

/// The fees of an application with every order made for them, for the officer handling it.
pub async fn case_fees(state: &AppState, application_id: &str) -> Result<Vec<CaseFee>, ApiError> {
    let mut fees = Vec::new();
    for fee in store::fees_of_application(state, application_id).await? {
        let orders = store::orders_of_fee(state, &fee.view.id).await?;
        fees.push(CaseFee { fee: fee.view, orders });
    }
    Ok(fees)
}

/// The fee `id` if this session is its payer; a company agent without "pay" is told so (403),
/// anyone else gets 404. Every refusal is audited.
async fn find_fee_for_payer(state: &AppState, user: &SessionUser, id: &str) -> Result<FeeRecord, ApiError> {
    let checked = match store::fee(state, id).await? {
        Some(fee) => may_pay(&fee, user).map(|()| fee),
        None => Err(None),
    };
    match checked {
        Ok(mut fee) => {
            fee.view.may_pay = true;
            Ok(fee)
        }
        Err(refusal) => {
            state.audit(user.actor(), AuditAction::PaymentRefused, id).await?;
            Err(refusal.map_or(ApiError::NotFound, ApiError::Forbidden))
        }
    }
}

/// The order `id` if this session may pay its fee.
async fn find_order_for_payer(state: &AppState, user: &SessionUser, id: &str) -> Result<OrderRecord, ApiError> {
    let Some(order) = store::order(state, id).await? else {
        state.audit(user.actor(), AuditAction::PaymentRefused, id).await?;
        return Err(ApiError::NotFound);
    };
    find_fee_for_payer(state, user, &order.view.fee_id).await?;
    Ok(order)
}

/// A fee, the orders made for it, and the channels it can be paid through.
#[utoipa::path(get, path = "/api/v1/fees/{id}", tag = "payments", params(("id" = String, Path)),
    responses((status = 200, body = FeeDetail), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn fee_detail(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<FeeDetail>, ApiError> {
    let fee = find_fee_for_payer(&state, &user, &id).await?;
    Ok(Json(FeeDetail { orders: store::orders_of_fee(&state, &id).await?, fee: fee.view, channels: PayChannel::ALL.to_vec() }))
}

/// `TBP` + the Shanghai date + 12 hex digits: the portal's number for a trade, unique per order.
fn new_trade_no(now: i64) -> String {
    format!("TBP{}{}", shanghai_date(now).replace('-', ""), random_token(6).to_uppercase())
}

/// Makes an order for a fee and answers with the single-use address that sends the payer to the
/// channel's cashier. With an Idempotency-Key, the same key for the same fee and channel answers
/// with the order made the first time (and a fresh address, if the first was never used).
#[utoipa::path(post, path = "/api/v1/fees/{id}/payments", tag = "payments", request_body = CreatePaymentRequest,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "1–64 printable ASCII characters")),
    responses((status = 200, body = PaymentView), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody),
        (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn create_payment(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(request): Json<CreatePaymentRequest>,
) -> Result<Json<PaymentView>, ApiError> {
    let channel = request.channel.ok_or_else(|| ApiError::field(fields::CHANNEL, FieldProblem::ChooseOne))?;
    let key = idempotency_key(&headers)?;
    let fee = find_fee_for_payer(&state, &user, &id).await?;
    if let Some(key) = &key {
        if let Some(order) = store::order_by_key(&state, &user.user_id, key).await? {
            return again(&state, order, &id, channel, &user.ip).await;
        }
    }
    match fee.view.state {
        FeeState::Due => {}
        FeeState::Paid => return Err(ApiError::Conflict(ConflictReason::FeePaid)),
        FeeState::Cancelled => return Err(ApiError::Conflict(ConflictReason::NotPossibleNow)),
    }
    if store::orders_of_fee(&state, &id).await?.iter().any(|o| o.state == PaymentState::Submitted) {
        return Err(ApiError::Conflict(ConflictReason::PaymentInProgress));
    }
    let now = state.clock.now();
    let order_id = random_token(12);
    let out_trade_no = new_trade_no(now);
    let next_token = random_token(24);
    let return_token = random_token(24);
    let expires_at = now + state.config.payment_expiry_secs * SECOND;
    let inserted = sqlx::query(
        "INSERT INTO payment_orders (id, fee_id, application_id, channel, out_trade_no, amount_fen, state, finished, created_by, company, \
         idempotency_key, next_token_hash, return_token_hash, created_at, expires_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'created', 0, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(order_id.as_str())
    .bind(id.as_str())
    .bind(fee.view.application_id.as_str())
    .bind(channel.as_str())
    .bind(out_trade_no.as_str())
    .bind(fee.view.amount_fen as i64)
    .bind(user.user_id.as_str())
    .bind(user.acting_as.as_ref().map(|a| a.credit_code.as_str()))
    .bind(key.as_deref())
    .bind(sha256_hex(&next_token))
    .bind(sha256_hex(&return_token))
    .bind(now)
    .bind(expires_at)
    .bind(now)
    .execute(&state.pool)
    .await;
    if let Err(error) = inserted {
        let clash = error.as_database_error().is_some_and(|e| e.is_unique_violation());
        // The same key pressed twice at once: the other press made the order.
        if let (true, Some(key)) = (clash, &key) {
            if let Some(order) = store::order_by_key(&state, &user.user_id, key).await? {
                return again(&state, order, &id, channel, &user.ip).await;
            }
        }
        return Err(error.into());
    }
    state.audit(user.actor(), AuditAction::PaymentStarted, &format!("{out_trade_no} {order_id} fee {id}")).await?;
    let order = store::order(&state, &order_id).await?.ok_or(ApiError::Internal)?;
    let order = open_at_channel(&state, order, &return_token, &fee.view, &user.ip).await?;
    let mut view = order.view;
    if view.state == PaymentState::Created {
        view.next_url = Some(format!("/pay/next/{order_id}/{next_token}"));
    }
    Ok(Json(view))
}

/// An Idempotency-Key, if one was sent: 1–64 printable ASCII characters, or a 400.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_HEADER) else { return Ok(None) };
    match value.to_str().ok().filter(|k| valid_idempotency_key(k)) {
        Some(key) => Ok(Some(key.to_string())),
        None if value.len() > 64 => Err(ApiError::field(fields::IDEMPOTENCY_KEY, FieldProblem::TooLong { max: 64 })),
        None if value.is_empty() => Err(ApiError::field(fields::IDEMPOTENCY_KEY, FieldProblem::Required)),
        None => Err(ApiError::field(fields::IDEMPOTENCY_KEY, FieldProblem::ControlCharacters)),
    }
}

/// Opens the order's trade at its channel (again, if an earlier try was cut short: the channel
/// knows the trade by its number). No transaction is open: the sandbox writes to the same database.
async fn open_at_channel(
    state: &AppState,
    order: OrderRecord,
    return_token: &str,
    fee: &FeeView,
    payer_ip: &str,
) -> Result<OrderRecord, ApiError> {
    let id = order.view.id.clone();
    let return_url = format!("{}/payments/{id}/return?token={return_token}", state.config.public_origin);
    let subject = format!("{} {}", fee.service_name.zh, fee.application_number.as_deref().unwrap_or_default());
    let trade = NewTrade {
        out_trade_no: &order.view.out_trade_no,
        amount_fen: order.view.amount_fen,
        subject: &subject,
        time_expire: order.expires_at_micros,
        return_url: &return_url,
        payer_ip,
    };
    match state.channels.get(order.view.channel).create(trade).await {
        Ok(created) => {
            sqlx::query("UPDATE payment_orders SET cashier_url = $1 WHERE id = $2")
                .bind(created.cashier_url)
                .bind(id.as_str())
                .execute(&state.pool)
                .await?;
        }
        Err(error) => {
            tracing::warn!(%error, order = id, "the channel did not open the trade");
            store::apply(state, &id, PaymentEvent::ChannelFailed, "applicant", None).await?;
        }
    }
    store::order(state, &id).await?.ok_or(ApiError::Internal)
}

/// The same key again: the order made the first time, if the request is the same.
async fn again(
    state: &AppState,
    order: OrderRecord,
    fee_id: &str,
    channel: PayChannel,
    payer_ip: &str,
) -> Result<Json<PaymentView>, ApiError> {
    if order.view.fee_id != fee_id || order.view.channel != channel {
        return Err(ApiError::Conflict(ConflictReason::IdempotencyKeyReused));
    }
    Ok(Json(with_fresh_next_url(state, order, payer_ip).await?))
}

/// The order made the first time, with new single-use addresses while the first was not used
/// (its answer was lost): the way to the cashier, and back.
async fn with_fresh_next_url(state: &AppState, order: OrderRecord, payer_ip: &str) -> Result<PaymentView, ApiError> {
    if order.next_used || order.view.finished {
        return Ok(order.view);
    }
    let return_token = random_token(24);
    sqlx::query("UPDATE payment_orders SET return_token_hash = $1 WHERE id = $2 AND returned_at IS NULL")
        .bind(sha256_hex(&return_token))
        .bind(order.view.id.as_str())
        .execute(&state.pool)
        .await?;
    let fee = store::fee(state, &order.view.fee_id).await?.ok_or(ApiError::Internal)?;
    let order = open_at_channel(state, order, &return_token, &fee.view, payer_ip).await?;
    let mut view = order.view;
    if view.state != PaymentState::Created {
        return Ok(view);
    }
    let token = random_token(24);
    let replaced = sqlx::query("UPDATE payment_orders SET next_token_hash = $1 WHERE id = $2 AND next_used_at IS NULL")
        .bind(sha256_hex(&token))
        .bind(view.id.as_str())
        .execute(&state.pool)
        .await?;
    if replaced.rows_affected() == 1 {
        view.next_url = Some(format!("/pay/next/{}/{token}", view.id));
    }
    Ok(view)
}

/// The single-use way to the cashier: used once, it is the cashier; again, the payment's page.
async fn to_cashier(State(state): State<AppState>, Path((id, token)): Path<(String, String)>) -> Result<Response, ApiError> {
    let page = Redirect::to(&format!("/payments/{}", tongban_api::encode_component(&id))).into_response();
    let Some(order) = store::order(&state, &id).await? else { return Ok(page) };
    let (Some(cashier), false) = (order.cashier_url.clone(), order.view.finished) else { return Ok(page) };
    let used = sqlx::query("UPDATE payment_orders SET next_used_at = $1 WHERE id = $2 AND next_token_hash = $3 AND next_used_at IS NULL")
        .bind(state.clock.now())
        .bind(id.as_str())
        .bind(sha256_hex(&token))
        .execute(&state.pool)
        .await?;
    if used.rows_affected() == 0 {
        return Ok(page);
    }
    store::apply(&state, &id, PaymentEvent::SentToCashier, "applicant", None).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, cashier), (header::CACHE_CONTROL, "no-store".to_string())]).into_response())
}

/// A payment order as it stands.
#[utoipa::path(get, path = "/api/v1/payments/{id}", tag = "payments", params(("id" = String, Path)),
    responses((status = 200, body = PaymentView), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn payment(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<PaymentView>, ApiError> {
    find_order_for_payer(&state, &user, &id).await?;
    Ok(Json(store::payment_view(&state, &id).await?))
}

/// The channel's word on an open order, asked now: what recovers a notification that never came.
pub async fn ask_channel(state: &AppState, order: &OrderRecord, source: &str) -> Result<Applied, ApiError> {
    match state.channels.get(order.view.channel).query(&order.view.out_trade_no).await {
        Ok(trade) => apply_trade(state, order, &trade, source).await,
        Err(error) => {
            tracing::warn!(%error, order = order.view.id, "could not ask the channel about an order");
            Ok(Applied::Unchanged)
        }
    }
}

/// What the channel says of a trade, applied to its order. A payment of another amount than the
/// order's is not taken: it is left for reconciliation.
async fn apply_trade(state: &AppState, order: &OrderRecord, trade: &Trade, source: &str) -> Result<Applied, ApiError> {
    if trade.status == TradeStatus::Paid && trade.amount_fen != order.view.amount_fen {
        tracing::error!(order = order.view.id, "the channel reports a payment of another amount; left for reconciliation");
        return Ok(Applied::Unchanged);
    }
    let Some(event) = event_of(&trade.status, order.expires_at_micros <= state.clock.now()) else { return Ok(Applied::Unchanged) };
    store::apply(state, &order.view.id, event, source, trade.channel_trade_no.as_deref()).await
}

/// What a trade's status means for its order; a close is an expiry once the order's time is up.
fn event_of(status: &TradeStatus, expired: bool) -> Option<PaymentEvent> {
    Some(match status {
        TradeStatus::NotStarted => return None,
        TradeStatus::Paying => PaymentEvent::PayerSubmitted,
        TradeStatus::Paid => PaymentEvent::Paid,
        TradeStatus::Declined(_) => PaymentEvent::Declined,
        TradeStatus::BankError(_) => PaymentEvent::ChannelFailed,
        TradeStatus::Closed if expired => PaymentEvent::TimedOut,
        TradeStatus::Closed => PaymentEvent::Cancelled,
    })
}

/// Back from the cashier by the single-use return address: the channel is asked at once, so the
/// page can say what happened even when its notification is late or lost.
#[utoipa::path(post, path = "/api/v1/payments/{id}/return", tag = "payments", request_body = ReturnRequest, params(("id" = String, Path)),
    responses((status = 200, body = PaymentView), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn return_from_cashier(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<ReturnRequest>,
) -> Result<Json<PaymentView>, ApiError> {
    let order = find_order_for_payer(&state, &user, &id).await?;
    let used = sqlx::query("UPDATE payment_orders SET returned_at = $1 WHERE id = $2 AND return_token_hash = $3 AND returned_at IS NULL")
        .bind(state.clock.now())
        .bind(id.as_str())
        .bind(sha256_hex(request.token.trim()))
        .execute(&state.pool)
        .await?;
    if used.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::PaymentReturnUsed));
    }
    if !order.view.finished {
        ask_channel(&state, &order, "return").await?;
    }
    Ok(Json(store::payment_view(&state, &id).await?))
}

/// Cancels an open order at the channel; if the channel says it was paid meanwhile, it is paid.
#[utoipa::path(post, path = "/api/v1/payments/{id}/cancel", tag = "payments", params(("id" = String, Path)),
    responses((status = 200, body = PaymentView), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn cancel_payment(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<PaymentView>, ApiError> {
    let order = find_order_for_payer(&state, &user, &id).await?;
    if order.view.finished {
        return Err(ApiError::Conflict(ConflictReason::PaymentFinished));
    }
    // Closed at the channel first: an order the channel could still take money for never ends here.
    let trade = match state.channels.get(order.view.channel).close(&order.view.out_trade_no).await {
        Ok(trade) => trade,
        Err(error) => {
            tracing::warn!(%error, order = id, "could not close a trade");
            return Err(ApiError::Conflict(ConflictReason::ChannelUnreachable));
        }
    };
    let applied = match trade.status {
        // Never opened at the channel: nothing there to close.
        TradeStatus::NotStarted => store::apply(&state, &id, PaymentEvent::Cancelled, "applicant", None).await?,
        _ => apply_trade(&state, &order, &trade, "applicant").await?,
    };
    if applied == Applied::Unchanged {
        return Err(ApiError::Conflict(ConflictReason::PaymentFinished));
    }
    state.audit(user.actor(), AuditAction::PaymentCancelled, &format!("{} {id}", order.view.out_trade_no)).await?;
    Ok(Json(store::payment_view(&state, &id).await?))
}

/// Orders whose time is up: the channel is asked first (money it took is never lost), then the
/// trade is closed there and the order expires; and refunds owed or under way (see
/// [`refunds::sweep`]). Answers how many orders ended.
pub async fn sweep(state: &AppState) -> Result<u32, ApiError> {
    // Refunds are swept on their own: a fault there never keeps orders from ending.
    if let Err(error) = refunds::sweep(state).await {
        tracing::error!(?error, "refund sweep failed");
    }
    let mut ended = 0;
    for order in store::expired_open_orders(state, state.clock.now()).await? {
        // One order that cannot be ended now never keeps the others from ending.
        match end_expired(state, &order).await {
            Ok(true) => ended += 1,
            Ok(false) => {}
            Err(error) => tracing::error!(?error, order = order.view.id, "could not end an expired order; trying again later"),
        }
    }
    Ok(ended)
}

/// Asks the channel about an order whose time is up, then closes its trade there and ends it;
/// true when it ended.
async fn end_expired(state: &AppState, order: &OrderRecord) -> Result<bool, ApiError> {
    let mut applied = ask_channel(state, order, "sweep").await?;
    if !matches!(applied, Applied::Moved(to) if to.finished()) {
        applied = match state.channels.get(order.view.channel).close(&order.view.out_trade_no).await {
            Ok(trade) if trade.status == TradeStatus::NotStarted => {
                store::apply(state, &order.view.id, PaymentEvent::TimedOut, "sweep", None).await?
            }
            Ok(trade) => apply_trade(state, order, &trade, "sweep").await?,
            Err(error) => {
                tracing::warn!(%error, order = order.view.id, "could not close an expired trade; trying again later");
                return Ok(false);
            }
        };
    }
    Ok(matches!(applied, Applied::Moved(to) if to.finished()))
}
