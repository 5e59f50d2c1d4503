//! The sandbox channels' own books, whatever protocol they speak: the trades opened, what the
//! tester chose at the cashier, the refunds taken and when the bank gives them back, and the
//! notifications queued for the outbox. Each channel's protocol module reads and writes these
//! books and speaks its own wire format about them.

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use sqlx::Row;
use tongban_api::payments::{yuan, PayChannel};
use tongban_api::Lang;

use super::SandboxState;
use crate::clock::{MINUTE, SECOND};
use crate::outbox;
use crate::secrets::random_token;

/// A channel closes loosely: payment is still taken this long after the trade's expiry.
pub(super) const GRACE: i64 = 5 * MINUTE;
/// How long "pay slowly" keeps the trade waiting for the bank.
const SLOW_PAYMENT: i64 = 30 * SECOND;
/// How long "delay" holds the notification back.
const DELAY: i64 = 60 * SECOND;
/// How long the bank takes to give a refund back.
pub(super) const REFUND_TIME: i64 = 60 * SECOND;

/// How one channel's cashier behaves, as its real one does.
pub(super) struct Style {
    pub channel: PayChannel,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// What the tester may choose at its cashier.
    pub outcomes: &'static [Outcome],
    /// How its notifications may be made to go.
    pub mischiefs: &'static [&'static str],
    /// Whether it tells the merchant of a trade ending this way (state of the books), or only of
    /// payments.
    pub notifies: fn(&str) -> bool,
    /// Where the payer goes back to is added to the cashier's address by the merchant (WeChat's
    /// H5 `redirect_url`), not given when the trade is opened.
    pub return_on_cashier_address: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Pay,
    PaySlow,
    Decline,
    /// The payer gives up: the trade closes.
    Cancel,
    /// The payer goes back without paying: the trade stays open, as WeChat's H5 leaves it.
    Leave,
    BankError,
}

impl Outcome {
    fn value(self) -> &'static str {
        match self {
            Outcome::Pay => "pay",
            Outcome::PaySlow => "pay_slow",
            Outcome::Decline => "decline",
            Outcome::Cancel | Outcome::Leave => "cancel",
            Outcome::BankError => "bank_error",
        }
    }

    /// The state the trade moves to, with the channel's reason; `None` leaves it open.
    fn moves_to(self) -> Option<(&'static str, Option<&'static str>)> {
        match self {
            Outcome::Pay => Some(("paid", None)),
            Outcome::PaySlow => Some(("paying", None)),
            Outcome::Decline => Some(("declined", Some("ACQ.PAYMENT_FAIL"))),
            Outcome::Cancel => Some(("closed", None)),
            Outcome::Leave => None,
            Outcome::BankError => Some(("bank_error", Some("ACQ.SYSTEM_ERROR"))),
        }
    }
}

/// A trade in the books.
pub(super) struct Booked {
    pub trade_no: String,
    pub out_trade_no: String,
    pub merchant: String,
    pub amount_fen: u64,
    pub subject: String,
    pub return_url: String,
    /// open, paying, paid, declined, closed or bank_error.
    pub state: String,
    pub sub_code: Option<String>,
    pub time_expire: i64,
    pub created_at: i64,
    pub paid_at: Option<i64>,
}

impl Booked {
    fn of(row: &sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Booked {
            trade_no: row.try_get("trade_no")?,
            out_trade_no: row.try_get("out_trade_no")?,
            merchant: row.try_get("merchant")?,
            amount_fen: row.try_get::<i64, _>("amount_fen")? as u64,
            subject: row.try_get("subject")?,
            return_url: row.try_get("return_url")?,
            state: row.try_get("state")?,
            sub_code: row.try_get("sub_code")?,
            time_expire: row.try_get("time_expire")?,
            created_at: row.try_get("created_at")?,
            paid_at: row.try_get("paid_at")?,
        })
    }

    fn payable(&self, now: i64) -> bool {
        self.state == "open" && self.time_expire + GRACE > now
    }
}

/// The trade the merchant numbered `out_trade_no`.
pub(super) async fn trade(pool: &sqlx::AnyPool, channel: PayChannel, out_trade_no: &str) -> Result<Option<Booked>, sqlx::Error> {
    trade_where(pool, channel, "out_trade_no", out_trade_no).await
}

/// The trade the channel numbered `trade_no` (its cashier's address).
async fn trade_by_no(pool: &sqlx::AnyPool, channel: PayChannel, trade_no: &str) -> Result<Option<Booked>, sqlx::Error> {
    trade_where(pool, channel, "trade_no", trade_no).await
}

async fn trade_where(pool: &sqlx::AnyPool, channel: PayChannel, column: &'static str, value: &str) -> Result<Option<Booked>, sqlx::Error> {
    sqlx::query(&format!("SELECT * FROM sandbox_trades WHERE channel = $1 AND {column} = $2"))
        .bind(channel.as_str())
        .bind(value)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(Booked::of)
        .transpose()
}

pub(super) struct NewBooking<'a> {
    pub channel: PayChannel,
    pub trade_no: &'a str,
    pub out_trade_no: &'a str,
    pub merchant: &'a str,
    pub amount_fen: u64,
    pub subject: &'a str,
    pub notify_url: &'a str,
    pub return_url: &'a str,
    pub time_expire: i64,
}

/// Opens a trade, or finds the one opened before under the same `out_trade_no`: `None` when that
/// one is for another amount. Asked again while open, it takes the latest request's addresses
/// (as a new page-pay form would carry).
pub(super) async fn open(state: &SandboxState, new: NewBooking<'_>) -> Result<Option<Booked>, sqlx::Error> {
    sqlx::query(
        "INSERT INTO sandbox_trades (channel, trade_no, out_trade_no, merchant, amount_fen, subject, notify_url, return_url, state, time_expire, mischief, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, 'normal', $10) \
         ON CONFLICT (channel, out_trade_no) DO UPDATE SET return_url = excluded.return_url, notify_url = excluded.notify_url \
         WHERE sandbox_trades.state = 'open' AND sandbox_trades.amount_fen = excluded.amount_fen",
    )
    .bind(new.channel.as_str())
    .bind(new.trade_no)
    .bind(new.out_trade_no)
    .bind(new.merchant)
    .bind(new.amount_fen as i64)
    .bind(new.subject)
    .bind(new.notify_url)
    .bind(new.return_url)
    .bind(new.time_expire)
    .bind(state.clock.now())
    .execute(&state.pool)
    .await?;
    Ok(trade(&state.pool, new.channel, new.out_trade_no).await?.filter(|t| t.amount_fen == new.amount_fen))
}

/// Closes a trade nobody has paid; answers it as it stands after.
pub(super) async fn close(state: &SandboxState, channel: PayChannel, out_trade_no: &str) -> Result<Option<Booked>, sqlx::Error> {
    sqlx::query("UPDATE sandbox_trades SET state = 'closed' WHERE channel = $1 AND out_trade_no = $2 AND state IN ('open', 'paying')")
        .bind(channel.as_str())
        .bind(out_trade_no)
        .execute(&state.pool)
        .await?;
    trade(&state.pool, channel, out_trade_no).await
}

pub(super) fn outbox_kind(channel: PayChannel) -> String {
    format!("sandbox.{}", channel.as_str())
}

/// What a refund request got.
pub(super) enum RefundTaken {
    /// Taken now or before (the same number for the same refund): it is this refund.
    Taken,
    /// The number was used for another refund.
    OtherRefund,
    /// More than the trade has left to give back.
    TooMuch,
}

/// Takes a refund of a paid trade and queues its notification for when the bank has given the
/// money back. The same number again is the same refund; refunds together never pass what the
/// trade took.
pub(super) async fn take_refund(
    state: &SandboxState,
    trade: &Booked,
    channel: PayChannel,
    request_no: &str,
    amount_fen: u64,
) -> Result<RefundTaken, sqlx::Error> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let taken = sqlx::query(
        "INSERT INTO sandbox_refunds (channel, out_trade_no, out_request_no, amount_fen, state, created_at) \
         SELECT $1, $2, $3, $4, 'processing', $5 WHERE \
         (SELECT COALESCE(SUM(amount_fen), 0) FROM sandbox_refunds WHERE channel = $6 AND out_trade_no = $7) + $8 <= $9 \
         ON CONFLICT (channel, out_request_no) DO NOTHING",
    )
    .bind(channel.as_str())
    .bind(trade.out_trade_no.as_str())
    .bind(request_no)
    .bind(amount_fen as i64)
    .bind(now)
    .bind(channel.as_str())
    .bind(trade.out_trade_no.as_str())
    .bind(amount_fen as i64)
    .bind(trade.amount_fen as i64)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 1 {
        let body = serde_json::json!({ "refund": request_no, "notify_id": random_token(16) }).to_string();
        let due = now + REFUND_TIME / i64::from(state.scale.max(1));
        outbox::enqueue(&mut tx, now, &outbox_kind(channel), &trade.out_trade_no, &body, due).await?;
    }
    tx.commit().await?;
    Ok(match refund(&state.pool, channel, request_no).await? {
        Some(same) if same.out_trade_no == trade.out_trade_no && same.amount_fen == amount_fen => RefundTaken::Taken,
        Some(_) => RefundTaken::OtherRefund,
        None => RefundTaken::TooMuch,
    })
}

pub(super) struct BookedRefund {
    pub out_trade_no: String,
    pub out_request_no: String,
    pub amount_fen: u64,
    /// processing or success.
    pub state: String,
    pub created_at: i64,
    pub refunded_at: Option<i64>,
}

pub(super) async fn refund(pool: &sqlx::AnyPool, channel: PayChannel, request_no: &str) -> Result<Option<BookedRefund>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM sandbox_refunds WHERE channel = $1 AND out_request_no = $2")
        .bind(channel.as_str())
        .bind(request_no)
        .fetch_optional(pool)
        .await?;
    row.map(|row| {
        Ok(BookedRefund {
            out_trade_no: row.try_get("out_trade_no")?,
            out_request_no: row.try_get("out_request_no")?,
            amount_fen: row.try_get::<i64, _>("amount_fen")? as u64,
            state: row.try_get("state")?,
            created_at: row.try_get("created_at")?,
            refunded_at: row.try_get("refunded_at")?,
        })
    })
    .transpose()
}

/// What a trade's refunds hold, taken or done.
pub(super) async fn refunded(pool: &sqlx::AnyPool, channel: PayChannel, out_trade_no: &str) -> Result<u64, sqlx::Error> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS n FROM sandbox_refunds WHERE channel = $1 AND out_trade_no = $2",
    )
    .bind(channel.as_str())
    .bind(out_trade_no)
    .fetch_one(pool)
    .await?;
    Ok(row.try_get::<i64, _>("n")? as u64)
}

/// Refunds of the trade the bank has had time to give back are done: what the trade has given
/// back in all. The bank works whether or not anyone is told.
pub(super) async fn given_back(
    pool: &sqlx::AnyPool,
    channel: PayChannel,
    out_trade_no: &str,
    now: i64,
    scale: u32,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE sandbox_refunds SET state = 'success', refunded_at = $1 WHERE channel = $2 AND out_trade_no = $3 \
         AND state = 'processing' AND created_at + $4 <= $5",
    )
    .bind(now)
    .bind(channel.as_str())
    .bind(out_trade_no)
    .bind(REFUND_TIME / i64::from(scale.max(1)))
    .bind(now)
    .execute(pool)
    .await?;
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS n FROM sandbox_refunds WHERE channel = $1 AND out_trade_no = $2 AND state = 'success'",
    )
    .bind(channel.as_str())
    .bind(out_trade_no)
    .fetch_one(pool)
    .await?;
    Ok(row.try_get::<i64, _>("n")? as u64)
}

/// A line of a day's statement: a payment completed, or a refund the bank gave back, that day.
pub(super) struct DayLine {
    pub trade: Booked,
    /// A refund's number and amount; `None` for the payment itself.
    pub refund: Option<(String, u64)>,
    /// When the money moved.
    pub at: i64,
}

/// The channel's books of a Shanghai day (`YYYY-MM-DD`), as far as it has gone: `None` for a
/// date that does not read. A refund is given back when the bank's time for it has passed.
pub(super) async fn day(state: &SandboxState, channel: PayChannel, date: &str) -> Result<Option<Vec<DayLine>>, sqlx::Error> {
    let Some(from) = crate::clock::parse_date(date).map(crate::clock::shanghai_midnight) else { return Ok(None) };
    // What has happened by now, this moment included.
    let until = (from + 24 * 60 * MINUTE).min(state.clock.now() + 1);
    let refund_time = REFUND_TIME / i64::from(state.scale.max(1));
    let paid = sqlx::query(
        "SELECT * FROM sandbox_trades WHERE channel = $1 AND state = 'paid' AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at",
    )
    .bind(channel.as_str())
    .bind(from)
    .bind(until)
    .fetch_all(&state.pool)
    .await?;
    let mut lines = Vec::new();
    for row in &paid {
        let trade = Booked::of(row)?;
        lines.push(DayLine { at: trade.paid_at.unwrap_or(from), trade, refund: None });
    }
    let refunds = sqlx::query(
        "SELECT out_trade_no, out_request_no, amount_fen, created_at FROM sandbox_refunds \
         WHERE channel = $1 AND created_at + $2 >= $3 AND created_at + $4 < $5 ORDER BY created_at",
    )
    .bind(channel.as_str())
    .bind(refund_time)
    .bind(from)
    .bind(refund_time)
    .bind(until)
    .fetch_all(&state.pool)
    .await?;
    for row in &refunds {
        let Some(trade) = trade(&state.pool, channel, &row.try_get::<String, _>("out_trade_no")?).await? else { continue };
        let refund = (row.try_get::<String, _>("out_request_no")?, row.try_get::<i64, _>("amount_fen")? as u64);
        lines.push(DayLine { trade, refund: Some(refund), at: row.try_get::<i64, _>("created_at")? + refund_time });
    }
    Ok(Some(lines))
}

/// A notification waiting in the outbox: what happened, told when it is sent.
#[derive(Deserialize)]
pub(super) struct Queued {
    pub notify_id: String,
    /// The state the trade reached (paid, paying …), as it was when chosen.
    #[serde(default)]
    pub event: Option<String>,
    /// The bank completes a slow payment: the trade is paid when this is sent.
    #[serde(default)]
    pub complete: bool,
    /// A refund given back.
    #[serde(default)]
    pub refund: Option<String>,
}

/// Reads a queued notification and does what the bank did meanwhile: a slow payment completes,
/// refunds whose time has come are given back. Answers the trade as it now stands.
pub(super) async fn before_sending(
    pool: &sqlx::AnyPool,
    channel: PayChannel,
    out_trade_no: &str,
    body: &str,
    now: i64,
    scale: u32,
) -> Result<(Queued, Booked), String> {
    let queued: Queued = serde_json::from_str(body).map_err(|e| format!("queued notification: {e}"))?;
    if queued.complete {
        sqlx::query("UPDATE sandbox_trades SET state = 'paid', paid_at = $1 WHERE channel = $2 AND out_trade_no = $3 AND state = 'paying'")
            .bind(now)
            .bind(channel.as_str())
            .bind(out_trade_no)
            .execute(pool)
            .await
            .map_err(|e| e.to_string())?;
    }
    given_back(pool, channel, out_trade_no, now, scale).await.map_err(|e| e.to_string())?;
    let trade = trade(pool, channel, out_trade_no).await.map_err(|e| e.to_string())?.ok_or("no such sandbox trade")?;
    Ok((queued, trade))
}

pub(super) fn routes(style: &'static Style) -> Router<SandboxState> {
    let path = format!("/sandbox/{}/cashier/{{trade_no}}", style.channel.as_str());
    Router::new().route(
        &path,
        get(move |state, path, query, headers| cashier(style, state, path, query, headers))
            .post(move |state, path, headers, form| cashier_choice(style, state, path, headers, form)),
    )
}

/// The cashier's words, in the reader's language.
fn words(style: &Style, lang: Lang) -> [&'static str; 21] {
    match lang {
        Lang::Zh => [
            style.title_zh,
            "这是测试用的模拟收银台，不会真实扣款。",
            "收款方",
            "上海市一网通办（沙箱商户）",
            "商品",
            "金额",
            "支付结果",
            "支付成功",
            "稍后成功（银行处理中）",
            "支付失败（余额不足）",
            "放弃支付",
            "银行系统故障",
            "异步通知",
            "正常发送",
            "重复发送三次",
            "延迟发送",
            "不发送（丢失）",
            "乱序发送",
            "确认",
            "这笔交易已结束或已过期，不能再支付。",
            "不支付，返回商户",
        ],
        Lang::En => [
            style.title_en,
            "A test cashier: no money is taken.",
            "Payee",
            "Shanghai One-Network Services (sandbox merchant)",
            "Item",
            "Amount",
            "Outcome",
            "Pay",
            "Pay, completed later (bank processing)",
            "Decline (not enough balance)",
            "Cancel the payment",
            "Bank system fault",
            "Notification",
            "Send normally",
            "Send three times",
            "Send late",
            "Do not send (lost)",
            "Send out of order",
            "Confirm",
            "This trade has ended or expired and cannot be paid.",
            "Go back without paying",
        ],
    }
}

fn outcome_label(w: &[&'static str; 21], outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pay => w[7],
        Outcome::PaySlow => w[8],
        Outcome::Decline => w[9],
        Outcome::Cancel => w[10],
        Outcome::Leave => w[20],
        Outcome::BankError => w[11],
    }
}

fn mischief_label(w: &[&'static str; 21], mischief: &str) -> &'static str {
    match mischief {
        "duplicate" => w[14],
        "delay" => w[15],
        "drop" => w[16],
        "reorder" => w[17],
        _ => w[13],
    }
}

fn page(lang: Lang, title: &str, main: String) -> Html<String> {
    let tag = if lang == Lang::Zh { "zh-CN" } else { "en" };
    Html(format!(
        "<!doctype html><html lang=\"{tag}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/sandbox/cashier.css\"></head><body><main>{main}</main></body></html>",
        title = html_escape::encode_text(title),
    ))
}

fn radios(name: &str, legend: &str, options: &[(&str, &str)]) -> String {
    let items: String = options
        .iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let checked = if i == 0 { " checked" } else { "" };
            format!(
                "<div class=\"option\"><input type=\"radio\" id=\"{name}-{value}\" name=\"{name}\" value=\"{value}\"{checked}>\
                 <label for=\"{name}-{value}\">{}</label></div>",
                html_escape::encode_text(label)
            )
        })
        .collect();
    format!("<fieldset><legend>{}</legend>{items}</fieldset>", html_escape::encode_text(legend))
}

fn ended(style: &Style, lang: Lang, back_to: &str) -> Response {
    let w = words(style, lang);
    let back = if back_to.is_empty() {
        String::new()
    } else {
        format!(
            "<p><a href=\"{}\">{}</a></p>",
            html_escape::encode_double_quoted_attribute(back_to),
            if lang == Lang::Zh { "返回" } else { "Go back" }
        )
    };
    page(lang, w[0], format!("<h1>{}</h1><p>{}</p>{back}", w[0], w[19])).into_response()
}

#[derive(Deserialize)]
struct CashierQuery {
    /// Where the payer goes afterwards, when the merchant adds it to the cashier's address
    /// (WeChat's H5 `redirect_url`) rather than giving it when opening the trade.
    #[serde(default)]
    redirect_url: Option<String>,
}

async fn cashier(
    style: &'static Style,
    State(state): State<SandboxState>,
    Path(trade_no): Path<String>,
    Query(query): Query<CashierQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = crate::web::reader_lang_of(&headers);
    let w = words(style, lang);
    let Ok(Some(trade)) = trade_by_no(&state.pool, style.channel, &trade_no).await else {
        return (StatusCode::NOT_FOUND, ended(style, lang, "")).into_response();
    };
    if !trade.payable(state.clock.now()) {
        return ended(style, lang, &trade.return_url);
    }
    // Only the merchant's own addresses, as a channel checks the domain it registered, and only
    // what can be sent back as a redirect.
    let back = query.redirect_url.filter(|url| {
        style.return_on_cashier_address && url.starts_with(&format!("{}/", state.origin)) && header::HeaderValue::from_str(url).is_ok()
    });
    if let Some(url) = back {
        let kept = sqlx::query("UPDATE sandbox_trades SET return_url = $1 WHERE channel = $2 AND trade_no = $3 AND state = 'open'")
            .bind(url.as_str())
            .bind(style.channel.as_str())
            .bind(trade_no.as_str())
            .execute(&state.pool)
            .await;
        if let Err(e) = kept {
            tracing::error!(error = %e, "sandbox cashier");
            return (StatusCode::SERVICE_UNAVAILABLE, ended(style, lang, "")).into_response();
        }
    }
    let outcomes: Vec<(&str, &str)> = style.outcomes.iter().map(|o| (o.value(), outcome_label(&w, *o))).collect();
    let mischiefs: Vec<(&str, &str)> = style.mischiefs.iter().map(|m| (*m, mischief_label(&w, m))).collect();
    let main = format!(
        "<h1>{title}</h1><p class=\"note\">{note}</p>\
         <dl><dt>{payee_l}</dt><dd>{payee}</dd><dt>{item_l}</dt><dd>{item}</dd><dt>{amount_l}</dt><dd class=\"amount\">¥{amount}</dd></dl>\
         <form method=\"post\" action=\"/sandbox/{channel}/cashier/{trade_no}\">{outcome}{notify}<button type=\"submit\">{confirm}</button></form>",
        title = w[0],
        note = w[1],
        payee_l = w[2],
        payee = w[3],
        item_l = w[4],
        item = html_escape::encode_text(&trade.subject),
        amount_l = w[5],
        amount = yuan(trade.amount_fen),
        channel = style.channel.as_str(),
        trade_no = html_escape::encode_double_quoted_attribute(&trade_no),
        outcome = radios("action", w[6], &outcomes),
        notify = radios("notify", w[12], &mischiefs),
        confirm = w[18],
    );
    page(lang, w[0], main).into_response()
}

#[derive(Deserialize)]
struct Choice {
    action: String,
    #[serde(default)]
    notify: Option<String>,
}

/// What the tester chose at the cashier: the trade moves, its notifications are queued with it,
/// and the browser goes back to the merchant's return address.
async fn cashier_choice(
    style: &'static Style,
    State(state): State<SandboxState>,
    Path(trade_no): Path<String>,
    headers: HeaderMap,
    Form(choice): Form<Choice>,
) -> Response {
    let lang = crate::web::reader_lang_of(&headers);
    let mischief = choice.notify.as_deref().unwrap_or("normal");
    let outcome = style.outcomes.iter().find(|o| o.value() == choice.action);
    let (Some(&outcome), true) = (outcome, style.mischiefs.contains(&mischief)) else {
        return (StatusCode::BAD_REQUEST, ended(style, lang, "")).into_response();
    };
    match choose(&state, style, &trade_no, outcome, mischief).await {
        Ok(Some(return_url)) if !return_url.is_empty() => (StatusCode::SEE_OTHER, [(header::LOCATION, return_url)]).into_response(),
        Ok(_) => ended(style, lang, ""),
        Err(e) => {
            tracing::error!(error = %e, "sandbox cashier");
            (StatusCode::SERVICE_UNAVAILABLE, ended(style, lang, "")).into_response()
        }
    }
}

async fn choose(
    state: &SandboxState,
    style: &Style,
    trade_no: &str,
    outcome: Outcome,
    mischief: &str,
) -> Result<Option<String>, sqlx::Error> {
    let now = state.clock.now();
    let Some(trade) = trade_by_no(&state.pool, style.channel, trade_no).await?.filter(|t| t.payable(now)) else {
        return Ok(None);
    };
    let Some((to, sub_code)) = outcome.moves_to() else {
        return Ok(Some(trade.return_url));
    };
    let scale = i64::from(state.scale.max(1));
    let mut tx = state.pool.begin().await?;
    let moved = sqlx::query(
        "UPDATE sandbox_trades SET state = $1, sub_code = $2, mischief = $3, paid_at = CASE WHEN $4 = 'paid' THEN $5 ELSE paid_at END \
         WHERE channel = $6 AND trade_no = $7 AND state = 'open' AND time_expire + $8 > $9",
    )
    .bind(to)
    .bind(sub_code)
    .bind(mischief)
    .bind(to)
    .bind(now)
    .bind(style.channel.as_str())
    .bind(trade_no)
    .bind(GRACE)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(None);
    }
    let notify_id = random_token(16);
    let notice = |event: &str| serde_json::json!({ "event": event, "notify_id": notify_id }).to_string();
    let sends: Vec<(i64, String)> = if to == "paying" {
        // The bank completes the payment later; that is when the notification goes.
        vec![(now + SLOW_PAYMENT / scale, serde_json::json!({ "complete": true, "notify_id": notify_id }).to_string())]
    } else if !(style.notifies)(to) {
        Vec::new()
    } else {
        match mischief {
            // Sent as separate deliveries, as a channel's duplicates are: each signed on its own.
            "duplicate" => {
                (0..3).map(|n| (now, serde_json::json!({ "event": to, "notify_id": format!("{notify_id}-{n}") }).to_string())).collect()
            }
            "delay" => vec![(now + DELAY / scale, notice(to))],
            "drop" => Vec::new(),
            // What happened first (the payer confirming) arrives after what happened next.
            "reorder" if to == "paid" => vec![(now, notice(to)), (now + SECOND / scale, notice("paying"))],
            _ => vec![(now, notice(to))],
        }
    };
    let kind = outbox_kind(style.channel);
    for (due, body) in sends {
        outbox::enqueue(&mut tx, now, &kind, &trade.out_trade_no, &body, due).await?;
    }
    tx.commit().await?;
    Ok(Some(trade.return_url))
}
