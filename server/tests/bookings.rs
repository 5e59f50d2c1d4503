#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{signed_in, start};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";
const SUN: &str = "31010419870415122X";
const WU: &str = "31011519830922351X";

fn marriage(name: &str, id: &str, phone: &str, partner: &str) -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("applicant", json!({ "name": name, "id_number": id, "phone": phone })),
        ("partner", json!({ "partner_name": "对方", "partner_id": partner, "partner_phone": "13011130009" })),
        ("appointment", json!({ "district": "xuhui", "date": "2026-12-10", "half_day": "am" })),
    ]
}

#[tokio::test]
async fn a_window_service_needs_a_booked_slot_and_a_slot_has_only_so_many_places() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.7.1", ZHANG).await;
    let draft = start(&zhang, "MZ-001").await;
    assert_eq!(draft["window_required"], true);
    assert_eq!(draft["channel"], "online");
    let id = draft["id"].as_str().unwrap().to_string();
    applying::fill(&zhang, &id, draft["version"].clone(), marriage("张伟", ZHANG, "13800138000", LI)).await;
    applying::provide_materials(&zhang, &id).await;
    let unbooked = zhang.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await;
    assert_eq!(unbooked.json()["fields"]["slot"], "该事项需要到窗口办理，请先预约办理时段");

    let windows = zhang.get(&format!("/api/v1/applications/{id}/slots")).await.json();
    let window = windows[0]["window"]["code"].as_str().unwrap().to_string();
    assert_eq!(windows[0]["days"][0]["day"], "2026-11-30", "from the next working day");
    assert_eq!(windows[0]["days"][0]["slots"][0]["free"], 2);
    let slot = json!({ "window": window, "day": "2026-11-30", "time": "09:00" });
    let bad =
        zhang.post(&format!("/api/v1/applications/{id}/booking"), json!({ "window": window, "day": "2026-11-28", "time": "09:00" })).await;
    assert_eq!(bad.json()["fields"]["slot"], "请从列出的窗口、日期和时段中选择", "a Saturday is not offered");
    let booked = zhang.post(&format!("/api/v1/applications/{id}/booking"), slot.clone()).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.text);
    let detail = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(detail["channel"], "window");
    assert_eq!(detail["booking"]["time"], "09:00");

    let li = signed_in(&app, "10.0.7.2", LI).await;
    let li_app = start(&li, "MZ-001").await["id"].as_str().unwrap().to_string();
    assert_eq!(li.post(&format!("/api/v1/applications/{li_app}/booking"), slot.clone()).await.status, StatusCode::OK);
    let sun = signed_in(&app, "10.0.7.3", SUN).await;
    let sun_app = start(&sun, "MZ-001").await["id"].as_str().unwrap().to_string();
    let full = sun.post(&format!("/api/v1/applications/{sun_app}/booking"), slot.clone()).await;
    assert_eq!(full.json()["fields"]["slot"], "这个时段刚刚约满了，请选择其他时段");
    let windows = sun.get(&format!("/api/v1/applications/{sun_app}/slots")).await.json();
    assert_eq!(windows[0]["days"][0]["slots"][0]["free"], 0);

    // Moving one's booking frees the old place.
    let moved =
        zhang.post(&format!("/api/v1/applications/{id}/booking"), json!({ "window": window, "day": "2026-11-30", "time": "09:30" })).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(sun.post(&format!("/api/v1/applications/{sun_app}/booking"), slot).await.status, StatusCode::OK);
    assert_eq!(zhang.post(&format!("/api/v1/applications/{id}/booking/cancel"), json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(zhang.get(&format!("/api/v1/applications/{id}")).await.json()["channel"], "online");
}

#[tokio::test]
async fn an_officer_sees_the_visits_booked_at_their_own_window() {
    let app = TestApp::new().await;
    let mut ids = Vec::new();
    for (ip, person, name, phone, partner, window) in
        [("10.0.7.4", ZHANG, "张伟", "13800138000", LI, "w-mz"), ("10.0.7.5", LI, "李娜", "13900139000", ZHANG, "c-xh")]
    {
        let browser = signed_in(&app, ip, person).await;
        let draft = start(&browser, "MZ-001").await;
        let id = draft["id"].as_str().unwrap().to_string();
        applying::fill(&browser, &id, draft["version"].clone(), marriage(name, person, phone, partner)).await;
        applying::provide_materials(&browser, &id).await;
        let booked = browser
            .post(&format!("/api/v1/applications/{id}/booking"), json!({ "window": window, "day": "2026-12-01", "time": "10:00" }))
            .await;
        assert_eq!(booked.status, StatusCode::OK, "{}", booked.text);
        applying::declare_and_submit(&app, &browser, &id, phone).await;
        ids.push(id);
    }
    let officer = app.officer("10.0.7.6", "mz01").await;
    assert_eq!(officer.get("/api/v1/staff/session").await.json()["officer"]["window"]["zh"], "上海市民政局服务窗口");
    assert_eq!(officer.get("/api/v1/staff/applications").await.json().as_array().unwrap().len(), 2, "the department's queue");
    let mine = officer.get("/api/v1/staff/applications?window=mine").await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], ids[0].as_str());
    assert_eq!(mine[0]["booking"], "上海市民政局服务窗口 2026-12-01 10:00");
}

#[tokio::test]
async fn a_marriage_registered_at_the_window_gives_both_spouses_their_certificate() {
    let app = TestApp::new().await;
    let married: Vec<String> =
        app.licences_of(ZHANG).await.into_iter().filter(|(kind, ..)| kind == "marriage_cert").map(|(_, number, _)| number).collect();
    assert_eq!(married, ["J310101-2018-004512"], "seeded for the demo couple");

    let sun = signed_in(&app, "10.0.7.10", SUN).await;
    let draft = start(&sun, "MZ-001").await;
    let id = draft["id"].as_str().unwrap().to_string();
    applying::fill(&sun, &id, draft["version"].clone(), marriage("孙丽", SUN, "13011130001", WU)).await;
    applying::provide_materials(&sun, &id).await;
    let windows = sun.get(&format!("/api/v1/applications/{id}/slots")).await.json();
    let slot = json!({ "window": windows[0]["window"]["code"], "day": windows[0]["days"][0]["day"], "time": "10:00" });
    assert_eq!(sun.post(&format!("/api/v1/applications/{id}/booking"), slot).await.status, StatusCode::OK);
    let submitted = applying::declare_and_submit(&app, &sun, &id, "13011130001").await;
    let number = submitted["number"].as_str().unwrap().to_string();

    // An earlier certificate of Sun's, as after a divorce: the new one replaces it.
    app.execute(&format!(
        "INSERT INTO e_licences (id, kind, holder, holder_name, number, title_zh, title_en, issuer_zh, issuer_en, issued_on, seal_department) \
         VALUES ('earlier-cert', 'marriage_cert', '{SUN}', '孙丽', 'J310101-2015-000001', '结婚证', 'Marriage certificate', '上海市黄浦区民政局', \
         'Huangpu District Civil Affairs Bureau', '2015-01-01', 'mz')"
    ))
    .await;
    let officer = app.officer("10.0.7.11", "mz01").await;
    let mut version = officer.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    for event in ["accept", "start_review", "approve", "issue_result"] {
        let response =
            officer.post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": event, "version": version })).await;
        assert_eq!(response.status, StatusCode::OK, "{event}: {}", response.text);
        version = response.json()["version"].clone();
    }
    for (spouse, name) in [(SUN, "孙丽"), (WU, "吴强")] {
        let certificate = ("marriage_cert".to_string(), number.clone(), name.to_string());
        assert!(app.licences_of(spouse).await.contains(&certificate), "{spouse}: the registered name, not the one typed (对方)");
    }
    let register = app.get("/api/v1/decisions").await.json();
    assert_eq!(register["total"], 0, "a marriage is not published");
    let sun_wallet = sun.get("/api/v1/wallet").await.json();
    let certificates: Vec<(&str, &str)> = sun_wallet["licences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "marriage_cert")
        .map(|l| (l["issued_on"].as_str().unwrap(), l["status"].as_str().unwrap()))
        .collect();
    assert_eq!(certificates, [("2026-11-27", "valid"), ("2015-01-01", "superseded")], "{sun_wallet}");
}
