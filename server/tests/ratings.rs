//! 好差评: a decision is rated once and revised once by the person it was made for; a bad rating
//! opens a follow-up its department must answer within working-day deadlines set as data; the
//! published counts follow the ratings.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{signed_in, submitted_rent_withdrawal};
use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde_json::{json, Value};

const ZHANG: &str = "31010119900307241X";
const DAY: i64 = 86_400_000_000;

/// 张伟's rent withdrawal, approved by the housing fund's officer; returns its id.
async fn decided(app: &TestApp, zhang: &Browser<'_>, gjj: &Browser<'_>) -> String {
    let id = submitted_rent_withdrawal(app, zhang).await;
    let mut version = gjj.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    for (event, note) in [("accept", ""), ("start_review", ""), ("approve", "符合提取条件")] {
        let moved = gjj
            .post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": event, "version": version, "note": note }))
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{event}: {}", moved.text);
        version = moved.json()["version"].clone();
    }
    id
}

fn rating(satisfaction: &str, problems: &[&str], comment: &str) -> Value {
    json!({ "satisfaction": satisfaction, "problems": problems, "comment": comment })
}

#[tokio::test]
async fn a_decision_is_rated_once_and_revised_once_by_whom_it_was_made_for() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.80.1", ZHANG).await;
    let gjj = app.officer("10.0.80.2", "gjj01").await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let uri = format!("/api/v1/applications/{id}/rating");
    let before = zhang.get(&uri).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.text);
    assert_eq!(before.json()["open"], false);
    assert_eq!(before.json()["rating"], Value::Null);
    assert_eq!(before.json()["name"]["en"], "Provident fund withdrawal for rent");
    let early = zhang.post(&uri, rating("satisfied", &[], "")).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "nothing is decided yet: {}", early.text);

    let mut version = gjj.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    for (event, note) in [("accept", ""), ("start_review", ""), ("approve", "符合提取条件")] {
        version = gjj
            .post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": event, "version": version, "note": note }))
            .await
            .json()["version"]
            .clone();
    }
    assert_eq!(zhang.get(&uri).await.json()["open"], true);

    // A stranger, an officer and nobody at all are refused.
    let li = signed_in(&app, "10.0.80.3", "310105198511123624").await;
    assert_eq!(li.get(&uri).await.status, StatusCode::NOT_FOUND);
    assert_eq!(li.post(&uri, rating("very_dissatisfied", &["too_slow"], "")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(gjj.post(&uri, rating("very_satisfied", &[], "")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.browser("10.0.80.4").await.get(&uri).await.status, StatusCode::UNAUTHORIZED);

    let unexplained = zhang.post(&uri, rating("dissatisfied", &[], "")).await;
    assert_eq!(unexplained.status, StatusCode::BAD_REQUEST);
    assert_eq!(unexplained.json()["fields"]["problems"], "请至少选择一项");
    let unchosen = zhang.post(&uri, json!({ "comment": "还行" })).await;
    assert_eq!(unchosen.json()["fields"]["satisfaction"], "请选择您对办理情况的评价");
    let unknown = zhang.post(&uri, json!({ "satisfaction": "ecstatic" })).await;
    assert!(unknown.status.is_client_error(), "{}", unknown.status);

    let rated = zhang.post(&uri, rating("satisfied", &["too_slow"], " 很快 ")).await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text);
    let rated = rated.json();
    assert_eq!(rated["rating"]["satisfaction"], "satisfied");
    assert_eq!(rated["rating"]["problems"], json!([]), "only a bad rating names problems");
    assert_eq!(rated["rating"]["comment"], "很快");
    assert_eq!(rated["rating"]["follow_up"], Value::Null, "a good rating opens no follow-up");
    let again = zhang.post(&uri, rating("very_satisfied", &[], "")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["message"], "您已评价过（评价只能修改一次）。请刷新查看您的评价");

    // The one revision: to a bad rating, which opens the follow-up with its working-day deadlines
    // (rated on Friday 27 November 2026: contact by Monday, put right by 18 December).
    let revised = zhang.put(&uri, rating("dissatisfied", &["too_slow", "came_more_than_once", "too_slow"], "跑了两次")).await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.text);
    let revised = revised.json();
    assert_eq!(revised["rating"]["satisfaction"], "dissatisfied");
    assert_eq!(revised["rating"]["revised_from"], "satisfied");
    assert_eq!(revised["rating"]["problems"], json!(["came_more_than_once", "too_slow"]));
    assert_eq!(revised["rating"]["follow_up"]["contact_due"], "2026-11-30");
    assert_eq!(revised["rating"]["follow_up"]["put_right_due"], "2026-12-18");
    assert_eq!(revised["rating"]["follow_up"]["department"]["zh"], "上海市公积金管理中心");
    let twice = zhang.put(&uri, rating("very_satisfied", &[], "")).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "a rating is revised once");

    zhang.reads_in("en");
    let messages = zhang.get("/api/v1/messages").await.json();
    let told = &messages[0];
    assert_eq!(told["title"], "Your rating of Provident fund withdrawal for rent", "{messages}");
    assert!(told["body"].as_str().unwrap().contains("will contact you by 2026-11-30"), "{told}");
    let history = zhang.get("/api/v1/account/history").await.json();
    let actions: Vec<&str> = history.as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"rating.given") && actions.contains(&"rating.revised"), "{actions:?}");
}

#[tokio::test]
async fn a_bad_rating_is_followed_up_by_its_department_and_the_counts_follow() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.81.1", ZHANG).await;
    let gjj = app.officer("10.0.81.2", "gjj01").await;
    let id = decided(&app, &zhang, &gjj).await;
    // The deadlines are data: a department given three working days to call gets three.
    app.execute("UPDATE working_day_deadlines SET working_days = 3 WHERE name = 'rating_contact'").await;
    let uri = format!("/api/v1/applications/{id}/rating");
    let rated = zhang.post(&uri, rating("very_dissatisfied", &["too_slow"], "等了很久")).await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text);
    assert_eq!(rated.json()["rating"]["follow_up"]["contact_due"], "2026-12-02");

    let list = gjj.get("/api/v1/staff/follow-ups").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let list = list.json();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let follow_up = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list[0]["state"], "awaiting_contact");
    assert_eq!(list[0]["due"], "2026-12-02");
    assert_eq!(list[0]["overdue"], false);
    assert_eq!(list[0]["satisfaction"], "very_dissatisfied");

    // Another department's officer, the person and a stranger see none of it.
    let ga = app.officer("10.0.81.3", "ga01").await;
    assert_eq!(ga.get("/api/v1/staff/follow-ups").await.json(), json!([]));
    let case_uri = format!("/api/v1/staff/follow-ups/{follow_up}");
    assert_eq!(ga.get(&case_uri).await.status, StatusCode::NOT_FOUND);
    let note = json!({ "note": "已电话联系" });
    assert_eq!(ga.post(&format!("{case_uri}/contacted"), note.clone()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(zhang.get(&case_uri).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.browser("10.0.81.4").await.get("/api/v1/staff/follow-ups").await.status, StatusCode::UNAUTHORIZED);

    // Past its day, it is overdue (both sign in again after the days away).
    app.clock.advance(6 * DAY);
    let zhang = signed_in(&app, "10.0.81.5", ZHANG).await;
    let gjj = app.officer("10.0.81.6", "gjj01").await;
    assert_eq!(gjj.get("/api/v1/staff/follow-ups").await.json()[0]["overdue"], true);

    let case = gjj.get(&case_uri).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.text);
    let case = case.json();
    assert_eq!(case["person_phone"], "13800138000");
    assert_eq!(case["comment"], "等了很久");
    assert_eq!(case["rated_path"], format!("/staff/applications/{id}"));
    // Reading how to reach the person is on their record.
    let uses = zhang.get("/api/v1/account/data-uses").await.json();
    assert_eq!(uses[0]["why"]["zh"], "回访您的差评", "{uses}");
    assert_eq!(uses[0]["what"]["en"], "Name and mobile number");

    let early = gjj.post(&format!("{case_uri}/put-right"), json!({ "note": "已加派人手" })).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "contact comes first");
    let empty = gjj.post(&format!("{case_uri}/contacted"), json!({ "note": "  " })).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.json()["fields"]["note"].is_string());
    let contacted = gjj.post(&format!("{case_uri}/contacted"), note.clone()).await;
    assert_eq!(contacted.status, StatusCode::OK, "{}", contacted.text);
    assert_eq!(contacted.json()["state"], "awaiting_put_right");
    assert_eq!(gjj.post(&format!("{case_uri}/contacted"), note).await.status, StatusCode::CONFLICT);
    let put_right = gjj.post(&format!("{case_uri}/put-right"), json!({ "note": "已加派窗口人手，承诺3日办结" })).await;
    assert_eq!(put_right.status, StatusCode::OK, "{}", put_right.text);
    assert_eq!(put_right.json()["state"], "put_right");
    assert_eq!(put_right.json()["due"], Value::Null);

    let seen = zhang.get(&uri).await.json();
    assert_eq!(seen["rating"]["follow_up"]["contacted"]["note"], "已电话联系");
    assert_eq!(seen["rating"]["follow_up"]["put_right"]["note"], "已加派窗口人手，承诺3日办结");
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(
        messages[0]["body"], "上海市公积金管理中心已整改。如您的看法有变化，可以修改一次评价。整改情况：已加派窗口人手，承诺3日办结",
        "{messages}"
    );

    let counts = app.get("/api/v1/ratings?period=all").await;
    assert_eq!(counts.status, StatusCode::OK, "{}", counts.text);
    let counts = counts.json();
    assert_eq!(counts["total"], json!({ "ratings": 1, "satisfied": 0, "bad": 1, "followed_up": 1, "put_right": 1 }));
    assert_eq!(counts["departments"][0]["department_code"], "gjj");
    assert_eq!(counts["services"][0]["service_code"], "GJJ-002");
    assert_eq!(counts["services"][0]["ratings"], 1);

    // The revision after it was put right: now satisfied, still counted among those put right.
    let revised = zhang.put(&uri, rating("satisfied", &[], "")).await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.text);
    let counts = app.get("/api/v1/ratings?period=all").await.json();
    assert_eq!(counts["total"], json!({ "ratings": 1, "satisfied": 1, "bad": 0, "followed_up": 1, "put_right": 1 }));

    // Periods count by the day of the rating.
    app.execute("UPDATE ratings SET day = '2025-06-01'").await;
    let this_year = app.get("/api/v1/ratings?period=year").await.json();
    assert_eq!(this_year["from"], "2026-01-01");
    assert_eq!(this_year["total"]["ratings"], 0);
    assert_eq!(app.get("/api/v1/ratings").await.json()["period"], "year");
    assert_eq!(app.get("/api/v1/ratings?period=all").await.json()["total"]["ratings"], 1);
    assert_eq!(app.get("/api/v1/ratings?period=decade").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_rating_changed_to_bad_again_after_it_was_put_right_is_followed_up_again() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.82.1", ZHANG).await;
    let gjj = app.officer("10.0.82.2", "gjj01").await;
    let id = decided(&app, &zhang, &gjj).await;
    let uri = format!("/api/v1/applications/{id}/rating");
    zhang.post(&uri, rating("dissatisfied", &["too_slow"], "")).await;
    let follow_up = gjj.get("/api/v1/staff/follow-ups").await.json()[0]["id"].as_str().unwrap().to_string();
    let steps = format!("/api/v1/staff/follow-ups/{follow_up}");
    assert_eq!(gjj.post(&format!("{steps}/contacted"), json!({ "note": "已联系" })).await.status, StatusCode::OK);
    assert_eq!(gjj.post(&format!("{steps}/put-right"), json!({ "note": "已整改" })).await.status, StatusCode::OK);
    let nul = gjj.post(&format!("{steps}/put-right"), json!({ "note": "a\u{0}b" })).await;
    assert_eq!(nul.status, StatusCode::BAD_REQUEST, "control characters are refused before any database sees them");

    app.clock.advance(2 * DAY);
    let (zhang, gjj) = (signed_in(&app, "10.0.82.3", ZHANG).await, app.officer("10.0.82.4", "gjj01").await);
    let again = zhang.put(&uri, rating("very_dissatisfied", &["wrong_result"], "整改后还是不行")).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    let follow_up_view = &again.json()["rating"]["follow_up"];
    assert_eq!(follow_up_view["contacted"], Value::Null, "{follow_up_view}");
    assert_eq!(follow_up_view["contact_due"], "2026-11-30", "counted again from the day of the change");
    let list = gjj.get("/api/v1/staff/follow-ups").await.json();
    assert_eq!(list[0]["state"], "awaiting_contact", "{list}");
    let counts = app.get("/api/v1/ratings?period=all").await.json();
    assert_eq!(counts["total"], json!({ "ratings": 1, "satisfied": 0, "bad": 1, "followed_up": 1, "put_right": 0 }));
}
