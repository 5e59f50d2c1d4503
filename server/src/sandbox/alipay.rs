//! The sandbox Alipay: a gateway taking RSA2-signed form requests (`alipay.trade.wap.pay`,
//! `.query`, `.close`, `.refund`, `.fastpay.refund.query`) and answering signed JSON; a cashier page where the tester pays, declines,
//! cancels or makes the bank fail, and chooses how the notification goes; and the notifications,
//! sent by the outbox with Alipay's schedule (4 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h: eight sends),
//! each signed afresh, until the portal answers exactly `success`.

use axum::body::Body;
use axum::extract::{Form, Path, State};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use sqlx::Row;
use tongban_api::payments::{parse_yuan, yuan};
use tongban_api::Lang;
use tower::ServiceExt;

use super::{SandboxState, KEYS};
use crate::clock::{parse_shanghai_datetime, shanghai_datetime, MINUTE, SECOND};
use crate::outbox;
use crate::payments::alipay::NOTIFY_PATH;
use crate::payments::rsa2;
use crate::secrets::{random_bytes, random_token};
use crate::AppState;

pub const ALIPAY_APP_ID: &str = "2021000000000001";
pub const ALIPAY_SELLER_ID: &str = "2088000000000001";
/// A channel closes loosely: payment is still taken this long after the trade's expiry.
const GRACE: i64 = 5 * MINUTE;
/// Alipay's waits between sends of one notification.
const SCHEDULE_MINUTES: [i64; 7] = [4, 10, 10, 60, 120, 360, 900];
/// How long "pay slowly" keeps the trade waiting for the bank.
const SLOW_PAYMENT: i64 = 30 * SECOND;
/// How long "delay" holds the notification back.
const DELAY: i64 = 60 * SECOND;
/// How long the bank takes to give a refund back.
const REFUND_TIME: i64 = 60 * SECOND;

pub fn routes() -> Router<SandboxState> {
    Router::new()
        .route("/sandbox/alipay/gateway.do", post(gateway))
        .route("/sandbox/alipay/cashier/{trade_no}", get(cashier).post(cashier_choice))
}

/// Wait before the next send, after `sends` sends, or `None` when Alipay gives up.
pub fn retry_after(sends: i64, scale: u32) -> Option<i64> {
    let minutes = *SCHEDULE_MINUTES.get(usize::try_from(sends - 1).ok()?)?;
    Some(minutes * MINUTE / i64::from(scale.max(1)))
}

fn digits(n: usize) -> String {
    let bytes = random_bytes::<16>();
    bytes.iter().take(n).map(|b| char::from(b'0' + b % 10)).collect()
}

/// A signed gateway answer: `{"<method>_response": {...}, "sign": "..."}`.
fn answer(method: &str, body: serde_json::Value) -> Response {
    let raw = body.to_string();
    let sign = rsa2::sign(&KEYS.alipay_platform.0, &raw);
    let name = format!("{}_response", method.replace('.', "_"));
    let text = format!("{{\"{name}\":{raw},\"sign\":{}}}", serde_json::Value::String(sign));
    ([(header::CONTENT_TYPE, "application/json;charset=utf-8")], text).into_response()
}

fn refused(method: &str, code: &str, sub_code: &str, sub_msg: &str) -> Response {
    answer(method, serde_json::json!({ "code": code, "msg": "Business Failed", "sub_code": sub_code, "sub_msg": sub_msg }))
}

#[derive(Deserialize)]
struct Biz {
    out_trade_no: String,
    #[serde(default)]
    total_amount: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    time_expire: Option<String>,
    #[serde(default)]
    out_request_no: Option<String>,
    #[serde(default)]
    refund_amount: Option<String>,
}

/// The trade as a query or a close describes it.
pub(super) fn trade_answer(row: &sqlx::any::AnyRow) -> Result<serde_json::Value, sqlx::Error> {
    let state: String = row.try_get("state")?;
    let sub_code: Option<String> = row.try_get("sub_code")?;
    let trade_status = match state.as_str() {
        "paying" => "WAIT_BUYER_PAY",
        "paid" => "TRADE_SUCCESS",
        _ => "TRADE_CLOSED",
    };
    let mut body = serde_json::json!({
        "code": "10000", "msg": "Success",
        "trade_no": row.try_get::<String, _>("trade_no")?,
        "out_trade_no": row.try_get::<String, _>("out_trade_no")?,
        "seller_id": row.try_get::<String, _>("merchant")?,
        "trade_status": trade_status,
        "total_amount": yuan(row.try_get::<i64, _>("amount_fen")? as u64),
    });
    if let Some(sub_code) = sub_code.filter(|_| trade_status == "TRADE_CLOSED") {
        body["sub_code"] = sub_code.into();
    }
    Ok(body)
}

async fn gateway(State(state): State<SandboxState>, Form(params): Form<Vec<(String, String)>>) -> Response {
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let method = get("method").unwrap_or_default().to_string();
    let content = rsa2::signing_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if get("app_id") != Some(ALIPAY_APP_ID) {
        return refused(&method, "40002", "isv.invalid-app-id", "unknown app_id");
    }
    if !get("sign").is_some_and(|sign| rsa2::verify(&KEYS.alipay_app.1, &content, sign)) {
        return refused(&method, "40002", "isv.invalid-signature", "signature does not verify");
    }
    let Some(biz) = get("biz_content").and_then(|b| serde_json::from_str::<Biz>(b).ok()) else {
        return refused(&method, "40002", "isv.invalid-parameter", "biz_content");
    };
    let result = match method.as_str() {
        "alipay.trade.wap.pay" => open_trade(&state, &method, &biz, get("notify_url"), get("return_url")).await,
        "alipay.trade.query" => query_trade(&state, &method, &biz).await,
        "alipay.trade.close" => close_trade(&state, &method, &biz).await,
        "alipay.trade.refund" => refund_trade(&state, &method, &biz).await,
        "alipay.trade.fastpay.refund.query" => query_refund(&state, &method, &biz).await,
        _ => Ok(refused(&method, "40004", "isv.invalid-method", "unknown method")),
    };
    result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "sandbox Alipay gateway");
        refused(&method, "20000", "isp.unknown-error", "system busy")
    })
}

async fn open_trade(
    state: &SandboxState,
    method: &str,
    biz: &Biz,
    notify_url: Option<&str>,
    return_url: Option<&str>,
) -> Result<Response, sqlx::Error> {
    let (Some(amount), Some(subject), Some(expire), Some(notify_url), Some(return_url)) = (
        biz.total_amount.as_deref().and_then(parse_yuan).filter(|a| *a > 0),
        biz.subject.as_deref(),
        biz.time_expire.as_deref().and_then(parse_shanghai_datetime),
        notify_url,
        return_url,
    ) else {
        return Ok(refused(
            method,
            "40002",
            "isv.invalid-parameter",
            "total_amount, subject, time_expire, notify_url and return_url are required",
        ));
    };
    if ![notify_url, return_url].iter().all(|url| url.starts_with(&format!("{}/", state.origin))) {
        return Ok(refused(method, "40004", "ACQ.INVALID_PARAMETER", "notify_url and return_url must be the merchant's own addresses"));
    }
    let now = state.clock.now();
    let trade_no = format!("{}2200{}", crate::clock::shanghai_date(now).replace('-', ""), digits(16));
    sqlx::query(
        "INSERT INTO sandbox_trades (channel, trade_no, out_trade_no, merchant, amount_fen, subject, notify_url, return_url, state, time_expire, mischief, created_at) \
         VALUES ('alipay', $1, $2, $3, $4, $5, $6, $7, 'open', $8, 'normal', $9) \
         ON CONFLICT (channel, out_trade_no) DO UPDATE SET return_url = excluded.return_url, notify_url = excluded.notify_url \
         WHERE sandbox_trades.state = 'open' AND sandbox_trades.amount_fen = excluded.amount_fen",
    )
    .bind(trade_no.as_str())
    .bind(biz.out_trade_no.as_str())
    .bind(ALIPAY_SELLER_ID)
    .bind(amount as i64)
    .bind(subject)
    .bind(notify_url)
    .bind(return_url)
    .bind(expire)
    .bind(now)
    .execute(&state.pool)
    .await?;
    // The same out_trade_no again opens nothing new: it is the same trade, if it is the same
    // amount, with the addresses of the latest request (as a new page-pay form would carry).
    let row = sqlx::query("SELECT trade_no, amount_fen FROM sandbox_trades WHERE channel = 'alipay' AND out_trade_no = $1")
        .bind(biz.out_trade_no.as_str())
        .fetch_one(&state.pool)
        .await?;
    if row.try_get::<i64, _>("amount_fen")? as u64 != amount {
        return Ok(refused(method, "40004", "ACQ.CONTEXT_INCONSISTENT", "the trade exists with another amount"));
    }
    let trade_no: String = row.try_get("trade_no")?;
    Ok(answer(
        method,
        serde_json::json!({
            "code": "10000", "msg": "Success", "out_trade_no": biz.out_trade_no, "trade_no": trade_no,
            "cashier_url": format!("/sandbox/alipay/cashier/{trade_no}"),
        }),
    ))
}

async fn trade_row(state: &SandboxState, out_trade_no: &str) -> Result<Option<sqlx::any::AnyRow>, sqlx::Error> {
    sqlx::query("SELECT * FROM sandbox_trades WHERE channel = 'alipay' AND out_trade_no = $1")
        .bind(out_trade_no)
        .fetch_optional(&state.pool)
        .await
}

async fn query_trade(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    match trade_row(state, &biz.out_trade_no).await? {
        // Like a page-pay trade nobody has paid, an open trade does not exist for a query yet.
        Some(row) if row.try_get::<String, _>("state")? != "open" => Ok(answer(method, trade_answer(&row)?)),
        _ => Ok(refused(method, "40004", "ACQ.TRADE_NOT_EXIST", "trade does not exist")),
    }
}

async fn close_trade(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    sqlx::query(
        "UPDATE sandbox_trades SET state = 'closed' WHERE channel = 'alipay' AND out_trade_no = $1 AND state IN ('open', 'paying')",
    )
    .bind(biz.out_trade_no.as_str())
    .execute(&state.pool)
    .await?;
    match trade_row(state, &biz.out_trade_no).await? {
        Some(row) if row.try_get::<String, _>("state")? == "paid" => {
            Ok(refused(method, "40004", "ACQ.TRADE_STATUS_ERROR", "trade is paid"))
        }
        Some(row) => Ok(answer(method, trade_answer(&row)?)),
        None => Ok(refused(method, "40004", "ACQ.TRADE_NOT_EXIST", "trade does not exist")),
    }
}

/// Takes a refund of a paid trade and queues its notification for when the bank has given the
/// money back. The same `out_request_no` again is the same refund; refunds together never pass
/// what the trade took.
async fn refund_trade(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    let (Some(request_no), Some(amount)) = (
        biz.out_request_no.as_deref().filter(|n| !n.is_empty() && n.len() <= 64),
        biz.refund_amount.as_deref().and_then(parse_yuan).filter(|a| *a > 0),
    ) else {
        return Ok(refused(method, "40002", "isv.invalid-parameter", "out_request_no and refund_amount are required"));
    };
    let Some(trade) = trade_row(state, &biz.out_trade_no).await? else {
        return Ok(refused(method, "40004", "ACQ.TRADE_NOT_EXIST", "trade does not exist"));
    };
    if trade.try_get::<String, _>("state")? != "paid" {
        return Ok(refused(method, "40004", "ACQ.TRADE_STATUS_ERROR", "trade is not paid"));
    }
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let taken = sqlx::query(
        "INSERT INTO sandbox_refunds (channel, out_trade_no, out_request_no, amount_fen, state, created_at) \
         SELECT 'alipay', $1, $2, $3, 'processing', $4 WHERE \
         (SELECT COALESCE(SUM(amount_fen), 0) FROM sandbox_refunds WHERE channel = 'alipay' AND out_trade_no = $5) + $6 <= $7 \
         ON CONFLICT (channel, out_request_no) DO NOTHING",
    )
    .bind(biz.out_trade_no.as_str())
    .bind(request_no)
    .bind(amount as i64)
    .bind(now)
    .bind(biz.out_trade_no.as_str())
    .bind(amount as i64)
    .bind(trade.try_get::<i64, _>("amount_fen")?)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 1 {
        let body = serde_json::json!({ "refund": request_no, "notify_id": random_token(16) }).to_string();
        let due = now + REFUND_TIME / i64::from(state.scale.max(1));
        outbox::enqueue(&mut tx, now, "sandbox.alipay", &biz.out_trade_no, &body, due).await?;
    }
    tx.commit().await?;
    let same = sqlx::query("SELECT out_trade_no, amount_fen FROM sandbox_refunds WHERE channel = 'alipay' AND out_request_no = $1")
        .bind(request_no)
        .fetch_optional(&state.pool)
        .await?;
    match same {
        Some(row)
            if row.try_get::<String, _>("out_trade_no")? == biz.out_trade_no && row.try_get::<i64, _>("amount_fen")? as u64 == amount =>
        {
            Ok(answer(
                method,
                serde_json::json!({
                    "code": "10000", "msg": "Success", "out_trade_no": biz.out_trade_no,
                    "trade_no": trade.try_get::<String, _>("trade_no")?, "refund_fee": yuan(refunded(state, &biz.out_trade_no).await?),
                    "fund_change": "N",
                }),
            ))
        }
        Some(_) => Ok(refused(method, "40004", "ACQ.CONTEXT_INCONSISTENT", "out_request_no was used for another refund")),
        None => Ok(refused(method, "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "refund amount exceeds what the trade can refund")),
    }
}

/// What a trade's refunds hold, taken or done.
async fn refunded(state: &SandboxState, out_trade_no: &str) -> Result<u64, sqlx::Error> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS n FROM sandbox_refunds WHERE channel = 'alipay' AND out_trade_no = $1",
    )
    .bind(out_trade_no)
    .fetch_one(&state.pool)
    .await?;
    Ok(row.try_get::<i64, _>("n")? as u64)
}

/// A refund as Alipay describes it; one it does not know is a success with no refund in it.
async fn query_refund(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    refunds_given_back(&state.pool, &biz.out_trade_no, state.clock.now(), state.scale).await?;
    let row = sqlx::query("SELECT * FROM sandbox_refunds WHERE channel = 'alipay' AND out_request_no = $1 AND out_trade_no = $2")
        .bind(biz.out_request_no.as_deref().unwrap_or_default())
        .bind(biz.out_trade_no.as_str())
        .fetch_optional(&state.pool)
        .await?;
    let mut body = serde_json::json!({ "code": "10000", "msg": "Success" });
    if let Some(row) = row {
        body["out_trade_no"] = biz.out_trade_no.clone().into();
        body["out_request_no"] = row.try_get::<String, _>("out_request_no")?.into();
        body["refund_amount"] = yuan(row.try_get::<i64, _>("amount_fen")? as u64).into();
        if row.try_get::<String, _>("state")? == "success" {
            body["refund_status"] = "REFUND_SUCCESS".into();
        }
    }
    Ok(answer(method, body))
}

/// The cashier's words, in the reader's language.
fn words(lang: Lang) -> [&'static str; 20] {
    match lang {
        Lang::Zh => [
            "支付宝（沙箱）收银台",
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
        ],
        Lang::En => [
            "Alipay (sandbox) cashier",
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
        ],
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

async fn cashier(State(state): State<SandboxState>, Path(trade_no): Path<String>, headers: HeaderMap) -> Response {
    let lang = crate::web::reader_lang_of(&headers);
    let w = words(lang);
    let row = sqlx::query("SELECT * FROM sandbox_trades WHERE channel = 'alipay' AND trade_no = $1")
        .bind(trade_no.as_str())
        .fetch_optional(&state.pool)
        .await;
    let Ok(Some(row)) = row else {
        return (StatusCode::NOT_FOUND, page(lang, w[0], format!("<h1>{}</h1><p>{}</p>", w[0], w[19]))).into_response();
    };
    let get = |c: &str| row.try_get::<String, _>(c).unwrap_or_default();
    let open = get("state") == "open" && row.try_get::<i64, _>("time_expire").unwrap_or(0) + GRACE > state.clock.now();
    if !open {
        let back = format!(
            "<p><a href=\"{}\">{}</a></p>",
            html_escape::encode_double_quoted_attribute(&get("return_url")),
            if lang == Lang::Zh { "返回" } else { "Go back" }
        );
        return page(lang, w[0], format!("<h1>{}</h1><p>{}</p>{back}", w[0], w[19])).into_response();
    }
    let amount = yuan(row.try_get::<i64, _>("amount_fen").unwrap_or(0) as u64);
    let main = format!(
        "<h1>{title}</h1><p class=\"note\">{note}</p>\
         <dl><dt>{payee_l}</dt><dd>{payee}</dd><dt>{item_l}</dt><dd>{item}</dd><dt>{amount_l}</dt><dd class=\"amount\">¥{amount}</dd></dl>\
         <form method=\"post\">{outcome}{notify}<button type=\"submit\">{confirm}</button></form>",
        title = w[0],
        note = w[1],
        payee_l = w[2],
        payee = w[3],
        item_l = w[4],
        item = html_escape::encode_text(&get("subject")),
        amount_l = w[5],
        outcome = radios("action", w[6], &[("pay", w[7]), ("pay_slow", w[8]), ("decline", w[9]), ("cancel", w[10]), ("bank_error", w[11])]),
        notify = radios("notify", w[12], &[("normal", w[13]), ("duplicate", w[14]), ("delay", w[15]), ("drop", w[16]), ("reorder", w[17])]),
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
/// and the browser goes back to the portal's return address.
async fn cashier_choice(
    State(state): State<SandboxState>,
    Path(trade_no): Path<String>,
    headers: HeaderMap,
    Form(choice): Form<Choice>,
) -> Response {
    let lang = crate::web::reader_lang_of(&headers);
    let closed = || page(lang, words(lang)[0], format!("<h1>{}</h1><p>{}</p>", words(lang)[0], words(lang)[19])).into_response();
    let mischief = choice.notify.as_deref().unwrap_or("normal");
    if !["normal", "duplicate", "delay", "drop", "reorder"].contains(&mischief) {
        return (StatusCode::BAD_REQUEST, closed()).into_response();
    }
    let (to, sub_code, status) = match choice.action.as_str() {
        "pay" => ("paid", None, "TRADE_SUCCESS"),
        "pay_slow" => ("paying", None, "WAIT_BUYER_PAY"),
        "decline" => ("declined", Some("ACQ.PAYMENT_FAIL"), "TRADE_CLOSED"),
        "cancel" => ("closed", None, "TRADE_CLOSED"),
        "bank_error" => ("bank_error", Some("ACQ.SYSTEM_ERROR"), "TRADE_CLOSED"),
        _ => return (StatusCode::BAD_REQUEST, closed()).into_response(),
    };
    match choose(&state, &trade_no, to, sub_code, status, mischief).await {
        Ok(Some(return_url)) => (StatusCode::SEE_OTHER, [(header::LOCATION, return_url)]).into_response(),
        Ok(None) => closed(),
        Err(e) => {
            tracing::error!(error = %e, "sandbox Alipay cashier");
            (StatusCode::SERVICE_UNAVAILABLE, closed()).into_response()
        }
    }
}

async fn choose(
    state: &SandboxState,
    trade_no: &str,
    to: &str,
    sub_code: Option<&str>,
    status: &str,
    mischief: &str,
) -> Result<Option<String>, sqlx::Error> {
    let now = state.clock.now();
    let scale = i64::from(state.scale.max(1));
    let mut tx = state.pool.begin().await?;
    let moved = sqlx::query(
        "UPDATE sandbox_trades SET state = $1, sub_code = $2, mischief = $3, paid_at = CASE WHEN $4 = 'paid' THEN $5 ELSE paid_at END \
         WHERE channel = 'alipay' AND trade_no = $6 AND state = 'open' AND time_expire + $7 > $8",
    )
    .bind(to)
    .bind(sub_code)
    .bind(mischief)
    .bind(to)
    .bind(now)
    .bind(trade_no)
    .bind(GRACE)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(None);
    }
    let row = sqlx::query("SELECT out_trade_no, return_url FROM sandbox_trades WHERE channel = 'alipay' AND trade_no = $1")
        .bind(trade_no)
        .fetch_one(&mut *tx)
        .await?;
    let out_trade_no: String = row.try_get("out_trade_no")?;
    let notify_id = random_token(16);
    let notice = |status: &str| serde_json::json!({ "status": status, "notify_id": notify_id }).to_string();
    let queue = |at: i64, body: String| (at, body);
    let sends: Vec<(i64, String)> = if to == "paying" {
        // The bank completes the payment later; that is when the notification goes.
        vec![queue(now + SLOW_PAYMENT / scale, serde_json::json!({ "complete": true, "notify_id": notify_id }).to_string())]
    } else {
        match mischief {
            // Sent as separate deliveries, as a channel's duplicates are: each signed on its own.
            "duplicate" => (0..3)
                .map(|n| queue(now, serde_json::json!({ "status": status, "notify_id": format!("{notify_id}-{n}") }).to_string()))
                .collect(),
            "delay" => vec![queue(now + DELAY / scale, notice(status))],
            "drop" => Vec::new(),
            // What happened first (the payer confirming) arrives after what happened next.
            "reorder" if to == "paid" => vec![queue(now, notice(status)), queue(now + SECOND / scale, notice("WAIT_BUYER_PAY"))],
            _ => vec![queue(now, notice(status))],
        }
    };
    for (due, body) in sends {
        outbox::enqueue(&mut tx, now, "sandbox.alipay", &out_trade_no, &body, due).await?;
    }
    tx.commit().await?;
    Ok(Some(row.try_get("return_url")?))
}

#[derive(Deserialize)]
struct Queued {
    notify_id: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    complete: bool,
    /// A refund given back: its notification.
    #[serde(default)]
    refund: Option<String>,
}

/// A notification of `status` about `trade` (as a query describes it), signed now with the
/// platform's key: the form Alipay posts to the merchant's notify address.
pub(super) fn signed_notification(
    trade: &serde_json::Value,
    status: &str,
    notify_id: &str,
    created_at: i64,
    paid_at: Option<i64>,
    now: i64,
    extra: &[(&str, &str)],
) -> Result<String, String> {
    let notify_time = shanghai_datetime(now);
    let gmt_create = shanghai_datetime(created_at);
    let gmt_payment = paid_at.map(shanghai_datetime).unwrap_or_default();
    let text = |k: &str| trade[k].as_str().unwrap_or_default().to_string();
    let (trade_no, out_trade_no, amount, sub_code) = (text("trade_no"), text("out_trade_no"), text("total_amount"), text("sub_code"));
    let mut params: Vec<(&str, &str)> = vec![
        ("notify_time", &notify_time),
        ("notify_type", "trade_status_sync"),
        ("notify_id", notify_id),
        ("app_id", ALIPAY_APP_ID),
        ("charset", "utf-8"),
        ("version", "1.0"),
        ("sign_type", "RSA2"),
        ("trade_no", &trade_no),
        ("out_trade_no", &out_trade_no),
        ("seller_id", ALIPAY_SELLER_ID),
        ("trade_status", status),
        ("total_amount", &amount),
        ("receipt_amount", &amount),
        ("gmt_create", &gmt_create),
    ];
    if status == "TRADE_SUCCESS" {
        params.push(("gmt_payment", &gmt_payment));
    }
    if status == "TRADE_CLOSED" && !sub_code.is_empty() {
        params.push(("sub_code", &sub_code));
    }
    params.extend_from_slice(extra);
    let sign = rsa2::sign(&KEYS.alipay_platform.0, &rsa2::signing_content(params.iter().copied()));
    params.push(("sign", &sign));
    serde_urlencoded::to_string(&params).map_err(|e| e.to_string())
}

/// Sends one queued notification to the portal, signed now; Ok when the portal answered exactly
/// `success`.
pub async fn deliver(state: &AppState, out_trade_no: &str, body: &str) -> Result<(), String> {
    let queued: Queued = serde_json::from_str(body).map_err(|e| format!("queued notification: {e}"))?;
    let now = state.clock.now();
    if queued.complete {
        sqlx::query(
            "UPDATE sandbox_trades SET state = 'paid', paid_at = $1 WHERE channel = 'alipay' AND out_trade_no = $2 AND state = 'paying'",
        )
        .bind(now)
        .bind(out_trade_no)
        .execute(&state.pool)
        .await
        .map_err(|e| e.to_string())?;
    }
    let row = sqlx::query("SELECT * FROM sandbox_trades WHERE channel = 'alipay' AND out_trade_no = $1")
        .bind(out_trade_no)
        .fetch_optional(&state.pool)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no such sandbox trade")?;
    let trade = trade_answer(&row).map_err(|e| e.to_string())?;
    let mut status = queued.status.unwrap_or_else(|| trade["trade_status"].as_str().unwrap_or("TRADE_CLOSED").to_string());
    let created_at = row.try_get::<i64, _>("created_at").map_err(|e| e.to_string())?;
    let paid_at = row.try_get::<Option<i64>, _>("paid_at").map_err(|e| e.to_string())?;
    let gmt_refund = shanghai_datetime(now);
    let mut refund_fee = String::new();
    if queued.refund.is_some() {
        let total = refunds_given_back(&state.pool, out_trade_no, now, state.config.sandbox_time_scale).await.map_err(|e| e.to_string())?;
        // Alipay closes a trade once all of it is given back.
        if total == row.try_get::<i64, _>("amount_fen").map_err(|e| e.to_string())? as u64 {
            status = "TRADE_CLOSED".into();
        }
        refund_fee = yuan(total);
    }
    let extra: Vec<(&str, &str)> = match &queued.refund {
        Some(request_no) => {
            vec![("out_biz_no", request_no.as_str()), ("refund_fee", refund_fee.as_str()), ("gmt_refund", gmt_refund.as_str())]
        }
        None => Vec::new(),
    };
    let form = signed_notification(&trade, &status, &queued.notify_id, created_at, paid_at, now, &extra)?;
    let request = Request::post(NOTIFY_PATH)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8")
        .body(Body::from(form))
        .map_err(|e| e.to_string())?;
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), crate::payments::notify_router(state.clone()).oneshot(request))
        .await
        .map_err(|_| "the portal did not answer in time".to_string())?
        .map_err(|e| e.to_string())?;
    let status = answer.status();
    let body = axum::body::to_bytes(answer.into_body(), 4096).await.map_err(|e| e.to_string())?;
    if status == StatusCode::OK && body.as_ref() == b"success" {
        Ok(())
    } else {
        Err(format!("the portal answered {status} {}", String::from_utf8_lossy(&body)))
    }
}

/// Refunds of the trade the bank has had time to give back are done: what the trade has given
/// back in all. The bank works whether or not anyone is told.
async fn refunds_given_back(pool: &sqlx::AnyPool, out_trade_no: &str, now: i64, scale: u32) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE sandbox_refunds SET state = 'success', refunded_at = $1 WHERE channel = 'alipay' AND out_trade_no = $2 \
         AND state = 'processing' AND created_at + $3 <= $4",
    )
    .bind(now)
    .bind(out_trade_no)
    .bind(REFUND_TIME / i64::from(scale.max(1)))
    .bind(now)
    .execute(pool)
    .await?;
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS n FROM sandbox_refunds WHERE channel = 'alipay' AND out_trade_no = $1 AND state = 'success'",
    )
    .bind(out_trade_no)
    .fetch_one(pool)
    .await?;
    Ok(row.try_get::<i64, _>("n")? as u64)
}

#[cfg(test)]
mod tests {
    use super::retry_after;
    use crate::clock::MINUTE;

    #[test]
    fn eight_sends_over_a_day() {
        assert_eq!(retry_after(1, 1), Some(4 * MINUTE));
        assert_eq!(retry_after(7, 1), Some(900 * MINUTE));
        assert_eq!(retry_after(8, 1), None);
        assert_eq!(retry_after(1, 60), Some(4 * MINUTE / 60));
        let total: i64 = (1..8).filter_map(|n| retry_after(n, 1)).sum();
        assert!((24 * 60 * MINUTE..26 * 60 * MINUTE).contains(&total), "about 25 hours: {total}");
    }
}
