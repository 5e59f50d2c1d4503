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

/// The pages of a food-business filing (SJ-003) for the demo company, made by `agent` acting for it.
pub fn food_business_filing(credit_code: &str, agent_id: &str, agent_phone: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("company", json!({ "company_name": "上海通办示范科技有限公司", "credit_code": credit_code, "agent_phone": agent_phone })),
        ("activities", json!({ "business_kind": "restaurant", "items": ["hot"], "seats": "20", "area": "60" })),
        (
            "premises",
            json!({ "premises": { "district": "huangpu", "detail": "南京东路 100 号" }, "safety_officer": "孙丽", "safety_officer_id": agent_id }),
        ),
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

/// A tiny but real PDF: one empty page, its cross-reference table right.
pub fn pdf() -> Vec<u8> {
    pdf_padded(0)
}

/// A real PDF of about `kb` kilobytes more (a comment of that length before its objects).
pub fn pdf_padded(kb: usize) -> Vec<u8> {
    let mut body = b"%PDF-1.4\n".to_vec();
    if kb > 0 {
        body.extend(b"%");
        body.extend(vec![b' '; kb * 1024]);
        body.extend(b"\n");
    }
    let objects =
        ["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>", "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>"];
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(body.len());
        body.extend(format!("{} 0 obj\n{object}\nendobj\n", n + 1).bytes());
    }
    let xref = body.len();
    body.extend(b"xref\n0 4\n0000000000 65535 f \n");
    for offset in offsets {
        body.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    body.extend(format!("trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").bytes());
    body
}

/// A real PNG: one transparent pixel.
pub fn png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63,
        0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
        0x82,
    ]
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
