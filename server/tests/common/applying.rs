#![allow(dead_code)]

//! Filling in and submitting the provident-fund rent withdrawal, as several suites need.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{Browser, TestApp, TestResponse};

pub const PASSWORD: &str = "Tongban!2026";

pub async fn signed_in<'a>(app: &'a TestApp, ip: &str, id: &str) -> Browser<'a> {
    let browser = app.browser(ip).await;
    let response = browser.post("/api/v1/auth/sign-in/password", json!({ "identifier": id, "password": PASSWORD })).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    browser
}

pub async fn start(browser: &Browser<'_>, code: &str) -> Value {
    let response = browser.post("/api/v1/applications", json!({ "service_code": code })).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    response.json()
}

pub async fn save(browser: &Browser<'_>, id: &str, page: &str, answers: Value, version: &Value) -> TestResponse {
    browser.post(&format!("/api/v1/applications/{id}/pages"), json!({ "page": page, "answers": answers, "version": version })).await
}

pub fn rent_withdrawal(name: &str, id_number: &str, phone: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("applicant", json!({ "name": name, "id_number": id_number, "phone": phone })),
        (
            "tenancy",
            json!({
                "address": { "district": "xuhui", "detail": "漕溪北路 88 号 1201 室" },
                "contract_filed": "yes", "filing_number": "20260001234",
                "lease_start": "2026-01-01", "lease_end": "2026-12-31", "monthly_rent": "5200"
            }),
        ),
        ("withdrawal", json!({ "amount": "4500", "bank": "icbc", "account": "6222021234567890128" })),
    ]
}

/// Fills every page, returning the latest version.
pub async fn fill(browser: &Browser<'_>, id: &str, mut version: Value, pages: Vec<(&'static str, Value)>) -> Value {
    for (page, answers) in pages {
        let response = save(browser, id, page, answers, &version).await;
        assert_eq!(response.status, StatusCode::OK, "{page}: {}", response.text);
        version = response.json()["version"].clone();
    }
    version
}

/// A tiny but real PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".to_vec()
}

/// Provides every material: a held licence where there is one (confirmed), a PDF otherwise.
pub async fn provide_materials(browser: &Browser<'_>, id: &str) -> Value {
    let view = browser.get(&format!("/api/v1/applications/{id}/materials")).await.json();
    let mut last = view.clone();
    for slot in view["slots"].as_array().unwrap() {
        let code = slot["code"].as_str().unwrap();
        let response = match slot["licences"].as_array().unwrap().first() {
            Some(licence) => {
                browser
                    .post(
                        &format!("/api/v1/applications/{id}/materials/{code}/licence"),
                        json!({ "licence_id": licence["id"], "confirmed": true }),
                    )
                    .await
            }
            None => browser.upload(&format!("/api/v1/applications/{id}/materials/{code}/upload"), &format!("{code}.pdf"), pdf()).await,
        };
        assert_eq!(response.status, StatusCode::OK, "{code}: {}", response.text);
        last = response.json();
    }
    last
}

/// Declares and submits with the code sent to `phone`, returning the application.
pub async fn declare_and_submit(app: &TestApp, browser: &Browser<'_>, id: &str, phone: &str) -> Value {
    let declaration = browser.post(&format!("/api/v1/applications/{id}/declaration"), json!({})).await;
    assert_eq!(declaration.status, StatusCode::OK, "{}", declaration.text);
    let body = json!({ "digest": declaration.json()["digest"], "code": app.last_code(phone).await });
    let submitted = browser.post(&format!("/api/v1/applications/{id}/submit"), body).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    submitted.json()
}

/// A rent withdrawal by 张伟, submitted; returns its id.
pub async fn submitted_rent_withdrawal(app: &TestApp, zhang: &Browser<'_>) -> String {
    let draft = start(zhang, "GJJ-002").await;
    let id = draft["id"].as_str().unwrap().to_string();
    fill(zhang, &id, draft["version"].clone(), rent_withdrawal("张伟", "31010119900307241X", "13800138000")).await;
    provide_materials(zhang, &id).await;
    declare_and_submit(app, zhang, &id, "13800138000").await;
    id
}
