#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{save, signed_in, submitted_rent_withdrawal};
use axum::http::StatusCode;
use common::{Browser, TestApp, TestResponse};
use serde_json::{json, Value};

const ZHANG: &str = "31010119900307241X";
const DEMO_COMPANY: &str = "91310101MA1FPX0T5D";

async fn officer<'a>(app: &'a TestApp, ip: &str, number: &str) -> Browser<'a> {
    app.officer(ip, number).await
}

async fn act(officer: &Browser<'_>, id: &str, body: Value) -> TestResponse {
    officer.post(&format!("/api/v1/staff/applications/{id}/actions"), body).await
}

async fn case(officer: &Browser<'_>, id: &str) -> Value {
    officer.get(&format!("/api/v1/staff/applications/{id}")).await.json()
}

#[tokio::test]
async fn officers_sign_in_with_their_staff_number_and_see_only_their_department() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.5.1", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;

    let stranger = app.browser("10.0.5.2").await;
    let wrong = stranger.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj01", "password": "wrong-password" })).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json()["fields"]["password"], "工号或密码不正确");
    assert_eq!(stranger.get("/api/v1/staff/applications").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        zhang.get("/api/v1/staff/applications").await.status,
        StatusCode::UNAUTHORIZED,
        "a citizen's session is not a staff session"
    );

    let gjj = officer(&app, "10.0.5.3", "gjj01").await;
    assert_eq!(gjj.get("/api/v1/staff/session").await.json()["officer"]["department"]["zh"], "上海市公积金管理中心");
    let queue = gjj.get("/api/v1/staff/applications").await.json();
    assert_eq!(queue[0]["id"], id.as_str());
    assert_eq!(queue[0]["applicant_name"], "张伟");
    let view = case(&gjj, &id).await;
    assert_eq!(view["applicant_id_masked"], "310***********241X");
    assert_eq!(view["signature"]["valid"], true);
    assert_eq!(view["signature"]["method"], "sms");
    assert_eq!(view["actions"], json!(["accept", "not_accept", "request_corrections"]));

    let ga = officer(&app, "10.0.5.4", "ga01").await;
    assert!(ga.get("/api/v1/staff/applications").await.json().as_array().unwrap().is_empty());
    assert_eq!(ga.get(&format!("/api/v1/staff/applications/{id}")).await.status, StatusCode::NOT_FOUND);
    let bad_filter = gjj.get("/api/v1/staff/applications?state=draft").await;
    assert_eq!(bad_filter.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn one_notice_lists_every_correction_only_those_pages_reopen_and_the_applicant_resubmits() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.5.5", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let gjj = officer(&app, "10.0.5.6", "gjj01").await;
    let version = case(&gjj, &id).await["version"].clone();
    let accepted = act(&gjj, &id, json!({ "event": "accept", "version": version })).await.json();
    assert_eq!(accepted["state"], "accepted");
    assert_eq!(accepted["deadlines"]["accepted_on"], "2026-11-27");
    assert_eq!(accepted["deadlines"]["promised"], "2026-11-30", "one promised working day from a Friday is the Monday");
    assert_eq!(accepted["deadlines"]["statutory"], "2026-12-02");

    let empty = act(&gjj, &id, json!({ "event": "request_corrections", "version": accepted["version"], "corrections": [] })).await;
    assert_eq!(empty.json()["fields"]["corrections"], "请至少选择一项");
    let unknown = act(
        &gjj,
        &id,
        json!({ "event": "request_corrections", "version": accepted["version"],
        "corrections": [{ "item": "answer:favourite_colour", "reason": "?" }] }),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let notice = json!({ "event": "request_corrections", "version": accepted["version"], "corrections": [
        { "item": "answer:filing_number", "reason": "备案编号与网签系统不一致" },
        { "item": "answer:account", "reason": "收款账号须为本人一类账户" },
        { "item": "material:tenancy_contract", "reason": "租赁合同缺少出租人签字页" },
    ]});
    let requested = act(&gjj, &id, notice).await.json();
    assert_eq!(requested["state"], "corrections_requested");

    app.clock.advance(3 * 86_400 * 1_000_000);
    // Monday: both sign in again after the weekend.
    let zhang = signed_in(&app, "10.0.5.5", ZHANG).await;
    let gjj = officer(&app, "10.0.5.6", "gjj01").await;
    let detail = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    let corrections = detail["corrections"].as_array().unwrap();
    assert_eq!(corrections.len(), 3, "all of it at once");
    assert_eq!(corrections[0]["label"]["zh"], "网签备案编号");
    assert_eq!(corrections[0]["page"], "tenancy");
    assert_eq!(corrections[2]["label"]["zh"], "房屋租赁合同及备案证明");
    let states: Vec<&str> = detail["sections"].as_array().unwrap().iter().map(|s| s["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["completed", "needs_attention", "needs_attention"]);
    let messages = zhang.get("/api/v1/messages").await.json();
    assert!(messages[0]["body"].as_str().unwrap().contains("共 3 项需要补正"));

    let untouched =
        save(&zhang, &id, "applicant", json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" }), &detail["version"]).await;
    assert_eq!(untouched.status, StatusCode::CONFLICT, "pages the notice does not name stay closed");
    let fixed = save(
        &zhang,
        &id,
        "tenancy",
        json!({
            "address": { "district": "xuhui", "detail": "漕溪北路 88 号 1201 室" },
            "contract_filed": "yes", "filing_number": "20260009999",
            "lease_start": "2026-01-01", "lease_end": "2026-12-31", "monthly_rent": "5200"
        }),
        &detail["version"],
    )
    .await
    .json();
    let fixed =
        save(&zhang, &id, "withdrawal", json!({ "amount": "4500", "bank": "icbc", "account": "6222021234567890999" }), &fixed["version"])
            .await
            .json();
    assert!(fixed["corrections"].as_array().unwrap().iter().filter(|c| c["page"].is_string()).all(|c| c["addressed"] == true));
    let asked_again = zhang.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await;
    assert_eq!(asked_again.json()["fields"]["material-tenancy_contract"], "请提供房屋租赁合同及备案证明");
    let materials = zhang
        .upload(&format!("/api/v1/applications/{id}/materials/tenancy_contract/upload"), "合同（补充签字页）.pdf", applying::pdf())
        .await;
    assert_eq!(materials.status, StatusCode::OK, "{}", materials.text);
    let bank = zhang.upload(&format!("/api/v1/applications/{id}/materials/bank_card/upload"), "card.pdf", applying::pdf()).await;
    assert_eq!(bank.status, StatusCode::CONFLICT, "a material the notice does not name stays as it was");
    let resubmitted = applying::declare_and_submit(&app, &zhang, &id, "13800138000").await;
    assert_eq!(resubmitted["state"], "resubmitted");

    let view = case(&gjj, &id).await;
    assert_eq!(view["signature"]["valid"], true, "the new answers carry a new signature");
    assert_eq!(view["deadlines"]["paused_working_days"], 1, "Friday to Monday waiting for corrections does not count");
    assert_eq!(view["deadlines"]["promised"], "2026-12-01");
    let second = act(
        &gjj,
        &id,
        json!({ "event": "request_corrections", "version": view["version"],
        "corrections": [{ "item": "answer:amount", "reason": "金额超出" }] }),
    )
    .await;
    assert_eq!(second.json()["fields"]["explanation"], "已发过一次补正告知，再次告知须说明原因");

    let review = act(&gjj, &id, json!({ "event": "start_review", "version": view["version"] })).await.json();
    let rejected = act(&gjj, &id, json!({ "event": "reject", "version": review["version"] })).await;
    assert_eq!(rejected.json()["fields"]["note"], "请写明理由");
    assert_eq!(rejected.json()["fields"]["legal_basis"], "请选择决定所依据的法律条款");
    let approved = act(&gjj, &id, json!({ "event": "approve", "version": review["version"], "note": "符合提取条件" })).await.json();
    let issued = act(&gjj, &id, json!({ "event": "issue_result", "version": approved["version"] })).await.json();
    assert_eq!(issued["state"], "result_issued");
    let timeline: Vec<&str> = issued["timeline"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(timeline, ["submit", "accept", "request_corrections", "resubmit", "start_review", "approve", "issue_result"]);
    assert_eq!(issued["timeline"][1]["by"], "上海市公积金管理中心");
    let mine = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(mine["state"], "result_issued");
    assert_eq!(zhang.get("/api/v1/messages").await.json().as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn a_refusal_rests_on_a_provision_of_the_guide_and_tells_how_to_challenge_it() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.5.11", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let gjj = officer(&app, "10.0.5.12", "gjj01").await;
    let view = case(&gjj, &id).await;
    assert_eq!(view["legal_bases"][0]["zh"], "《住房公积金管理条例》第二十四条");
    let unknown =
        act(&gjj, &id, json!({ "event": "not_accept", "version": view["version"], "note": "不属于本机关职权范围", "legal_basis": 7 }))
            .await;
    assert_eq!(unknown.json()["fields"]["legal_basis"], "请选择决定所依据的法律条款", "only the guide's own provisions");
    let refused = act(&gjj, &id, json!({ "event": "not_accept", "version": view["version"], "note": "租赁合同未备案", "legal_basis": 0 }))
        .await
        .json();
    assert_eq!(refused["state"], "not_accepted");
    let mine = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    let last = mine["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["note"], "租赁合同未备案");
    assert_eq!(last["legal_basis"]["en"], "Regulations on Housing Provident Fund, Art. 24");
    let message = zhang.get("/api/v1/messages").await.json()[0]["body"].as_str().unwrap().to_string();
    assert!(message.contains("依据：《住房公积金管理条例》第二十四条"), "{message}");
    assert!(message.contains("行政复议") && message.contains("行政诉讼"), "{message}");
}

#[tokio::test]
async fn the_second_officer_to_act_gets_a_conflict_and_nothing_is_overwritten() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.5.7", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let first = officer(&app, "10.0.5.8", "gjj01").await;
    let second = officer(&app, "10.0.5.9", "gjj02").await;
    let seen_by_first = case(&first, &id).await["version"].clone();
    let seen_by_second = case(&second, &id).await["version"].clone();
    assert_eq!(act(&first, &id, json!({ "event": "accept", "version": seen_by_first })).await.status, StatusCode::OK);
    let late = act(&second, &id, json!({ "event": "not_accept", "version": seen_by_second, "note": "材料不全" })).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.json()["message"].as_str().unwrap().contains("另一位工作人员"));
    assert_eq!(case(&second, &id).await["state"], "accepted");
    let refused = act(&second, &id, json!({ "event": "approve", "version": case(&second, &id).await["version"] })).await;
    assert_eq!(refused.json()["fields"]["event"], "申请当前的状态不允许这个操作");
}

#[tokio::test]
async fn an_agent_files_for_the_company_and_the_licence_it_results_in_is_issued_to_the_company() {
    let app = TestApp::new().await;
    let li = signed_in(&app, "10.0.5.10", "310105198511123624").await;
    li.post("/api/v1/session/acting-as", json!({ "credit_code": "91310101MA1FPX0T5D" })).await;
    let draft = applying::start(&li, "SJ-003").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let pages = vec![
        (
            "company",
            json!({ "company_name": "上海通办示范科技有限公司", "credit_code": "91310101MA1FPX0T5D", "agent_phone": "13900139000" }),
        ),
        ("activities", json!({ "business_kind": "restaurant", "items": ["hot", "drinks"], "seats": "40", "area": "120" })),
        (
            "premises",
            json!({ "premises": { "district": "huangpu", "detail": "南京东路 100 号" }, "safety_officer": "李娜", "safety_officer_id": "310105198511123624" }),
        ),
    ];
    applying::fill(&li, &id, draft["version"].clone(), pages).await;
    let materials = applying::provide_materials(&li, &id).await;
    assert_eq!(materials["slots"][0]["provided"]["title"]["zh"], "营业执照", "the company's licence is taken from the library");
    applying::declare_and_submit(&app, &li, &id, "13900139000").await;

    let sj = officer(&app, "10.0.5.11", "sj01").await;
    let mut version = case(&sj, &id).await["version"].clone();
    for event in ["accept", "start_review", "approve", "issue_result"] {
        let response = act(&sj, &id, json!({ "event": event, "version": version })).await;
        assert_eq!(response.status, StatusCode::OK, "{event}: {}", response.text);
        version = response.json()["version"].clone();
    }
    let view = case(&sj, &id).await;
    assert_eq!(view["company_name"], "上海通办示范科技有限公司");
    assert_eq!(view["applicant_name"], "李娜", "filed by the agent");
    let issued = view["timeline"].as_array().unwrap().last().unwrap()["note"].as_str().unwrap().to_string();
    assert!(issued.contains("已签发电子证照：食品经营许可证"), "{issued}");
    let file_id = view["materials"][1]["provided"]["id"].as_str().unwrap();
    let file = sj.get(&format!("/api/v1/staff/applications/{id}/files/{file_id}")).await;
    assert_eq!(file.header("content-type"), "application/pdf");

    // The licence is published in the public register; nothing about people is.
    let register = app.get("/api/v1/decisions").await.json();
    assert_eq!(register["total"], 1, "seeded licences and licences of individuals are not published");
    assert_eq!(register["items"][0]["holder_name"], "上海通办示范科技有限公司");
    assert_eq!(register["items"][0]["licence_title"]["zh"], "食品经营许可证");
    assert_eq!(register["items"][0]["service_code"], "SJ-003");
    let number = register["items"][0]["licence_number"].as_str().unwrap().to_string();
    for q in ["通办示范", DEMO_COMPANY, number.as_str(), &DEMO_COMPANY.to_lowercase()] {
        assert_eq!(app.get(&format!("/api/v1/decisions?q={}", urlencoding(q))).await.json()["total"], 1, "{q}");
    }
    assert_eq!(app.get("/api/v1/decisions?q=%25").await.json()["total"], 0, "a wildcard is a character");
    assert_eq!(app.get("/api/v1/decisions?page=3").await.json()["total"], 1, "a page past the end still counts");
    let bad = app.get(&format!("/api/v1/decisions?q={}&page=0", "%E9%A4%90".repeat(61))).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["fields"]["q"].is_string() && bad.json()["fields"]["page"].is_string(), "{}", bad.text);
}

fn urlencoding(text: &str) -> String {
    text.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn an_officer_starts_an_application_at_the_window_that_the_person_then_sees_as_theirs() {
    let app = TestApp::new().await;
    let gjj = officer(&app, "10.0.5.12", "gjj01").await;
    let services = gjj.get("/api/v1/staff/services").await.json();
    assert_eq!(services[0]["code"], "GJJ-002");
    let other = gjj.post("/api/v1/staff/applications", json!({ "service_code": "GA-001", "id_number": ZHANG })).await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST, "only the department's own services");
    let nobody = gjj.post("/api/v1/staff/applications", json!({ "service_code": "GJJ-002", "id_number": "310104199203154427" })).await;
    assert_eq!(nobody.json()["fields"]["id_number"], "该身份证号码还没有实名认证的账户，请对方先注册并完成实名认证");
    let started = gjj.post("/api/v1/staff/applications", json!({ "service_code": "GJJ-002", "id_number": ZHANG })).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text);
    assert_eq!(started.json()["applicant_name"], "张伟");
    let id = started.json()["application_id"].as_str().unwrap().to_string();

    let zhang = signed_in(&app, "10.0.5.13", ZHANG).await;
    let mine = zhang.get("/api/v1/applications").await.json();
    assert_eq!(mine[0]["id"], id.as_str());
    assert_eq!(zhang.get(&format!("/api/v1/applications/{id}")).await.json()["channel"], "window");
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(messages[0]["title"], "窗口工作人员已为您创建“住房公积金提取（租房）”申请");
}

#[tokio::test]
async fn the_applicant_withdraws_before_a_decision_and_not_after() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.5.14", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let withdrawn = zhang.post(&format!("/api/v1/applications/{id}/withdraw"), json!({})).await;
    assert_eq!(withdrawn.json()["state"], "withdrawn");
    let again = zhang.post(&format!("/api/v1/applications/{id}/withdraw"), json!({})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the state machine refuses a second withdrawal: {}", again.text);
    assert_eq!(again.json()["message"], "这份申请当前的状态不允许这项操作，请刷新查看最新状态");
    let gjj = officer(&app, "10.0.5.15", "gjj01").await;
    assert_eq!(case(&gjj, &id).await["actions"], json!([]), "nothing left for the department to do");
}

#[tokio::test]
async fn an_officers_session_ends_after_15_idle_minutes_and_after_12_hours_however_busy() {
    let app = TestApp::new().await;
    let minute = 60 * 1_000_000;
    let idle = officer(&app, "10.0.5.20", "gjj01").await;
    app.clock.advance(16 * minute);
    assert!(idle.get("/api/v1/staff/session").await.json()["officer"].is_null(), "idle for 16 minutes");

    let busy = officer(&app, "10.0.5.21", "gjj02").await;
    for _ in 0..(12 * 6 - 1) {
        app.clock.advance(10 * minute);
        assert_eq!(busy.get("/api/v1/staff/applications").await.status, StatusCode::OK);
    }
    app.clock.advance(11 * minute);
    assert_eq!(busy.get("/api/v1/staff/applications").await.status, StatusCode::UNAUTHORIZED, "12 hours after signing in");
}

#[tokio::test]
async fn a_service_issues_a_licence_when_its_data_says_so() {
    let app = TestApp::new().await;
    // Adding a licence to a service is adding a row: no code names the service.
    app.execute(
        "INSERT INTO service_licences (service_code, kind, title_zh, title_en, issuer_zh, issuer_en) \
         VALUES ('GJJ-002', 'withdrawal_notice', '公积金提取通知书', 'Housing fund withdrawal notice', '上海市公积金管理中心', 'Shanghai Housing Fund Centre')",
    )
    .await;
    let zhang = signed_in(&app, "10.0.5.16", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let gjj = officer(&app, "10.0.5.17", "gjj01").await;
    let mut version = case(&gjj, &id).await["version"].clone();
    for event in ["accept", "start_review", "approve", "issue_result"] {
        let response = act(&gjj, &id, json!({ "event": event, "version": version })).await;
        assert_eq!(response.status, StatusCode::OK, "{event}: {}", response.text);
        version = response.json()["version"].clone();
    }
    let issued: Vec<_> = app.licences_of(ZHANG).await.into_iter().filter(|(kind, ..)| kind == "withdrawal_notice").collect();
    assert_eq!(issued.len(), 1, "{issued:?}");
    assert_eq!(issued[0].2, "张伟");
}
