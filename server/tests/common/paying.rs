#![allow(dead_code)]

//! Paying a fee through the sandbox Alipay as a payer's browser and the channel would, as the
//! payment and refund suites need.

use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::Row;
use tongban_server::clock::{shanghai_datetime, Clock, SECOND};
use tongban_server::payments::rsa2;
use tongban_server::sandbox::{ALIPAY_APP_ID, ALIPAY_SELLER_ID, KEYS};

use crate::applying::{declare_and_submit, fill, provide_materials, start};
use crate::common::{Browser, TestApp, TestResponse};

pub const ZHANG: &str = "31010119900307241X";
pub const ZHANG_PHONE: &str = "13800138000";
pub const LI: &str = "310105198511123624";
pub const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

/// 张伟's driving-licence renewal (JT-001, ¥10.00), submitted: (application, fee).
pub async fn submitted_renewal(app: &TestApp, zhang: &Browser<'_>) -> (String, String) {
    submitted_renewal_with(app, zhang, json!({ "delivery": "window" })).await
}

/// The same, its result to be got as the `delivery` page answers.
pub async fn submitted_renewal_with(app: &TestApp, zhang: &Browser<'_>, delivery: Value) -> (String, String) {
    // A new declaration code may be sent a minute after the last.
    app.clock.advance(61 * SECOND);
    let draft = start(zhang, "JT-001").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let pages = vec![
        ("applicant", json!({ "name": "张伟", "id_number": ZHANG, "phone": ZHANG_PHONE })),
        ("licence", json!({ "licence_class": "C1", "expires_on": "2027-01-20", "reason": "expiry" })),
        ("health", json!({ "conditions": ["none"], "exam_hospital": "上海市第六人民医院", "exam_on": "2026-11-24" })),
        ("delivery", delivery),
    ];
    fill(zhang, &id, draft["version"].clone(), pages).await;
    provide_materials(zhang, &id).await;
    let submitted = declare_and_submit(app, zhang, &id, ZHANG_PHONE).await;
    let fees = submitted["fees"].as_array().expect("fees").clone();
    assert_eq!(fees.len(), 1, "{fees:?}");
    assert_eq!(fees[0]["amount_fen"], 1000);
    assert_eq!(fees[0]["state"], "due");
    assert_eq!(fees[0]["may_pay"], true);
    (id, fees[0]["id"].as_str().unwrap().to_string())
}

pub async fn make_order(browser: &Browser<'_>, fee: &str, key: &str) -> TestResponse {
    make_order_through(browser, fee, key, "alipay").await
}

pub async fn make_order_through(browser: &Browser<'_>, fee: &str, key: &str, channel: &str) -> TestResponse {
    browser.post_with(&format!("/api/v1/fees/{fee}/payments"), json!({ "channel": channel }), &[("idempotency-key", key)]).await
}

/// Makes an order and follows its single-use address to the cashier: (order, cashier path).
pub async fn order_at_cashier(browser: &Browser<'_>, fee: &str, key: &str) -> (Value, String) {
    order_at_cashier_through(browser, fee, key, "alipay").await
}

/// Makes an order through `channel` and opens its cashier page, as the payer's browser does.
pub async fn order_at_cashier_through(browser: &Browser<'_>, fee: &str, key: &str, channel: &str) -> (Value, String) {
    let order = make_order_through(browser, fee, key, channel).await;
    assert_eq!(order.status, StatusCode::OK, "{}", order.text);
    let order = order.json();
    assert_eq!(order["state"], "created");
    let next = browser.get(order["next_url"].as_str().expect("a way to the cashier")).await;
    assert_eq!(next.status, StatusCode::SEE_OTHER);
    let cashier = next.header("location").to_string();
    assert!(cashier.starts_with(&format!("/sandbox/{channel}/cashier/")), "{cashier}");
    let page = browser.app.get(&cashier).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    (order, cashier.split('?').next().unwrap_or_default().to_string())
}

/// The tester's choice at the cashier; answers the return address the browser is sent to.
pub async fn choose(app: &TestApp, cashier: &str, action: &str, notify: &str) -> String {
    let chosen = app.post_raw(cashier, &[FORM], format!("action={action}&notify={notify}")).await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.text);
    chosen.header("location").to_string()
}

pub fn token_of(return_url: &str) -> String {
    return_url.split_once("token=").expect("a token").1.to_string()
}

pub async fn payment(browser: &Browser<'_>, id: &Value) -> Value {
    let response = browser.get(&format!("/api/v1/payments/{}", id.as_str().unwrap())).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    response.json()
}

/// Waits (by yielding, a bounded number of times) for a text to `phone` that `holds`: texts about
/// a payment are sent in the background.
pub async fn told(app: &TestApp, phone: &str, holds: impl Fn(&str) -> bool) -> bool {
    for _ in 0..200 {
        if app.texts_to(phone).await.iter().any(|t| holds(t)) {
            return true;
        }
        tokio::task::yield_now().await;
    }
    false
}

/// Sends what the outbox holds due, as the worker would, and waits for the deliveries a settled
/// payment starts in the background: the count is of those sent here.
pub async fn deliver(app: &TestApp) -> u32 {
    let sent = tongban_server::outbox::deliver_due(app.state()).await.expect("outbox");
    for _ in 0..1000 {
        let pending = sqlx::query(
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND (claimed_until IS NOT NULL OR next_attempt_at <= $1)",
        )
        .bind(app.clock.now())
        .fetch_one(&app.state().pool)
        .await
        .expect("outbox")
        .get::<i64, _>(0);
        if pending == 0 {
            break;
        }
        tongban_server::outbox::deliver_due(app.state()).await.expect("outbox");
        tokio::task::yield_now().await;
    }
    sent
}

pub async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query(sql).bind(bind).fetch_one(&app.state().pool).await.expect(sql).get::<i64, _>(0)
}

pub async fn success_events(app: &TestApp, order: &Value) -> i64 {
    count(app, "SELECT COUNT(*) FROM payment_events WHERE order_id = $1 AND to_state = 'success'", order["id"].as_str().unwrap()).await
}

/// A notification as the sandbox Alipay would send it, signed with `key`'s platform key, with
/// `change` applied to its parameters before signing.
pub fn notification(out_trade_no: &str, status: &str, at: i64, change: impl FnOnce(&mut Vec<(String, String)>)) -> String {
    let mut params: Vec<(String, String)> = [
        ("notify_time", shanghai_datetime(at)),
        ("notify_type", "trade_status_sync".into()),
        ("notify_id", format!("n{at}{status}")),
        ("app_id", ALIPAY_APP_ID.into()),
        ("charset", "utf-8".into()),
        ("version", "1.0".into()),
        ("sign_type", "RSA2".into()),
        ("trade_no", "2026112722000000000000000001".into()),
        ("out_trade_no", out_trade_no.into()),
        ("seller_id", ALIPAY_SELLER_ID.into()),
        ("trade_status", status.into()),
        ("total_amount", "10.00".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    change(&mut params);
    let content = rsa2::signing_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let sign = rsa2::sign(&KEYS.alipay_platform.0, &content);
    params.push(("sign".into(), sign));
    serde_urlencoded::to_string(&params).unwrap()
}

pub async fn notify(app: &TestApp, body: &str) -> TestResponse {
    app.post_raw("/pay/notify/alipay", &[FORM], body.to_string()).await
}
