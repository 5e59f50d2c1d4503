#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::{save, signed_in, start};
use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";

#[tokio::test]
async fn held_licences_are_offered_and_used_only_once_confirmed() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.6.1", ZHANG).await;
    let id = start(&zhang, "GA-001").await["id"].as_str().unwrap().to_string();
    let view = zhang.get(&format!("/api/v1/applications/{id}/materials")).await.json();
    let codes: Vec<&str> = view["slots"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["id_card", "photo", "residence_proof", "employment_proof"], "the department fetches the insurance record itself");
    assert_eq!(view["fetched_by_department"][0]["zh"], "社会保险缴费记录");
    let card = &view["slots"][0]["licences"][0];
    assert_eq!(card["number"], ZHANG);
    assert_eq!(card["holder_name"], "张伟");

    let url = format!("/api/v1/applications/{id}/materials/id_card/licence");
    let unconfirmed = zhang.post(&url, json!({ "licence_id": card["id"], "confirmed": false })).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert_eq!(unconfirmed.json()["fields"]["licence"], "请先查看电子证照，并确认同意用于本次申请");
    let used = zhang.post(&url, json!({ "licence_id": card["id"], "confirmed": true })).await.json();
    assert_eq!(used["slots"][0]["provided"]["source"], "licence");
    assert!(zhang.get("/api/v1/account/history").await.text.contains("licence.used"), "every use of held data is on record");

    let li = signed_in(&app, "10.0.6.2", LI).await;
    let li_app = start(&li, "GA-001").await["id"].as_str().unwrap().to_string();
    let stolen = li
        .post(&format!("/api/v1/applications/{li_app}/materials/id_card/licence"), json!({ "licence_id": card["id"], "confirmed": true }))
        .await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND, "someone else's licence cannot be used");
}

#[tokio::test]
async fn uploads_are_checked_by_their_content_with_a_clear_reason() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.6.3", ZHANG).await;
    let id = start(&zhang, "GA-001").await["id"].as_str().unwrap().to_string();
    let url = format!("/api/v1/applications/{id}/materials/photo/upload");
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "fake.png",
            [vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A], vec![0; 64]].concat(),
            "文件已损坏，或不是真正的 PDF、JPEG 或 PNG 文件。请重新导出或扫描后上传",
        ),
        ("fake.pdf", b"%PDF-1.4\nnot a document at all".to_vec(), "文件已损坏，或不是真正的 PDF、JPEG 或 PNG 文件。请重新导出或扫描后上传"),
        ("照片.png", b"MZ\x90\x00\x03\x00\x00\x00".to_vec(), "只能上传 PDF、JPEG 或 PNG 文件，这个文件的内容不是其中任何一种"),
        ("empty.pdf", Vec::new(), "所选文件是空的，请选择另一个文件"),
        ("big.pdf", [b"%PDF-1.4\n".to_vec(), vec![b' '; 11 * 1024 * 1024]].concat(), "文件不能超过 10 MB"),
        ("photo.pdf", vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "文件名的类型与文件内容不符，请检查是否选错了文件"),
    ];
    for (name, bytes, message) in cases {
        let response = zhang.upload(&url, name, bytes).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{name}");
        assert_eq!(response.json()["fields"]["file"], message, "{name}");
    }
    let png = applying::png();
    let view = zhang.upload(&url, "证件照.png", png.clone()).await.json();
    let file = &view["slots"][1]["provided"];
    assert_eq!(file["source"], "file");
    assert_eq!(file["filename"], "证件照.png");
    assert_eq!(file["content_type"], "image/png");
    let served = zhang.get(&format!("/api/v1/files/{}", file["id"].as_str().unwrap())).await;
    assert_eq!(served.header("content-type"), "image/png");
    assert!(served.header("content-security-policy").starts_with("sandbox"));
    let li = signed_in(&app, "10.0.6.4", LI).await;
    assert_eq!(li.get(&format!("/api/v1/files/{}", file["id"].as_str().unwrap())).await.status, StatusCode::NOT_FOUND);

    // A later application offers the file again instead of asking for a new upload.
    let removed = zhang.post(&format!("/api/v1/applications/{id}/materials/photo/remove"), json!({})).await.json();
    assert!(removed["slots"][1]["provided"].is_null());
    let earlier = &removed["slots"][1]["earlier_files"][0];
    assert_eq!(earlier["filename"], "证件照.png");
    let reused = zhang.post(&format!("/api/v1/applications/{id}/materials/photo/file"), json!({ "file_id": earlier["id"] })).await.json();
    assert_eq!(reused["slots"][1]["provided"]["id"], earlier["id"]);
    let not_mine = li.post(&format!("/api/v1/applications/{id}/materials/photo/file"), json!({ "file_id": earlier["id"] })).await;
    assert_eq!(not_mine.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_file_question_takes_an_upload_of_the_applicants_own_and_the_officer_can_open_it() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.6.5", ZHANG).await;
    let draft = start(&zhang, "YB-001").await;
    let id = draft["id"].as_str().unwrap().to_string();
    let refused = zhang.upload(&format!("/api/v1/applications/{id}/answers/city/upload"), "a.pdf", applying::pdf()).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "only file questions take uploads");
    let exe = zhang.upload(&format!("/api/v1/applications/{id}/answers/work_proof/upload"), "证明.pdf", b"MZ\x90\x00".to_vec()).await;
    assert_eq!(exe.json()["fields"]["file"], "只能上传 PDF、JPEG 或 PNG 文件，这个文件的内容不是其中任何一种", "checked like a material");
    let file = zhang.upload(&format!("/api/v1/applications/{id}/answers/work_proof/upload"), "派驻证明.pdf", applying::pdf()).await.json();
    assert_eq!(file["filename"], "派驻证明.pdf");

    let page = |proof: serde_json::Value| json!({ "reason": "work", "city": "成都", "start": "2026-12-01", "work_proof": proof });
    let missing =
        save(&zhang, &id, "treatment", json!({ "reason": "work", "city": "成都", "start": "2026-12-01" }), &draft["version"]).await;
    assert_eq!(missing.json()["fields"]["work_proof"], "请上传异地工作证明");
    let li = signed_in(&app, "10.0.6.6", LI).await;
    let li_draft = start(&li, "YB-001").await;
    let stolen = save(
        &li,
        li_draft["id"].as_str().unwrap(),
        "treatment",
        page(json!({ "file_id": file["id"], "name": "x.pdf" })),
        &li_draft["version"],
    )
    .await;
    assert_eq!(stolen.json()["fields"]["work_proof"], "找不到异地工作证明的文件，请重新上传", "another person's file cannot be given");
    let saved =
        save(&zhang, &id, "treatment", page(json!({ "file_id": file["id"], "name": "renamed.exe" })), &draft["version"]).await.json();
    assert_eq!(saved["answers"]["work_proof"]["name"], "派驻证明.pdf", "the name is the one stored, not the client's");
    let resident = save(
        &zhang,
        &id,
        "treatment",
        json!({ "reason": "resident", "city": "成都", "start": "2026-12-01", "work_proof": { "file_id": file["id"], "name": "x" } }),
        &saved["version"],
    )
    .await
    .json();
    assert!(resident["answers"].get("work_proof").is_none(), "not kept when the question is not asked");

    let saved = save(&zhang, &id, "treatment", page(json!({ "file_id": file["id"], "name": "x" })), &resident["version"]).await.json();
    save(&zhang, &id, "applicant", json!({ "name": "张伟", "id_number": ZHANG, "phone": "13800138000" }), &saved["version"]).await;
    applying::provide_materials(&zhang, &id).await;
    applying::declare_and_submit(&app, &zhang, &id, "13800138000").await;
    let officer = app.officer("10.0.6.7", "yb01").await;
    let opened = officer.get(&format!("/api/v1/staff/applications/{id}/files/{}", file["id"].as_str().unwrap())).await;
    assert_eq!(opened.status, StatusCode::OK);
    assert_eq!(opened.header("content-type"), "application/pdf");
    let other = li
        .upload(&format!("/api/v1/applications/{}/answers/work_proof/upload", li_draft["id"].as_str().unwrap()), "b.pdf", applying::pdf())
        .await
        .json();
    let foreign = officer.get(&format!("/api/v1/staff/applications/{id}/files/{}", other["id"].as_str().unwrap())).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "only the files this application uses");
}

#[tokio::test]
async fn the_storage_allowance_is_checked_before_reading_pdfs_download_and_unused_uploads_go_after_a_day() {
    let app = TestApp::with_config(|c| c.auth.upload_quota_mb = 1).await;
    let zhang = signed_in(&app, "10.0.6.9", ZHANG).await;
    let id = start(&zhang, "GA-001").await["id"].as_str().unwrap().to_string();
    let url = format!("/api/v1/applications/{id}/materials/photo/upload");
    let pdf = applying::pdf_padded;

    let first = zhang.upload(&url, "first.pdf", pdf(600)).await.json();
    let first_id = first["slots"][1]["provided"]["id"].as_str().unwrap().to_string();
    let served = zhang.get(&format!("/api/v1/files/{first_id}")).await;
    assert_eq!(served.header("content-disposition"), "attachment", "a PDF is downloaded, not drawn in the portal's origin");
    let over = zhang.upload(&url, "second.pdf", pdf(600)).await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST);
    assert!(over.json()["fields"]["file"].as_str().unwrap().contains("1 MB 的存储上限"), "{}", over.text);

    // Replacing the first leaves it unused; after a day it is removed, the one in use stays.
    let second = zhang.upload(&url, "second.pdf", pdf(100)).await.json();
    let second_id = second["slots"][1]["provided"]["id"].as_str().unwrap().to_string();
    assert_eq!(tongban_server::applications::remove_unused_files(app.state()).await.unwrap(), 0, "not yet a day old");
    app.clock.advance(25 * 3600 * 1_000_000);
    let zhang = signed_in(&app, "10.0.6.9", ZHANG).await;
    assert_eq!(tongban_server::applications::remove_unused_files(app.state()).await.unwrap(), 1);
    assert_eq!(zhang.get(&format!("/api/v1/files/{first_id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(zhang.get(&format!("/api/v1/files/{second_id}")).await.status, StatusCode::OK);
}
