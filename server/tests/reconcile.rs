//! The daily reconciliation: the department's payments and refunds of a day against each
//! channel's statement — nothing to report when they agree; money only one side knows of, an
//! amount that differs, and an order that is not the portal's, each listed; other departments'
//! orders never shown; who may ask, and for what day.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::signed_in;
use axum::http::StatusCode;
use common::{Browser, TestApp};
use paying::*;
use serde_json::{json, Value};
use tongban_server::clock::SECOND;

async fn paid_through(app: &TestApp, zhang: &Browser<'_>, channel: &str, notify: &str) -> Value {
    let (_, fee) = submitted_renewal(app, zhang).await;
    let (order, cashier) = order_at_cashier_through(zhang, &fee, &format!("{channel}-{fee}"), channel).await;
    choose(app, &cashier, "pay", notify).await;
    deliver(app).await;
    order
}

fn channel<'a>(day: &'a Value, name: &str) -> &'a Value {
    day["channels"].as_array().unwrap().iter().find(|c| c["channel"] == name).unwrap()
}

#[tokio::test]
async fn a_day_is_reconciled_against_each_channels_statement_and_differences_are_listed() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.44.1", ZHANG).await;
    let jt = app.officer("10.0.44.2", "jt01").await;
    let by_alipay = paid_through(&app, &zhang, "alipay", "normal").await;
    let by_wechat = paid_through(&app, &zhang, "wechat", "normal").await;
    let refunded = jt
        .post(
            &format!("/api/v1/staff/applications/{}/refunds", by_alipay["application_id"].as_str().unwrap()),
            json!({ "order_id": by_alipay["id"], "amount": "3", "reason": "退回部分工本费" }),
        )
        .await;
    assert_eq!(refunded.status, StatusCode::OK, "{}", refunded.text);
    deliver(&app).await;
    app.clock.advance(61 * SECOND);
    deliver(&app).await;

    let day = jt.get("/api/v1/staff/reconciliation").await;
    assert_eq!(day.status, StatusCode::OK, "{}", day.text);
    let day = day.json();
    assert_eq!(day["date"], "2026-11-27");
    let alipay = channel(&day, "alipay");
    assert_eq!(
        (alipay["statement_received"].as_bool(), alipay["payments"].as_u64(), alipay["paid_fen"].as_u64()),
        (Some(true), Some(1), Some(1000))
    );
    assert_eq!((alipay["refunds"].as_u64(), alipay["refunded_fen"].as_u64()), (Some(1), Some(300)));
    assert_eq!(alipay["differences"], json!([]), "they agree");
    let wechat = channel(&day, "wechat");
    assert_eq!((wechat["statement_received"].as_bool(), wechat["payments"].as_u64()), (Some(true), Some(1)));
    assert_eq!(wechat["differences"], json!([]));

    // Money the portal never heard of, an amount that changed, a trade the channel closed, and
    // an order that is not the portal's.
    let lost = paid_through(&app, &zhang, "alipay", "drop").await;
    app.execute(&format!(
        "UPDATE sandbox_trades SET amount_fen = 999 WHERE out_trade_no = '{}'",
        by_alipay["out_trade_no"].as_str().unwrap()
    ))
    .await;
    app.execute(&format!(
        "UPDATE sandbox_trades SET state = 'closed' WHERE out_trade_no = '{}'",
        by_wechat["out_trade_no"].as_str().unwrap()
    ))
    .await;
    app.execute(
        "INSERT INTO sandbox_trades (channel, trade_no, out_trade_no, merchant, amount_fen, subject, notify_url, return_url, state, time_expire, mischief, created_at, paid_at) \
         SELECT 'alipay', 'T-STRAY', 'STRAY-1', merchant, 500, 'stray', '', '', 'paid', time_expire, 'drop', created_at, paid_at FROM sandbox_trades LIMIT 1",
    )
    .await;
    let day = jt.get("/api/v1/staff/reconciliation?date=2026-11-27").await.json();
    let kinds = |name: &str| -> Vec<(String, String)> {
        channel(&day, name)["differences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["kind"].as_str().unwrap().to_string(), d["out_trade_no"].as_str().unwrap().to_string()))
            .collect()
    };
    let mut alipay = kinds("alipay");
    alipay.sort();
    assert_eq!(
        alipay,
        vec![
            ("amount_differs".to_string(), by_alipay["out_trade_no"].as_str().unwrap().to_string()),
            ("only_at_channel".to_string(), lost["out_trade_no"].as_str().unwrap().to_string()),
            ("unknown_order".to_string(), "STRAY-1".to_string()),
        ]
    );
    assert_eq!(kinds("wechat"), vec![("only_in_portal".to_string(), by_wechat["out_trade_no"].as_str().unwrap().to_string())]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.reconciled").await, 2);

    // Another department sees none of these orders, only the stray the portal does not know.
    let ga = app.officer("10.0.44.3", "ga01").await;
    let theirs = ga.get("/api/v1/staff/reconciliation?date=2026-11-27").await.json();
    assert_eq!(channel(&theirs, "alipay")["payments"], 0);
    let seen: Vec<&str> =
        channel(&theirs, "alipay")["differences"].as_array().unwrap().iter().map(|d| d["out_trade_no"].as_str().unwrap()).collect();
    assert_eq!(seen, ["STRAY-1"]);
}

#[tokio::test]
async fn only_officers_reconcile_and_only_days_that_have_come() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.44.4", ZHANG).await;
    assert_eq!(zhang.get("/api/v1/staff/reconciliation").await.status, StatusCode::UNAUTHORIZED);
    let jt = app.officer("10.0.44.5", "jt01").await;
    for date in ["2026-13-01", "2026-02-30", "%E4%BB%8A%E5%A4%A9"] {
        let bad = jt.get(&format!("/api/v1/staff/reconciliation?date={date}")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{date}");
        assert_eq!(bad.json()["fields"]["date"], "请按 年-月-日 输入日期，例如 2026-12-01");
    }
    let later = jt.get("/api/v1/staff/reconciliation?date=2026-11-28").await;
    assert_eq!(later.json()["fields"]["date"], "日期不能晚于今天");
    let earlier = jt.get("/api/v1/staff/reconciliation?date=2026-11-01").await.json();
    assert_eq!(channel(&earlier, "wechat")["payments"], 0, "a quiet day: {earlier}");
}
