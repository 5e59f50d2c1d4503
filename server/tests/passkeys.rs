#[path = "common/applying.rs"]
mod applying;
#[path = "common/authenticator.rs"]
mod authenticator;
mod common;

use applying::signed_in;
use authenticator::SoftPasskey;
use axum::http::StatusCode;
use common::{Browser, TestApp};
use serde_json::{json, Value};

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";
const ZHAO: &str = "310112197004195518";

/// Adds a passkey named `name` to the signed-in account, returning it and the server's view of it.
async fn add_passkey(browser: &Browser<'_>, name: &str) -> (SoftPasskey, Value) {
    let options = browser.post("/api/v1/account/passkeys/options", json!({})).await.json();
    let (passkey, credential) = SoftPasskey::create(&options["options"]);
    let response =
        browser.post("/api/v1/account/passkeys", json!({ "ceremony": options["ceremony"], "name": name, "credential": credential })).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    (passkey, response.json())
}

async fn sign_in_with(browser: &Browser<'_>, passkey: &mut SoftPasskey) -> common::TestResponse {
    let options = browser.post("/api/v1/auth/sign-in/passkey/options", json!({})).await.json();
    let credential = passkey.assert(&options["options"]);
    browser.post("/api/v1/auth/sign-in/passkey", json!({ "ceremony": options["ceremony"], "credential": credential })).await
}

fn problem(response: &common::TestResponse, field: &str) -> String {
    response.json()["fields"][field].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_passkey_on_a_verified_account_raises_it_to_level_3_and_signs_in_without_a_password() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.3.1", ZHANG).await;
    let (mut passkey, added) = add_passkey(&zhang, "我的电脑").await;
    assert_eq!(added["name"], "我的电脑");
    assert_eq!(zhang.get("/api/v1/session").await.json()["user"]["level"], 3);
    let list = zhang.get("/api/v1/account/passkeys").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["last_used_at"].is_null());

    let browser = app.browser("10.0.3.2").await;
    let response = sign_in_with(&browser, &mut passkey).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(response.json()["user"]["name"], "张伟");
    assert_eq!(response.json()["user"]["level"], 3);
    assert_eq!(browser.get("/api/v1/session").await.json()["user"]["name"], "张伟");
    let list = browser.get("/api/v1/account/passkeys").await.json();
    assert!(list[0]["last_used_at"].is_i64());
    let history = browser.get("/api/v1/account/history").await.json();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"passkey.added") && actions.contains(&"sign_in.passkey"), "{actions:?}");
}

#[tokio::test]
async fn a_passkey_on_an_unverified_account_signs_in_but_does_not_raise_its_level() {
    let app = TestApp::new().await;
    let zhao = signed_in(&app, "10.0.3.3", ZHAO).await;
    let (mut passkey, added) = add_passkey(&zhao, "").await;
    assert_eq!(added["name"], "Chrome · Linux", "an unnamed passkey is named after the device");
    assert_eq!(zhao.get("/api/v1/session").await.json()["user"]["level"], 1);
    let response = sign_in_with(&app.browser("10.0.3.4").await, &mut passkey).await;
    assert_eq!(response.json()["user"]["level"], 1);
}

#[tokio::test]
async fn a_challenge_is_answered_once_in_time_and_only_by_the_passkey_key() {
    let app = TestApp::new().await;
    let li = signed_in(&app, "10.0.3.5", LI).await;
    let (mut passkey, _) = add_passkey(&li, "手机").await;
    let browser = app.browser("10.0.3.6").await;

    let options = browser.post("/api/v1/auth/sign-in/passkey/options", json!({})).await.json();
    let credential = passkey.assert(&options["options"]);
    let body = json!({ "ceremony": options["ceremony"], "credential": credential });
    assert_eq!(browser.post("/api/v1/auth/sign-in/passkey", body.clone()).await.status, StatusCode::OK);
    let replay = browser.post("/api/v1/auth/sign-in/passkey", body).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert_eq!(problem(&replay, "passkey"), "未能验证通行密钥，可能已超时，请重试或改用其他方式");

    let stranger = app.browser("10.0.3.7").await;
    let forged = sign_in_with(&stranger, &mut passkey.impostor()).await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert!(stranger.get("/api/v1/session").await.json()["user"].is_null());

    let options = stranger.post("/api/v1/auth/sign-in/passkey/options", json!({})).await.json();
    app.clock.advance(301 * 1_000_000);
    let credential = passkey.assert(&options["options"]);
    let late = stranger.post("/api/v1/auth/sign-in/passkey", json!({ "ceremony": options["ceremony"], "credential": credential })).await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST);

    let history = li.get("/api/v1/account/history").await;
    assert!(history.text.contains("sign_in.failed"), "the forged signature is on the owner's record");
}

#[tokio::test]
async fn a_registration_challenge_belongs_to_the_account_that_asked_for_it() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.3.8", ZHANG).await;
    let li = signed_in(&app, "10.0.3.9", LI).await;
    let options = zhang.post("/api/v1/account/passkeys/options", json!({})).await.json();
    let (_, credential) = SoftPasskey::create(&options["options"]);
    let response =
        li.post("/api/v1/account/passkeys", json!({ "ceremony": options["ceremony"], "name": "", "credential": credential })).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(li.get("/api/v1/account/passkeys").await.json().as_array().unwrap().is_empty());

    let anonymous = app.browser("10.0.3.10").await;
    assert_eq!(anonymous.post("/api/v1/account/passkeys/options", json!({})).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.post_without_csrf("/api/v1/auth/sign-in/passkey/options", json!({})).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn passkeys_are_renamed_and_removed_by_their_owner_only() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.3.11", ZHANG).await;
    let (mut passkey, added) = add_passkey(&zhang, "旧名字").await;
    let id = added["id"].as_str().unwrap();

    let empty = zhang.post(&format!("/api/v1/account/passkeys/{id}/name"), json!({ "name": " " })).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(problem(&empty, "passkey_name"), "请输入通行密钥名称");
    let long = zhang.post(&format!("/api/v1/account/passkeys/{id}/name"), json!({ "name": "长".repeat(41) })).await;
    assert_eq!(problem(&long, "passkey_name"), "不能超过 40 个字符");
    let renamed = zhang.post(&format!("/api/v1/account/passkeys/{id}/name"), json!({ "name": "办公室电脑" })).await;
    assert_eq!(renamed.status, StatusCode::NO_CONTENT);
    assert_eq!(zhang.get("/api/v1/account/passkeys").await.json()[0]["name"], "办公室电脑");

    let li = signed_in(&app, "10.0.3.12", LI).await;
    assert_eq!(li.post(&format!("/api/v1/account/passkeys/{id}/remove"), json!({})).await.status, StatusCode::NOT_FOUND);
    assert!(li.get("/api/v1/account/history").await.text.contains("passkey.refused"));

    assert_eq!(zhang.post(&format!("/api/v1/account/passkeys/{id}/remove"), json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(zhang.get("/api/v1/session").await.json()["user"]["level"], 2, "no passkey, no level 3");
    let response = sign_in_with(&app.browser("10.0.3.13").await, &mut passkey).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST, "a removed passkey no longer signs in");
}

#[tokio::test]
async fn a_declaration_is_signed_with_a_passkey_over_its_digest() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.3.14", ZHANG).await;
    let draft = applying::start(&zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap().to_string();
    applying::fill(&zhang, &id, draft["version"].clone(), applying::rent_withdrawal("张伟", ZHANG, "13800138000")).await;
    applying::provide_materials(&zhang, &id).await;
    let none = zhang.post(&format!("/api/v1/applications/{id}/declaration/passkey"), json!({})).await;
    assert_eq!(problem(&none, "passkey"), "您的账户还没有通行密钥，请用短信验证码确认，或先在账户中心添加通行密钥");

    let (mut passkey, _) = add_passkey(&zhang, "").await;
    let declaration = zhang.post(&format!("/api/v1/applications/{id}/declaration/passkey"), json!({})).await.json();
    let digest = declaration["digest"].as_str().unwrap().to_string();
    let challenge = declaration["options"]["publicKey"]["challenge"].as_str().unwrap();
    let challenge = base64_url(challenge);
    let hex: String = challenge[16..].iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, digest, "the passkey signs the digest itself, after a nonce of the server's");

    let forged = passkey.impostor().assert(&declaration["options"]);
    let refused = zhang
        .post(
            &format!("/api/v1/applications/{id}/submit"),
            json!({ "digest": digest, "passkey": { "ceremony": declaration["ceremony"], "credential": forged } }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);

    // An assertion made for one declaration is no good for another of the same digest.
    let earlier = zhang.post(&format!("/api/v1/applications/{id}/declaration/passkey"), json!({})).await.json();
    let replayed = passkey.assert(&earlier["options"]);
    let declaration = zhang.post(&format!("/api/v1/applications/{id}/declaration/passkey"), json!({})).await.json();
    assert_eq!(declaration["digest"], earlier["digest"]);
    assert_ne!(declaration["options"]["publicKey"]["challenge"], earlier["options"]["publicKey"]["challenge"]);
    let body = json!({ "digest": declaration["digest"], "passkey": { "ceremony": declaration["ceremony"], "credential": replayed } });
    let refused = zhang.post(&format!("/api/v1/applications/{id}/submit"), body).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
    let declaration = zhang.post(&format!("/api/v1/applications/{id}/declaration/passkey"), json!({})).await.json();
    let credential = passkey.assert(&declaration["options"]);
    let body = json!({ "digest": declaration["digest"], "passkey": { "ceremony": declaration["ceremony"], "credential": credential } });
    let submitted = zhang.post(&format!("/api/v1/applications/{id}/submit"), body).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    assert_eq!(submitted.json()["state"], "submitted");

    let gjj = app.officer("10.0.3.15", "gjj01").await;
    let case = gjj.get(&format!("/api/v1/staff/applications/{id}")).await.json();
    assert_eq!(case["signature"]["method"], "passkey");
    assert_eq!(case["signature"]["valid"], true);
}

fn base64_url(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).unwrap()
}
