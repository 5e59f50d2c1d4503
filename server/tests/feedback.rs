//! "Is this page useful?": anyone answers about a guide, rate-limited; only the department the
//! guide is about reads the answers.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::signed_in;
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn anyone_says_whether_a_guide_was_useful_and_only_its_department_reads_it() {
    let app = TestApp::new().await;
    let visitor = app.browser("10.0.70.1").await;
    let yes = visitor.post("/api/v1/services/GJJ-002/feedback", json!({ "useful": true })).await;
    assert_eq!(yes.status, StatusCode::NO_CONTENT, "{}", yes.text);
    let empty = visitor.post("/api/v1/services/GJJ-002/feedback", json!({ "useful": false })).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.json()["fields"]["problems"], "请至少选择一项");
    let long = visitor.post("/api/v1/services/GJJ-002/feedback", json!({ "useful": false, "comment": "长".repeat(501) })).await;
    assert_eq!(long.json()["fields"]["comment"], "不能超过 500 个字符");
    app.clock.advance(1_000_000);
    let no = visitor
        .post(
            "/api/v1/services/GJJ-002/feedback",
            json!({ "useful": false, "problems": ["missing", "unclear", "missing"], "comment": " 没写清楚租赁合同要不要备案 " }),
        )
        .await;
    assert_eq!(no.status, StatusCode::NO_CONTENT, "{}", no.text);
    assert_eq!(visitor.post("/api/v1/services/NO-SUCH/feedback", json!({ "useful": true })).await.status, StatusCode::NOT_FOUND);

    let gjj = app.officer("10.0.70.2", "gjj01").await;
    let read = gjj.get("/api/v1/staff/feedback").await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    let read = read.json();
    assert_eq!(read["guides"][0]["service_code"], "GJJ-002");
    assert_eq!(read["guides"][0]["useful"], 1);
    assert_eq!(read["guides"][0]["not_useful"], 1);
    assert_eq!(read["latest"][0]["problems"], json!(["missing", "unclear"]));
    assert_eq!(read["latest"][0]["comment"], "没写清楚租赁合同要不要备案");
    assert_eq!(read["latest"][1]["useful"], true);

    // Another department reads nothing of it; a person and a stranger are not let in at all.
    let ga = app.officer("10.0.70.3", "ga01").await;
    let other = ga.get("/api/v1/staff/feedback").await.json();
    assert!(other["latest"].as_array().unwrap().is_empty() && other["guides"].as_array().unwrap().is_empty(), "{other}");
    let zhang = signed_in(&app, "10.0.70.4", "31010119900307241X").await;
    assert_eq!(zhang.get("/api/v1/staff/feedback").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.get("/api/v1/staff/feedback").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn answers_from_one_address_are_rate_limited() {
    let app = TestApp::with_config(|c| c.auth.feedback_per_ip_per_hour = 2).await;
    let visitor = app.browser("10.0.71.1").await;
    for _ in 0..2 {
        assert_eq!(visitor.post("/api/v1/services/GJJ-002/feedback", json!({ "useful": true })).await.status, StatusCode::NO_CONTENT);
    }
    assert_eq!(visitor.post("/api/v1/services/GJJ-002/feedback", json!({ "useful": true })).await.status, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = app.browser("10.0.71.2").await;
    assert_eq!(elsewhere.post("/api/v1/services/GJJ-002/feedback", json!({ "useful": true })).await.status, StatusCode::NO_CONTENT);
}
