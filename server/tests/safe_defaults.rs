//! Safe unless told otherwise: production seeds no account or officer with a published password,
//! officers are made by the administrator's command with a one-time password they must replace,
//! and an officer's session needs a second factor, a code to their work phone.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const PASSWORD: &str = "Tongban!2026";

#[tokio::test]
async fn production_is_the_default_and_seeds_nobody_who_can_sign_in() {
    let defaults = tongban_server::config::Config::from_env().expect("the defaults");
    assert!(defaults.production, "the server's own default is production");

    let app = TestApp::with_config(|c| {
        c.production = true;
        c.seal_keys_dir = Some(common::seal_keys_dir());
        c.allow_sandbox_sms = true;
        c.allow_sandbox_bank = true;
        c.allow_sandbox_payments = true;
        c.allow_sandbox_courier = true;
    })
    .await;
    let visitor = app.browser("10.0.20.1").await;
    let demo = visitor.post("/api/v1/auth/sign-in/password", json!({ "identifier": "31010119900307241X", "password": PASSWORD })).await;
    assert_eq!(demo.status, StatusCode::BAD_REQUEST, "no demo account: {}", demo.text);
    let officer = visitor.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj01", "password": PASSWORD })).await;
    assert_eq!(officer.status, StatusCode::BAD_REQUEST, "no demo officer: {}", officer.text);
    assert_eq!(app.get("/api/v1/dev/outbox").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/services/GA-001").await.status, StatusCode::OK, "the catalogue is there");
}

#[tokio::test]
async fn an_officer_made_by_the_administrator_replaces_the_one_time_password_before_working() {
    let app = TestApp::new().await;
    let one_time = tongban_server::staff::add_officer(
        &app.state().pool,
        app.state().clock.as_ref(),
        "GJJ09",
        "陈立",
        "gjj",
        "13910009999",
        Some("w-gjj"),
    )
    .await
    .expect("added");
    assert!(one_time.len() >= 16);
    let browser = app.browser("10.0.20.2").await;
    let step = browser.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj09", "password": one_time })).await;
    assert_eq!(step.status, StatusCode::OK, "{}", step.text);
    assert_eq!(step.json()["phone_masked"], "139****9999");
    let code = app.last_code("13910009999").await;
    let signed = browser.post("/api/v1/staff/sign-in/code", json!({ "challenge": step.json()["challenge"], "code": code })).await;
    assert_eq!(signed.json()["password_change_required"], true);

    let queue = browser.get("/api/v1/staff/applications").await;
    assert_eq!(queue.status, StatusCode::FORBIDDEN, "nothing opens before the password is replaced");
    assert_eq!(queue.json()["message"], "请先设置您自己的密码，替换初始密码");
    let weak = browser.post("/api/v1/staff/password", json!({ "new_password": "short", "new_password_confirm": "short" })).await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    let set = browser
        .post("/api/v1/staff/password", json!({ "new_password": "Harbour-lantern-77", "new_password_confirm": "Harbour-lantern-77" }))
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.text);
    assert_eq!(browser.get("/api/v1/staff/applications").await.status, StatusCode::OK);
    assert_eq!(browser.get("/api/v1/staff/session").await.json()["password_change_required"], false);

    let again = app.browser("10.0.20.3").await;
    let old = again.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj09", "password": one_time })).await;
    assert_eq!(old.status, StatusCode::BAD_REQUEST, "the one-time password is gone");
}

#[tokio::test]
async fn an_officers_password_alone_opens_nothing_and_a_code_serves_its_own_sign_in_only() {
    let app = TestApp::new().await;
    let first = app.browser("10.0.20.4").await;
    let step = first.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj01", "password": PASSWORD })).await;
    assert_eq!(step.status, StatusCode::OK);
    assert!(step.header("set-cookie").is_empty() || !step.header("set-cookie").contains("tb_staff"), "no session yet");
    assert_eq!(first.get("/api/v1/staff/applications").await.status, StatusCode::UNAUTHORIZED);
    let code = app.last_code("13910000005").await;
    assert!(app.last_sms("13910000005").await.unwrap().contains("工号 gjj01 登录验证码"));

    // Someone who has the password but not the phone gets their own challenge, and the code sent
    // for the officer's sign-in does not open it.
    let other = app.browser("10.0.20.5").await;
    let too_soon = other.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj01", "password": PASSWORD })).await;
    assert_eq!(too_soon.status, StatusCode::TOO_MANY_REQUESTS, "one challenge (and text) per resend wait");
    app.clock.advance(61 * tongban_server::clock::SECOND);
    let their_step = other.post("/api/v1/staff/sign-in", json!({ "staff_number": "gjj01", "password": PASSWORD })).await.json();
    let stolen = other.post("/api/v1/staff/sign-in/code", json!({ "challenge": their_step["challenge"], "code": code })).await;
    assert_eq!(stolen.status, StatusCode::BAD_REQUEST);
    let forged = other.post("/api/v1/staff/sign-in/code", json!({ "challenge": "nobody.nothing", "code": code })).await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);

    let signed = first.post("/api/v1/staff/sign-in/code", json!({ "challenge": step.json()["challenge"], "code": code })).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);
    assert_eq!(first.get("/api/v1/staff/applications").await.status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_codes_count_towards_the_officers_lockout() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.20.6").await;
    let step = browser.post("/api/v1/staff/sign-in", json!({ "staff_number": "ga01", "password": PASSWORD })).await.json();
    let mut last = None;
    for guess in ["000001", "000002", "000003", "000004", "000005"] {
        last = Some(browser.post("/api/v1/staff/sign-in/code", json!({ "challenge": step["challenge"], "code": guess })).await.status);
    }
    assert_eq!(last, Some(StatusCode::LOCKED), "five wrong codes lock like five wrong passwords");
    let locked = browser.post("/api/v1/staff/sign-in", json!({ "staff_number": "ga01", "password": PASSWORD })).await;
    assert_eq!(locked.status, StatusCode::LOCKED);
}

#[tokio::test]
async fn production_refuses_a_database_that_holds_the_demo() {
    use tongban_server::config::Config;
    let path = std::env::temp_dir().join(format!("tongban-demo-{}.db", std::process::id()));
    let url = format!("sqlite://{}", path.display());
    let development = tongban_server::prepare(Config::for_database(url.clone())).await.expect("the demo starts");
    development.pool.close().await;
    let mut production = Config::for_database(url);
    production.production = true;
    production.seal_keys_dir = Some(common::seal_keys_dir());
    production.allow_sandbox_sms = true;
    production.allow_sandbox_bank = true;
    production.allow_sandbox_payments = true;
    production.allow_sandbox_courier = true;
    let refused = tongban_server::prepare(production).await;
    assert!(refused.is_err_and(|e| e.contains("demo accounts and officers")));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
