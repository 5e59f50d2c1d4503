//! Collecting a result at the window by its pick-up code: made when the result is issued for an
//! applicant who chose the window; found only by an officer of the issuing department; handed over
//! once, with the collector's identity checked; the applicant sees it and the application ends.

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

/// 张伟's renewal (collected at the window), paid and decided by jt01 up to issuing the result.
async fn issued_renewal(app: &TestApp, zhang: &Browser<'_>, jt: &Browser<'_>) -> String {
    let (application, fee) = submitted_renewal(app, zhang).await;
    pay_and_issue(app, zhang, jt, &application, &fee).await;
    application
}

async fn pay_and_issue(app: &TestApp, zhang: &Browser<'_>, jt: &Browser<'_>, application: &str, fee: &str) {
    let (_, cashier) = order_at_cashier(zhang, fee, "pay").await;
    choose(app, &cashier, "pay", "normal").await;
    deliver(app).await;
    let actions = format!("/api/v1/staff/applications/{application}/actions");
    let mut version = jt.get(&format!("/api/v1/staff/applications/{application}")).await.json()["version"].clone();
    for event in ["accept", "start_review", "approve", "issue_result"] {
        let moved = jt.post(&actions, json!({ "event": event, "version": version })).await;
        assert_eq!(moved.status, StatusCode::OK, "{event}: {}", moved.text);
        version = moved.json()["version"].clone();
    }
}

async fn pickup_of(zhang: &Browser<'_>, application: &str) -> Value {
    zhang.get(&format!("/api/v1/applications/{application}")).await.json()["pickup"].clone()
}

#[tokio::test]
async fn a_result_is_handed_over_once_by_its_code_at_the_department_that_issued_it() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.43.1", ZHANG).await;
    let jt = app.officer("10.0.43.2", "jt01").await;
    let application = issued_renewal(&app, &zhang, &jt).await;

    let pickup = pickup_of(&zhang, &application).await;
    assert_eq!(pickup["state"], "ready", "{pickup}");
    let code = pickup["code"].as_str().unwrap().to_string();
    assert!(code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
    assert!(pickup["place"]["name"]["zh"].as_str().is_some_and(|n| !n.is_empty()) && pickup["place"]["address"]["en"].is_string());
    let messages = zhang.get("/api/v1/messages").await.text;
    assert!(messages.contains("取件码") && !messages.contains(&code), "told where, and that the code is on the page: {messages}");

    // Another department's officer, a citizen, a mistyped code: none of them finds it.
    let ga = app.officer("10.0.43.3", "ga01").await;
    let elsewhere = ga.post("/api/v1/staff/pickups/lookup", json!({ "pickup_code": code })).await;
    assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);
    assert_eq!(elsewhere.json()["fields"]["pickup_code"], "本部门没有待领取的这个取件码，请核对后重新输入");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "pickup.refused").await, 1, "a probe is audited");
    let citizen = zhang.post("/api/v1/staff/pickups/lookup", json!({ "pickup_code": code })).await;
    assert_eq!(citizen.status, StatusCode::UNAUTHORIZED);
    let short = jt.post("/api/v1/staff/pickups/lookup", json!({ "pickup_code": "1234" })).await;
    assert_eq!(short.json()["fields"]["pickup_code"], "请输入 8 位数字");

    let found = jt.post("/api/v1/staff/pickups/lookup", json!({ "pickup_code": format!(" {code} ") })).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    let found = found.json();
    assert_eq!((found["state"].as_str(), found["applicant_name"].as_str()), (Some("ready"), Some("张伟")));
    assert_eq!(found["applicant_id"].as_str().map(|id| id.contains("0307") || id == ZHANG), Some(false), "the ID number is masked");
    assert_eq!(found["application_id"], application);
    let used = count(&app, "SELECT COUNT(*) FROM data_uses WHERE subject = $1 AND what_zh LIKE '%窗口交付%'", ZHANG).await;
    assert_eq!(used, 1, "the officer's look is on 张伟's record of who used his data");

    let unchecked = jt
        .post("/api/v1/staff/pickups/handover", json!({ "pickup_code": code, "application_id": application, "identity_checked": false }))
        .await;
    assert_eq!(unchecked.status, StatusCode::BAD_REQUEST);
    assert_eq!(unchecked.json()["fields"]["identity_checked"], "请先核验领取人的身份证件");
    assert_eq!(pickup_of(&zhang, &application).await["state"], "ready", "nothing changed");

    // A code changed after the look-up is not the result the collector was checked against.
    let other = jt
        .post("/api/v1/staff/pickups/handover", json!({ "pickup_code": code, "application_id": "another", "identity_checked": true }))
        .await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST);
    assert_eq!(pickup_of(&zhang, &application).await["state"], "ready", "nothing changed");

    // Two presses at once hand it over once.
    let handover = json!({ "pickup_code": code, "application_id": application, "identity_checked": true });
    let (a, b) = tokio::join!(
        jt.post("/api/v1/staff/pickups/handover", handover.clone()),
        jt.post("/api/v1/staff/pickups/handover", handover.clone())
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} / {}", a.text, b.text);
    let done = if a.status == StatusCode::OK { a.json() } else { b.json() };
    assert_eq!((done["state"].as_str(), done["handed_over_by"].as_str()), (Some("handed_over"), Some("赵德明")));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "pickup.handed_over").await, 1);

    let seen = zhang.get(&format!("/api/v1/applications/{application}")).await.json();
    assert_eq!(seen["state"], "closed", "collected is complete");
    assert_eq!(seen["pickup"]["state"], "handed_over");
    assert!(seen["pickup"]["handed_over_at"].is_i64());
    let again = jt.post("/api/v1/staff/pickups/handover", handover).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["message"], "这份办理结果已经交付，不能再次领取。请核对取件码");
    let looked = jt.post("/api/v1/staff/pickups/lookup", json!({ "pickup_code": code })).await.json();
    assert_eq!(looked["state"], "handed_over", "the code still tells the officer what became of it");
}

#[tokio::test]
async fn a_result_posted_home_gets_no_pick_up_code() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.43.4", ZHANG).await;
    let jt = app.officer("10.0.43.5", "jt01").await;
    // The applicant chose the post instead of the window.
    let (application, fee) = submitted_renewal(&app, &zhang).await;
    app.execute(&format!("UPDATE applications SET answers = REPLACE(answers, '\"window\"', '\"post\"') WHERE id = '{application}'")).await;
    pay_and_issue(&app, &zhang, &jt, &application, &fee).await;
    assert!(pickup_of(&zhang, &application).await.is_null());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM result_pickups WHERE application_id = $1", &application).await, 0);
}
