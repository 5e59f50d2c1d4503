//! Results posted by courier: the address book, owned and checked; the shipment made when the
//! result is issued, its waybill asked for through the outbox; the courier's signed tracking
//! events taken once each, in any order, forged and stale ones refused; delivered completes the
//! application.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::{signed_in, start};
use axum::http::StatusCode;
use common::{Browser, TestApp};
use paying::*;
use serde_json::{json, Value};
use tongban_server::clock::{Clock, MINUTE, SECOND};
use tongban_server::delivery::courier::signed_headers;
use tongban_server::sandbox::KEYS;

const HOME: &str = "漕溪北路 88 号 1201 室";

fn postal(detail: &str) -> Value {
    json!({ "district": "xuhui", "detail": detail, "recipient": "张伟", "phone": ZHANG_PHONE })
}

/// 张伟's renewal, to be posted to `detail`, paid and decided up to issuing the result: its id.
async fn issued_by_post(app: &TestApp, zhang: &Browser<'_>, detail: &str) -> String {
    let (id, fee) = submitted_renewal_with(app, zhang, json!({ "delivery": "post", "delivery_address": postal(detail) })).await;
    let (_, cashier) = order_at_cashier(zhang, &fee, &format!("post-{id}")).await;
    choose(app, &cashier, "pay", "normal").await;
    deliver(app).await;
    let jt = app.officer("10.0.45.9", "jt01").await;
    let actions = format!("/api/v1/staff/applications/{id}/actions");
    for event in ["accept", "start_review", "approve", "issue_result"] {
        let version = jt.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
        let moved = jt.post(&actions, json!({ "event": event, "version": version })).await;
        assert_eq!(moved.status, StatusCode::OK, "{event}: {}", moved.text);
    }
    id
}

async fn shipment(zhang: &Browser<'_>, id: &str) -> Value {
    let application = zhang.get(&format!("/api/v1/applications/{id}")).await;
    assert_eq!(application.status, StatusCode::OK, "{}", application.text);
    application.json()["shipment"].clone()
}

/// A tracking event for `waybill`, signed by the sandbox courier's key as of now.
async fn push(app: &TestApp, waybill: &str, event_id: &str, state: &str, minutes: i64) -> common::TestResponse {
    let at = (app.clock.now() - 120 * MINUTE + minutes * MINUTE) / SECOND;
    let body = json!({ "waybill_no": waybill, "event_id": event_id, "state": state, "occurred_at": at,
        "place": { "zh": "上海市徐汇区投递部", "en": "Xuhui delivery office, Shanghai" } })
    .to_string();
    push_raw(app, &body, signed_headers("EMS", &KEYS.ems_platform.0, app.clock.now(), body.as_bytes())).await
}

async fn push_raw(app: &TestApp, body: &str, headers: [(&'static str, String); 3]) -> common::TestResponse {
    let mut all: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    all.push(("content-type", "application/json"));
    app.post_raw("/courier/notify/ems", &all, body.as_bytes().to_vec()).await
}

#[tokio::test]
async fn the_address_book_is_checked_kept_to_ten_and_its_owners_alone() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.45.1", ZHANG).await;
    let bad = zhang
        .post("/api/v1/account/addresses", json!({ "recipient": " ", "phone": "1380013800", "district": "gotham", "detail": "" }))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let fields = &bad.json()["fields"];
    for field in ["recipient", "phone", "district", "detail"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
    let added = zhang
        .post("/api/v1/account/addresses", json!({ "recipient": " 张伟 ", "phone": ZHANG_PHONE, "district": "xuhui", "detail": HOME }))
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let book = added.json();
    assert_eq!((book[0]["recipient"].as_str(), book[0]["detail"].as_str()), (Some("张伟"), Some(HOME)));
    let id = book[0]["id"].as_str().unwrap().to_string();
    let again = zhang
        .post("/api/v1/account/addresses", json!({ "recipient": "张伟", "phone": ZHANG_PHONE, "district": "xuhui", "detail": HOME }))
        .await;
    assert_eq!(again.json().as_array().map(Vec::len), Some(1), "the same address is kept once");

    // Another person neither sees nor removes it; a visitor is asked to sign in.
    let li = signed_in(&app, "10.0.45.2", LI).await;
    assert_eq!(li.get("/api/v1/account/addresses").await.json(), json!([]));
    assert_eq!(li.post(&format!("/api/v1/account/addresses/{id}/remove"), json!({})).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/account/addresses").await.status, StatusCode::UNAUTHORIZED);

    for n in 1..10 {
        let more = zhang
            .post(
                "/api/v1/account/addresses",
                json!({ "recipient": "张伟", "phone": ZHANG_PHONE, "district": "jingan", "detail": format!("南京西路 {n} 号") }),
            )
            .await;
        assert_eq!(more.status, StatusCode::OK, "{}", more.text);
    }
    let full = zhang
        .post(
            "/api/v1/account/addresses",
            json!({ "recipient": "张伟", "phone": ZHANG_PHONE, "district": "jingan", "detail": "南京西路 11 号" }),
        )
        .await;
    assert_eq!(full.status, StatusCode::CONFLICT);
    assert_eq!(full.json()["message"], "地址簿最多保存 10 个地址，请先删除不再使用的地址");
    let removed = zhang.post(&format!("/api/v1/account/addresses/{id}/remove"), json!({})).await;
    assert_eq!(removed.json().as_array().map(Vec::len), Some(9));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "address.added").await, 10);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "address.removed").await, 1);
}

#[tokio::test]
async fn a_posted_result_is_tracked_to_its_door_and_the_application_completes() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.45.3", ZHANG).await;
    // A postal address needs its recipient and a mobile number.
    let draft = start(&zhang, "JT-001").await;
    let missing = zhang
        .post(
            &format!("/api/v1/applications/{}/pages", draft["id"].as_str().unwrap()),
            json!({ "page": "delivery", "version": draft["version"], "answers": { "delivery": "post",
                "delivery_address": { "district": "xuhui", "detail": HOME, "recipient": "", "phone": "" } } }),
        )
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.text.contains("收件人姓名"), "{}", missing.text);

    let id = issued_by_post(&app, &zhang, HOME).await;
    // The waybill was asked for as soon as the result was issued.
    let posted = shipment(&zhang, &id).await;
    assert_eq!(posted["state"], "requested", "{posted}");
    let waybill = posted["waybill_no"].as_str().expect("the courier gave a waybill").to_string();
    assert_eq!(posted["address"]["recipient"], "张伟");
    deliver(&app).await;
    assert!(told(&app, ZHANG_PHONE, |t| t.contains(&waybill) && t.contains("寄出")).await);

    // The courier's route unfolds over half an hour; a late scan may come after the delivery.
    for _ in 0..8 {
        app.clock.advance(5 * MINUTE);
        deliver(&app).await;
    }
    // Forty minutes on, the session has lapsed: 张伟 signs in again to look.
    let zhang = signed_in(&app, "10.0.45.4", ZHANG).await;
    let posted = shipment(&zhang, &id).await;
    assert_eq!(posted["state"], "delivered", "{posted}");
    let states: Vec<&str> = posted["tracking"].as_array().unwrap().iter().map(|t| t["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["delivered", "out_for_delivery", "in_transit", "accepted"], "newest first, by when each happened");
    let application = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(application["state"], "closed", "delivered completes it");
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("派送中")).await && told(&app, ZHANG_PHONE, |t| t.contains("已妥投")).await);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tracking_events WHERE state = $1", "delivered").await, 1);
    // The officer answers an applicant who asks from the case: the same waybill and tracking.
    let case = app.officer("10.0.45.10", "jt01").await.get(&format!("/api/v1/staff/applications/{id}")).await.json();
    assert_eq!((case["shipment"]["waybill_no"].as_str(), case["shipment"]["state"].as_str()), (Some(waybill.as_str()), Some("delivered")));
}

#[tokio::test]
async fn tracking_events_in_any_order_twice_or_forged_end_in_the_right_state() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.45.5", ZHANG).await;
    let id = issued_by_post(&app, &zhang, "漕溪北路 90 号（拒收）").await;
    // The waybill is made, and the sandbox's own events are left unsent: these come from here.
    tongban_server::outbox::deliver_due(app.state()).await.unwrap();
    app.execute("UPDATE outbox SET failed_at = 1 WHERE kind = 'sandbox.ems'").await;
    let waybill = shipment(&zhang, &id).await["waybill_no"].as_str().unwrap().to_string();

    // Returned arrives first, then the route before it, some twice: it stays returned.
    for (event, state, minutes) in [
        ("e5", "returned", 45),
        ("e3", "out_for_delivery", 15),
        ("e1", "accepted", 1),
        ("e3", "out_for_delivery", 15),
        ("e4", "failed_attempt", 20),
        ("e2", "in_transit", 5),
    ] {
        let taken = push(&app, &waybill, event, state, minutes).await;
        assert_eq!(taken.status, StatusCode::OK, "{event}: {}", taken.text);
        assert_eq!(taken.json()["result"], "success");
        assert_eq!(shipment(&zhang, &id).await["state"], "returned", "after {event}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tracking_events WHERE event_id = $1", "e3").await, 1, "told twice, taken once");
    assert_eq!(zhang.get(&format!("/api/v1/applications/{id}")).await.json()["state"], "result_issued", "sent back: not complete");

    // Forged, stale, tampered, malformed and unknown: refused with a 4xx, audited, nothing changes.
    let body = json!({ "waybill_no": waybill, "event_id": "x1", "state": "delivered", "occurred_at": app.clock.now() / SECOND,
        "place": { "zh": "徐汇", "en": "Xuhui" } })
    .to_string();
    let now = app.clock.now();
    let forged = signed_headers("EMS", &KEYS.ems_partner.0, now, body.as_bytes());
    let stale = signed_headers("EMS", &KEYS.ems_platform.0, now - 10 * MINUTE, body.as_bytes());
    let other_partner = signed_headers("TONGBAN-GOV", &KEYS.ems_platform.0, now, body.as_bytes());
    let genuine = signed_headers("EMS", &KEYS.ems_platform.0, now, body.as_bytes());
    let tampered = body.replace("x1", "x2");
    let cases = [
        (body.as_str(), forged),
        (body.as_str(), stale),
        (body.as_str(), other_partner),
        (tampered.as_str(), genuine.clone()),
        ("{}", signed_headers("EMS", &KEYS.ems_platform.0, now, b"{}")),
    ];
    for (n, (body, headers)) in cases.into_iter().enumerate() {
        let refused = push_raw(&app, body, headers).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "case {n}: {}", refused.text);
    }
    assert_eq!(push(&app, "1199999999999", "u1", "delivered", 50).await.status, StatusCode::BAD_REQUEST, "no waybill of ours");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "courier.notify_rejected").await, 6);
    assert_eq!(shipment(&zhang, &id).await["state"], "returned");
    assert_eq!(zhang.get(&format!("/api/v1/applications/{id}")).await.status, StatusCode::OK);
    assert!(told(&app, ZHANG_PHONE, |t| t.contains("已退回")).await);
}
