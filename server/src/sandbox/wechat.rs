//! The sandbox WeChat Pay (API v3): REST paths taking JSON requests signed in the merchant's
//! `Authorization` header (`/v3/pay/transactions/h5`, the query and close of a trade by the
//! merchant's number, `/v3/refund/domestic/refunds` and its query) and answering JSON signed in
//! `Wechatpay-*` headers, about the trades in the sandbox's books; an H5 cashier; and its
//! notifications — only of payments made and refunds given back, as WeChat sends — each a resource
//! sealed with the merchant's API v3 key, signed afresh and sent by the outbox on WeChat's
//! schedule (15 s, 15 s, 30 s, 3 m, 10 m, 20 m, 30 m, 30 m, 30 m, 1 h, 3 h, 3 h, 3 h, 6 h, 6 h)
//! until the portal answers 200 or 204.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, Request, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use serde::Deserialize;
use tongban_api::payments::{yuan, PayChannel};

use super::books::{self, Booked, NewBooking, Outcome, RefundTaken, Style};
use super::{SandboxState, KEYS};
use crate::clock::{parse_rfc3339, shanghai_rfc3339, SECOND};
use crate::payments::rsa2;
use crate::payments::wechat::{
    answer_message, request_message, seal, Authorization, AEAD, NONCE, NOTIFY_PATH, SERIAL, SIGNATURE, TIMESTAMP,
};
use crate::secrets::random_token;
use crate::AppState;

pub const WECHAT_APP_ID: &str = "wx5a1e0000000000b1";
pub const WECHAT_MCH_ID: &str = "1900000109";
/// The serial numbers of the merchant's and the platform's certificates, as WeChat names keys.
pub const WECHAT_MERCHANT_SERIAL: &str = "3775B6A45ACD588826D15E583A95F5DD00000001";
pub const WECHAT_PLATFORM_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7200000001";
/// The merchant's API v3 key, which seals notification resources (published: it is the sandbox's).
pub const WECHAT_API_V3_KEY: &[u8; 32] = b"TongbanSandboxApiV3Key0000000001";
/// WeChat's waits between sends of one notification, in seconds.
const SCHEDULE_SECS: [i64; 15] = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
/// A request signed longer ago than this is refused, as WeChat's five minutes.
const REQUEST_FRESH: i64 = 300 * SECOND;
const CHANNEL: PayChannel = PayChannel::Wechat;

/// An H5 payment is made or not: a payer whose payment fails or who leaves the cashier leaves the
/// trade unpaid (NOTPAY) to try again. WeChat tells the merchant only of payments made, and
/// nothing it sends can be put out of order.
pub(super) static STYLE: Style = Style {
    channel: CHANNEL,
    title_zh: "微信支付（沙箱）收银台",
    title_en: "WeChat Pay (sandbox) cashier",
    outcomes: &[Outcome::Pay, Outcome::Leave],
    mischiefs: &["normal", "duplicate", "delay", "drop"],
    notifies: |state| state == "paid",
    return_on_cashier_address: true,
};

pub fn routes() -> Router<SandboxState> {
    Router::new().route("/sandbox/wechat/v3/{*path}", any(api)).merge(books::routes(&STYLE))
}

/// Wait before the next send, after `sends` sends, or `None` when WeChat gives up.
pub fn retry_after(sends: i64, scale: u32) -> Option<i64> {
    let secs = *SCHEDULE_SECS.get(usize::try_from(sends - 1).ok()?)?;
    Some(secs * SECOND / i64::from(scale.max(1)))
}

/// Signs `body` as the platform: the `Wechatpay-*` headers that go with it.
fn platform_headers(body: &str, now: i64) -> [(&'static str, String); 5] {
    let timestamp = (now / SECOND).to_string();
    let nonce = random_token(16);
    let signature = rsa2::sign(&KEYS.wechat_platform.0, &answer_message(&timestamp, &nonce, body));
    [
        (TIMESTAMP, timestamp),
        (NONCE, nonce),
        (SIGNATURE, signature),
        (SERIAL, WECHAT_PLATFORM_SERIAL.to_string()),
        ("wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048".to_string()),
    ]
}

/// A signed answer: its status, and its JSON (none for 204).
fn answer(status: StatusCode, body: Option<serde_json::Value>, now: i64) -> Response {
    let text = body.map(|b| b.to_string()).unwrap_or_default();
    let mut response = (status, text.clone()).into_response();
    for (name, value) in platform_headers(&text, now) {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name, value);
        }
    }
    if !text.is_empty() {
        response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/json"));
    }
    response
}

fn failure(status: StatusCode, code: &str, message: &str, now: i64) -> Response {
    answer(status, Some(serde_json::json!({ "code": code, "message": message })), now)
}

/// Every API request: its merchant's signature checked, then dispatched by method and path.
async fn api(State(state): State<SandboxState>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let now = state.clock.now();
    let url = uri.path_and_query().map_or(uri.path(), |p| p.as_str()).to_string();
    let Ok(body) = std::str::from_utf8(&body) else {
        return failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "the body is not UTF-8", now);
    };
    let signed = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(Authorization::parse).filter(|auth| {
        auth.mchid == WECHAT_MCH_ID
            && auth.serial == WECHAT_MERCHANT_SERIAL
            && auth.timestamp.parse::<i64>().ok().and_then(|t| t.checked_mul(SECOND)).is_some_and(|t| (now - t).abs() <= REQUEST_FRESH)
            && rsa2::verify(
                &KEYS.wechat_merchant.1,
                &request_message(method.as_str(), &url, &auth.timestamp, &auth.nonce, body),
                &auth.signature,
            )
    });
    if signed.is_none() {
        return failure(StatusCode::UNAUTHORIZED, "SIGN_ERROR", "the signature does not verify", now);
    }
    let path = uri.path().strip_prefix("/sandbox/wechat/v3/").unwrap_or_default();
    let parts: Vec<&str> = path.split('/').collect();
    let result = match (method, parts.as_slice()) {
        (Method::POST, ["pay", "transactions", "h5"]) => open_trade(&state, body).await,
        (Method::GET, ["pay", "transactions", "out-trade-no", no]) => query_trade(&state, &decoded(no), uri.query()).await,
        (Method::POST, ["pay", "transactions", "out-trade-no", no, "close"]) => close_trade(&state, &decoded(no), body).await,
        (Method::POST, ["refund", "domestic", "refunds"]) => refund_trade(&state, body).await,
        (Method::GET, ["refund", "domestic", "refunds", no]) => query_refund(&state, &decoded(no)).await,
        (Method::GET, ["bill", "tradebill"]) => bill_address(&state, uri.query()).await,
        (Method::GET, ["billdownload", "file"]) => bill_file(&state, uri.query()).await,
        _ => Ok(failure(StatusCode::NOT_FOUND, "NOT_FOUND", "no such API", now)),
    };
    result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "sandbox WeChat Pay");
        failure(StatusCode::INTERNAL_SERVER_ERROR, "SYSTEM_ERROR", "system busy", now)
    })
}

fn decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[derive(Deserialize)]
struct Money {
    total: i64,
    #[serde(default)]
    refund: Option<i64>,
    #[serde(default)]
    currency: Option<String>,
}

#[derive(Deserialize)]
struct H5Request {
    appid: String,
    mchid: String,
    description: String,
    out_trade_no: String,
    time_expire: String,
    notify_url: String,
    amount: Money,
    scene_info: serde_json::Value,
}

async fn open_trade(state: &SandboxState, body: &str) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    let Ok(asked) = serde_json::from_str::<H5Request>(body) else {
        return Ok(failure(
            StatusCode::BAD_REQUEST,
            "PARAM_ERROR",
            "appid, mchid, description, out_trade_no, time_expire, notify_url, amount and scene_info are required",
            now,
        ));
    };
    if asked.appid != WECHAT_APP_ID || asked.mchid != WECHAT_MCH_ID {
        return Ok(failure(StatusCode::BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid and mchid do not match", now));
    }
    let (Some(expire), true, true, true, true) = (
        parse_rfc3339(&asked.time_expire),
        asked.amount.total > 0 && asked.amount.currency.as_deref().is_none_or(|c| c == "CNY"),
        (1..=127).contains(&asked.description.chars().count()),
        (6..=32).contains(&asked.out_trade_no.len()),
        asked.scene_info["payer_client_ip"].as_str().is_some_and(|ip| !ip.is_empty()),
    ) else {
        return Ok(failure(
            StatusCode::BAD_REQUEST,
            "PARAM_ERROR",
            "amount, description, out_trade_no, time_expire or payer_client_ip",
            now,
        ));
    };
    if !asked.notify_url.starts_with(&format!("{}/", state.origin)) {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "notify_url must be the merchant's own address", now));
    }
    let trade_no = format!("4200{}", crate::secrets::random_digits(24));
    let booking = NewBooking {
        channel: CHANNEL,
        trade_no: &trade_no,
        out_trade_no: &asked.out_trade_no,
        merchant: WECHAT_MCH_ID,
        amount_fen: asked.amount.total as u64,
        subject: &asked.description,
        notify_url: &asked.notify_url,
        // The merchant adds where the payer comes back to the cashier's address.
        return_url: "",
        time_expire: expire,
    };
    let Some(trade) = books::open(state, booking).await? else {
        return Ok(failure(StatusCode::BAD_REQUEST, "INVALID_REQUEST", "the order exists with other parameters", now));
    };
    let h5_url = format!("/sandbox/wechat/cashier/{}?package={}", trade.trade_no, crate::secrets::random_digits(10));
    Ok(answer(StatusCode::OK, Some(serde_json::json!({ "h5_url": h5_url })), now))
}

/// WeChat's name for where an H5 trade stands, with its words.
fn trade_state(trade: &Booked, refunded: u64) -> (&'static str, &'static str) {
    match trade.state.as_str() {
        "open" => ("NOTPAY", "未支付"),
        "paid" if refunded > 0 => ("REFUND", "转入退款"),
        "paid" => ("SUCCESS", "支付成功"),
        _ => ("CLOSED", "已关闭"),
    }
}

/// The transaction as a query or a payment's notification describes it.
fn transaction(trade: &Booked, refunded: u64) -> serde_json::Value {
    let (state, words) = trade_state(trade, refunded);
    let mut body = serde_json::json!({
        "appid": WECHAT_APP_ID,
        "mchid": trade.merchant,
        "out_trade_no": trade.out_trade_no,
        "trade_type": "MWEB",
        "trade_state": state,
        "trade_state_desc": words,
        "amount": { "total": trade.amount_fen, "currency": "CNY" },
    });
    if let Some(paid_at) = trade.paid_at.filter(|_| trade.state == "paid") {
        body["transaction_id"] = trade.trade_no.clone().into();
        body["success_time"] = shanghai_rfc3339(paid_at).into();
        body["bank_type"] = "OTHERS".into();
        body["payer"] = serde_json::json!({ "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" });
        body["amount"]["payer_total"] = trade.amount_fen.into();
        body["amount"]["payer_currency"] = "CNY".into();
    }
    body
}

async fn query_trade(state: &SandboxState, out_trade_no: &str, query: Option<&str>) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    if query != Some(&format!("mchid={WECHAT_MCH_ID}")) {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "mchid", now));
    }
    match books::trade(&state.pool, CHANNEL, out_trade_no).await? {
        Some(trade) => {
            let refunded = books::refunded(&state.pool, CHANNEL, out_trade_no).await?;
            Ok(answer(StatusCode::OK, Some(transaction(&trade, refunded)), now))
        }
        None => Ok(failure(StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在", now)),
    }
}

async fn close_trade(state: &SandboxState, out_trade_no: &str, body: &str) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    let mchid = serde_json::from_str::<serde_json::Value>(body).ok().and_then(|b| b["mchid"].as_str().map(str::to_string));
    if mchid.as_deref() != Some(WECHAT_MCH_ID) {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "mchid", now));
    }
    Ok(match books::close(state, CHANNEL, out_trade_no).await? {
        Some(trade) if trade.state == "paid" => failure(StatusCode::BAD_REQUEST, "ORDERPAID", "订单已支付", now),
        Some(_) => answer(StatusCode::NO_CONTENT, None, now),
        None => failure(StatusCode::NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在", now),
    })
}

#[derive(Deserialize)]
struct RefundRequest {
    out_trade_no: String,
    out_refund_no: String,
    amount: Money,
}

/// A refund as its answer and its query describe it.
fn refund_view(refund: &books::BookedRefund, trade: &Booked) -> serde_json::Value {
    let succeeded = refund.state == "success";
    let mut body = serde_json::json!({
        "refund_id": format!("50300{}", &trade.trade_no[4..]),
        "out_refund_no": refund.out_request_no,
        "transaction_id": trade.trade_no,
        "out_trade_no": trade.out_trade_no,
        "channel": "ORIGINAL",
        "user_received_account": "支付用户零钱",
        "create_time": shanghai_rfc3339(refund.created_at),
        "status": if succeeded { "SUCCESS" } else { "PROCESSING" },
        "amount": { "total": trade.amount_fen, "refund": refund.amount_fen, "payer_total": trade.amount_fen,
            "payer_refund": refund.amount_fen, "currency": "CNY" },
    });
    if let Some(at) = refund.refunded_at.filter(|_| succeeded) {
        body["success_time"] = shanghai_rfc3339(at).into();
    }
    body
}

async fn refund_trade(state: &SandboxState, body: &str) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    let Ok(asked) = serde_json::from_str::<RefundRequest>(body) else {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "out_trade_no, out_refund_no and amount are required", now));
    };
    let Some(amount) = asked.amount.refund.filter(|r| *r > 0 && (1..=64).contains(&asked.out_refund_no.len())) else {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "amount.refund and out_refund_no", now));
    };
    let Some(trade) = books::trade(&state.pool, CHANNEL, &asked.out_trade_no).await? else {
        return Ok(failure(StatusCode::NOT_FOUND, "RESOURCE_NOT_EXISTS", "订单不存在", now));
    };
    if trade.state != "paid" || asked.amount.total != trade.amount_fen as i64 {
        return Ok(failure(StatusCode::BAD_REQUEST, "INVALID_REQUEST", "订单未支付，或订单金额不一致", now));
    }
    Ok(match books::take_refund(state, &trade, CHANNEL, &asked.out_refund_no, amount as u64).await? {
        RefundTaken::Taken => {
            let refund = books::refund(&state.pool, CHANNEL, &asked.out_refund_no).await?.ok_or(sqlx::Error::RowNotFound)?;
            answer(StatusCode::OK, Some(refund_view(&refund, &trade)), now)
        }
        RefundTaken::OtherRefund => failure(StatusCode::BAD_REQUEST, "INVALID_REQUEST", "out_refund_no was used for another refund", now),
        RefundTaken::TooMuch => failure(StatusCode::BAD_REQUEST, "INVALID_REQUEST", "申请退款金额超过订单可退金额", now),
    })
}

async fn query_refund(state: &SandboxState, out_refund_no: &str) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    let Some(found) = books::refund(&state.pool, CHANNEL, out_refund_no).await? else {
        return Ok(failure(StatusCode::NOT_FOUND, "RESOURCE_NOT_EXISTS", "退款单不存在", now));
    };
    books::given_back(&state.pool, CHANNEL, &found.out_trade_no, now, state.scale).await?;
    let refund = books::refund(&state.pool, CHANNEL, out_refund_no).await?.ok_or(sqlx::Error::RowNotFound)?;
    let trade = books::trade(&state.pool, CHANNEL, &refund.out_trade_no).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok(answer(StatusCode::OK, Some(refund_view(&refund, &trade)), now))
}

/// The `bill_date` a statement's query names, if it is a date.
fn bill_date(query: Option<&str>) -> Option<String> {
    let asked: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default()).ok()?;
    asked.into_iter().find(|(k, _)| k == "bill_date").map(|(_, v)| v).filter(|d| crate::clock::parse_date(d).is_some())
}

/// A day's trade statement, as WeChat writes it: each value after a backtick, then the totals.
async fn statement_text(state: &SandboxState, date: &str) -> Result<Option<String>, sqlx::Error> {
    let Some(lines) = books::day(state, CHANNEL, date).await? else { return Ok(None) };
    let mut text = String::from("交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易状态,应结订单金额,商户退款单号,退款金额\n");
    let (mut paid, mut refunded) = (0, 0);
    for line in &lines {
        let (state, paid_fen, refund_no, refund_fen) = match &line.refund {
            Some((no, amount)) => ("REFUND", 0, no.as_str(), *amount),
            None => ("SUCCESS", line.trade.amount_fen, "0", 0),
        };
        paid += paid_fen;
        refunded += refund_fen;
        let at = crate::clock::shanghai_datetime(line.at);
        let values = [
            at.as_str(),
            WECHAT_APP_ID,
            WECHAT_MCH_ID,
            &line.trade.trade_no,
            &line.trade.out_trade_no,
            state,
            &yuan(paid_fen),
            refund_no,
            &yuan(refund_fen),
        ];
        text.push_str(&values.iter().map(|v| format!("`{v}")).collect::<Vec<_>>().join(","));
        text.push('\n');
    }
    text.push_str(&format!("\n总交易单数,应结订单总金额,退款总金额\n`{},`{},`{}\n", lines.len(), yuan(paid), yuan(refunded)));
    Ok(Some(text))
}

/// Where a day's statement is downloaded, with the hash that vouches for the file.
async fn bill_address(state: &SandboxState, query: Option<&str>) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    let Some(date) = bill_date(query) else {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "bill_date", now));
    };
    let Some(text) = statement_text(state, &date).await? else {
        return Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "bill_date", now));
    };
    Ok(answer(
        StatusCode::OK,
        Some(serde_json::json!({
            "hash_type": "SHA1",
            "hash_value": hex::encode(openssl::sha::sha1(text.as_bytes())),
            "download_url": format!("/sandbox/wechat/v3/billdownload/file?bill_date={date}"),
        })),
        now,
    ))
}

/// The statement file itself: not signed, its hash is in the signed answer that named it.
async fn bill_file(state: &SandboxState, query: Option<&str>) -> Result<Response, sqlx::Error> {
    let now = state.clock.now();
    match bill_date(query) {
        Some(date) => match statement_text(state, &date).await? {
            Some(text) => Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()),
            None => Ok(failure(StatusCode::NOT_FOUND, "NO_STATEMENT_EXIST", "no such bill", now)),
        },
        None => Ok(failure(StatusCode::BAD_REQUEST, "PARAM_ERROR", "bill_date", now)),
    }
}

/// A notification of `event_type` whose resource (`original_type`) is `plain`, sealed and signed
/// now: its JSON and the headers it is sent with.
pub fn signed_notification(
    notify_id: &str,
    event_type: &str,
    summary: &str,
    original_type: &str,
    plain: &serde_json::Value,
    now: i64,
) -> (String, [(&'static str, String); 5]) {
    let nonce = random_token(6);
    let body = serde_json::json!({
        "id": notify_id,
        "create_time": shanghai_rfc3339(now),
        "resource_type": "encrypt-resource",
        "event_type": event_type,
        "summary": summary,
        "resource": {
            "original_type": original_type,
            "algorithm": AEAD,
            "ciphertext": seal(WECHAT_API_V3_KEY, &nonce, original_type, plain.to_string().as_bytes()),
            "associated_data": original_type,
            "nonce": nonce,
        },
    })
    .to_string();
    let headers = platform_headers(&body, now);
    (body, headers)
}

/// Sends one queued notification to the portal, sealed and signed now; Ok when the portal
/// answered 200 or 204.
pub async fn deliver(state: &AppState, out_trade_no: &str, body: &str) -> Result<(), String> {
    let now = state.clock.now();
    let (queued, trade) = books::before_sending(&state.pool, CHANNEL, out_trade_no, body, now, state.config.sandbox_time_scale).await?;
    let (event_type, summary, original_type, plain) = match &queued.refund {
        Some(request_no) => {
            let refund =
                books::refund(&state.pool, CHANNEL, request_no).await.map_err(|e| e.to_string())?.ok_or("no such sandbox refund")?;
            if refund.state != "success" {
                return Err("the bank has not given the refund back yet".into());
            }
            let mut plain = refund_view(&refund, &trade);
            plain["mchid"] = WECHAT_MCH_ID.into();
            plain["refund_status"] = plain["status"].take();
            plain.as_object_mut().map(|o| o.remove("status"));
            ("REFUND.SUCCESS", "退款成功", "refund", plain)
        }
        // Only payments made are told, as they were made (SUCCESS, whatever was refunded since).
        None if trade.state == "paid" => ("TRANSACTION.SUCCESS", "支付成功", "transaction", transaction(&trade, 0)),
        None => return Ok(()),
    };
    let (json, headers) = signed_notification(&queued.notify_id, event_type, summary, original_type, &plain, now);
    let mut request = Request::post(NOTIFY_PATH).header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let request = request.body(Body::from(json)).map_err(|e| e.to_string())?;
    super::post_to_portal(state, request, |status, _| status == StatusCode::OK || status == StatusCode::NO_CONTENT).await
}

#[cfg(test)]
mod tests {
    use super::retry_after;
    use crate::clock::SECOND;

    #[test]
    fn sixteen_sends_over_a_day() {
        assert_eq!(retry_after(1, 1), Some(15 * SECOND));
        assert_eq!(retry_after(15, 1), Some(21600 * SECOND));
        assert_eq!(retry_after(16, 1), None);
        let total: i64 = (1..16).filter_map(|n| retry_after(n, 1)).sum();
        assert_eq!(total, (24 * 3600 + 4 * 60) * SECOND, "24 h 4 min, as WeChat documents");
    }
}
