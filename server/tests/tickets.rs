//! One customer service: tickets routed to the responsible department with deadlines in working
//! days, answered, asked about, transferred and closed, each step told to the person; a
//! consultation without an account needs a proved phone and is answered by text.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{signed_in, submitted_rent_withdrawal};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::{json, Value};

const ZHANG: &str = "31010119900307241X";
const ZHANG_PHONE: &str = "13800138000";

fn kinds(view: &Value) -> Vec<String> {
    view["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_complaint_about_an_application_is_routed_answered_transferred_closed_and_rated() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.90.1", ZHANG).await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let complaint = json!({ "kind": "complaint", "about": "application", "about_ref": id, "subject": "审核太慢",
        "message": "提交三天了还没有受理" });
    let filed = zhang.post("/api/v1/tickets", complaint.clone()).await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
    let filed = filed.json();
    assert_eq!(filed["number"], "KF20261127000001");
    assert_eq!(filed["department"]["zh"], "上海市公积金管理中心");
    assert_eq!(filed["due"], "2026-12-11", "a complaint is answered within 10 working days");
    let ticket = filed["id"].as_str().unwrap().to_string();
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(messages[0]["title"], "工单 KF20261127000001：已受理", "{messages}");
    assert!(app.texts_to(ZHANG_PHONE).await.iter().any(|t| t.contains("KF20261127000001")));

    // Nobody else's application, and no stranger reads the ticket.
    let li = signed_in(&app, "10.0.90.2", "310105198511123624").await;
    let stolen = li.post("/api/v1/tickets", complaint).await;
    assert_eq!(stolen.status, StatusCode::BAD_REQUEST, "another person's application is not a choice: {}", stolen.text);
    assert_eq!(li.get(&format!("/api/v1/tickets/{ticket}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(li.post(&format!("/api/v1/tickets/{ticket}/reply"), json!({ "text": "我来回复" })).await.status, StatusCode::NOT_FOUND);
    assert_eq!(li.get("/api/v1/tickets").await.json(), json!([]));

    // The department handling the application has it, oldest first; another department does not.
    let gjj = app.officer("10.0.90.3", "gjj01").await;
    let queue = gjj.get("/api/v1/staff/tickets").await.json();
    assert_eq!(queue[0]["number"], "KF20261127000001", "{queue}");
    assert_eq!(queue[0]["state"], "open");
    assert_eq!(queue[0]["overdue"], false);
    let ga = app.officer("10.0.90.4", "ga01").await;
    assert_eq!(ga.get("/api/v1/staff/tickets").await.json(), json!([]));
    let staff_uri = format!("/api/v1/staff/tickets/{ticket}");
    assert_eq!(ga.get(&staff_uri).await.status, StatusCode::NOT_FOUND);
    assert_eq!(ga.post(&format!("{staff_uri}/actions"), json!({ "action": "close", "text": "x" })).await.status, StatusCode::NOT_FOUND);
    assert_eq!(zhang.get(&staff_uri).await.status, StatusCode::UNAUTHORIZED);

    let seen = gjj.get(&staff_uri).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
    let seen = seen.json();
    assert_eq!(seen["person_name"], "张伟");
    assert_eq!(seen["person_phone"], ZHANG_PHONE);
    assert_eq!(seen["application_id"], id.as_str(), "the officer sees the case it is about");
    assert_eq!(seen["events"][0]["text"], "提交三天了还没有受理");
    let uses = zhang.get("/api/v1/account/data-uses").await.json();
    assert_eq!(uses[0]["why"]["zh"], "处理您的客服工单", "{uses}");

    let act = |body: Value| {
        let gjj = &gjj;
        let uri = format!("{staff_uri}/actions");
        async move { gjj.post(&uri, body).await }
    };
    let blank = act(json!({ "action": "ask_for_more", "text": " " })).await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    assert!(blank.json()["fields"]["text"].is_string());
    let nul = act(json!({ "action": "ask_for_more", "text": "a\u{0}b", "seen": 1 })).await;
    assert_eq!(nul.status, StatusCode::BAD_REQUEST, "control characters are refused before any database sees them");
    assert_eq!(act(json!({ "action": "ask_for_more", "text": "请告知提交时间", "seen": 1 })).await.status, StatusCode::NO_CONTENT);
    let mine = format!("/api/v1/tickets/{ticket}");
    assert_eq!(zhang.get(&mine).await.json()["state"], "awaiting_person");
    let replied = zhang.post(&format!("{mine}/reply"), json!({ "text": "11月27日上午提交" })).await;
    assert_eq!(replied.status, StatusCode::OK, "{}", replied.text);
    assert_eq!(replied.json()["state"], "open");
    // An officer who has not seen the person's reply cannot act over it.
    let stale = act(json!({ "action": "close", "text": "无需处理", "seen": 2 })).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["message"], "这份工单刚刚有了新进展，您的操作没有生效。请刷新查看最新情况");
    let nowhere = act(json!({ "action": "transfer", "text": "x", "department_code": "gjj", "seen": 3 })).await;
    assert_eq!(nowhere.status, StatusCode::BAD_REQUEST, "not to itself");
    let moved = act(json!({ "action": "transfer", "text": "涉及户籍信息核验，转公安", "department_code": "ga", "seen": 3 })).await;
    assert_eq!(moved.status, StatusCode::NO_CONTENT, "{}", moved.text);
    assert_eq!(gjj.get(&staff_uri).await.status, StatusCode::NOT_FOUND, "once transferred it is the other department's");
    assert_eq!(ga.get("/api/v1/staff/tickets").await.json()[0]["number"], "KF20261127000001");
    let answer =
        ga.post(&format!("{staff_uri}/actions"), json!({ "action": "reply", "text": "户籍信息已核验，已通知公积金中心", "seen": 4 })).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        ga.post(&format!("{staff_uri}/actions"), json!({ "action": "close", "text": "已办结", "seen": 5 })).await.status,
        StatusCode::NO_CONTENT
    );
    let again = ga.post(&format!("{staff_uri}/actions"), json!({ "action": "close", "text": "已办结" })).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(zhang.post(&format!("{mine}/reply"), json!({ "text": "谢谢" })).await.status, StatusCode::CONFLICT, "closed");

    let view = zhang.get(&mine).await.json();
    assert_eq!(view["state"], "closed");
    assert_eq!(kinds(&view), ["filed", "asked_for_more", "person_replied", "transferred", "replied", "closed"]);
    assert_eq!(view["events"][3]["to_department"]["zh"], "上海市公安局");
    zhang.reads_in("en");
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(messages[0]["title"], "Enquiry KF20261127000001: closed", "{messages}");
    assert_eq!(messages[1]["body"], "Shanghai Municipal Public Security Bureau: 户籍信息已核验，已通知公积金中心");

    let rated = zhang.post(&format!("{mine}/rating"), json!({ "satisfaction": "very_satisfied" })).await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text);
    assert_eq!(rated.json()["name"]["zh"], "审核太慢");
    let counts = app.get("/api/v1/ratings?period=all").await.json();
    assert_eq!(counts["departments"][0]["department_code"], "ga", "{counts}");
    assert_eq!(counts["total"]["ratings"], 1);
}

#[tokio::test]
async fn a_consultation_without_an_account_proves_its_phone_and_is_answered_by_text() {
    let app = TestApp::new().await;
    let visitor = app.browser("10.0.91.1").await;
    let phone = "13900001111";
    let question = |code: &str, kind: &str| {
        json!({ "kind": kind, "about": "service", "about_ref": "GA-001", "subject": "居住证办理时间",
            "message": "居住证一般多久能办好？", "phone": phone, "code": code })
    };
    let complaint = visitor.post("/api/v1/tickets", question("123456", "complaint")).await;
    assert_eq!(complaint.status, StatusCode::BAD_REQUEST);
    assert_eq!(complaint.json()["fields"]["kind"], "未登录时只能咨询。投诉、建议或询问您的申请，请先登录");
    let sent = visitor.post("/api/v1/auth/codes", json!({ "phone": phone, "purpose": "ticket" })).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    let code = app.last_code(phone).await;
    let wrong = visitor.post("/api/v1/tickets", question(if code == "000000" { "111111" } else { "000000" }, "consultation")).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.json()["fields"]["code"].is_string());
    let filed = visitor.post("/api/v1/tickets", question(&code, "consultation")).await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
    let filed = filed.json();
    assert_eq!(filed["id"], "", "nothing to open without an account");
    assert_eq!(filed["due"], "2026-12-02", "a consultation is answered within 3 working days");
    assert_eq!(visitor.get("/api/v1/tickets").await.status, StatusCode::UNAUTHORIZED);

    let ga = app.officer("10.0.91.2", "ga01").await;
    let queue = ga.get("/api/v1/staff/tickets").await.json();
    let ticket = queue[0]["id"].as_str().unwrap().to_string();
    let seen = ga.get(&format!("/api/v1/staff/tickets/{ticket}")).await.json();
    assert_eq!(seen["person_name"], "");
    assert_eq!(seen["person_phone"], phone);
    let ask = ga
        .post(&format!("/api/v1/staff/tickets/{ticket}/actions"), json!({ "action": "ask_for_more", "text": "请问您的户籍？", "seen": 1 }))
        .await;
    assert_eq!(ask.status, StatusCode::BAD_REQUEST, "nobody could answer it without an account");
    let answer = ga
        .post(&format!("/api/v1/staff/tickets/{ticket}/actions"), json!({ "action": "close", "text": "一般 7 个工作日", "seen": 1 }))
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let texts = app.texts_to(phone).await;
    assert!(texts.iter().any(|t| t.contains("一般 7 个工作日")), "the answer reaches the phone: {texts:?}");
}

#[tokio::test]
async fn deadlines_are_data_and_filing_is_rate_limited() {
    let app = TestApp::with_config(|c| c.auth.tickets_per_ip_per_hour = 1).await;
    app.execute("UPDATE working_day_deadlines SET working_days = 5 WHERE name = 'ticket_suggestion'").await;
    let zhang = signed_in(&app, "10.0.92.1", ZHANG).await;
    let suggestion = json!({ "kind": "suggestion", "about": "department", "about_ref": "gjj", "subject": "增加夜间窗口",
        "message": "建议周四晚上开放窗口" });
    let filed = zhang.post("/api/v1/tickets", suggestion.clone()).await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.text);
    assert_eq!(filed.json()["due"], "2026-12-04");
    assert_eq!(zhang.post("/api/v1/tickets", suggestion).await.status, StatusCode::TOO_MANY_REQUESTS);
    let unknown = json!({ "kind": "suggestion", "about": "department", "about_ref": "nope", "subject": "s", "message": "m" });
    let other = signed_in(&app, "10.0.92.2", "310105198511123624").await;
    assert_eq!(other.post("/api/v1/tickets", unknown).await.status, StatusCode::BAD_REQUEST);
}
