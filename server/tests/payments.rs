//! Paying a fee through the sandbox Alipay, as a payer's browser and the channel would: the order
//! in each of its states, single-use addresses, idempotent creation, signed notifications that
//! are forged, replayed, stale, duplicated, reordered or dropped, expiry and late money, two tabs,
//! and who may pay.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::{declare_and_submit, fill, provide_materials, signed_in, start};
use axum::http::StatusCode;
use common::TestApp;
use paying::*;
use serde_json::json;
use tongban_api::payments::PaymentEvent;
use tongban_server::clock::{Clock, MINUTE, SECOND};
use tongban_server::payments::rsa2;
use tongban_server::sandbox::KEYS;

#[tokio::test]
async fn a_fee_is_paid_through_the_cashier_and_its_notification_once() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.1", ZHANG).await;
    let (application, fee) = submitted_renewal(&app, &zhang).await;
    let detail = zhang.get(&format!("/api/v1/fees/{fee}")).await.json();
    assert_eq!(detail["channels"], json!(["alipay", "wechat"]));
    assert_eq!(detail["fee"]["basis"]["zh"].as_str().map(|b| !b.is_empty()), Some(true));

    // The same key is the same order, with a new address while the first was not used.
    let first = make_order(&zhang, &fee, "press-1").await.json();
    let again = make_order(&zhang, &fee, "press-1").await.json();
    assert_eq!(first["id"], again["id"]);
    assert_ne!(first["next_url"], again["next_url"]);
    assert_eq!(
        zhang.get(first["next_url"].as_str().unwrap()).await.header("location"),
        format!("/payments/{}", first["id"].as_str().unwrap()),
        "the replaced address leads only to the payment's page"
    );
    let other =
        zhang.post_with(&format!("/api/v1/fees/{fee}/payments"), json!({ "channel": null }), &[("idempotency-key", "press-2")]).await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST, "a channel must be chosen");
    assert!(other.json()["fields"]["channel"].is_string());
    let long_key = "k".repeat(65);
    let bad_key = zhang
        .post_with(&format!("/api/v1/fees/{fee}/payments"), json!({ "channel": "alipay" }), &[("idempotency-key", long_key.as_str())])
        .await;
    assert_eq!(bad_key.status, StatusCode::BAD_REQUEST, "{}", bad_key.text);
    assert!(bad_key.json()["fields"]["idempotency_key"].is_string());

    let cashier = zhang.get(again["next_url"].as_str().unwrap()).await;
    assert_eq!(cashier.status, StatusCode::SEE_OTHER);
    let cashier = cashier.header("location").to_string();
    assert_eq!(payment(&zhang, &first["id"]).await["state"], "started");
    let used = zhang.get(again["next_url"].as_str().unwrap()).await;
    assert_eq!(used.header("location"), format!("/payments/{}", first["id"].as_str().unwrap()), "the way to the cashier is single-use");
    let page = app.get(&cashier).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("¥10.00") && page.text.contains("<h1>支付宝（沙箱）收银台</h1>"), "{}", page.text);

    let back = choose(&app, &cashier, "pay", "normal").await;
    assert!(back.contains(&format!("/payments/{}/return?token=", first["id"].as_str().unwrap())), "{back}");
    assert_eq!(payment(&zhang, &first["id"]).await["state"], "started", "nothing is known until the channel says so");
    assert_eq!(deliver(&app).await, 1, "the notification goes out");
    let paid = payment(&zhang, &first["id"]).await;
    assert_eq!(paid["state"], "success");
    assert_eq!(paid["finished"], true);
    assert!(paid["paid_at"].is_i64() && paid["channel_trade_no"].is_string());
    assert_eq!(success_events(&app, &first).await, 1);

    let returned =
        zhang.post(&format!("/api/v1/payments/{}/return", first["id"].as_str().unwrap()), json!({ "token": token_of(&back) })).await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.text);
    assert_eq!(returned.json()["state"], "success");
    let twice =
        zhang.post(&format!("/api/v1/payments/{}/return", first["id"].as_str().unwrap()), json!({ "token": token_of(&back) })).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "the return address is single-use");

    let application = zhang.get(&format!("/api/v1/applications/{application}")).await.json();
    assert_eq!(application["fees"][0]["state"], "paid");
    assert_eq!(application["fees"][0]["paid_by"], first["id"]);
    let more = make_order(&zhang, &fee, "press-3").await;
    assert_eq!(more.status, StatusCode::CONFLICT, "a paid fee takes no more orders");
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("¥10.00") && t.contains("已到账")).await);
    let cancel = zhang.post(&format!("/api/v1/payments/{}/cancel", first["id"].as_str().unwrap()), json!({})).await;
    assert_eq!(cancel.status, StatusCode::CONFLICT, "a finished payment cannot be cancelled");
}

#[tokio::test]
async fn a_dropped_notification_is_recovered_when_the_payer_returns_and_by_the_sweep() {
    let app = TestApp::with_config(|c| c.payment_expiry_secs = 600).await;
    let zhang = signed_in(&app, "10.0.40.2", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier(&zhang, &fee, "k1").await;
    let back = choose(&app, &cashier, "pay", "drop").await;
    assert_eq!(deliver(&app).await, 0, "nothing is sent");
    let returned =
        zhang.post(&format!("/api/v1/payments/{}/return", order["id"].as_str().unwrap()), json!({ "token": token_of(&back) })).await;
    assert_eq!(returned.json()["state"], "success", "the return asks the channel");

    // A payer who never comes back: the sweep asks once the order's time is up.
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier(&zhang, &fee, "k2").await;
    choose(&app, &cashier, "pay", "drop").await;
    app.clock.advance(11 * MINUTE);
    assert_eq!(tongban_server::payments::sweep(app.state()).await.unwrap(), 1);
    let swept = payment(&zhang, &order["id"]).await;
    assert_eq!(swept["state"], "success", "money the channel took is never expired away");
    assert!(swept["surplus"].is_null());
}

#[tokio::test]
async fn declined_bank_error_cancelled_and_slow_payments_each_end_where_they_should() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.3", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    for (n, (action, state)) in [("decline", "failed"), ("bank_error", "error"), ("cancel", "cancelled")].into_iter().enumerate() {
        let (order, cashier) = order_at_cashier(&zhang, &fee, &format!("try-{n}")).await;
        let back = choose(&app, &cashier, action, "normal").await;
        deliver(&app).await;
        let returned =
            zhang.post(&format!("/api/v1/payments/{}/return", order["id"].as_str().unwrap()), json!({ "token": token_of(&back) })).await;
        assert_eq!(returned.json()["state"], state, "{action}: {}", returned.text);
        assert_eq!(returned.json()["finished"], true);
    }
    // Cancelled at the portal before reaching the cashier.
    let order = make_order(&zhang, &fee, "try-portal").await.json();
    let cancelled = zhang.post(&format!("/api/v1/payments/{}/cancel", order["id"].as_str().unwrap()), json!({})).await;
    assert_eq!(cancelled.json()["state"], "cancelled", "{}", cancelled.text);

    // The bank completes it later: submitted while it works, then paid.
    let (order, cashier) = order_at_cashier(&zhang, &fee, "try-slow").await;
    let back = choose(&app, &cashier, "pay_slow", "normal").await;
    assert_eq!(deliver(&app).await, 0, "nothing to tell yet");
    let returned =
        zhang.post(&format!("/api/v1/payments/{}/return", order["id"].as_str().unwrap()), json!({ "token": token_of(&back) })).await;
    assert_eq!(returned.json()["state"], "submitted");
    let second = make_order(&zhang, &fee, "try-while-waiting").await;
    assert_eq!(second.status, StatusCode::CONFLICT, "no second payment while one awaits confirmation: {}", second.text);
    app.clock.advance(31 * SECOND);
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "success");
    let fee = zhang.get(&format!("/api/v1/fees/{fee}")).await.json();
    assert_eq!(fee["fee"]["state"], "paid");
    assert_eq!(fee["orders"].as_array().unwrap().len(), 5, "every attempt is listed");
}

#[tokio::test]
async fn notifications_that_do_not_hold_change_nothing_and_are_refused_with_a_4xx() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.4", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, _) = order_at_cashier(&zhang, &fee, "k").await;
    let trade = order["out_trade_no"].as_str().unwrap();
    let now = app.clock.now();
    let forged = {
        let mut params: Vec<(String, String)> = serde_urlencoded::from_str(&notification(trade, "TRADE_SUCCESS", now, |_| {})).unwrap();
        let content = rsa2::signing_content(params.iter().filter(|(k, _)| k != "sign").map(|(k, v)| (k.as_str(), v.as_str())));
        params.retain(|(k, _)| k != "sign");
        params.push(("sign".into(), rsa2::sign(&KEYS.alipay_app.0, &content)));
        serde_urlencoded::to_string(&params).unwrap()
    };
    let tampered = notification(trade, "TRADE_SUCCESS", now, |_| {}).replace("total_amount=10.00", "total_amount=0.01");
    let bad = [
        ("signed with another key", forged),
        ("changed after signing", tampered),
        (
            "another amount",
            notification(trade, "TRADE_SUCCESS", now, |p| {
                p.iter_mut().filter(|(k, _)| k == "total_amount").for_each(|(_, v)| *v = "10.01".into())
            }),
        ),
        ("unknown order", notification("TBP20261127FFFFFFFFFFFF", "TRADE_SUCCESS", now, |_| {})),
        (
            "another merchant",
            notification(trade, "TRADE_SUCCESS", now, |p| {
                p.iter_mut().filter(|(k, _)| k == "seller_id").for_each(|(_, v)| *v = "2088999999999999".into())
            }),
        ),
        (
            "another app",
            notification(trade, "TRADE_SUCCESS", now, |p| {
                p.iter_mut().filter(|(k, _)| k == "app_id").for_each(|(_, v)| *v = "2021999999999999".into())
            }),
        ),
        ("ten minutes old", notification(trade, "TRADE_SUCCESS", now - 10 * MINUTE, |_| {})),
        (
            "an amount written wrong",
            notification(trade, "TRADE_SUCCESS", now, |p| {
                p.iter_mut().filter(|(k, _)| k == "total_amount").for_each(|(_, v)| *v = "1e1".into())
            }),
        ),
        ("an unknown status", notification(trade, "TRADE_MAYBE", now, |_| {})),
        ("a name given twice", format!("{}&total_amount=0.01", notification(trade, "TRADE_SUCCESS", now, |_| {}))),
        ("not a form", "%%%".to_string()),
        ("empty", String::new()),
    ];
    for (what, body) in bad {
        let refused = notify(&app, &body).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{what}: {}", refused.text);
        assert_eq!(refused.text, "failure", "{what}");
        assert_eq!(payment(&zhang, &order["id"]).await["state"], "started", "{what} changed nothing");
    }
    let rejected = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.notify_rejected").await;
    assert_eq!(rejected, 12, "each refusal is on the audit log");

    let genuine = notification(trade, "TRADE_SUCCESS", now, |_| {});
    let taken = notify(&app, &genuine).await;
    assert_eq!((taken.status, taken.text.as_str()), (StatusCode::OK, "success"));
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "success");
    let replayed = notify(&app, &genuine).await;
    assert_eq!(replayed.status, StatusCode::BAD_REQUEST, "the same signed notification is taken once");
    // A later, stale fact (the payer confirming) changes nothing but is acknowledged.
    let stale = notify(&app, &notification(trade, "WAIT_BUYER_PAY", now + SECOND, |_| {})).await;
    assert_eq!((stale.status, stale.text.as_str()), (StatusCode::OK, "success"));
    assert_eq!(success_events(&app, &order).await, 1);
}

#[tokio::test]
async fn duplicated_reordered_and_concurrent_notifications_pay_once() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.5", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier(&zhang, &fee, "dup").await;
    choose(&app, &cashier, "pay", "duplicate").await;
    deliver(&app).await;
    let trade = order["out_trade_no"].as_str().unwrap();
    let taken = count(&app, "SELECT COUNT(*) FROM payment_notifications WHERE out_trade_no = $1", trade).await;
    assert_eq!(taken, 3, "three notifications, each taken");
    assert_eq!(success_events(&app, &order).await, 1);
    let unchanged =
        count(&app, "SELECT COUNT(*) FROM payment_notifications WHERE out_trade_no = $1 AND outcome = 'unchanged'", trade).await;
    assert_eq!(unchanged, 2);

    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier(&zhang, &fee, "reorder").await;
    choose(&app, &cashier, "pay", "reorder").await;
    deliver(&app).await;
    app.clock.advance(2 * SECOND);
    deliver(&app).await;
    let taken =
        count(&app, "SELECT COUNT(*) FROM payment_notifications WHERE out_trade_no = $1", order["out_trade_no"].as_str().unwrap()).await;
    assert_eq!(taken, 2, "the earlier fact arrives after the later one");
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "success");

    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, _) = order_at_cashier(&zhang, &fee, "race").await;
    let trade = order["out_trade_no"].as_str().unwrap().to_string();
    let now = app.clock.now();
    let bodies: Vec<String> = (0..10)
        .map(|n| {
            notification(&trade, "TRADE_SUCCESS", now, |p| {
                p.iter_mut().filter(|(k, _)| k == "notify_id").for_each(|(_, v)| *v = format!("race{n}"))
            })
        })
        .collect();
    let answers = futures::future::join_all(bodies.iter().map(|b| notify(&app, b))).await;
    assert!(answers.iter().all(|a| a.status == StatusCode::OK), "{:?}", answers.iter().map(|a| &a.text).collect::<Vec<_>>());
    assert_eq!(success_events(&app, &order).await, 1, "ten at once: one success");
    let paid = count(&app, "SELECT COUNT(*) FROM application_fees WHERE paid_order_id = $1", order["id"].as_str().unwrap()).await;
    assert_eq!(paid, 1);
}

#[tokio::test]
async fn orders_expire_and_money_taken_late_or_twice_is_surplus() {
    let app = TestApp::with_config(|c| c.payment_expiry_secs = 600).await;
    let zhang = signed_in(&app, "10.0.40.6", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier(&zhang, &fee, "slow").await;
    app.clock.advance(11 * MINUTE);
    assert_eq!(tongban_server::payments::sweep(app.state()).await.unwrap(), 1);
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "expired");
    let page = app.get(&cashier).await;
    assert!(page.text.contains("不能再支付"), "the channel closed the trade too: {}", page.text);

    // Money can still come after the portal ended an order (the channel's close was lost).
    let (order, cashier) = order_at_cashier(&zhang, &fee, "late").await;
    let ended =
        tongban_server::payments::store::apply(app.state(), order["id"].as_str().unwrap(), PaymentEvent::TimedOut, "sweep", None).await;
    assert!(ended.is_ok());
    choose(&app, &cashier, "pay", "normal").await;
    deliver(&app).await;
    let late = payment(&zhang, &order["id"]).await;
    assert_eq!((late["state"].as_str(), late["surplus"].as_str()), (Some("success"), Some("late")));
    assert_eq!(zhang.get(&format!("/api/v1/fees/{fee}")).await.json()["fee"]["state"], "due", "late money does not pay the fee");

    // Two tabs, both open at the cashier: the one paid first pays the fee, the other is surplus.
    let (first, first_cashier) = order_at_cashier(&zhang, &fee, "tab-1").await;
    let (second, second_cashier) = order_at_cashier(&zhang, &fee, "tab-2").await;
    choose(&app, &first_cashier, "pay", "normal").await;
    deliver(&app).await;
    choose(&app, &second_cashier, "pay", "normal").await;
    deliver(&app).await;
    assert!(payment(&zhang, &first["id"]).await["surplus"].is_null());
    assert_eq!(payment(&zhang, &second["id"]).await["surplus"], "duplicate");
    let detail = zhang.get(&format!("/api/v1/fees/{fee}")).await.json();
    assert_eq!(detail["fee"]["paid_by"], first["id"]);
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("将原路退回")).await, "the payer is told the surplus goes back");
}

#[tokio::test]
async fn only_the_payer_may_see_and_pay_a_fee() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.7", ZHANG).await;
    let (_, fee) = submitted_renewal(&app, &zhang).await;
    let order = make_order(&zhang, &fee, "mine").await.json();
    let li = signed_in(&app, "10.0.40.8", LI).await;
    assert_eq!(li.get(&format!("/api/v1/fees/{fee}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(make_order(&li, &fee, "theirs").await.status, StatusCode::NOT_FOUND);
    let id = order["id"].as_str().unwrap();
    assert_eq!(li.get(&format!("/api/v1/payments/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(li.post(&format!("/api/v1/payments/{id}/cancel"), json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(li.post(&format!("/api/v1/payments/{id}/return"), json!({ "token": "x" })).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/v1/fees/{fee}")).await.status, StatusCode::UNAUTHORIZED);
    let refused = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "payment.refused").await;
    assert_eq!(refused, 5, "each refusal is audited");
    assert_eq!(payment(&zhang, &order["id"]).await["state"], "created", "nothing the stranger did moved it");
}

#[tokio::test]
async fn a_companys_fee_is_paid_by_someone_acting_for_it_with_the_pay_scope() {
    const SUN: &str = "31010419870415122X";
    const SUN_PHONE: &str = "13011130001";
    const COMPANY: &str = "91310101MA1FPX0T5D";
    let app = TestApp::new().await;
    app.execute("UPDATE services SET fee_fen = 5000 WHERE code = 'SJ-003'").await;
    let zhang = signed_in(&app, "10.0.40.9", ZHANG).await;
    let agents = format!("/api/v1/account/companies/{COMPANY}/agents");
    zhang.post(&agents, json!({ "id_number": SUN, "scopes": ["apply", "view_licences"] })).await;
    let sun = signed_in(&app, "10.0.40.10", SUN).await;
    sun.post("/api/v1/session/acting-as", json!({ "credit_code": COMPANY })).await;
    let draft = start(&sun, "SJ-003").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let pages = applying::food_business_filing(COMPANY, SUN, SUN_PHONE);
    fill(&sun, &id, draft["version"].clone(), pages).await;
    provide_materials(&sun, &id).await;
    let submitted = declare_and_submit(&app, &sun, &id, SUN_PHONE).await;
    let fee = &submitted["fees"][0];
    assert_eq!(fee["company_name"], "上海通办示范科技有限公司");
    assert_eq!(fee["may_pay"], false, "the agent may apply, not pay");
    let fee = fee["id"].as_str().unwrap().to_string();
    let refused = make_order(&sun, &fee, "agent").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["message"], "您在该企业的授权不包括缴费。如需缴费，请联系企业法定代表人调整授权");
    assert_eq!(zhang.get(&format!("/api/v1/fees/{fee}")).await.status, StatusCode::NOT_FOUND, "not while acting for himself");
    assert_eq!(sun.get("/api/v1/account/receipts").await.status, StatusCode::FORBIDDEN, "nor the company's receipts");

    zhang.post(&agents, json!({ "id_number": SUN, "scopes": ["apply", "pay"] })).await;
    let (order, cashier) = order_at_cashier(&sun, &fee, "agent-with-pay").await;
    assert_eq!(order["amount_fen"], 5000);
    choose(&app, &cashier, "pay", "normal").await;
    deliver(&app).await;
    assert_eq!(payment(&sun, &order["id"]).await["state"], "success");
    let receipts = sun.get("/api/v1/account/receipts").await.json();
    assert_eq!(receipts[0]["content"]["payer_id"], COMPANY, "the company's receipt, for whoever pays for it");
}

#[tokio::test]
async fn a_withdrawn_application_takes_no_new_payment_and_money_arriving_after_is_surplus() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.11", ZHANG).await;
    let (application, fee) = submitted_renewal(&app, &zhang).await;
    let (order, cashier) = order_at_cashier(&zhang, &fee, "before").await;
    let withdrawn = zhang.post(&format!("/api/v1/applications/{application}/withdraw"), json!({})).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    assert_eq!(make_order(&zhang, &fee, "after").await.status, StatusCode::CONFLICT);
    choose(&app, &cashier, "pay", "normal").await;
    deliver(&app).await;
    let paid = payment(&zhang, &order["id"]).await;
    assert_eq!((paid["state"].as_str(), paid["surplus"].as_str()), (Some("success"), Some("withdrawn")));
    // Unpaid, the fee is no longer owed, and the application says so.
    assert_eq!(zhang.get(&format!("/api/v1/fees/{fee}")).await.json()["fee"]["state"], "cancelled");
    let detail = zhang.get(&format!("/api/v1/applications/{application}")).await.json();
    assert_eq!(detail["fees"][0]["state"], "cancelled");
}

#[tokio::test]
async fn the_officer_sees_the_fee_and_issues_the_result_only_once_it_is_paid() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.12", ZHANG).await;
    let (application, fee) = submitted_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.40.13", "jt01").await;
    let case_uri = format!("/api/v1/staff/applications/{application}");
    let actions = format!("{case_uri}/actions");
    let case = jt.get(&case_uri).await.json();
    assert_eq!(case["fees"][0]["fee"]["state"], "due");
    assert_eq!(case["fees"][0]["fee"]["amount_fen"], 1000);
    let mut version = case["version"].clone();
    for event in ["accept", "start_review", "approve"] {
        let moved = jt.post(&actions, json!({ "event": event, "version": version })).await;
        assert_eq!(moved.status, StatusCode::OK, "{event}: {}", moved.text);
        version = moved.json()["version"].clone();
    }
    let refused = jt.post(&actions, json!({ "event": "issue_result", "version": version })).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.json()["message"], "这份申请还有费用未缴纳，缴清后才能出具结果");

    let (order, cashier) = order_at_cashier(&zhang, &fee, "before-issue").await;
    choose(&app, &cashier, "pay", "normal").await;
    deliver(&app).await;
    let case = jt.get(&case_uri).await.json();
    assert_eq!(case["fees"][0]["fee"]["state"], "paid");
    assert_eq!(case["fees"][0]["orders"][0]["id"], order["id"]);
    assert_eq!(case["fees"][0]["orders"][0]["state"], "success");
    let issued = jt.post(&actions, json!({ "event": "issue_result", "version": case["version"] })).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
}

#[tokio::test]
async fn the_benchs_notifications_each_settle_an_order_of_their_own() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.40.14").await;
    let made = browser.post("/api/v1/dev/bench/payments", json!({ "count": 3 })).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.text);
    for body in made.json()["bodies"].as_array().unwrap() {
        let taken = notify(&app, body.as_str().unwrap()).await;
        assert_eq!((taken.status, taken.text.as_str()), (StatusCode::OK, "success"));
    }
    let application = made.json()["application"].as_str().unwrap().to_string();
    assert_eq!(browser.get(&format!("/api/v1/dev/bench/payments?application={application}")).await.json()["settled"], 3);
    assert!(app.texts_to(ZHANG_PHONE).await.is_empty(), "no demo account hears of the bench");
}
