#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::signed_in;
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";
const ZHAO: &str = "310112197004195518";
const SUN: &str = "31010419870415122X";
const DEMO_COMPANY: &str = "91310101MA1FPX0T5D";
const PUJIANG: &str = "91310104MA1K4B2N3Y";
const LINGANG: &str = "91310115MA1H7C8P4C";

#[tokio::test]
async fn the_representative_and_the_agent_see_the_demo_company() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.2.1", ZHANG).await;
    let companies = zhang.get("/api/v1/account/companies").await.json();
    assert_eq!(companies[0]["credit_code"], DEMO_COMPANY);
    assert_eq!(companies[0]["role"], "representative");
    let li = signed_in(&app, "10.0.2.2", LI).await;
    let companies = li.get("/api/v1/account/companies").await.json();
    assert_eq!(companies[0]["role"], "agent");
    assert_eq!(companies[0]["scopes"], json!(["apply", "pay", "view_licences"]));
    let agents = zhang.get(&format!("/api/v1/account/companies/{DEMO_COMPANY}/agents")).await.json();
    assert_eq!(agents[0]["name"], "李娜");
    assert_eq!(agents[0]["id_number_masked"], "310***********3624");
}

#[tokio::test]
async fn an_agent_switches_to_act_for_the_company_and_back() {
    let app = TestApp::new().await;
    let li = signed_in(&app, "10.0.2.3", LI).await;
    let view = li.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await.json();
    assert_eq!(view["acting_as"]["name"], "上海通办示范科技有限公司");
    assert_eq!(view["user"]["name"], "李娜", "still recorded as done by the agent");
    assert_eq!(li.get("/api/v1/session").await.json()["acting_as"]["credit_code"], DEMO_COMPANY);
    let view = li.post("/api/v1/session/acting-as", json!({ "credit_code": null })).await.json();
    assert!(view["acting_as"].is_null());
    let history = li.get("/api/v1/account/history").await.json();
    assert!(history.as_array().unwrap().iter().any(|e| e["action"] == "session.acting_as"));
}

#[tokio::test]
async fn nobody_acts_for_or_manages_a_company_that_is_not_theirs() {
    let app = TestApp::new().await;
    let zhao = signed_in(&app, "10.0.2.4", ZHAO).await;
    let response = zhao.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let li = signed_in(&app, "10.0.2.5", LI).await;
    assert_eq!(li.get(&format!("/api/v1/account/companies/{DEMO_COMPANY}/agents")).await.status, StatusCode::NOT_FOUND);
    let response =
        li.post(&format!("/api/v1/account/companies/{DEMO_COMPANY}/agents"), json!({ "id_number": ZHAO, "scopes": ["apply"] })).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let history = zhao.get("/api/v1/account/history").await.json();
    assert!(history.as_array().unwrap().iter().any(|e| e["action"] == "company.act_as_refused"));
}

#[tokio::test]
async fn binding_needs_level_two_and_the_register_naming_you() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.2.6", ZHANG).await;
    let bad = zhang.post("/api/v1/account/companies", json!({ "credit_code": "91310104MA1K4B2N3Z" })).await;
    assert_eq!(bad.json()["fields"]["credit_code"], "请输入 18 位统一社会信用代码，请核对是否有误");
    let not_mine = zhang.post("/api/v1/account/companies", json!({ "credit_code": LINGANG })).await;
    assert_eq!(not_mine.json()["fields"]["credit_code"], "登记信息中该企业的法定代表人不是您，无法绑定");
    let bound = zhang.post("/api/v1/account/companies", json!({ "credit_code": PUJIANG.to_lowercase() })).await;
    assert_eq!(bound.status, StatusCode::OK, "{}", bound.text);
    assert_eq!(bound.json().as_array().unwrap().len(), 2);
    let again = zhang.post("/api/v1/account/companies", json!({ "credit_code": PUJIANG })).await;
    assert_eq!(again.json()["fields"]["credit_code"], "该企业已经绑定");

    let zhao = signed_in(&app, "10.0.2.7", ZHAO).await;
    let low = zhao.post("/api/v1/account/companies", json!({ "credit_code": PUJIANG })).await;
    assert_eq!(low.json()["fields"]["credit_code"], "需要先完成实名认证（二级账户）");
}

#[tokio::test]
async fn agents_are_added_with_scopes_and_removed() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.2.8", ZHANG).await;
    let agents_uri = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");
    let bad = zhang.post(&agents_uri, json!({ "id_number": "", "scopes": [] })).await;
    let fields = bad.json()["fields"].clone();
    assert!(fields["id_number"].is_string() && fields["scopes"].is_string(), "{fields}");
    let unknown = zhang.post(&agents_uri, json!({ "id_number": "310104199203154427", "scopes": ["apply"] })).await;
    assert_eq!(unknown.json()["fields"]["id_number"], "该身份证号码还没有实名认证的账户，请对方先注册并完成实名认证");
    let myself = zhang.post(&agents_uri, json!({ "id_number": ZHANG, "scopes": ["apply"] })).await;
    assert!(myself.json()["fields"]["id_number"].is_string());

    let level_one = zhang.post(&agents_uri, json!({ "id_number": ZHAO, "scopes": ["apply"] })).await;
    assert!(
        level_one.json()["fields"]["id_number"].as_str().unwrap().contains("实名认证"),
        "agents are found among verified accounts only"
    );
    assert_eq!(zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["pay", "apply"] })).await.status, StatusCode::NO_CONTENT);
    let zhao = signed_in(&app, "10.0.2.9", SUN).await;
    let companies = zhao.get("/api/v1/account/companies").await.json();
    assert_eq!(companies[0]["scopes"], json!(["apply", "pay"]));
    zhao.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;

    let agents = zhang.get(&agents_uri).await.json();
    let zhao_agent = agents.as_array().unwrap().iter().find(|a| a["name"] == "孙丽").unwrap()["id"].as_str().unwrap().to_string();
    let removed = zhang.post(&format!("{agents_uri}/{zhao_agent}/remove"), json!({})).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert!(zhao.get("/api/v1/account/companies").await.json().as_array().unwrap().is_empty());
    assert!(zhao.get("/api/v1/session").await.json()["acting_as"].is_null(), "no longer acting for it");
    let history = zhang.get("/api/v1/account/history").await.json();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"company.agent_added") && actions.contains(&"company.agent_removed"));
}
