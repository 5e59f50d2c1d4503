//! Fiscal e-receipts: issued once when a fee is paid (never for money not owed), sealed by the
//! department and the fiscal bureau, read by their payer only, and checked by anyone holding one.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::signed_in;
use axum::http::StatusCode;
use common::TestApp;
use paying::*;
use serde_json::json;

const LI: &str = "310105198511123624";

#[tokio::test]
async fn a_paid_fee_has_one_sealed_receipt_its_payer_reads_and_anyone_holding_it_checks() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.42.1", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    // Two tabs pay: the fee has one receipt, for the order that paid it.
    let (first, first_cashier) = order_at_cashier(&zhang, &fee, "receipt-1").await;
    let (second, second_cashier) = order_at_cashier(&zhang, &fee, "receipt-2").await;
    choose(&app, &first_cashier, "pay", "normal").await;
    choose(&app, &second_cashier, "pay", "normal").await;
    deliver(&app).await;
    let paid = payment(&zhang, &first["id"]).await;
    let id = paid["receipt_id"].as_str().expect("a receipt for the order that paid").to_string();
    assert!(payment(&zhang, &second["id"]).await["receipt_id"].is_null(), "money not owed has no receipt");

    let receipt = zhang.get(&format!("/api/v1/receipts/{id}")).await;
    assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.text);
    let receipt = receipt.json();
    let content = &receipt["content"];
    assert_eq!(content["code"], "31062601");
    assert_eq!(content["number"], "0000000001");
    assert_eq!(content["payer_name"], "张伟");
    assert_eq!(content["payer_id"], "310***********241X");
    assert_eq!(content["amount_fen"], 1000);
    assert_eq!(content["items"][0]["amount_fen"], 1000);
    assert_eq!(content["issuer"]["zh"], "上海市交通委员会");
    assert_eq!(content["supervisor"]["zh"], "上海市财政局");
    assert_eq!(content["out_trade_no"], paid["out_trade_no"]);
    let check_code = receipt["check_code"].as_str().unwrap().to_string();
    assert_eq!(check_code.len(), 10);
    let listed = zhang.get("/api/v1/account/receipts").await.json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    // Another person is told there is no such receipt, and it is audited.
    let li = signed_in(&app, "10.0.42.2", LI).await;
    assert_eq!(li.get(&format!("/api/v1/receipts/{id}")).await.status, StatusCode::NOT_FOUND);
    assert!(li.get("/api/v1/account/receipts").await.json().as_array().unwrap().is_empty());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refused").await, 1);

    // Anyone holding it checks it, signed in or not.
    let stranger = app.browser("10.0.42.3").await;
    let checked = stranger
        .post(
            "/api/v1/verify/receipt",
            json!({ "receipt_code": "31062601", "receipt_number": "0000000001", "check_code": check_code.to_lowercase() }),
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.text);
    assert_eq!(checked.json()["valid"], true);
    assert_eq!(checked.json()["receipt"]["payer_name"], "张伟");
    let wrong = stranger
        .post("/api/v1/verify/receipt", json!({ "receipt_code": "31062601", "receipt_number": "0000000001", "check_code": "ZZZZZZZZZZ" }))
        .await;
    assert_eq!(wrong.json(), json!({ "valid": false, "receipt": null, "refunded_fen": 0 }), "a wrong check code reveals nothing");
    let malformed =
        stranger.post("/api/v1/verify/receipt", json!({ "receipt_code": "3106", "receipt_number": "1", "check_code": "" })).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let problems = malformed.json()["fields"].clone();
    assert_eq!(problems["receipt_code"], "请输入 8 位数字");
    assert_eq!(problems["receipt_number"], "请输入 10 位数字");
    assert_eq!(problems["check_code"], "校验码是 10 位字母和数字");

    // A refund writes the receipt off by what went back.
    let jt = app.officer("10.0.42.5", "jt01").await;
    let application = paid["application_id"].as_str().unwrap();
    let refunded = jt
        .post(
            &format!("/api/v1/staff/applications/{application}/refunds"),
            json!({ "order_id": first["id"], "amount": "3", "reason": "部分退回" }),
        )
        .await;
    assert_eq!(refunded.status, StatusCode::OK, "{}", refunded.text);
    deliver(&app).await;
    app.clock.advance(61 * tongban_server::clock::SECOND);
    deliver(&app).await;
    let checked = stranger
        .post("/api/v1/verify/receipt", json!({ "receipt_code": "31062601", "receipt_number": "0000000001", "check_code": check_code }))
        .await;
    assert_eq!((checked.json()["valid"].as_bool(), checked.json()["refunded_fen"].as_u64()), (Some(true), Some(300)));

    // A receipt changed after sealing no longer checks, and its payer is not shown it as genuine.
    app.execute("UPDATE fee_receipts SET content = REPLACE(content, '张伟', '李娜')").await;
    let forged = stranger
        .post("/api/v1/verify/receipt", json!({ "receipt_code": "31062601", "receipt_number": "0000000001", "check_code": check_code }))
        .await;
    assert_eq!(forged.json()["valid"], false);
    assert_eq!(zhang.get(&format!("/api/v1/receipts/{id}")).await.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "receipt.checked").await, 4);
}

#[tokio::test]
async fn receipts_are_numbered_in_order_and_each_fee_has_at_most_one() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.42.4", ZHANG).await;
    let mut numbers = Vec::new();
    for round in 0..3 {
        let (_, fee) = submitted_renewal(&app, &zhang).await;
        let (order, cashier) = order_at_cashier(&zhang, &fee, &format!("numbered-{round}")).await;
        choose(&app, &cashier, "pay", "duplicate").await;
        deliver(&app).await;
        let id = payment(&zhang, &order["id"]).await["receipt_id"].as_str().unwrap().to_string();
        numbers.push(zhang.get(&format!("/api/v1/receipts/{id}")).await.json()["content"]["number"].as_str().unwrap().to_string());
    }
    assert_eq!(numbers, ["0000000001", "0000000002", "0000000003"]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM fee_receipts WHERE code = $1", "31062601").await, 3);
}
