//! The sandbox Alipay: a gateway taking RSA2-signed form requests (`alipay.trade.wap.pay`,
//! `.query`, `.close`, `.refund`, `.fastpay.refund.query`) and answering signed JSON, about the
//! trades in the sandbox's books; and its notifications, sent by the outbox with Alipay's schedule
//! (4 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h: eight sends), each signed afresh, until the portal
//! answers exactly `success`.

use axum::body::Body;
use axum::extract::{Form, Path, State};
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tongban_api::payments::{parse_yuan, yuan, PayChannel};

use super::books::{self, Booked, NewBooking, Outcome, RefundTaken, Style};
use super::{SandboxState, KEYS};
use crate::clock::{parse_shanghai_datetime, shanghai_datetime, MINUTE};
use crate::payments::alipay::NOTIFY_PATH;
use crate::payments::rsa2;
use crate::AppState;

pub const ALIPAY_APP_ID: &str = "2021000000000001";
pub const ALIPAY_SELLER_ID: &str = "2088000000000001";
/// Alipay's waits between sends of one notification.
const SCHEDULE_MINUTES: [i64; 7] = [4, 10, 10, 60, 120, 360, 900];
const CHANNEL: PayChannel = PayChannel::Alipay;

/// Alipay tells the merchant of every way a trade ends, and lets the tester reorder.
pub(super) static STYLE: Style = Style {
    channel: CHANNEL,
    title_zh: "支付宝（沙箱）收银台",
    title_en: "Alipay (sandbox) cashier",
    outcomes: &[Outcome::Pay, Outcome::PaySlow, Outcome::Decline, Outcome::Cancel, Outcome::BankError],
    mischiefs: &["normal", "duplicate", "delay", "drop", "reorder"],
    notifies: |_| true,
    return_on_cashier_address: false,
};

pub fn routes() -> Router<SandboxState> {
    Router::new()
        .route("/sandbox/alipay/gateway.do", post(gateway))
        .route("/sandbox/alipay/bills/{date}", get(bill))
        .merge(books::routes(&STYLE))
}

/// Wait before the next send, after `sends` sends, or `None` when Alipay gives up.
pub fn retry_after(sends: i64, scale: u32) -> Option<i64> {
    let minutes = *SCHEDULE_MINUTES.get(usize::try_from(sends - 1).ok()?)?;
    Some(minutes * MINUTE / i64::from(scale.max(1)))
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
    #[serde(default)]
    out_trade_no: String,
    #[serde(default)]
    bill_type: Option<String>,
    #[serde(default)]
    bill_date: Option<String>,
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

/// Alipay's name for where a trade in the books stands.
fn trade_status(trade: &Booked) -> &'static str {
    match trade.state.as_str() {
        "paying" => "WAIT_BUYER_PAY",
        "paid" => "TRADE_SUCCESS",
        _ => "TRADE_CLOSED",
    }
}

/// The trade as a query or a close describes it.
pub(super) fn trade_answer(trade: &Booked) -> serde_json::Value {
    let status = trade_status(trade);
    let mut body = serde_json::json!({
        "code": "10000", "msg": "Success",
        "trade_no": trade.trade_no,
        "out_trade_no": trade.out_trade_no,
        "seller_id": trade.merchant,
        "trade_status": status,
        "total_amount": yuan(trade.amount_fen),
    });
    if let Some(sub_code) = trade.sub_code.as_deref().filter(|_| status == "TRADE_CLOSED") {
        body["sub_code"] = sub_code.into();
    }
    body
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
        "alipay.data.dataservice.bill.downloadurl.query" => Ok(bill_address(&method, &biz)),
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
    let trade_no = format!("{}2200{}", crate::clock::shanghai_date(state.clock.now()).replace('-', ""), crate::secrets::random_digits(16));
    let booking = NewBooking {
        channel: CHANNEL,
        trade_no: &trade_no,
        out_trade_no: &biz.out_trade_no,
        merchant: ALIPAY_SELLER_ID,
        amount_fen: amount,
        subject,
        notify_url,
        return_url,
        time_expire: expire,
    };
    let Some(trade) = books::open(state, booking).await? else {
        return Ok(refused(method, "40004", "ACQ.CONTEXT_INCONSISTENT", "the trade exists with another amount"));
    };
    Ok(answer(
        method,
        serde_json::json!({
            "code": "10000", "msg": "Success", "out_trade_no": biz.out_trade_no, "trade_no": trade.trade_no,
            "cashier_url": format!("/sandbox/alipay/cashier/{}", trade.trade_no),
        }),
    ))
}

fn not_exist(method: &str) -> Response {
    refused(method, "40004", "ACQ.TRADE_NOT_EXIST", "trade does not exist")
}

async fn query_trade(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    match books::trade(&state.pool, CHANNEL, &biz.out_trade_no).await? {
        // Like a page-pay trade nobody has paid, an open trade does not exist for a query yet.
        Some(trade) if trade.state != "open" => Ok(answer(method, trade_answer(&trade))),
        _ => Ok(not_exist(method)),
    }
}

async fn close_trade(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    match books::close(state, CHANNEL, &biz.out_trade_no).await? {
        Some(trade) if trade.state == "paid" => Ok(refused(method, "40004", "ACQ.TRADE_STATUS_ERROR", "trade is paid")),
        Some(trade) => Ok(answer(method, trade_answer(&trade))),
        None => Ok(not_exist(method)),
    }
}

async fn refund_trade(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    let (Some(request_no), Some(amount)) = (
        biz.out_request_no.as_deref().filter(|n| !n.is_empty() && n.len() <= 64),
        biz.refund_amount.as_deref().and_then(parse_yuan).filter(|a| *a > 0),
    ) else {
        return Ok(refused(method, "40002", "isv.invalid-parameter", "out_request_no and refund_amount are required"));
    };
    let Some(trade) = books::trade(&state.pool, CHANNEL, &biz.out_trade_no).await? else {
        return Ok(not_exist(method));
    };
    if trade.state != "paid" {
        return Ok(refused(method, "40004", "ACQ.TRADE_STATUS_ERROR", "trade is not paid"));
    }
    Ok(match books::take_refund(state, &trade, CHANNEL, request_no, amount).await? {
        RefundTaken::Taken => answer(
            method,
            serde_json::json!({
                "code": "10000", "msg": "Success", "out_trade_no": biz.out_trade_no, "trade_no": trade.trade_no,
                "refund_fee": yuan(books::refunded(&state.pool, CHANNEL, &biz.out_trade_no).await?), "fund_change": "N",
            }),
        ),
        RefundTaken::OtherRefund => refused(method, "40004", "ACQ.CONTEXT_INCONSISTENT", "out_request_no was used for another refund"),
        RefundTaken::TooMuch => {
            refused(method, "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "refund amount exceeds what the trade can refund")
        }
    })
}

/// A refund as Alipay describes it; one it does not know is a success with no refund in it.
async fn query_refund(state: &SandboxState, method: &str, biz: &Biz) -> Result<Response, sqlx::Error> {
    books::given_back(&state.pool, CHANNEL, &biz.out_trade_no, state.clock.now(), state.scale).await?;
    let found = books::refund(&state.pool, CHANNEL, biz.out_request_no.as_deref().unwrap_or_default()).await?;
    let mut body = serde_json::json!({ "code": "10000", "msg": "Success" });
    if let Some(refund) = found.filter(|r| r.out_trade_no == biz.out_trade_no) {
        body["out_trade_no"] = biz.out_trade_no.clone().into();
        body["out_request_no"] = refund.out_request_no.into();
        body["refund_amount"] = yuan(refund.amount_fen).into();
        if refund.state == "success" {
            body["refund_status"] = "REFUND_SUCCESS".into();
        }
    }
    Ok(answer(method, body))
}

/// Where a day's trade statement is downloaded.
fn bill_address(method: &str, biz: &Biz) -> Response {
    match (biz.bill_type.as_deref(), biz.bill_date.as_deref().filter(|d| crate::clock::parse_date(d).is_some())) {
        (Some("trade"), Some(date)) => answer(
            method,
            serde_json::json!({ "code": "10000", "msg": "Success", "bill_download_url": format!("/sandbox/alipay/bills/{date}") }),
        ),
        _ => refused(method, "40004", "isv.invalid-bill-date", "bill_type trade and a bill_date are required"),
    }
}

/// A day's trade statement (业务明细), as Alipay lays it out: comment lines around a table.
async fn bill(State(state): State<SandboxState>, Path(date): Path<String>) -> Response {
    let lines = match books::day(&state, CHANNEL, &date).await {
        Ok(Some(lines)) => lines,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such bill").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "sandbox Alipay bill");
            return (StatusCode::SERVICE_UNAVAILABLE, "system busy").into_response();
        }
    };
    let mut table = csv::Writer::from_writer(Vec::new());
    let header = [
        "支付宝交易号",
        "商户订单号",
        "业务类型",
        "商品名称",
        "创建时间",
        "完成时间",
        "订单金额（元）",
        "商家实收（元）",
        "退款批次号/请求号",
    ];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for line in &lines {
        let (kind, sign, amount, refund_no) = match &line.refund {
            Some((no, amount)) => ("退款", "-", *amount, no.as_str()),
            None => ("交易", "", line.trade.amount_fen, ""),
        };
        let amount = format!("{sign}{}", yuan(amount));
        rows.push(vec![
            format!("{}\t", line.trade.trade_no),
            format!("{}\t", line.trade.out_trade_no),
            kind.into(),
            line.trade.subject.clone(),
            shanghai_datetime(line.trade.created_at),
            shanghai_datetime(line.at),
            amount.clone(),
            amount,
            refund_no.into(),
        ]);
    }
    for row in rows {
        if table.write_record(&row).is_err() {
            return (StatusCode::SERVICE_UNAVAILABLE, "system busy").into_response();
        }
    }
    let table = table.into_inner().map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default();
    let text = format!(
        "#支付宝业务明细查询\n#账号：[{ALIPAY_SELLER_ID}]\n#起始日期：[{date} 00:00:00]\n\
         #-----------------------------------------业务明细列表----------------------------------------\n{table}\
         #-----------------------------------------业务明细列表结束------------------------------------\n#合计：{} 笔\n",
        lines.len()
    );
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], text).into_response()
}

/// A notification of `status` about `trade`, signed now with the platform's key: the form Alipay
/// posts to the merchant's notify address.
pub(super) fn signed_notification(
    trade: &Booked,
    status: &str,
    notify_id: &str,
    now: i64,
    extra: &[(&str, &str)],
) -> Result<String, String> {
    let notify_time = shanghai_datetime(now);
    let gmt_create = shanghai_datetime(trade.created_at);
    let gmt_payment = trade.paid_at.map(shanghai_datetime).unwrap_or_default();
    let amount = yuan(trade.amount_fen);
    let mut params: Vec<(&str, &str)> = vec![
        ("notify_time", &notify_time),
        ("notify_type", "trade_status_sync"),
        ("notify_id", notify_id),
        ("app_id", ALIPAY_APP_ID),
        ("charset", "utf-8"),
        ("version", "1.0"),
        ("sign_type", "RSA2"),
        ("trade_no", &trade.trade_no),
        ("out_trade_no", &trade.out_trade_no),
        ("seller_id", ALIPAY_SELLER_ID),
        ("trade_status", status),
        ("total_amount", &amount),
        ("receipt_amount", &amount),
        ("gmt_create", &gmt_create),
    ];
    if status == "TRADE_SUCCESS" {
        params.push(("gmt_payment", &gmt_payment));
    }
    if let Some(sub_code) = trade.sub_code.as_deref().filter(|_| status == "TRADE_CLOSED") {
        params.push(("sub_code", sub_code));
    }
    params.extend_from_slice(extra);
    let sign = rsa2::sign(&KEYS.alipay_platform.0, &rsa2::signing_content(params.iter().copied()));
    params.push(("sign", &sign));
    serde_urlencoded::to_string(&params).map_err(|e| e.to_string())
}

/// Alipay's name for an event in the books.
fn status_of_event(event: &str) -> &'static str {
    match event {
        "paid" => "TRADE_SUCCESS",
        "paying" => "WAIT_BUYER_PAY",
        _ => "TRADE_CLOSED",
    }
}

/// Sends one queued notification to the portal, signed now; Ok when the portal answered exactly
/// `success`.
pub async fn deliver(state: &AppState, out_trade_no: &str, body: &str) -> Result<(), String> {
    let now = state.clock.now();
    let (queued, trade) = books::before_sending(&state.pool, CHANNEL, out_trade_no, body, now, state.config.sandbox_time_scale).await?;
    let mut status = queued.event.as_deref().map_or_else(|| trade_status(&trade), status_of_event);
    let gmt_refund = shanghai_datetime(now);
    let given_back = match &queued.refund {
        Some(request_no) => {
            let total = books::given_back(&state.pool, CHANNEL, out_trade_no, now, state.config.sandbox_time_scale)
                .await
                .map_err(|e| e.to_string())?;
            // Alipay closes a trade once all of it is given back.
            if total == trade.amount_fen {
                status = "TRADE_CLOSED";
            }
            Some((request_no.as_str(), yuan(total)))
        }
        None => None,
    };
    let extra: Vec<(&str, &str)> = match &given_back {
        Some((request_no, refund_fee)) => {
            vec![("out_biz_no", request_no), ("refund_fee", refund_fee.as_str()), ("gmt_refund", gmt_refund.as_str())]
        }
        None => Vec::new(),
    };
    let form = signed_notification(&trade, status, &queued.notify_id, now, &extra)?;
    let request = Request::post(NOTIFY_PATH)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8")
        .body(Body::from(form))
        .map_err(|e| e.to_string())?;
    super::post_to_portal(state, request, |status, body| status == StatusCode::OK && body == b"success").await
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
