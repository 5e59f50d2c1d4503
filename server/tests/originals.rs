//! Paper originals posted in: the applicant books the courier to collect them at their door, once,
//! while the application is undecided; the sandbox courier collects and delivers them with signed
//! tracking events; an officer of the department checks them in once delivered, and approval
//! waits for that. Strangers, other departments and bad input are refused.

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
use tongban_server::clock::MINUTE;

fn at_home() -> Value {
    json!({ "recipient": " 张伟 ", "phone": ZHANG_PHONE, "district": "minhang", "detail": "七莘路 1888 弄 5 号 302 室" })
}

async fn originals(zhang: &Browser<'_>, id: &str) -> Value {
    let application = zhang.get(&format!("/api/v1/applications/{id}")).await;
    assert_eq!(application.status, StatusCode::OK, "{}", application.text);
    application.json()["originals"].clone()
}

async fn act(officer: &Browser<'_>, id: &str, event: &str) -> common::TestResponse {
    let version = officer.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    officer.post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": event, "version": version })).await
}

#[tokio::test]
async fn originals_are_collected_at_the_door_delivered_checked_in_and_approval_waits_for_them() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.46.1", ZHANG).await;
    let (id, _) = submitted_renewal_with(&app, &zhang, json!({ "delivery": "window" })).await;
    let book = format!("/api/v1/applications/{id}/originals");

    // The renewal checks the originals of the health certificate and the photo receipt, at the
    // traffic police's window; nothing is booked yet.
    let before = originals(&zhang, &id).await;
    let materials: Vec<&str> = before["materials"].as_array().unwrap().iter().map(|m| m["zh"].as_str().unwrap()).collect();
    assert_eq!(materials, ["机动车驾驶人身体条件证明", "数码照片回执"], "{before}");
    assert_eq!((before["can_book"].as_bool(), before["shipment"].is_null()), (Some(true), true));
    assert!(before["to"]["address"]["zh"].as_str().is_some_and(|a| !a.is_empty()), "{before}");

    // A stranger finds nothing; a visitor is asked to sign in; a bad address is refused part by part.
    let li = signed_in(&app, "10.0.46.2", LI).await;
    assert_eq!(li.post(&book, at_home()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.browser("10.0.46.7").await.post(&book, at_home()).await.status, StatusCode::UNAUTHORIZED);
    let bad = zhang.post(&book, json!({ "recipient": "", "phone": "12345", "district": "gotham", "detail": " " })).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    for field in ["recipient", "phone", "district", "detail"] {
        assert!(bad.json()["fields"][field].is_string(), "{field}: {}", bad.text);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM shipments WHERE application_id = $1", &id).await, 0);

    // Booked once: the courier's waybill comes at once, and a second booking is refused.
    let booked = zhang.post(&book, at_home()).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.text);
    let shipment = &booked.json()["originals"]["shipment"];
    assert_eq!(shipment["address"]["recipient"], "张伟", "kept trimmed: {shipment}");
    assert_eq!(booked.json()["originals"]["can_book"], false);
    let again = zhang.post(&book, at_home()).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["message"], "这份申请的原件已经预约过上门收件。请刷新查看物流进度");
    let waybill = originals(&zhang, &id).await["shipment"]["waybill_no"].as_str().expect("a waybill").to_string();
    deliver(&app).await;
    assert!(told(&app, ZHANG_PHONE, |t| t.contains(&waybill) && t.contains("上门收取")).await);

    // While they are on their way, approval waits.
    let jt = app.officer("10.0.46.9", "jt01").await;
    for event in ["accept", "start_review"] {
        assert_eq!(act(&jt, &id, event).await.status, StatusCode::OK, "{event}");
    }
    let waiting = act(&jt, &id, "approve").await;
    assert_eq!(waiting.status, StatusCode::CONFLICT, "{}", waiting.text);
    assert_eq!(waiting.json()["message"], "申请人已预约寄送原件，请在原件送达并核验后再作出准予决定");
    assert_eq!(jt.get(&format!("/api/v1/staff/applications/{id}")).await.json()["state"], "under_review", "nothing moved");
    let check_in = format!("/api/v1/staff/applications/{id}/originals");

    // Collected by the Minhang office at the door, sorted, delivered to the department.
    for _ in 0..8 {
        app.clock.advance(5 * MINUTE);
        deliver(&app).await;
    }
    let zhang = signed_in(&app, "10.0.46.3", ZHANG).await;
    let posted = originals(&zhang, &id).await["shipment"].clone();
    assert_eq!(posted["state"], "delivered", "{posted}");
    let tracking = posted["tracking"].as_array().unwrap();
    assert_eq!(tracking.last().unwrap()["place"]["zh"], "上海市闵行区投递部", "collected by the sender's own district office");
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("已送达受理部门")).await);

    // Another department's officer finds nothing; the officer must say they checked them.
    let other = app.officer("10.0.46.8", "ga01").await;
    assert_eq!(other.post(&check_in, json!({ "checked": true })).await.status, StatusCode::NOT_FOUND);
    let jt = app.officer("10.0.46.9", "jt01").await;
    let unchecked = jt.post(&check_in, json!({ "checked": false })).await;
    assert_eq!(unchecked.status, StatusCode::BAD_REQUEST);
    assert_eq!(unchecked.json()["fields"]["originals_checked"], "请先核对原件与网上提交的材料是否一致");

    let checked = jt.post(&check_in, json!({ "checked": true })).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.text);
    let case = checked.json();
    assert!(case["originals"]["checked_in_at"].is_i64() && case["originals"]["checked_in_by"].is_string(), "{}", case["originals"]);
    assert_eq!(jt.post(&check_in, json!({ "checked": true })).await.status, StatusCode::CONFLICT, "once");
    let seen = originals(&zhang, &id).await;
    assert!(seen["checked_in_at"].is_i64() && seen["checked_in_by"].is_null(), "the applicant is not told who: {seen}");
    deliver(&app).await;
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("已收到并核验")).await);

    assert_eq!(act(&jt, &id, "approve").await.status, StatusCode::OK, "approved once checked in");
    assert_eq!(zhang.post(&book, at_home()).await.status, StatusCode::CONFLICT, "booked already, and decided");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "originals.booked").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "originals.checked_in").await, 1);
}

#[tokio::test]
async fn originals_booked_while_the_case_is_open_hold_its_approval_and_may_be_brought_in_instead() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.46.5", ZHANG).await;
    let (id, _) = submitted_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.46.11", "jt01").await;
    for event in ["accept", "start_review"] {
        assert_eq!(act(&jt, &id, event).await.status, StatusCode::OK, "{event}");
    }
    // The officer has the case open; the applicant books the courier; the officer approves.
    let version = jt.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    assert_eq!(zhang.post(&format!("/api/v1/applications/{id}/originals"), at_home()).await.status, StatusCode::OK);
    let approve = jt.post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": "approve", "version": version })).await;
    assert_eq!(approve.status, StatusCode::CONFLICT, "{}", approve.text);
    assert_eq!(jt.get(&format!("/api/v1/staff/applications/{id}")).await.json()["state"], "under_review");

    // The applicant brings them in after all: the officer records them before any delivery.
    let checked = jt.post(&format!("/api/v1/staff/applications/{id}/originals"), json!({ "checked": true })).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.text);
    assert_eq!(act(&jt, &id, "approve").await.status, StatusCode::OK);
}

#[tokio::test]
async fn originals_are_booked_only_while_undecided_and_where_the_service_checks_them() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.46.4", ZHANG).await;
    let (id, _) = submitted_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.46.10", "jt01").await;
    for event in ["accept", "start_review", "approve"] {
        assert_eq!(act(&jt, &id, event).await.status, StatusCode::OK, "{event}");
    }
    // Decided: too late to post them in; they are shown when the result is collected.
    assert_eq!(originals(&zhang, &id).await["can_book"], false);
    let late = zhang.post(&format!("/api/v1/applications/{id}/originals"), at_home()).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text);
    // Nothing was booked, so nothing is checked in.
    let none = jt.post(&format!("/api/v1/staff/applications/{id}/originals"), json!({ "checked": true })).await;
    assert_eq!(none.status, StatusCode::CONFLICT);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM shipments WHERE application_id = $1", &id).await, 0);
}
