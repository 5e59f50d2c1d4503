//! Giving money back through the sandbox Alipay: an officer's partial and full refunds with a
//! reason, never more than was paid (also when asked at once); the rules' own refunds of money not
//! owed and of a fee whose application ended; a refund's notification taken once, and recovered
//! by the sweep when it is lost; a refund the channel refuses; who may refund.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::signed_in;
use axum::http::StatusCode;
use common::{Browser, TestApp, TestResponse};
use paying::*;
use serde_json::{json, Value};
use sqlx::Row;
use tongban_server::clock::{Clock, MINUTE, SECOND};

/// 张伟's renewal, paid at the cashier: (application, fee, order).
async fn paid_renewal(app: &TestApp, zhang: &Browser<'_>) -> (String, String, Value) {
    let (application, fee) = submitted_renewal(app, zhang).await;
    let (order, cashier) = order_at_cashier(zhang, &fee, &format!("pay-{fee}")).await;
    choose(app, &cashier, "pay", "normal").await;
    deliver(app).await;
    assert_eq!(payment(zhang, &order["id"]).await["state"], "success");
    (application, fee, order)
}

async fn refund(officer: &Browser<'_>, application: &str, order: &Value, amount: &str, reason: &str) -> TestResponse {
    officer
        .post(
            &format!("/api/v1/staff/applications/{application}/refunds"),
            json!({ "order_id": order["id"], "amount": amount, "reason": reason }),
        )
        .await
}

/// The channel takes the refunds asked for, the bank gives the money back, and its notifications come.
async fn money_goes_back(app: &TestApp) {
    deliver(app).await;
    app.clock.advance(61 * SECOND);
    deliver(app).await;
}

#[tokio::test]
async fn an_officer_refunds_part_then_the_rest_and_never_more_than_was_paid() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.1", ZHANG).await;
    let (application, fee, order) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.2", "jt01").await;

    let bad = refund(&jt, &application, &order, "3.001", " ").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let problems = bad.json()["fields"].clone();
    assert_eq!(problems["amount"], "请输入以元为单位的金额，最多两位小数，例如 10 或 10.50");
    assert_eq!(problems["reason"], "请写明理由", "every problem at once");

    let first = refund(&jt, &application, &order, "3", "体检费用已由医院代收，退回部分工本费").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let case = first.json();
    let paid = &case["fees"][0]["orders"][0];
    assert_eq!(paid["refundable_fen"], 700);
    assert_eq!(paid["refunds"][0]["state"], "submitted");
    assert_eq!(paid["refunds"][0]["cause"], "officer");
    assert_eq!(paid["refunds"][0]["amount_fen"], 300);

    money_goes_back(&app).await;
    let seen = payment(&zhang, &order["id"]).await;
    assert_eq!(seen["refunds"][0]["state"], "success");
    assert_eq!(seen["refunds"][0]["reason"], "体检费用已由医院代收，退回部分工本费");
    assert!(seen["refunds"][0]["settled_at"].is_i64());
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("¥3.00 已原路退回")).await, "the payer is told the money is back");
    assert_eq!(zhang.get(&format!("/api/v1/fees/{fee}")).await.json()["fee"]["refunded_fen"], 300);

    let too_much = refund(&jt, &application, &order, "7.01", "全部退回").await;
    assert_eq!(too_much.status, StatusCode::BAD_REQUEST);
    assert_eq!(too_much.json()["fields"]["amount"], "退款金额不能超过这笔付款尚可退还的 ¥7.00");
    assert_eq!(refund(&jt, &application, &order, "7", "全部退回").await.status, StatusCode::OK);
    money_goes_back(&app).await;
    let seen = payment(&zhang, &order["id"]).await;
    assert_eq!(seen["refundable_fen"], 0);
    assert_eq!(seen["refunds"].as_array().map(Vec::len), Some(2));
    assert!(seen["refunds"].as_array().unwrap().iter().all(|r| r["state"] == "success"));
    let nothing_left = refund(&jt, &application, &order, "0.01", "再退").await;
    assert_eq!(nothing_left.json()["fields"]["amount"], "退款金额不能超过这笔付款尚可退还的 ¥0.00");

    let given_back: i64 = sqlx::query("SELECT CAST(SUM(amount_fen) AS BIGINT) FROM sandbox_refunds WHERE out_trade_no = $1")
        .bind(order["out_trade_no"].as_str().unwrap())
        .fetch_one(&app.state().pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(given_back, 1000, "the channel gave back exactly what was paid");
    let audited = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refund_requested").await;
    assert_eq!(audited, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refunded").await, 2);
}

#[tokio::test]
async fn the_same_idempotency_key_again_is_the_same_refund() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.15", ZHANG).await;
    let (application, _, order) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.16", "jt01").await;
    let uri = format!("/api/v1/staff/applications/{application}/refunds");
    let body = json!({ "order_id": order["id"], "amount": "2", "reason": "第一次点击" });
    for _ in 0..3 {
        let answer = jt.post_with(&uri, body.clone(), &[("idempotency-key", "refund-press-1")]).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    }
    let seen = payment(&zhang, &order["id"]).await;
    assert_eq!((seen["refunds"].as_array().map(Vec::len), seen["refundable_fen"].as_u64()), (Some(1), Some(800)));
    let control = jt.post(&uri, json!({ "order_id": order["id"], "amount": "1", "reason": "退回\u{7}" })).await;
    assert_eq!(control.json()["fields"]["reason"], "不能包含换行等控制字符");
}

#[tokio::test]
async fn refunds_asked_at_once_never_give_back_more_than_was_paid() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.3", ZHANG).await;
    let (application, _, order) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.4", "jt01").await;
    let asked = futures::future::join_all((0..8).map(|_| refund(&jt, &application, &order, "2.50", "分次退回"))).await;
    let taken = asked.iter().filter(|r| r.status == StatusCode::OK).count();
    assert_eq!(taken, 4, "{:?}", asked.iter().map(|r| (r.status, r.text.clone())).collect::<Vec<_>>());
    assert!(asked.iter().all(|r| r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST));
    money_goes_back(&app).await;
    let seen = payment(&zhang, &order["id"]).await;
    let total: u64 = seen["refunds"].as_array().unwrap().iter().map(|r| r["amount_fen"].as_u64().unwrap()).sum();
    assert_eq!((total, seen["refundable_fen"].as_u64()), (1000, Some(0)));
}

#[tokio::test]
async fn only_an_officer_of_the_cases_department_may_refund_one_of_its_payments() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.5", ZHANG).await;
    let (application, _, order) = paid_renewal(&app, &zhang).await;
    let citizen = refund(&zhang, &application, &order, "1", "我要退款").await;
    assert_eq!(citizen.status, StatusCode::UNAUTHORIZED, "a citizen's session is no officer's");
    let ga = app.officer("10.0.41.6", "ga01").await;
    assert_eq!(refund(&ga, &application, &order, "1", "退款").await.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "case.refused").await, 1);

    // An order of another application of the department is not this case's to refund.
    let (other, _, _) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.7", "jt01").await;
    let elsewhere = refund(&jt, &other, &order, "1", "退款").await;
    assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);
    assert_eq!(elsewhere.json()["fields"]["order"], "不是可选的值");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refused").await, 1, "a probe is audited");
    assert_eq!(payment(&zhang, &order["id"]).await["refundable_fen"], 1000, "nothing was given back");
}

#[tokio::test]
async fn a_refused_application_gives_its_fee_back_where_the_service_says_so() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.8", ZHANG).await;
    let (application, fee, order) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.9", "jt01").await;
    let case_uri = format!("/api/v1/staff/applications/{application}");
    let version = jt.get(&case_uri).await.json()["version"].clone();
    let refused = jt
        .post(&format!("{case_uri}/actions"), json!({ "event": "not_accept", "version": version, "note": "材料不齐全", "legal_basis": 0 }))
        .await;
    assert_eq!(refused.status, StatusCode::OK, "{}", refused.text);
    let made = &refused.json()["fees"][0]["orders"][0]["refunds"][0];
    assert_eq!((made["cause"].as_str(), made["amount_fen"].as_u64()), (Some("ended"), Some(1000)));
    money_goes_back(&app).await;
    assert_eq!(payment(&zhang, &order["id"]).await["refunds"][0]["state"], "success");
    assert_eq!(zhang.get(&format!("/api/v1/fees/{fee}")).await.json()["fee"]["refunded_fen"], 1000);
    // Withdrawing instead, where the rules keep the fee: nothing goes back.
    app.execute("UPDATE services SET fee_refund_when_refused = 0 WHERE code = 'JT-001'").await;
    let (application, _, order) = paid_renewal(&app, &zhang).await;
    let withdrawn = zhang.post(&format!("/api/v1/applications/{application}/withdraw"), json!({})).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    money_goes_back(&app).await;
    tongban_server::payments::sweep(app.state()).await.unwrap();
    let kept = payment(&zhang, &order["id"]).await;
    assert_eq!((kept["refunds"].as_array().map(Vec::len), kept["refundable_fen"].as_u64()), (Some(0), Some(1000)));
}

#[tokio::test]
async fn money_not_owed_goes_back_by_itself_and_a_lost_notification_is_recovered_by_the_sweep() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.10", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (first, first_cashier) = order_at_cashier(&zhang, &fee, "tab-1").await;
    let (second, second_cashier) = order_at_cashier(&zhang, &fee, "tab-2").await;
    choose(&app, &first_cashier, "pay", "normal").await;
    choose(&app, &second_cashier, "pay", "normal").await;
    deliver(&app).await;
    let twice = payment(&zhang, &second["id"]).await;
    assert_eq!(twice["surplus"], "duplicate");
    assert_eq!((twice["refunds"][0]["cause"].as_str(), twice["refunds"][0]["amount_fen"].as_u64()), (Some("duplicate"), Some(1000)));
    assert!(payment(&zhang, &first["id"]).await["refunds"].as_array().unwrap().is_empty(), "what paid the fee stays paid");

    // The channel's notification of the refund is lost; the sweep asks once the bank has had time.
    deliver(&app).await;
    app.execute("UPDATE outbox SET delivered_at = 1 WHERE kind = 'sandbox.alipay' AND body LIKE '%\"refund\"%'").await;
    app.clock.advance(2 * MINUTE);
    tongban_server::payments::sweep(app.state()).await.unwrap();
    assert_eq!(payment(&zhang, &second["id"]).await["refunds"][0]["state"], "success");
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("已原路退回")).await);
    let swept = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'payment.refunded' AND detail LIKE $1", "sweep %").await;
    assert_eq!(swept, 1);
}

#[tokio::test]
async fn a_refunds_notification_is_taken_once_and_only_for_its_own_order() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.11", ZHANG).await;
    let (application, _, order) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.12", "jt01").await;
    refund(&jt, &application, &order, "4", "部分退回").await;
    deliver(&app).await;
    let request_no: String = sqlx::query("SELECT out_request_no FROM payment_refunds").fetch_one(&app.state().pool).await.unwrap().get(0);
    let out_trade_no = order["out_trade_no"].as_str().unwrap();
    let now = app.clock.now();
    let body = notification(out_trade_no, "TRADE_SUCCESS", now, |p| {
        p.extend([("out_biz_no".to_string(), request_no.clone()), ("refund_fee".into(), "4.00".into())]);
    });
    let taken = notify(&app, &body).await;
    assert_eq!((taken.status, taken.text.as_str()), (StatusCode::OK, "success"));
    assert_eq!(payment(&zhang, &order["id"]).await["refunds"][0]["state"], "success");
    assert_eq!(notify(&app, &body).await.status, StatusCode::BAD_REQUEST, "a replay is refused");
    let no_fee = notification(out_trade_no, "TRADE_SUCCESS", now, |p| p.push(("out_biz_no".to_string(), request_no.clone())));
    assert_eq!(notify(&app, &no_fee).await.status, StatusCode::BAD_REQUEST, "a refund without its amount is malformed");
    let state: String = sqlx::query("SELECT state FROM payment_orders WHERE id = $1")
        .bind(order["id"].as_str().unwrap())
        .fetch_one(&app.state().pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(state, "success", "a refund's TRADE_CLOSED or TRADE_SUCCESS never moves the order");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refunded").await, 1);
}

#[tokio::test]
async fn a_refund_the_channel_refuses_fails_and_its_amount_can_be_refunded_again() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.41.13", ZHANG).await;
    let (application, _, order) = paid_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.41.14", "jt01").await;
    // The channel no longer holds the trade as paid (a refund made at the channel's own console).
    app.execute("UPDATE sandbox_trades SET state = 'closed'").await;
    assert_eq!(refund(&jt, &application, &order, "10", "全部退回").await.status, StatusCode::OK);
    deliver(&app).await;
    let case = jt.get(&format!("/api/v1/staff/applications/{application}")).await.json();
    let paid = &case["fees"][0]["orders"][0];
    assert_eq!(paid["refunds"][0]["state"], "failed");
    assert_eq!(paid["refundable_fen"], 1000, "what failed can be refunded again");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refund_failed").await, 1);
}
