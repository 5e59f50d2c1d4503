//! Fees an officer assesses at acceptance from the service's charging standard: only the
//! handling department's officer, only while the application is accepted and undecided, once;
//! approval waits for it; the payer is told, and a company's agent without "pay" cannot pay it.

#[path = "common/applying.rs"]
mod applying;
mod common;
#[path = "common/paying.rs"]
mod paying;

use applying::{declare_and_submit, fill, provide_materials, signed_in, start};
use axum::http::StatusCode;
use common::{Browser, TestApp};
use paying::*;
use serde_json::{json, Value};

const COMPANY: &str = "91310104MA1Q3G5R29";
/// 唐宁, the company's legal representative.
const REP: &str = "310104198803164528";
/// 钟浩, its agent who may apply but not pay.
const AGENT: &str = "310105199005213015";
const AGENT_PHONE: &str = "13011130026";

/// A resale property transfer (GH-001) the agent filed for the company, submitted: its id.
async fn submitted_transfer(app: &TestApp, agent: &Browser<'_>) -> String {
    let acting = agent.post("/api/v1/session/acting-as", json!({ "credit_code": COMPANY })).await;
    assert_eq!(acting.status, StatusCode::OK, "{}", acting.text);
    let draft = start(agent, "GH-001").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let pages = vec![
        ("buyer", json!({ "buyer_name": "上海徐汇置业发展有限公司", "contact_phone": AGENT_PHONE })),
        (
            "property",
            json!({ "location": { "district": "xuhui", "detail": "漕溪北路 88 号 3 层" }, "unit_number": "310104001001GB00001F00030001",
                "use": "non_residential", "contract_number": "202611000123" }),
        ),
    ];
    fill(agent, &id, draft["version"].clone(), pages).await;
    provide_materials(agent, &id).await;
    let submitted = declare_and_submit(app, agent, &id, AGENT_PHONE).await;
    assert_eq!(submitted["fees"], json!([]), "nothing is due before the officer assesses it");
    id
}

async fn act(officer: &Browser<'_>, id: &str, event: &str) -> common::TestResponse {
    let version = officer.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    officer.post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": event, "version": version })).await
}

fn assessment(item: &str, units: &str) -> Value {
    json!({ "item": item, "units": units })
}

#[tokio::test]
async fn the_officer_assesses_the_fee_once_and_only_someone_who_may_pay_for_the_company_pays_it() {
    let app = TestApp::new().await;
    let agent = signed_in(&app, "10.0.44.1", AGENT).await;
    let id = submitted_transfer(&app, &agent).await;
    let gh = app.officer("10.0.44.2", "gh01").await;
    let fees = format!("/api/v1/staff/applications/{id}/fees");

    let case = gh.get(&format!("/api/v1/staff/applications/{id}")).await.json();
    assert_eq!(case["fee_tariff"], json!([]), "nothing to assess before acceptance");
    let early = gh.post(&fees, assessment("non_residential", "1")).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);

    assert_eq!(act(&gh, &id, "accept").await.status, StatusCode::OK);
    assert_eq!(act(&gh, &id, "start_review").await.status, StatusCode::OK);
    let case = gh.get(&format!("/api/v1/staff/applications/{id}")).await.json();
    let codes: Vec<&str> = case["fee_tariff"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["residential", "non_residential"]);
    let approve = act(&gh, &id, "approve").await;
    assert_eq!(approve.status, StatusCode::CONFLICT);
    assert_eq!(approve.json()["message"], "请先核定这份申请的收费，再作出准予决定");

    // A citizen, the agent himself and another department's officer are refused; bad input is named.
    assert_eq!(agent.post(&fees, assessment("non_residential", "1")).await.status, StatusCode::UNAUTHORIZED);
    let sj = app.officer("10.0.44.3", "sj01").await;
    assert_eq!(sj.post(&fees, assessment("non_residential", "1")).await.status, StatusCode::NOT_FOUND);
    let bad = gh.post(&fees, assessment("parking", "0")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["fields"]["tariff_item"], "请选择一项");
    let too_many = gh.post(&fees, assessment("non_residential", "21")).await;
    assert_eq!(too_many.json()["fields"]["units"], "必须在 1 到 20 之间");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM application_fees WHERE application_id = $1", &id).await, 0);

    let assessed = gh.post(&fees, assessment("non_residential", " 2 ")).await;
    assert_eq!(assessed.status, StatusCode::OK, "{}", assessed.text);
    let case = assessed.json();
    assert_eq!(case["fee_tariff"], json!([]), "assessed once");
    let fee = &case["fees"][0]["fee"];
    assert_eq!((fee["amount_fen"].as_u64(), fee["state"].as_str()), (Some(110_000), Some("due")));
    assert!(fee["basis"]["zh"].as_str().unwrap().ends_with("非住宅（每件） ¥550.00 × 2"), "{fee}");
    assert!(fee["basis"]["en"].as_str().unwrap().contains("2559"), "the standard it rests on: {fee}");
    let again = gh.post(&fees, assessment("residential", "1")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "fee.assessed").await, 1);
    let by = count(
        &app,
        "SELECT COUNT(*) FROM application_fees f JOIN staff s ON s.id = f.assessed_by WHERE s.staff_number = $1 AND f.units = 2",
        "gh01",
    );
    assert_eq!(by.await, 1, "who assessed what is kept with the fee");

    // The agent is told, sees the fee, and cannot pay it.
    assert!(told(&app, AGENT_PHONE, |t| t.contains("¥1100.00") && t.contains("已核定")).await);
    let messages = agent.get("/api/v1/messages").await.text;
    assert!(messages.contains("应缴费用已核定"), "{messages}");
    let seen = agent.get(&format!("/api/v1/applications/{id}")).await.json();
    let fee = seen["fees"][0].clone();
    assert_eq!((fee["may_pay"].as_bool(), fee["company_name"].as_str()), (Some(false), Some("上海徐汇置业发展有限公司")));
    let fee = fee["id"].as_str().unwrap().to_string();
    let refused = make_order(&agent, &fee, "agent").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(act(&gh, &id, "approve").await.status, StatusCode::OK, "assessed: approval need not wait for the money");
    let issue = act(&gh, &id, "issue_result").await;
    assert_eq!(issue.status, StatusCode::CONFLICT, "but the result waits for it");

    // The legal representative pays it for the company; the result is then issued.
    let rep = signed_in(&app, "10.0.44.4", REP).await;
    rep.post("/api/v1/session/acting-as", json!({ "credit_code": COMPANY })).await;
    let (order, cashier) = order_at_cashier(&rep, &fee, "rep").await;
    assert_eq!(order["amount_fen"], 110_000);
    choose(&app, &cashier, "pay", "normal").await;
    deliver(&app).await;
    assert_eq!(payment(&rep, &order["id"]).await["state"], "success");
    assert_eq!(act(&gh, &id, "issue_result").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_decided_application_takes_no_assessment() {
    let app = TestApp::new().await;
    let agent = signed_in(&app, "10.0.44.5", AGENT).await;
    let id = submitted_transfer(&app, &agent).await;
    let gh = app.officer("10.0.44.6", "gh01").await;
    assert_eq!(act(&gh, &id, "accept").await.status, StatusCode::OK);
    assert_eq!(act(&gh, &id, "start_review").await.status, StatusCode::OK);
    let version = gh.get(&format!("/api/v1/staff/applications/{id}")).await.json()["version"].clone();
    let body = json!({ "event": "reject", "version": version, "note": "买卖合同未经网签备案", "legal_basis": 0 });
    let rejected = gh.post(&format!("/api/v1/staff/applications/{id}/actions"), body).await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.text);
    let late = gh.post(&format!("/api/v1/staff/applications/{id}/fees"), assessment("residential", "1")).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM application_fees WHERE application_id = $1", &id).await, 0);
    // A service with a fixed fee has nothing to assess.
    let zhang = signed_in(&app, "10.0.44.7", ZHANG).await;
    let (renewal, _) = submitted_renewal(&app, &zhang).await;
    let jt = app.officer("10.0.44.8", "jt01").await;
    assert_eq!(act(&jt, &renewal, "accept").await.status, StatusCode::OK);
    let fixed = jt.post(&format!("/api/v1/staff/applications/{renewal}/fees"), assessment("residential", "1")).await;
    assert_eq!(fixed.status, StatusCode::CONFLICT);
}
