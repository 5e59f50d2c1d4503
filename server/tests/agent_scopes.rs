//! An agent may do for a company exactly what their scopes allow, on every action, and a removed
//! or narrowed agent loses that at once.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{pdf, signed_in, start};
use axum::http::StatusCode;
use common::{Browser, TestApp, TestResponse};
use serde_json::{json, Value};

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";
const SUN: &str = "31010419870415122X";
const DEMO_COMPANY: &str = "91310101MA1FPX0T5D";
const SUN_PHONE: &str = "13011130001";
const ZHANG_PHONE: &str = "13800138000";

/// What an action needs beyond acting for the company.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Needs {
    Apply,
    ApplyAndLicences,
}

#[derive(Clone, Copy, Debug)]
enum Action {
    Start,
    List,
    Open,
    Edit,
    Materials,
    AttachLicence,
    Upload,
    Sign,
    Submit,
    Withdraw,
    Delete,
}

const ACTIONS: [(Action, Needs); 11] = [
    (Action::Start, Needs::Apply),
    (Action::List, Needs::Apply),
    (Action::Open, Needs::Apply),
    (Action::Edit, Needs::Apply),
    (Action::Materials, Needs::Apply),
    (Action::AttachLicence, Needs::ApplyAndLicences),
    (Action::Upload, Needs::Apply),
    (Action::Sign, Needs::Apply),
    (Action::Submit, Needs::Apply),
    (Action::Withdraw, Needs::Apply),
    // Last: when allowed, it takes the draft away.
    (Action::Delete, Needs::Apply),
];

/// The company's draft, made by the agent who holds every scope, with a company licence to attach.
struct Draft {
    id: String,
    version: Value,
    licence_material: String,
    licence_id: String,
}

async fn company_draft(li: &Browser<'_>) -> Draft {
    let draft = start(li, "SJ-003").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let materials = li.get(&format!("/api/v1/applications/{id}/materials")).await.json();
    let (licence_material, licence_id) = materials["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|slot| {
            let licence = slot["licences"].as_array()?.iter().find(|l| l["holder_name"] == "上海通办示范科技有限公司")?;
            Some((slot["code"].as_str()?.to_string(), licence["id"].as_str()?.to_string()))
        })
        .expect("the company's business licence is offered to an agent who may use it");
    Draft { id, version: draft["version"].clone(), licence_material, licence_id }
}

async fn attempt(agent: &Browser<'_>, action: Action, draft: &Draft) -> TestResponse {
    let id = &draft.id;
    match action {
        Action::Start => agent.post("/api/v1/applications", json!({ "service_code": "SJ-003" })).await,
        Action::List => agent.get("/api/v1/applications").await,
        Action::Open => agent.get(&format!("/api/v1/applications/{id}")).await,
        Action::Edit => {
            let answers = json!({ "company_name": "上海通办示范科技有限公司", "credit_code": DEMO_COMPANY, "agent_phone": "13011130001" });
            agent
                .post(
                    &format!("/api/v1/applications/{id}/pages"),
                    json!({ "page": "company", "answers": answers, "version": draft.version }),
                )
                .await
        }
        Action::Materials => agent.get(&format!("/api/v1/applications/{id}/materials")).await,
        Action::AttachLicence => {
            let uri = format!("/api/v1/applications/{id}/materials/{}/licence", draft.licence_material);
            agent.post(&uri, json!({ "licence_id": draft.licence_id, "confirmed": true })).await
        }
        Action::Upload => {
            agent.upload(&format!("/api/v1/applications/{id}/materials/{}/upload", draft.licence_material), "licence.pdf", pdf()).await
        }
        Action::Sign => agent.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await,
        Action::Submit => {
            agent.post(&format!("/api/v1/applications/{id}/submit"), json!({ "digest": "0".repeat(64), "code": "123456" })).await
        }
        Action::Withdraw => agent.post(&format!("/api/v1/applications/{id}/withdraw"), json!({})).await,
        Action::Delete => agent.post(&format!("/api/v1/applications/{id}/delete"), json!({})).await,
    }
}

fn refused(action: Action, response: &TestResponse) -> bool {
    match action {
        // Starting is refused beside the service, so the guide page can say why.
        Action::Start => response.status == StatusCode::BAD_REQUEST && response.text.contains("授权"),
        _ => matches!(response.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
    }
}

#[tokio::test]
async fn every_company_action_is_allowed_exactly_by_the_agents_scopes() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.9.1", ZHANG).await;
    let li = signed_in(&app, "10.0.9.2", LI).await;
    li.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let sun = signed_in(&app, "10.0.9.3", SUN).await;
    let agents_uri = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");

    let scope_sets: [&[&str]; 6] = [
        &["apply"],
        &["pay"],
        &["view_licences"],
        &["apply", "view_licences"],
        &["pay", "view_licences"],
        &["apply", "pay", "view_licences"],
    ];
    let mut table = Vec::new();
    for scopes in scope_sets {
        let added = zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": scopes })).await;
        assert_eq!(added.status, StatusCode::NO_CONTENT, "{}", added.text);
        let acting = sun.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
        assert_eq!(acting.status, StatusCode::OK, "any one scope is enough to act for the company");
        assert_eq!(acting.json()["acting_as"]["scopes"].as_array().unwrap().len(), scopes.len());
        let draft = company_draft(&li).await;
        for (action, needs) in ACTIONS {
            let allowed = scopes.contains(&"apply") && (needs == Needs::Apply || scopes.contains(&"view_licences"));
            let response = attempt(&sun, action, &draft).await;
            assert_ne!(response.status, StatusCode::INTERNAL_SERVER_ERROR, "{scopes:?} {action:?}: {}", response.text);
            table.push(format!("{scopes:?} {action:?}: {} ({})", response.status.as_u16(), if allowed { "allowed" } else { "refused" }));
            assert_eq!(!refused(action, &response), allowed, "{scopes:?} {action:?}: {} {}", response.status, response.text);
        }
    }
    println!("{}", table.join("\n"));

    // Narrowing holds at once, in a session already acting for the company.
    zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["apply"] })).await;
    let draft = company_draft(&li).await;
    assert_eq!(attempt(&sun, Action::Open, &draft).await.status, StatusCode::OK);
    zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["pay"] })).await;
    assert_eq!(attempt(&sun, Action::Open, &draft).await.status, StatusCode::NOT_FOUND);
    let list = attempt(&sun, Action::List, &draft).await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    assert_eq!(list.json()["message"], "您在该企业的授权不包括办理申请。如需办理，请联系企业法定代表人调整授权");
}

#[tokio::test]
async fn a_level_one_account_is_offered_no_held_licences_but_invited_to_verify() {
    let app = TestApp::new().await;
    // 赵敏 is level 1: the ID number on her account is only what she typed.
    let zhao = signed_in(&app, "10.0.9.4", "310112197004195518").await;
    let draft = start(&zhao, "MZ-001").await;
    let id = draft["id"].as_str().unwrap();
    let view = zhao.get(&format!("/api/v1/applications/{id}/materials")).await.json();
    assert!(view["slots"].as_array().unwrap().iter().all(|s| s["licences"].as_array().unwrap().is_empty()), "{view}");
    let id_card = app.licences_of("310112197004195518").await;
    assert!(!id_card.is_empty(), "the library does hold her licences");
    assert_eq!(view["licences_after_verification"], true, "she is invited to verify instead");
}

#[tokio::test]
async fn a_removed_agent_hears_nothing_more_about_the_companys_applications() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.9.5", ZHANG).await;
    let agents_uri = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");
    zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["apply", "view_licences"] })).await;
    let sun = signed_in(&app, "10.0.9.6", SUN).await;
    sun.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let draft = start(&sun, "SJ-003").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let pages = applying::food_business_filing(DEMO_COMPANY, SUN, SUN_PHONE);
    applying::fill(&sun, &id, draft["version"].clone(), pages).await;
    applying::provide_materials(&sun, &id).await;
    applying::declare_and_submit(&app, &sun, &id, SUN_PHONE).await;

    let agents = zhang.get(&agents_uri).await.json();
    let sun_id = agents.as_array().unwrap().iter().find(|a| a["name"] == "孙丽").unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(zhang.post(&format!("{agents_uri}/{sun_id}/remove"), json!({})).await.status, StatusCode::NO_CONTENT);

    let sj = app.officer("10.0.9.7", "sj01").await;
    let version = sj.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    let accepted = sj.post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": "accept", "version": version })).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);

    assert!(app.texts_to(SUN_PHONE).await.iter().all(|t| !t.contains("已受理")), "no text to the removed agent");
    let messages = sun.get("/api/v1/messages").await.json();
    assert!(messages.as_array().unwrap().iter().all(|m| !m["title"].as_str().unwrap().contains("已受理")), "{messages}");
    assert!(app.texts_to(ZHANG_PHONE).await.iter().any(|t| t.contains("已受理")), "the representative is told instead");
    let zhang_messages = zhang.get("/api/v1/messages").await.json();
    assert!(zhang_messages[0]["title"].as_str().unwrap().contains("已受理"), "{zhang_messages}");
}

#[tokio::test]
async fn an_agent_who_may_not_use_the_companys_licences_sees_an_attached_one_masked() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.9.8", ZHANG).await;
    let agents_uri = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");
    zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["apply"] })).await;
    let li = signed_in(&app, "10.0.9.9", LI).await;
    li.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let draft = company_draft(&li).await;
    let uri = format!("/api/v1/applications/{}/materials/{}/licence", draft.id, draft.licence_material);
    assert_eq!(li.post(&uri, json!({ "licence_id": draft.licence_id, "confirmed": true })).await.status, StatusCode::OK);

    let sun = signed_in(&app, "10.0.9.10", SUN).await;
    sun.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let view = sun.get(&format!("/api/v1/applications/{}/materials", draft.id)).await.json();
    let slot = view["slots"].as_array().unwrap().iter().find(|s| s["code"] == draft.licence_material.as_str()).unwrap().clone();
    let number = slot["provided"]["licence"]["number"].as_str().or(slot["provided"]["number"].as_str()).unwrap_or_default().to_string();
    assert!(number.contains('*'), "the number is masked: {slot}");
    assert!(slot["licences"].as_array().unwrap().is_empty(), "and none is offered");
}

#[tokio::test]
async fn an_agent_below_level_two_cannot_act_for_the_company_whatever_was_granted() {
    use sqlx::Row;
    let app = TestApp::new().await;
    let zhao_id: String =
        sqlx::query("SELECT id FROM users WHERE id_number = '310112197004195518'").fetch_one(&app.state().pool).await.unwrap().get("id");
    sqlx::query("INSERT INTO company_agents (credit_code, user_id, scopes, added_by, added_at) VALUES ($1, $2, 'apply', 'x', 0)")
        .bind(DEMO_COMPANY)
        .bind(zhao_id.as_str())
        .execute(&app.state().pool)
        .await
        .unwrap();
    let zhao = signed_in(&app, "10.0.9.11", "310112197004195518").await;
    assert_eq!(zhao.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await.status, StatusCode::NOT_FOUND);
    sqlx::query("UPDATE sessions SET acting_company = $1 WHERE user_id = $2")
        .bind(DEMO_COMPANY)
        .bind(zhao_id.as_str())
        .execute(&app.state().pool)
        .await
        .unwrap();
    assert!(zhao.get("/api/v1/session").await.json()["acting_as"].is_null());
}
