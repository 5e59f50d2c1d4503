mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde_json::{json, Value};
use tongban_server::clock::{MINUTE, SECOND};

const ZHANG_ID: &str = "31010119900307241X";
const ZHANG_PHONE: &str = "13800138000";
const PASSWORD: &str = "Tongban!2026";
const WANG_ID: &str = "310104199203154427";
const WANG_PHONE: &str = "13700137000";

async fn sign_in(browser: &Browser<'_>, identifier: &str, password: &str) -> common::TestResponse {
    browser.post("/api/v1/auth/sign-in/password", json!({ "identifier": identifier, "password": password })).await
}

async fn signed_in_user(browser: &Browser<'_>) -> Value {
    browser.get("/api/v1/session").await.json()["user"].clone()
}

fn registration(code: &str) -> Value {
    json!({
        "name": "王芳", "id_number": WANG_ID, "phone": WANG_PHONE, "code": code,
        "password": "Lantern-river-42", "password_confirm": "Lantern-river-42"
    })
}

async fn send_code(browser: &Browser<'_>, phone: &str, purpose: &str) -> common::TestResponse {
    browser.post("/api/v1/auth/codes", json!({ "phone": phone, "purpose": purpose })).await
}

#[tokio::test]
async fn register_with_an_sms_code_then_sign_out_and_in() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.1").await;
    let sent = send_code(&browser, WANG_PHONE, "register").await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    assert_eq!(sent.json()["expires_in_secs"], 300);
    let code = app.last_code(WANG_PHONE).await;

    let registered = browser.post("/api/v1/auth/register", registration(&code)).await;
    assert_eq!(registered.status, StatusCode::OK, "{}", registered.text);
    let cookie = registered.header("set-cookie");
    assert!(cookie.starts_with("tb_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let user = signed_in_user(&browser).await;
    assert_eq!(user["name"], "王芳");
    assert_eq!(user["level"], 1);
    assert_eq!(user["id_number_masked"], "310***********4427");
    assert_eq!(user["phone_masked"], "137****7000");

    assert_eq!(browser.post("/api/v1/auth/sign-out", json!({})).await.status, StatusCode::NO_CONTENT);
    assert!(signed_in_user(&browser).await.is_null());
    assert_eq!(sign_in(&browser, WANG_PHONE, "Lantern-river-42").await.status, StatusCode::OK);
    assert_eq!(signed_in_user(&browser).await["name"], "王芳");
}

#[tokio::test]
async fn registration_refuses_bad_input_all_at_once_and_common_passwords() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.2").await;
    let response = browser
        .post(
            "/api/v1/auth/register",
            json!({
                "name": "", "id_number": "310104199203154420", "phone": "123", "code": "abc",
                "password": "short", "password_confirm": "different"
            }),
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    let fields = response.json()["fields"].clone();
    for field in ["name", "id_number", "phone", "code", "password", "password_confirm"] {
        assert!(fields[field].is_string(), "{field} missing in {fields}");
    }

    send_code(&browser, WANG_PHONE, "register").await;
    let code = app.last_code(WANG_PHONE).await;
    let mut common = registration(&code);
    common["password"] = json!("1234567890");
    common["password_confirm"] = json!("1234567890");
    let response = browser.post("/api/v1/auth/register", common).await;
    assert_eq!(response.json()["fields"]["password"], "这个密码太常见，容易被猜到，请换一个");
}

#[tokio::test]
async fn codes_are_single_use_expire_and_allow_five_tries() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.3").await;
    send_code(&browser, WANG_PHONE, "register").await;
    let code = app.last_code(WANG_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let response = browser.post("/api/v1/auth/register", registration(wrong)).await;
        assert_eq!(response.json()["fields"]["code"], "验证码不正确或已失效，请重新获取");
    }
    // The right code, but after five tries it no longer works.
    let response = browser.post("/api/v1/auth/register", registration(&code)).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);

    app.clock.advance(61 * SECOND);
    send_code(&browser, WANG_PHONE, "register").await;
    let code = app.last_code(WANG_PHONE).await;
    app.clock.advance(5 * MINUTE + SECOND);
    let response = browser.post("/api/v1/auth/register", registration(&code)).await;
    assert!(response.json()["fields"]["code"].is_string(), "an expired code is refused");

    send_code(&browser, WANG_PHONE, "register").await;
    let code = app.last_code(WANG_PHONE).await;
    assert_eq!(browser.post("/api/v1/auth/register", registration(&code)).await.status, StatusCode::OK);
    let again = app.browser("10.0.0.4").await;
    let response = again.post("/api/v1/auth/register", registration(&code)).await;
    assert!(response.json()["fields"]["code"].is_string(), "a used code is refused");
}

#[tokio::test]
async fn a_second_code_must_wait_a_minute() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.5").await;
    assert_eq!(send_code(&browser, WANG_PHONE, "register").await.status, StatusCode::OK);
    let again = send_code(&browser, WANG_PHONE, "register").await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!again.header("retry-after").is_empty());
    app.clock.advance(60 * SECOND);
    assert_eq!(send_code(&browser, WANG_PHONE, "register").await.status, StatusCode::OK);
}

#[tokio::test]
async fn nothing_reveals_whether_an_account_exists() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.6").await;
    let known = sign_in(&browser, ZHANG_PHONE, "wrong-password-1").await;
    let unknown = sign_in(&browser, "13012345678", "wrong-password-1").await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.json(), unknown.json());

    // A sign-in code to an unknown phone answers the same and sends nothing.
    let known = send_code(&browser, ZHANG_PHONE, "sign_in").await;
    let unknown = send_code(&browser, "13012345678", "sign_in").await;
    assert_eq!((known.status, known.json()), (unknown.status, unknown.json()));
    assert!(app.last_sms("13012345678").await.is_none());

    // Registering a phone that has an account: same answer; the SMS tells its owner instead.
    app.clock.advance(SECOND);
    let response = send_code(&browser, ZHANG_PHONE, "register").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(app.last_sms(ZHANG_PHONE).await.unwrap().contains("已有账户"));
}

#[tokio::test]
async fn five_wrong_passwords_in_a_minute_lock_the_account_for_ten_minutes() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.7").await;
    for _ in 0..4 {
        assert_eq!(sign_in(&browser, ZHANG_ID, "wrong-password-1").await.status, StatusCode::BAD_REQUEST);
    }
    let locked = sign_in(&browser, ZHANG_PHONE, "wrong-password-1").await;
    assert_eq!(locked.status, StatusCode::LOCKED);
    let body = locked.json();
    assert_eq!(body["code"], "locked");
    // Locked at 08:00 Shanghai time, until 08:10.
    assert!(body["message"].as_str().unwrap().contains("08:10"), "{body}");

    app.clock.advance(9 * MINUTE);
    assert_eq!(sign_in(&browser, ZHANG_ID, PASSWORD).await.status, StatusCode::LOCKED, "the right password waits too");
    app.clock.advance(MINUTE + SECOND);
    assert_eq!(sign_in(&browser, ZHANG_ID, PASSWORD).await.status, StatusCode::OK);

    let history = browser.get("/api/v1/account/history").await.json();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in ["sign_in.password", "sign_in.refused_locked", "account.locked", "sign_in.failed"] {
        assert!(actions.contains(&expected), "{expected} not in {actions:?}");
    }
}

#[tokio::test]
async fn failures_spread_over_more_than_a_minute_do_not_lock() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.8").await;
    for _ in 0..8 {
        assert_eq!(sign_in(&browser, ZHANG_ID, "wrong-password-1").await.status, StatusCode::BAD_REQUEST);
        app.clock.advance(20 * SECOND);
    }
    assert_eq!(sign_in(&browser, ZHANG_ID, PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_identifiers_lock_exactly_like_accounts() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.9").await;
    for _ in 0..4 {
        sign_in(&browser, "13012345678", "wrong-password-1").await;
    }
    assert_eq!(sign_in(&browser, "13012345678", "wrong-password-1").await.status, StatusCode::LOCKED);
}

#[tokio::test]
async fn sign_in_with_an_sms_code() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.10").await;
    send_code(&browser, ZHANG_PHONE, "sign_in").await;
    let code = app.last_code(ZHANG_PHONE).await;
    let response = browser.post("/api/v1/auth/sign-in/sms", json!({ "phone": ZHANG_PHONE, "code": code })).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(signed_in_user(&browser).await["name"], "张伟");
    let other = app.browser("10.0.0.11").await;
    let reused = other.post("/api/v1/auth/sign-in/sms", json!({ "phone": ZHANG_PHONE, "code": code })).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_code_for_registering_does_not_sign_in() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.12").await;
    send_code(&browser, WANG_PHONE, "register").await;
    let code = app.last_code(WANG_PHONE).await;
    let response = browser.post("/api/v1/auth/sign-in/sms", json!({ "phone": WANG_PHONE, "code": code })).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn state_changes_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.13").await;
    assert!(browser.cookie("tb_csrf").is_some_and(|c| c.len() >= 32));
    let response =
        browser.post_without_csrf("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG_ID, "password": PASSWORD })).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.json()["code"], "csrf_rejected");
    assert!(signed_in_user(&browser).await.is_null());
}

#[tokio::test]
async fn sessions_end_after_fifteen_idle_minutes_unless_kept_alive() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.14").await;
    sign_in(&browser, ZHANG_ID, PASSWORD).await;
    app.clock.advance(14 * MINUTE);
    assert_eq!(browser.post("/api/v1/session/keep-alive", json!({})).await.status, StatusCode::OK);
    app.clock.advance(14 * MINUTE);
    assert_eq!(signed_in_user(&browser).await["name"], "张伟");
    app.clock.advance(15 * MINUTE + SECOND);
    assert!(signed_in_user(&browser).await.is_null());
    let response = browser.post("/api/v1/session/keep-alive", json!({})).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.json()["code"], "unauthenticated");
}

#[tokio::test]
async fn no_session_outlives_twelve_hours() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.15").await;
    sign_in(&browser, ZHANG_ID, PASSWORD).await;
    // Kept alive every 14 min 50 s for 11 h 52 min: alive throughout.
    for _ in 0..48 {
        app.clock.advance(14 * MINUTE + 50 * SECOND);
        assert_eq!(browser.post("/api/v1/session/keep-alive", json!({})).await.status, StatusCode::OK);
    }
    app.clock.advance(7 * MINUTE);
    assert!(!signed_in_user(&browser).await.is_null(), "alive a minute before twelve hours");
    app.clock.advance(2 * MINUTE);
    assert!(signed_in_user(&browser).await.is_null(), "ended a minute after, however busy");
}

#[tokio::test]
async fn sessions_are_listed_and_can_be_ended_one_by_one_or_everywhere() {
    let app = TestApp::new().await;
    let phone = app.browser("10.0.0.16").await;
    let laptop = app.browser("10.0.0.17").await;
    sign_in(&phone, ZHANG_ID, PASSWORD).await;
    sign_in(&laptop, ZHANG_PHONE, PASSWORD).await;
    let list = laptop.get("/api/v1/account/sessions").await.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["current"], true);
    assert_eq!(list[0]["ip"], "10.0.0.17");
    assert_eq!(list[0]["device"], "Chrome · Linux");
    let other = list[1]["id"].as_str().unwrap();
    assert_eq!(laptop.post(&format!("/api/v1/account/sessions/{other}/end"), json!({})).await.status, StatusCode::NO_CONTENT);
    assert!(signed_in_user(&phone).await.is_null());

    // Someone else's session id is not found.
    let li = app.browser("10.0.0.18").await;
    sign_in(&li, "310105198511123624", PASSWORD).await;
    let laptop_session = laptop.get("/api/v1/account/sessions").await.json()[0]["id"].as_str().unwrap().to_string();
    let response = li.post(&format!("/api/v1/account/sessions/{laptop_session}/end"), json!({})).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    sign_in(&phone, ZHANG_ID, PASSWORD).await;
    assert_eq!(laptop.post("/api/v1/auth/sign-out-everywhere", json!({})).await.status, StatusCode::NO_CONTENT);
    assert!(signed_in_user(&phone).await.is_null());
    assert!(signed_in_user(&laptop).await.is_null());
    assert_eq!(signed_in_user(&li).await["name"], "李娜");
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_ends_other_sessions() {
    let app = TestApp::new().await;
    let here = app.browser("10.0.0.19").await;
    let there = app.browser("10.0.0.20").await;
    sign_in(&here, ZHANG_ID, PASSWORD).await;
    sign_in(&there, ZHANG_ID, PASSWORD).await;
    let wrong = here
        .post(
            "/api/v1/account/password",
            json!({
                "current_password": "not-the-password", "new_password": "Harbour-lights-77", "new_password_confirm": "Harbour-lights-77"
            }),
        )
        .await;
    assert_eq!(wrong.json()["fields"]["current_password"], "当前密码不正确");
    let changed = here
        .post(
            "/api/v1/account/password",
            json!({
                "current_password": PASSWORD, "new_password": "Harbour-lights-77", "new_password_confirm": "Harbour-lights-77"
            }),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text);
    assert_eq!(signed_in_user(&here).await["name"], "张伟");
    assert!(signed_in_user(&there).await.is_null());
    assert_eq!(sign_in(&there, ZHANG_ID, PASSWORD).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(sign_in(&there, ZHANG_ID, "Harbour-lights-77").await.status, StatusCode::OK);
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_address() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.21").await;
    for n in 0..30 {
        // Different unknown phones, so no lockout comes first.
        sign_in(&browser, &format!("130{n:08}"), "wrong-password-1").await;
    }
    assert_eq!(sign_in(&browser, ZHANG_ID, PASSWORD).await.status, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = app.browser("10.0.0.22").await;
    assert_eq!(sign_in(&elsewhere, ZHANG_ID, PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn account_pages_need_a_session() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.0.23").await;
    for uri in ["/api/v1/account/sessions", "/api/v1/account/history"] {
        let response = browser.get(uri).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{uri}");
    }
}

#[tokio::test]
async fn production_refuses_the_sandbox_sms_sender_unless_told_and_hides_the_outbox() {
    use tongban_server::config::Config;
    let mut config = Config::for_database("sqlite::memory:");
    config.production = true;
    let refused = tongban_server::prepare(config).await;
    assert!(refused.is_err_and(|e| e.contains("TONGBAN_ALLOW_SANDBOX_SMS")));
    let mut config = Config::for_database("sqlite::memory:");
    config.production = true;
    config.allow_sandbox_sms = true;
    config.seal_keys_dir = Some(common::seal_keys_dir());
    let refused = tongban_server::prepare(config).await;
    assert!(refused.is_err_and(|e| e.contains("TONGBAN_ALLOW_SANDBOX_BANK")));
    let mut config = Config::for_database("sqlite::memory:");
    config.production = true;
    config.allow_sandbox_sms = true;
    config.allow_sandbox_bank = true;
    config.seal_keys_dir = Some(common::seal_keys_dir());
    let refused = tongban_server::prepare(config).await;
    assert!(refused.is_err_and(|e| e.contains("TONGBAN_ALLOW_SANDBOX_PAYMENTS")));
    let mut config = Config::for_database("sqlite::memory:");
    config.production = true;
    config.allow_sandbox_sms = true;
    config.allow_sandbox_bank = true;
    config.allow_sandbox_payments = true;
    config.seal_keys_dir = Some(common::seal_keys_dir());
    let refused = tongban_server::prepare(config).await;
    assert!(refused.is_err_and(|e| e.contains("TONGBAN_ALLOW_SANDBOX_COURIER")));

    let app = TestApp::with_config(|c| {
        c.production = true;
        c.seal_keys_dir = Some(common::seal_keys_dir());
        c.allow_sandbox_sms = true;
        c.allow_sandbox_bank = true;
        c.allow_sandbox_payments = true;
        c.allow_sandbox_courier = true;
    })
    .await;
    assert_eq!(app.get("/api/v1/dev/outbox").await.status, StatusCode::NOT_FOUND);
}

const ZHAO_ID: &str = "310112197004195518";
const ZHAO_PHONE: &str = "13200132000";
const ZHOU_ID: &str = "310225196209031245";

#[tokio::test]
async fn level_two_by_a_code_to_the_phone_on_record() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.1.1").await;
    sign_in(&browser, ZHAO_ID, PASSWORD).await;
    let status = browser.get("/api/v1/account/verification").await;
    assert_eq!(status.json(), json!({ "level": 1, "in_register": true }), "the phone on record is not shown, not even masked");
    let sent = browser.post("/api/v1/account/verification/sms-code", json!({})).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    let wrong = browser.post("/api/v1/account/verification/sms", json!({ "code": "12345" })).await;
    assert_eq!(wrong.json()["fields"]["code"], "验证码是 6 位数字");
    let code = app.last_code(ZHAO_PHONE).await;
    let verified = browser.post("/api/v1/account/verification/sms", json!({ "code": code })).await;
    assert_eq!(verified.status, StatusCode::NO_CONTENT, "{}", verified.text);
    assert_eq!(signed_in_user(&browser).await["level"], 2);
    let history = browser.get("/api/v1/account/history").await.json();
    assert!(history.as_array().unwrap().iter().any(|e| e["action"] == "verification.level_2"));
}

#[tokio::test]
async fn level_two_by_a_bank_card_in_ones_name() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.1.2").await;
    sign_in(&browser, ZHOU_ID, PASSWORD).await;
    let wrong_phone = browser
        .post("/api/v1/account/verification/bank-card", json!({ "card_number": "6212 2612 3456 7890 128", "phone": "13900139000" }))
        .await;
    assert_eq!(wrong_phone.json()["fields"]["card_number"], "银行未能确认该卡属于您，或预留手机号码不一致");
    let someone_elses = browser
        .post("/api/v1/account/verification/bank-card", json!({ "card_number": "6222021234567890128", "phone": "13700137000" }))
        .await;
    assert_eq!(someone_elses.status, StatusCode::BAD_REQUEST);
    let bad = browser.post("/api/v1/account/verification/bank-card", json!({ "card_number": "1234", "phone": "" })).await;
    let fields = bad.json()["fields"].clone();
    assert!(fields["card_number"].is_string() && fields["phone"].is_string(), "{fields}");
    let right = browser
        .post("/api/v1/account/verification/bank-card", json!({ "card_number": "6212 2612 3456 7890 128", "phone": "13100131000" }))
        .await;
    assert_eq!(right.status, StatusCode::NO_CONTENT, "{}", right.text);
    assert_eq!(signed_in_user(&browser).await["level"], 2);
}

#[tokio::test]
async fn registration_is_refused_unless_name_and_id_number_match_the_register_without_saying_which() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.1.3").await;
    for (name, id_number) in [("王小芳", WANG_ID), ("王芳", "310104199203154435")] {
        send_code(&browser, WANG_PHONE, "register").await;
        let code = app.last_code(WANG_PHONE).await;
        let mut request = registration(&code);
        request["name"] = json!(name);
        request["id_number"] = json!(id_number);
        let refused = browser.post("/api/v1/auth/register", request).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{name} {id_number}: {}", refused.text);
        let fields = refused.json()["fields"].clone();
        assert_eq!(fields["name"], "姓名与身份证号码和人口信息不一致，请核对");
        assert_eq!(fields["id_number"], fields["name"], "the same words whichever part is wrong");
        app.clock.advance(61 * SECOND);
    }
    assert!(signed_in_user(&browser).await.is_null());
}

#[tokio::test]
async fn verification_codes_cannot_be_requested_through_the_public_endpoint() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.1.4").await;
    let response = send_code(&browser, ZHAO_PHONE, "verify").await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.json()["fields"]["purpose"].is_string());
}

#[tokio::test]
async fn changing_the_phone_needs_a_code_to_the_new_phone_and_the_password() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.1.5").await;
    sign_in(&browser, ZHAO_ID, PASSWORD).await;
    let new_phone = "13400134000";
    assert_eq!(browser.post("/api/v1/account/phone/code", json!({ "phone": new_phone })).await.status, StatusCode::OK);
    let code = app.last_code(new_phone).await;
    let wrong = browser.post("/api/v1/account/phone", json!({ "phone": new_phone, "code": code, "password": "not-it" })).await;
    assert_eq!(wrong.json()["fields"]["password"], "当前密码不正确");
    let changed = browser.post("/api/v1/account/phone", json!({ "phone": new_phone, "code": code, "password": PASSWORD })).await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text);
    assert_eq!(signed_in_user(&browser).await["phone_masked"], "134****4000");
    assert!(app.last_sms(ZHAO_PHONE).await.unwrap().contains("134****4000"), "the old phone is told");
    let again = app.browser("10.0.1.6").await;
    assert_eq!(sign_in(&again, new_phone, PASSWORD).await.status, StatusCode::OK);

    // Someone else's phone gets no code, only a notice, so it cannot be taken over.
    app.clock.advance(61 * SECOND);
    browser.post("/api/v1/account/phone/code", json!({ "phone": ZHANG_PHONE })).await;
    assert!(app.last_sms(ZHANG_PHONE).await.unwrap().contains("已有账户"));
}
