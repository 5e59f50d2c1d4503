//! Every word the server writes for a person is drawn in the reader's language: messages,
//! timeline notes and department names when read, texts in the account's chosen language.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{signed_in, submitted_rent_withdrawal};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const ZHANG_PHONE: &str = "13800138000";

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test]
async fn an_english_reader_reads_messages_and_the_timeline_in_english_and_texts_follow_the_account() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.60.1", "31010119900307241X").await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let gjj = app.officer("10.0.60.2", "gjj01").await;
    let case = gjj.get(&format!("/api/v1/staff/applications/{id}")).await.json();
    let accepted =
        gjj.post(&format!("/api/v1/staff/applications/{id}/actions"), json!({ "event": "accept", "version": case["version"] })).await;
    let version = accepted.json()["version"].clone();
    let notice = json!({ "event": "request_corrections", "version": version, "corrections": [
        { "item": "material:tenancy_contract", "reason": "租赁合同缺少出租人签字页" },
    ]});
    assert_eq!(gjj.post(&format!("/api/v1/staff/applications/{id}/actions"), notice).await.status, StatusCode::OK);

    // Read in Chinese by default.
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(messages[0]["title"], "“住房公积金提取（租房）”需要补正材料或信息", "{messages}");
    let detail = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    let last = detail["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["by"], "上海市公积金管理中心");
    assert_eq!(last["note"], "共 1 项需要补正，请在“我的办件”中一次补正后重新提交。");

    // The same, read in English: no Chinese but what people typed.
    zhang.reads_in("en");
    let messages = zhang.get("/api/v1/messages").await.json();
    for message in messages.as_array().unwrap() {
        for part in ["title", "body"] {
            let text = message[part].as_str().unwrap();
            assert!(!has_chinese(text), "{part}: {text}");
        }
    }
    assert!(messages[0]["title"].as_str().unwrap().ends_with(": needs corrections"), "{messages}");
    let detail = zhang.get(&format!("/api/v1/applications/{id}")).await.json();
    let last = detail["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["by"], "Shanghai Housing Provident Fund Management Centre");
    assert_eq!(last["note"], "1 thing needs correcting: correct it under “My applications” and submit again.");
    // The officer reads the case in English too.
    gjj.reads_in("en");
    let case = gjj.get(&format!("/api/v1/staff/applications/{id}")).await.json();
    assert!(!has_chinese(case["timeline"].as_array().unwrap().last().unwrap()["note"].as_str().unwrap()));

    // Texts are written in the account's language, whatever the page is read in.
    let texts = app.texts_to(ZHANG_PHONE).await;
    assert!(texts.last().unwrap().starts_with("【上海一网通办】"), "{texts:?}");
    let chosen = zhang.post("/api/v1/account/texts-language", json!({ "lang": "en" })).await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.text);
    assert_eq!(chosen.json()["user"]["texts_in"], "en");
    zhang.reads_in("zh-CN");
    let withdrawn = zhang.post(&format!("/api/v1/applications/{id}/withdraw"), json!({})).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    let texts = app.texts_to(ZHANG_PHONE).await;
    let last = texts.last().unwrap();
    assert!(last.starts_with("[Shanghai One-Network Services] Your application for"), "{last}");
    assert!(last.contains("withdrawn"), "{last}");
    let history = zhang.get("/api/v1/account/history").await.json();
    assert!(history.to_string().contains("account.texts_language"), "{history}");
}

#[tokio::test]
async fn only_a_signed_in_person_sets_the_language_of_their_texts() {
    let app = TestApp::new().await;
    let stranger = app.browser("10.0.61.1").await;
    assert_eq!(stranger.post("/api/v1/account/texts-language", json!({ "lang": "en" })).await.status, StatusCode::UNAUTHORIZED);
    let zhang = signed_in(&app, "10.0.61.2", "31010119900307241X").await;
    assert_eq!(zhang.post("/api/v1/account/texts-language", json!({ "lang": "fr" })).await.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_code_is_texted_in_the_language_it_was_asked_for_in() {
    let app = TestApp::new().await;
    let browser = app.browser("10.0.62.1").await;
    browser.reads_in("en-GB,en;q=0.9");
    let sent = browser.post("/api/v1/auth/codes", json!({ "phone": ZHANG_PHONE, "purpose": "sign_in" })).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    let text = app.last_sms(ZHANG_PHONE).await.unwrap();
    assert!(text.starts_with("[Shanghai One-Network Services] Your code is "), "{text}");
    assert!(text.contains("to sign in"), "{text}");
}
