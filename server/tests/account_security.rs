//! Sensitive changes need a fresh proof and are texted to the phone on record; sessions are
//! replaced and ended when they should be; guessing is slowed over a day, never locks a person
//! out of signing in by code, and parallel guesses cannot share a try.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{signed_in, PASSWORD};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;
use tongban_server::clock::{MINUTE, SECOND};

const ZHANG: &str = "31010119900307241X";
const ZHANG_PHONE: &str = "13800138000";
const LI: &str = "310105198511123624";
const SUN: &str = "31010419870415122X";
const DEMO_COMPANY: &str = "91310101MA1FPX0T5D";

#[tokio::test]
async fn sensitive_changes_need_a_proof_from_the_last_five_minutes_and_are_texted() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.10.1", ZHANG).await;
    let agents_uri = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");
    app.clock.advance(5 * MINUTE + SECOND);

    let stale = zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["apply"] })).await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN, "{}", stale.text);
    assert_eq!(stale.json()["code"], "proof_needed");
    assert_eq!(zhang.post("/api/v1/account/passkeys/options", json!({})).await.json()["code"], "proof_needed");
    assert_eq!(
        zhang.post("/api/v1/account/companies", json!({ "credit_code": "91310104MA1K4B2N3Y" })).await.json()["code"],
        "proof_needed"
    );
    let li_id = zhang.get(&agents_uri).await.json()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(zhang.post(&format!("{agents_uri}/{li_id}/remove"), json!({})).await.json()["code"], "proof_needed");

    let empty = zhang.post("/api/v1/session/confirm", json!({})).await;
    assert_eq!(empty.json()["fields"]["password"], "请输入密码");
    let wrong = zhang.post("/api/v1/session/confirm", json!({ "password": "not-my-password" })).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.json()["fields"]["password"].is_string());
    assert_eq!(zhang.post("/api/v1/session/confirm", json!({ "password": PASSWORD })).await.status, StatusCode::NO_CONTENT);
    let added = zhang.post(&agents_uri, json!({ "id_number": SUN, "scopes": ["apply"] })).await;
    assert_eq!(added.status, StatusCode::NO_CONTENT, "{}", added.text);
    assert!(app.texts_to(ZHANG_PHONE).await.iter().any(|t| t.contains("设置了经办人 310***********122X") && t.contains("12345")));

    // A code to the account's own phone is proof too.
    app.clock.advance(5 * MINUTE + SECOND);
    assert_eq!(zhang.post(&format!("{agents_uri}/{li_id}/remove"), json!({})).await.json()["code"], "proof_needed");
    assert_eq!(zhang.post("/api/v1/session/confirm/code", json!({})).await.status, StatusCode::OK);
    let code = app.last_code(ZHANG_PHONE).await;
    assert_eq!(zhang.post("/api/v1/session/confirm", json!({ "code": code })).await.status, StatusCode::NO_CONTENT);
    assert_eq!(zhang.post(&format!("{agents_uri}/{li_id}/remove"), json!({})).await.status, StatusCode::NO_CONTENT);
    assert!(app.texts_to(ZHANG_PHONE).await.iter().any(|t| t.contains("移除了企业")));
    let history = zhang.get("/api/v1/account/history").await.json();
    assert!(history.as_array().unwrap().iter().any(|e| e["action"] == "session.confirmed"));
}

#[tokio::test]
async fn signing_in_replaces_the_browsers_previous_session() {
    let app = TestApp::new().await;
    let browser = signed_in(&app, "10.0.10.2", ZHANG).await;
    let zhangs_token = browser.cookie("tb_session").unwrap();
    let response = browser.post("/api/v1/auth/sign-in/password", json!({ "identifier": LI, "password": PASSWORD })).await;
    assert_eq!(response.status, StatusCode::OK);
    let left_over = app.browser("10.0.10.3").await;
    left_over.set_cookie("tb_session", &zhangs_token);
    assert!(left_over.get("/api/v1/session").await.json()["user"].is_null(), "the earlier session ended");
}

#[tokio::test]
async fn changing_the_phone_ends_the_other_sessions_and_tells_the_old_phone() {
    let app = TestApp::new().await;
    let laptop = signed_in(&app, "10.0.10.4", ZHANG).await;
    let phone = signed_in(&app, "10.0.10.5", ZHANG).await;
    assert_eq!(laptop.post("/api/v1/account/phone/code", json!({ "phone": "13012345678" })).await.status, StatusCode::OK);
    let code = app.last_code("13012345678").await;
    let changed = laptop.post("/api/v1/account/phone", json!({ "phone": "13012345678", "code": code, "password": PASSWORD })).await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text);
    assert!(phone.get("/api/v1/session").await.json()["user"].is_null(), "the other device is signed out");
    assert!(!laptop.get("/api/v1/session").await.json()["user"].is_null(), "this one stays");
    assert!(app.texts_to(ZHANG_PHONE).await.iter().any(|t| t.contains("手机号码已改为 130****5678")));
}

#[tokio::test]
async fn slow_guessing_is_stopped_over_a_day_but_a_code_still_signs_the_person_in() {
    let app = TestApp::new().await;
    let guesser = app.browser("10.0.10.6").await;
    // Four wrong passwords every two minutes never trip the one-minute lock…
    for round in 0..5 {
        for _ in 0..4 {
            let response = guesser.post("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG, "password": "guess-guess-1" })).await;
            if round == 4 {
                continue;
            }
            assert_eq!(response.status, StatusCode::BAD_REQUEST, "round {round}");
        }
        app.clock.advance(2 * MINUTE);
    }
    // …but the twentieth within a day does, until the first of them is a day old.
    let locked = guesser.post("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG, "password": PASSWORD })).await;
    assert_eq!(locked.status, StatusCode::LOCKED, "{}", locked.text);
    app.clock.advance(60 * MINUTE);
    let still = guesser.post("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG, "password": PASSWORD })).await;
    assert_eq!(still.status, StatusCode::LOCKED, "an hour later, still locked");

    // The person is not locked out: a code to their phone signs them in.
    let person = app.browser("10.0.10.7").await;
    assert_eq!(person.post("/api/v1/auth/codes", json!({ "phone": ZHANG_PHONE, "purpose": "sign_in" })).await.status, StatusCode::OK);
    let code = app.last_code(ZHANG_PHONE).await;
    let signed = person.post("/api/v1/auth/sign-in/sms", json!({ "phone": ZHANG_PHONE, "code": code })).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);

    app.clock.advance(24 * 60 * MINUTE);
    let later = guesser.post("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG, "password": PASSWORD })).await;
    assert_eq!(later.status, StatusCode::OK, "a day after the first guess the budget is back");
}

#[tokio::test]
async fn parallel_guesses_at_a_code_cannot_exceed_its_tries() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.10.8").await;
    assert_eq!(browser.post("/api/v1/auth/codes", json!({ "phone": ZHANG_PHONE, "purpose": "sign_in" })).await.status, StatusCode::OK);
    let guesses = (0..20).map(|i| {
        let guesser = &browser;
        async move { guesser.post("/api/v1/auth/sign-in/sms", json!({ "phone": ZHANG_PHONE, "code": format!("{:06}", i) })).await }
    });
    let answers = futures::future::join_all(guesses).await;
    assert!(answers.iter().all(|a| a.status == StatusCode::BAD_REQUEST || a.status == StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(app.code_attempts(ZHANG_PHONE).await, 5, "exactly five tries were counted and judged");
}

#[tokio::test]
async fn the_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy() {
    let app = TestApp::with_config(|c| c.trusted_proxies = vec!["10.0.0.0/8".parse().unwrap()]).await;
    let through_proxy = app.browser("10.0.10.9").await;
    through_proxy.forwarded_for("203.0.113.7");
    let direct = app.browser("198.51.100.20").await;
    direct.forwarded_for("203.0.113.8");
    for browser in [&through_proxy, &direct] {
        let wrong = browser.post("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG, "password": "wrong-password-1" })).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    }
    let zhang = signed_in(&app, "198.51.100.21", ZHANG).await;
    let history = zhang.get("/api/v1/account/history").await.json();
    let failed: Vec<&str> =
        history.as_array().unwrap().iter().filter(|e| e["action"] == "sign_in.failed").map(|e| e["ip"].as_str().unwrap()).collect();
    assert!(failed.contains(&"203.0.113.7"), "the proxy names the client: {failed:?}");
    assert!(failed.contains(&"198.51.100.20") && !failed.contains(&"203.0.113.8"), "a client cannot name itself: {failed:?}");

    // Per-address limits count the client behind the proxy, not the proxy.
    let limited = TestApp::with_config(|c| {
        c.trusted_proxies = vec!["10.0.0.0/8".parse().unwrap()];
        c.auth.sign_in_per_ip_per_minute = 2;
    })
    .await;
    let proxy = limited.browser("10.0.10.10").await;
    for client in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
        proxy.forwarded_for(client);
        let answer =
            proxy.post("/api/v1/auth/sign-in/password", json!({ "identifier": "13312340009", "password": "wrong-password-1" })).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{client}: different clients behind one proxy");
    }
}

#[tokio::test]
async fn wrong_passwords_in_a_signed_in_session_count_towards_the_lockout() {
    let app = TestApp::new().await;
    let thief = signed_in(&app, "10.0.10.11", ZHANG).await;
    for _ in 0..4 {
        let wrong = thief
            .post("/api/v1/account/password", json!({ "current_password": "guess-guess-1", "new_password": "Lantern-river-42", "new_password_confirm": "Lantern-river-42" }))
            .await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.text);
    }
    let locked = thief.post("/api/v1/session/confirm", json!({ "password": "guess-guess-2" })).await;
    assert_eq!(locked.status, StatusCode::LOCKED, "{}", locked.text);
    let owner = app.browser("10.0.10.12").await;
    let sign_in = owner.post("/api/v1/auth/sign-in/password", json!({ "identifier": ZHANG, "password": PASSWORD })).await;
    assert_eq!(sign_in.status, StatusCode::LOCKED, "one budget for every place the password is typed");
}
