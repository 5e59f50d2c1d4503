//! Paying and refunding through the sandbox WeChat Pay (API v3): the H5 cashier and the way back;
//! sealed, signed notifications taken once, and every one that does not hold refused with a 4xx;
//! a trade left unpaid, which WeChat does not tell of, known by asking; a lost notification
//! recovered; a refund given back; requests to the channel that are not the merchant's refused.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::signed_in;
use axum::http::StatusCode;
use common::{TestApp, TestResponse};
use paying::*;
use serde_json::{json, Value};
use tongban_server::clock::{Clock, MINUTE, SECOND};
use tongban_server::payments::rsa2;
use tongban_server::payments::wechat::{answer_message, seal};
use tongban_server::sandbox::{KEYS, WECHAT_API_V3_KEY, WECHAT_APP_ID, WECHAT_MCH_ID, WECHAT_PLATFORM_SERIAL};

async fn returned(browser: &common::Browser<'_>, order: &Value, back: &str) -> Value {
    let answer =
        browser.post(&format!("/api/v1/payments/{}/return", order["id"].as_str().unwrap()), json!({ "token": token_of(back) })).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

/// A transaction as WeChat describes a paid one.
fn paid_transaction(out_trade_no: &str, total: u64) -> Value {
    json!({
        "appid": WECHAT_APP_ID, "mchid": WECHAT_MCH_ID, "out_trade_no": out_trade_no,
        "transaction_id": "4200000000000000000000000001", "trade_type": "MWEB", "trade_state": "SUCCESS",
        "trade_state_desc": "支付成功", "amount": { "total": total, "currency": "CNY" },
    })
}

/// A notification carrying `plain`, sealed with `key` and signed by `signer` at `at`.
struct Notice<'a> {
    plain: Value,
    key: &'a [u8; 32],
    signer: &'a openssl::pkey::PKey<openssl::pkey::Private>,
    at: i64,
    nonce: &'a str,
}

impl Notice<'_> {
    fn of(plain: Value, at: i64) -> Self {
        Notice { plain, key: WECHAT_API_V3_KEY, signer: &KEYS.wechat_platform.0, at, nonce: "n0" }
    }

    fn body(&self) -> String {
        json!({
            "id": format!("EV-{}", self.nonce), "create_time": "2026-11-27T10:00:00+08:00", "resource_type": "encrypt-resource",
            "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
            "resource": { "original_type": "transaction", "algorithm": "AEAD_AES_256_GCM", "associated_data": "transaction",
                "nonce": "abcdef123456", "ciphertext": seal(self.key, "abcdef123456", "transaction", self.plain.to_string().as_bytes()) },
        })
        .to_string()
    }

    async fn send(&self, app: &TestApp) -> TestResponse {
        self.send_body(app, &self.body()).await
    }

    async fn send_body(&self, app: &TestApp, body: &str) -> TestResponse {
        let timestamp = (self.at / SECOND).to_string();
        let signature = rsa2::sign(self.signer, &answer_message(&timestamp, self.nonce, &self.body()));
        app.post_raw(
            "/pay/notify/wechat",
            &[
                ("content-type", "application/json"),
                ("wechatpay-timestamp", &timestamp),
                ("wechatpay-nonce", self.nonce),
                ("wechatpay-signature", &signature),
                ("wechatpay-serial", WECHAT_PLATFORM_SERIAL),
            ],
            body.to_string(),
        )
        .await
    }
}

#[tokio::test]
async fn a_fee_is_paid_through_wechat_pay_and_its_sealed_notification_is_taken_once() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.42.1", ZHANG).await;
    let (application, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier_through(&zhang, &fee, "wx-1", "wechat").await;
    assert_eq!(order["channel"], "wechat");
    let page = app.get(&cashier).await;
    assert!(page.text.contains("<h1>微信支付（沙箱）收银台</h1>") && page.text.contains("¥10.00"), "{}", page.text);
    for absent in ["decline", "pay_slow", "bank_error", "reorder"] {
        assert!(!page.text.contains(absent), "an H5 payment is made or not, and told only once made: {absent}");
    }

    let back = choose(&app, &cashier, "pay", "duplicate").await;
    assert!(back.starts_with("http") && back.contains(&format!("/payments/{}/return?token=", order["id"].as_str().unwrap())), "{back}");
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "started", "nothing is known until the channel says so");
    deliver(&app).await;
    let paid = payment(&zhang, &order["id"]).await;
    assert_eq!(paid["state"], "success");
    assert!(paid["channel_trade_no"].as_str().is_some_and(|n| n.starts_with("4200")), "{paid}");
    assert_eq!(success_events(&app, &order).await, 1, "paid once");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM payment_notifications WHERE out_trade_no = $1 AND kind = 'TRANSACTION.SUCCESS'",
            paid["out_trade_no"].as_str().unwrap()
        )
        .await,
        3,
        "three sends of the same payment, each taken"
    );
    assert_eq!(returned(&zhang, &order, &back).await["state"], "success");
    let application = zhang.get(&format!("/api/v1/applications/{application}")).await.json();
    assert_eq!(application["fees"][0]["state"], "paid");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM fee_receipts WHERE fee_id = $1", &fee).await, 1, "one receipt");
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("¥10.00") && t.contains("已到账")).await);
}

#[tokio::test]
async fn wechat_notifications_that_do_not_hold_change_nothing_and_are_refused_with_a_4xx() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.42.2", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier_through(&zhang, &fee, "wx-2", "wechat").await;
    choose(&app, &cashier, "pay", "drop").await;
    assert_eq!(deliver(&app).await, 0, "the notification is lost");
    let trade = order["out_trade_no"].as_str().unwrap();
    let now = app.clock.now();
    let other_key = *b"fedcba9876543210fedcba9876543210";
    let mut refused: Vec<(&str, TestResponse)> = Vec::new();
    refused.push((
        "signed by another key",
        Notice { signer: &KEYS.alipay_platform.0, ..Notice::of(paid_transaction(trade, 1000), now) }.send(&app).await,
    ));
    refused
        .push(("sealed with another key", Notice { key: &other_key, ..Notice::of(paid_transaction(trade, 1000), now) }.send(&app).await));
    refused.push(("ten minutes old", Notice::of(paid_transaction(trade, 1000), now - 10 * MINUTE).send(&app).await));
    refused.push(("another amount", Notice::of(paid_transaction(trade, 999), now).send(&app).await));
    let mut others = paid_transaction(trade, 1000);
    others["mchid"] = "1900000999".into();
    refused.push(("another merchant", Notice::of(others, now).send(&app).await));
    refused.push(("an order not ours", Notice::of(paid_transaction("TBP20261127FFFFFFFFFFFF", 1000), now).send(&app).await));
    let genuine = Notice::of(paid_transaction(trade, 1000), now);
    let changed = genuine.body().replace("TRANSACTION.SUCCESS", "REFUND.SUCCESS");
    refused.push(("changed after signing", genuine.send_body(&app, &changed).await));
    refused
        .push(("without its headers", app.post_raw("/pay/notify/wechat", &[("content-type", "application/json")], genuine.body()).await));
    for (what, answer) in &refused {
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{what}: {}", answer.text);
        assert_eq!(answer.json()["code"], "FAIL", "{what}");
    }
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "started", "nothing changed");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'payment.notify_rejected' AND detail LIKE $1", "wechat%").await,
        8
    );

    let taken = genuine.send(&app).await;
    assert_eq!(taken.status, StatusCode::NO_CONTENT, "{}", taken.text);
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "success");
    let replayed = genuine.send(&app).await;
    assert_eq!(replayed.status, StatusCode::BAD_REQUEST, "the same signed notification is taken once");
    assert_eq!(success_events(&app, &order).await, 1);
}

#[tokio::test]
async fn a_payer_who_leaves_the_cashier_may_pay_later_and_a_lost_notification_is_recovered() {
    let app = TestApp::with_config(|c| c.payment_expiry_secs = 600).await;
    let zhang = signed_in(&app, "10.0.42.3", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;

    // Leaving the H5 cashier leaves the trade unpaid (WeChat does not tell of it): the return asks.
    let (order, cashier) = order_at_cashier_through(&zhang, &fee, "wx-leave", "wechat").await;
    let back = choose(&app, &cashier, "cancel", "normal").await;
    assert_eq!(deliver(&app).await, 0, "nothing is sent");
    assert_eq!(returned(&zhang, &order, &back).await["state"], "started");
    let cancelled = zhang.post(&format!("/api/v1/payments/{}/cancel", order["id"].as_str().unwrap()), json!({})).await;
    assert_eq!(cancelled.json()["state"], "cancelled", "the payer gives up at the portal, which closes it: {}", cancelled.text);
    let closed = app.get(&cashier).await;
    assert!(closed.text.contains("不能再支付"), "a closed trade cannot be paid: {}", closed.text);

    // A lost notification of a payer who never came back: the sweep asks when the time is up.
    let (order, cashier) = order_at_cashier_through(&zhang, &fee, "wx-lost", "wechat").await;
    choose(&app, &cashier, "pay", "drop").await;
    app.clock.advance(11 * MINUTE);
    assert_eq!(tongban_server::payments::sweep(app.state()).await.unwrap(), 1);
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "success");
}

#[tokio::test]
async fn an_officer_refunds_part_of_a_wechat_payment_and_the_channel_gives_it_back() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.42.4", ZHANG).await;
    let (application, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier_through(&zhang, &fee, "wx-refund", "wechat").await;
    choose(&app, &cashier, "pay", "normal").await;
    deliver(&app).await;
    let jt = app.officer("10.0.42.5", "jt01").await;
    let asked = jt
        .post(
            &format!("/api/v1/staff/applications/{application}/refunds"),
            json!({ "order_id": order["id"], "amount": "3", "reason": "退回部分工本费" }),
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.text);
    deliver(&app).await;
    assert_eq!(payment(&zhang, &order["id"]).await["refunds"][0]["state"], "submitted", "the bank has not given it back yet");
    app.clock.advance(61 * SECOND);
    deliver(&app).await;
    let seen = payment(&zhang, &order["id"]).await;
    assert_eq!(seen["refunds"][0]["state"], "success", "{seen}");
    assert_eq!(seen["state"], "success", "a refund leaves the payment paid");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM payment_notifications WHERE out_trade_no = $1 AND kind = 'REFUND.SUCCESS'",
            seen["out_trade_no"].as_str().unwrap()
        )
        .await,
        1
    );
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("¥3.00 已原路退回")).await);
    assert_eq!(zhang.get(&format!("/api/v1/fees/{fee}")).await.json()["fee"]["refunded_fen"], 300);
}

#[tokio::test]
async fn the_sandbox_channel_answers_only_the_merchants_signed_requests() {
    let app = TestApp::new().await;
    let body = json!({ "appid": WECHAT_APP_ID, "mchid": WECHAT_MCH_ID, "description": "x", "out_trade_no": "TBP000001",
        "time_expire": "2026-11-27T10:30:00+08:00", "notify_url": "http://localhost/pay/notify/wechat",
        "amount": { "total": 1 }, "scene_info": { "payer_client_ip": "10.0.0.1" } })
    .to_string();
    let unsigned = app.post_raw("/sandbox/wechat/v3/pay/transactions/h5", &[("content-type", "application/json")], body.clone()).await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unsigned.json()["code"], "SIGN_ERROR");
    let forged = format!(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"{WECHAT_MCH_ID}\",nonce_str=\"n\",signature=\"{}\",timestamp=\"{}\",serial_no=\"x\"",
        rsa2::sign(&KEYS.alipay_app.0, "anything"),
        app.clock.now() / SECOND
    );
    let forged = app
        .post_raw("/sandbox/wechat/v3/pay/transactions/h5", &[("content-type", "application/json"), ("authorization", &forged)], body)
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    assert!(forged.header("wechatpay-signature").len() > 100, "even a refusal is signed by the platform");
}
