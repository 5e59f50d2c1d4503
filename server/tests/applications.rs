#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{save, signed_in, start};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";
const ZHAO: &str = "310112197004195518";
const DEMO_COMPANY: &str = "91310101MA1FPX0T5D";

fn rent(name: &str) -> Vec<(&'static str, serde_json::Value)> {
    applying::rent_withdrawal(name, ZHANG, "13800138000")
}

#[tokio::test]
async fn a_draft_is_saved_page_by_page_and_the_task_list_follows() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.1", ZHANG).await;
    let draft = start(&zhang, "GJJ-002").await;
    assert_eq!(draft["state"], "draft");
    assert_eq!(draft["known"]["name"], "张伟", "what the portal knows is offered, not filled in");
    assert_eq!(draft["answers"], json!({}));
    assert!(draft["sections"].as_array().unwrap().iter().all(|s| s["state"] == "not_started"));
    let id = draft["id"].as_str().unwrap();
    assert_eq!(start(&zhang, "GJJ-002").await["id"], id, "starting again continues the same draft");

    let response =
        save(&zhang, id, "applicant", json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" }), &draft["version"]).await;
    let saved = response.json();
    assert_eq!(saved["sections"][0]["state"], "completed");
    assert_eq!(saved["sections"][1]["state"], "not_started");
    let list = zhang.get("/api/v1/applications").await.json();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["service_name"]["zh"], "住房公积金提取（租房）");
}

#[tokio::test]
async fn every_problem_on_a_page_comes_back_at_once_with_its_question() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.2", ZHANG).await;
    let draft = start(&zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap();
    let answers = json!({
        "address": { "district": "atlantis", "detail": "" },
        "contract_filed": "yes", "filing_number": "ABC",
        "lease_start": "2026-12-31", "lease_end": "2026-01-01", "monthly_rent": "5200.123"
    });
    let response = save(&zhang, id, "tenancy", answers, &draft["version"]).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    let fields = &response.json()["fields"];
    assert_eq!(fields["address"], "请选择租赁房屋地址所在的区");
    assert_eq!(fields["filing_number"], "网签备案编号只能包含数字");
    assert_eq!(fields["lease_end"], "租期结束日期必须晚于租期开始日期");
    assert_eq!(fields["monthly_rent"], "月租金（元）应为金额，最多两位小数，如 3500 或 3500.50");
    let english = zhang.get(&format!("/api/v1/applications/{id}")).await;
    assert_eq!(english.json()["answers"], json!({}), "nothing wrong is saved");
}

#[tokio::test]
async fn answers_to_hidden_or_unknown_questions_are_not_kept() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.3", ZHANG).await;
    let draft = start(&zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap();
    let answers = json!({
        "address": { "district": "xuhui", "detail": "漕溪北路 88 号" },
        "contract_filed": "no", "filing_number": "20260001234",
        "lease_start": "2026-01-01", "lease_end": "2026-12-31", "monthly_rent": "5200",
        "favourite_colour": "blue",
    });
    let saved = save(&zhang, id, "tenancy", answers, &draft["version"]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let saved = saved.json();
    assert_eq!(saved["answers"]["monthly_rent"], "5200", "the page was saved");
    assert!(saved["answers"].get("filing_number").is_none(), "the filing number is asked only for a filed contract");
    assert!(saved["answers"].get("favourite_colour").is_none(), "a question the form does not ask is not kept");
}

#[tokio::test]
async fn a_save_from_an_older_copy_is_refused_not_merged() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.4", ZHANG).await;
    let draft = start(&zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap();
    let answers = json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" });
    assert_eq!(save(&zhang, id, "applicant", answers.clone(), &draft["version"]).await.status, StatusCode::OK);
    let stale = save(&zhang, id, "applicant", answers, &draft["version"]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.json()["message"].as_str().unwrap().contains("另一个窗口"), "{}", stale.text);
}

#[tokio::test]
async fn submitting_needs_every_answer_and_the_code_that_signs_the_digest_and_happens_once() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.5", ZHANG).await;
    let draft = start(&zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap();

    let incomplete = zhang.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await;
    assert_eq!(incomplete.status, StatusCode::BAD_REQUEST);
    assert!(incomplete.json()["fields"].as_object().unwrap().len() >= 8, "every missing answer is named: {}", incomplete.text);

    applying::fill(&zhang, id, draft["version"].clone(), rent("张伟")).await;
    let missing = zhang.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await;
    assert_eq!(missing.json()["fields"]["material-tenancy_contract"], "请提供房屋租赁合同及备案证明");
    applying::provide_materials(&zhang, id).await;
    let declaration = zhang.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await.json();
    let digest = declaration["digest"].as_str().unwrap().to_string();
    assert_eq!(digest.len(), 64);
    assert_eq!(declaration["phone_masked"], "138****8000");
    let sms = app.last_sms("13800138000").await.unwrap();
    assert!(sms.contains("住房公积金提取（租房）") && sms.contains(&digest[..8]), "{sms}");

    let wrong = zhang.post(&format!("/api/v1/applications/{id}/submit"), json!({ "digest": digest, "code": "000000" })).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let forged = zhang
        .post(&format!("/api/v1/applications/{id}/submit"), json!({ "digest": "0".repeat(64), "code": app.last_code("13800138000").await }))
        .await;
    assert_eq!(forged.status, StatusCode::CONFLICT, "a digest of something else is not signed");

    let code = app.last_code("13800138000").await;
    let body = json!({ "digest": digest, "code": code });
    let submitted = zhang.post(&format!("/api/v1/applications/{id}/submit"), body.clone()).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    let submitted = submitted.json();
    assert_eq!(submitted["state"], "submitted");
    let number = submitted["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("TB20261127") && number.len() == 16, "{number}");
    assert_eq!(submitted["timeline"][0]["event"], "submit");
    assert_eq!(submitted["timeline"][0]["by"], "张伟");

    let again = zhang.post(&format!("/api/v1/applications/{id}/submit"), body).await;
    assert_eq!(again.status, StatusCode::OK, "a retry or a second tab gets the same application");
    assert_eq!(again.json()["number"], number.as_str());
    assert_eq!(again.json()["timeline"].as_array().unwrap().len(), 1);
    let outbox = app.get("/api/v1/dev/outbox").await.text;
    assert!(outbox.contains(&format!("（{number}）已提交")), "the applicant is told the number by SMS: {outbox}");
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(messages[0]["title"], "“住房公积金提取（租房）”已提交");
    assert_eq!(zhang.get("/api/v1/messages/unread").await.json()["unread"], 1);
    let message_id = messages[0]["id"].as_str().unwrap();
    assert_eq!(zhang.post(&format!("/api/v1/messages/{message_id}/read"), json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(zhang.get("/api/v1/messages/unread").await.json()["unread"], 0);

    let after =
        save(&zhang, id, "applicant", json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" }), &submitted["version"]).await;
    assert_eq!(after.status, StatusCode::CONFLICT, "a submitted application is not edited");
    assert_eq!(zhang.post(&format!("/api/v1/applications/{id}/delete"), json!({})).await.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_code_confirms_the_declaration_it_was_sent_for_and_no_other() {
    use tongban_server::identity::codes;
    let app = TestApp::new().await;
    let state = app.state();
    let what = tongban_server::words::Wording::default().and_said("“测试”申请声明");
    codes::issue_signing_code(state, "13800138000", "digest-of-the-first", what, ("10.0.4.21", tongban_api::Lang::Zh)).await.unwrap();
    let code = app.last_code("13800138000").await;
    assert!(!codes::consume_signing_code(state, "13800138000", "digest-of-another", &code).await.unwrap());
    assert!(codes::consume_signing_code(state, "13800138000", "digest-of-the-first", &code).await.unwrap());
}

#[tokio::test]
async fn removing_a_material_changes_the_version_and_is_on_record() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.20", ZHANG).await;
    let draft = start(&zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap();
    applying::fill(&zhang, id, draft["version"].clone(), rent("张伟")).await;
    applying::provide_materials(&zhang, id).await;
    let before = zhang.get(&format!("/api/v1/applications/{id}")).await.json()["version"].clone();
    let removed = zhang.post(&format!("/api/v1/applications/{id}/materials/tenancy_contract/remove"), json!({})).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text);
    let after = zhang.get(&format!("/api/v1/applications/{id}")).await.json()["version"].clone();
    assert_ne!(before, after, "a declaration made before no longer matches");
    let history = zhang.get("/api/v1/account/history").await.json();
    assert!(history.as_array().unwrap().iter().any(|e| e["action"] == "material.removed"), "{history}");
}

#[tokio::test]
async fn another_persons_application_is_not_found_and_the_attempt_is_on_record() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.6", ZHANG).await;
    let id = start(&zhang, "GJJ-002").await["id"].as_str().unwrap().to_string();
    let li = signed_in(&app, "10.0.4.7", LI).await;
    assert_eq!(li.get(&format!("/api/v1/applications/{id}")).await.status, StatusCode::NOT_FOUND);
    let response = save(&li, &id, "applicant", json!({}), &json!(1)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(li.get("/api/v1/account/history").await.text.contains("application.refused"));
    assert!(li.get("/api/v1/applications").await.json().as_array().unwrap().is_empty());
}

#[tokio::test]
async fn services_are_applied_for_by_whom_they_are_for_at_the_level_they_need() {
    let app = TestApp::new().await;
    let zhao = signed_in(&app, "10.0.4.8", ZHAO).await;
    let response = zhao.post("/api/v1/applications", json!({ "service_code": "GJJ-002" })).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST, "level 1 cannot apply for a level 2 service");
    assert!(response.json()["fields"]["service_code"].as_str().unwrap().contains("实名认证"));

    let li = signed_in(&app, "10.0.4.9", LI).await;
    let response = li.post("/api/v1/applications", json!({ "service_code": "SJ-003" })).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST, "a food business licence is for a company");
    li.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let draft = start(&li, "SJ-003").await;
    assert_eq!(draft["company_name"], "上海通办示范科技有限公司");
    assert_eq!(draft["known"]["credit_code"], DEMO_COMPANY);

    let zhang = signed_in(&app, "10.0.4.10", ZHANG).await;
    zhang.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let list = zhang.get("/api/v1/applications").await.json();
    assert_eq!(list[0]["id"], draft["id"], "the representative sees the company's applications");
    assert_eq!(zhang.get("/api/v1/services/NOPE-1/form").await.status, StatusCode::NOT_FOUND);
    assert_eq!(zhang.get("/api/v1/services/GA-001/form").await.json()["sections"][0]["id"], "about");
}

#[tokio::test]
async fn drafts_untouched_for_30_days_are_deleted_after_a_warning_a_week_before() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.4.11", ZHANG).await;
    let kept = start(&zhang, "GJJ-002").await;
    let dropped = start(&zhang, "GA-001").await;
    let day = 86_400 * 1_000_000;
    app.clock.advance(23 * day + 1);
    assert_eq!(app.sweep().await, (2, 0));
    assert_eq!(app.sweep().await, (0, 0), "warned once");
    let zhang = signed_in(&app, "10.0.4.11", ZHANG).await;
    let messages = zhang.get("/api/v1/messages").await.json();
    assert!(messages[0]["title"].as_str().unwrap().contains("草稿将在 7 天后删除"));
    // Saving a page keeps a draft.
    let saved = save(
        &zhang,
        kept["id"].as_str().unwrap(),
        "applicant",
        json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" }),
        &kept["version"],
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    app.clock.advance(7 * day);
    assert_eq!(app.sweep().await, (0, 1));
    let zhang = signed_in(&app, "10.0.4.11", ZHANG).await;
    let list = zhang.get("/api/v1/applications").await.json();
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [kept["id"].as_str().unwrap()]);
    assert_eq!(zhang.get(&format!("/api/v1/applications/{}", dropped["id"].as_str().unwrap())).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_draft_survives_a_server_restart() {
    // One database, on SQLite or on PostgreSQL as the suite runs, for two servers one after the other.
    let (url, _database) = common::database_url().await;
    let id = {
        let app = TestApp::with_config(|c| c.database_url = url.clone()).await;
        let zhang = signed_in(&app, "10.0.4.12", ZHANG).await;
        let draft = start(&zhang, "GJJ-002").await;
        let id = draft["id"].as_str().unwrap().to_string();
        let saved =
            save(&zhang, &id, "applicant", json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" }), &draft["version"]).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        id
    };
    let app = TestApp::with_config(|c| c.database_url = url.clone()).await;
    let zhang = signed_in(&app, "10.0.4.12", ZHANG).await;
    let again = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(again["answers"]["name"], "张伟");
}
