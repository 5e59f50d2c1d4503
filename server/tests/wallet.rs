//! The e-licence wallet: who sees which licences, codes that disclose exactly the chosen fields,
//! and verification refusing changed, expired, withdrawn and unknown-key codes.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::signed_in;
use axum::http::StatusCode;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{Browser, TestApp};
use serde_json::{json, Value};

const ZHANG: &str = "31010119900307241X";
const LI: &str = "310105198511123624";
const SUN: &str = "31010419870415122X";
const ZHAO_LEVEL_ONE: &str = "310112197004195518";
const DEMO_COMPANY: &str = "91310101MA1FPX0T5D";

async fn licence_of_kind(browser: &Browser<'_>, kind: &str) -> Value {
    let wallet = browser.get("/api/v1/wallet").await;
    assert_eq!(wallet.status, StatusCode::OK, "{}", wallet.text);
    wallet.json()["licences"].as_array().unwrap().iter().find(|l| l["kind"] == kind).cloned().unwrap_or_else(|| panic!("no {kind}"))
}

async fn show(browser: &Browser<'_>, id: &str, fields: Value) -> String {
    let shown = browser.post(&format!("/api/v1/wallet/licences/{id}/presentations"), json!({ "fields": fields })).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.text);
    shown.json()["token"].as_str().unwrap().to_string()
}

async fn verify(browser: &Browser<'_>, token: &str) -> Value {
    let checked = browser.post("/api/v1/verify", json!({ "token": token })).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.text);
    checked.json()
}

/// The code with its claims rewritten by `change`, keeping the old seal.
fn tampered(token: &str, change: impl FnOnce(&mut Value)) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    change(&mut claims);
    format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(claims.to_string()), parts[2])
}

#[tokio::test]
async fn a_verified_holder_sees_their_licences_masked_and_others_see_none_of_them() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.30.1", ZHANG).await;
    let driving = licence_of_kind(&zhang, "driving_licence").await;
    assert_eq!(driving["number_masked"], "3101**********241X");
    assert_eq!(driving["status"], "valid");
    assert_eq!(driving["issuer"]["zh"], "上海市公安局交通警察总队");
    let id = driving["id"].as_str().unwrap();
    let document = zhang.get(&format!("/api/v1/wallet/licences/{id}")).await.json();
    assert_eq!(document["number"], ZHANG, "the holder sees the whole number");
    assert_eq!(document["seal"]["department"]["zh"], "上海市公安局");
    assert!(document["seal"]["key_id"].as_str().unwrap().starts_with("ga-"));

    // A level-1 account sees no licences: the ID number on it is only what was typed.
    let zhao = signed_in(&app, "10.0.30.2", ZHAO_LEVEL_ONE).await;
    let refused = zhao.get("/api/v1/wallet").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["message"], "请先完成实名核验，再进行此操作");
    // Someone else's licence is not found, whether read, copied or shown.
    let li = signed_in(&app, "10.0.30.3", LI).await;
    assert_eq!(li.get(&format!("/api/v1/wallet/licences/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(li.get(&format!("/api/v1/wallet/licences/{id}/signed")).await.status, StatusCode::NOT_FOUND);
    let shown = li.post(&format!("/api/v1/wallet/licences/{id}/presentations"), json!({ "fields": ["name"] })).await;
    assert_eq!(shown.status, StatusCode::NOT_FOUND);
    let stranger = app.browser("10.0.30.4").await;
    assert_eq!(stranger.get("/api/v1/wallet").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn acting_for_a_company_lists_its_licences_only_with_the_view_licences_scope() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.31.1", ZHANG).await;
    let sun = signed_in(&app, "10.0.31.2", SUN).await;
    let agents = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");
    zhang.post(&agents, json!({ "id_number": SUN, "scopes": ["apply"] })).await;
    sun.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let refused = sun.get("/api/v1/wallet").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    assert!(refused.text.contains("电子证照"), "{}", refused.text);

    zhang.post(&agents, json!({ "id_number": SUN, "scopes": ["apply", "view_licences"] })).await;
    let wallet = sun.get("/api/v1/wallet").await.json();
    let kinds: Vec<&str> = wallet["licences"].as_array().unwrap().iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["business_licence"], "the company's licences, not Sun's own");
    assert!(wallet["company"].as_str().is_some());

    // Lending the company's licence is its legal representative's decision, not an agent's.
    let licence = wallet["licences"][0]["id"].as_str().unwrap().to_string();
    let lend = json!({ "grantee_kind": "department", "grantee": "sj", "purpose": "年报核对", "fields": ["name"], "until": "2026-12-31", "once": true });
    let refused = sun.post(&format!("/api/v1/wallet/licences/{licence}/authorisations"), lend.clone()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    assert!(refused.text.contains("法定代表人"), "{}", refused.text);
    zhang.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    let lent = zhang.post(&format!("/api/v1/wallet/licences/{licence}/authorisations"), lend).await;
    assert_eq!(lent.status, StatusCode::OK, "{}", lent.text);
    // Nor does an agent see the company's use codes or withdraw them.
    assert_eq!(sun.get("/api/v1/wallet/authorisations").await.status, StatusCode::FORBIDDEN);
    let lent_id = lent.json()["id"].as_str().unwrap().to_string();
    assert_eq!(sun.post(&format!("/api/v1/wallet/authorisations/{lent_id}/revoke"), json!({})).await.status, StatusCode::FORBIDDEN);
    assert_eq!(zhang.get("/api/v1/wallet/authorisations").await.json()[0]["status"], "active");
}

#[tokio::test]
async fn a_code_discloses_exactly_the_chosen_fields_and_anyone_can_verify_it() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.32.1", ZHANG).await;
    let driving = licence_of_kind(&zhang, "driving_licence").await;
    let id = driving["id"].as_str().unwrap();
    let token = show(&zhang, id, json!(["name", "validity"])).await;
    assert!(token.starts_with("TB1."));
    assert!(token.len() < 600, "small enough for a QR code: {} characters", token.len());

    let verifier = app.browser("10.0.32.9").await;
    // Spaces and line breaks from copying do not matter.
    let spaced = format!("{}\n {}", &token[..40], &token[40..]);
    let result = verify(&verifier, &spaced).await;
    assert_eq!(result["valid"], true, "{result}");
    assert_eq!(result["issuer"]["zh"], "上海市公安局交通警察总队");
    let disclosed = result["disclosed"].as_object().unwrap();
    let mut keys: Vec<&str> = disclosed.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["from", "name", "until"], "{result}");
    assert_eq!(disclosed["name"], "张伟");
    assert!(!result.to_string().contains(ZHANG), "the number was not chosen");

    // The number only when ticked.
    let with_number = verify(&verifier, &show(&zhang, id, json!(["number"])).await).await;
    assert_eq!(with_number["disclosed"]["no"], ZHANG);
    let none = zhang.post(&format!("/api/v1/wallet/licences/{id}/presentations"), json!({ "fields": [] })).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert_eq!(none.json()["fields"]["fields"], "请至少选择一项");

    // Each verification is on the holder's record, once: replaying a code does not flood it.
    assert_eq!(verify(&verifier, &token).await["valid"], true);
    use sqlx::Row;
    let uses = sqlx::query("SELECT COUNT(*) AS n FROM data_uses WHERE subject = $1 AND data_ref = $2 AND outcome = 'ok'")
        .bind(ZHANG)
        .bind(id)
        .fetch_one(&app.state().pool)
        .await
        .unwrap();
    assert_eq!(uses.get::<i64, _>("n"), 2);
}

#[tokio::test]
async fn changed_forged_expired_withdrawn_and_unreadable_codes_are_refused_revealing_nothing() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.33.1", ZHANG).await;
    let driving = licence_of_kind(&zhang, "driving_licence").await;
    let id = driving["id"].as_str().unwrap().to_string();
    let token = show(&zhang, &id, json!(["name", "kind"])).await;
    let verifier = app.browser("10.0.33.9").await;
    let refused = |result: &Value, reason: &str| {
        assert_eq!(result["valid"], false, "{result}");
        assert_eq!(result["reason"], reason, "{result}");
        assert!(result["disclosed"].is_null() && result["issuer"].is_null(), "nothing revealed: {result}");
    };

    // One changed claim, or one changed byte of the seal.
    refused(&verify(&verifier, &tampered(&token, |c| c["f"]["name"] = json!("李四"))).await, "forged");
    refused(&verify(&verifier, &tampered(&token, |c| c["exp"] = json!(c["exp"].as_i64().unwrap() + 86_400))).await, "forged");
    let mut bytes = token.clone().into_bytes();
    let last = bytes.len() - 3;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    refused(&verify(&verifier, &String::from_utf8(bytes).unwrap()).await, "forged");
    refused(&verify(&verifier, &tampered(&token, |c| c["kid"] = json!("ga-00000000"))).await, "unknown_key");
    refused(&verify(&verifier, "TB1.not-a-code").await, "unreadable");
    let empty = verifier.post("/api/v1/verify", json!({ "token": "  " })).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.json()["fields"]["token"], "请输入亮证码");

    // Five minutes later the code is over.
    app.clock.advance(301 * 1_000_000);
    refused(&verify(&verifier, &token).await, "expired");

    // A withdrawn or replaced licence fails at once, whatever the code says.
    let fresh = show(&zhang, &id, json!(["name"])).await;
    app.execute(&format!("UPDATE e_licences SET status = 'revoked', status_reason = 'test' WHERE id = '{id}'")).await;
    refused(&verify(&verifier, &fresh).await, "licence_revoked");
    app.execute(&format!("UPDATE e_licences SET status = 'superseded' WHERE id = '{id}'")).await;
    refused(&verify(&verifier, &fresh).await, "licence_superseded");
    let wallet = licence_of_kind(&zhang, "driving_licence").await;
    assert_eq!(wallet["status"], "superseded");

    // Expired, withdrawn and replaced codes are on the holder's record; forgeries are not theirs.
    use sqlx::Row;
    let outcomes: Vec<String> = sqlx::query("SELECT outcome FROM data_uses WHERE subject = $1 ORDER BY at, outcome")
        .bind(ZHANG)
        .fetch_all(&app.state().pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("outcome"))
        .collect();
    assert_eq!(outcomes, ["expired", "licence_revoked", "licence_superseded"]);
}

#[tokio::test]
async fn verification_is_rate_limited_per_address() {
    let app = TestApp::with_config(|c| c.auth.verifications_per_ip_per_minute = 3).await;
    let verifier = app.browser("10.0.34.9").await;
    for _ in 0..3 {
        assert_eq!(verifier.post("/api/v1/verify", json!({ "token": "TB1.x.y" })).await.status, StatusCode::OK);
    }
    assert_eq!(verifier.post("/api/v1/verify", json!({ "token": "TB1.x.y" })).await.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn use_codes_tried_by_one_officer_are_rate_limited_so_codes_cannot_be_guessed() {
    let app = TestApp::with_config(|c| c.auth.redemptions_per_minute = 2).await;
    let ga = app.officer("10.0.34.10", "ga01").await;
    for _ in 0..2 {
        assert_eq!(ga.post("/api/v1/staff/licence-uses", json!({ "use_code": "ABCDEFGH" })).await.status, StatusCode::BAD_REQUEST);
    }
    let refused = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": "ABCDEFGH" })).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", refused.text);
    // Another officer of the department is not held up by it.
    let colleague = app.officer("10.0.34.11", "ga02").await;
    assert_eq!(colleague.post("/api/v1/staff/licence-uses", json!({ "use_code": "ABCDEFGH" })).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_rotated_key_stays_published_and_still_checks_what_it_sealed() {
    let mut app = TestApp::new().await;
    let (id, before) = {
        let zhang = signed_in(&app, "10.0.35.1", ZHANG).await;
        let id = licence_of_kind(&zhang, "driving_licence").await["id"].as_str().unwrap().to_string();
        let before = show(&zhang, &id, json!(["name"])).await;
        (id, before)
    };
    let keys = app.get("/.well-known/tongban/keys.json").await.json();
    let old_kid = keys["keys"].as_array().unwrap().iter().find(|k| k["department"] == "ga").unwrap()["kid"].as_str().unwrap().to_string();

    app.clock.advance(10 * 1_000_000);
    app.reload_seals(Some(&common::seal_keys_dir())).await;
    let keys = app.get("/.well-known/tongban/keys.json").await.json();
    let ga: Vec<&Value> = keys["keys"].as_array().unwrap().iter().filter(|k| k["department"] == "ga").collect();
    assert_eq!(ga.len(), 2, "the retired key stays published: {keys}");
    let old = ga.iter().find(|k| k["kid"] == old_kid.as_str()).unwrap();
    assert!(old["valid_until"].is_i64(), "and says when it was retired");
    assert_eq!(old["alg"], "SM2-SM3");

    let verifier = app.browser("10.0.35.9").await;
    assert_eq!(verify(&verifier, &before).await["valid"], true, "sealed before the rotation");
    let zhang = signed_in(&app, "10.0.35.2", ZHANG).await;
    let after = show(&zhang, &id, json!(["name"])).await;
    assert_ne!(after.split('.').nth(1), before.split('.').nth(1));
    assert_eq!(verify(&verifier, &after).await["valid"], true, "sealed with the new key");
}

#[tokio::test]
async fn the_signed_copy_holds_the_licence_and_its_seal() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.36.1", ZHANG).await;
    let id = licence_of_kind(&zhang, "id_card").await["id"].as_str().unwrap().to_string();
    let copy = zhang.get(&format!("/api/v1/wallet/licences/{id}/signed")).await;
    assert_eq!(copy.status, StatusCode::OK);
    assert!(copy.header("content-disposition").starts_with("attachment"));
    let file = copy.json();
    assert_eq!(file["format"], "TBL1");
    assert_eq!(file["licence"]["number"], ZHANG);
    let sealed = file["sealed"].as_str().unwrap();
    assert!(sealed.starts_with("TBL1."));
    let payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(sealed.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert!(payload.get("holder").is_none(), "the ID number is not passed on with the copy: {payload}");
    assert_eq!(payload["number"], ZHANG, "an ID card's number is the licence itself");
    assert_eq!(payload["status"], "valid");
}

async fn authorise(browser: &Browser<'_>, licence: &str, body: Value) -> Value {
    let given = browser.post(&format!("/api/v1/wallet/licences/{licence}/authorisations"), body).await;
    assert_eq!(given.status, StatusCode::OK, "{}", given.text);
    given.json()
}

#[tokio::test]
async fn an_authorised_department_uses_only_the_chosen_fields_and_revoked_used_up_or_foreign_codes_are_refused() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.37.1", ZHANG).await;
    let id = licence_of_kind(&zhang, "id_card").await["id"].as_str().unwrap().to_string();

    // What the holder must say, checked before anything is kept.
    let bad = zhang
        .post(
            &format!("/api/v1/wallet/licences/{id}/authorisations"),
            json!({ "grantee_kind": "department", "grantee": "nope", "purpose": "", "fields": [], "until": "2026-11-01", "once": true }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let problems = bad.json()["fields"].clone();
    assert_eq!(problems["purpose"], "必须填写");
    assert_eq!(problems["fields"], "请至少选择一项");
    let past = zhang
        .post(
            &format!("/api/v1/wallet/licences/{id}/authorisations"),
            json!({ "grantee_kind": "department", "grantee": "ga", "purpose": "户籍核对", "fields": ["name"], "until": "2026-11-01", "once": true }),
        )
        .await;
    assert_eq!(past.json()["fields"]["until"], "请输入从今天起一年内的日期，例如 2027-01-31");
    let unknown = zhang
        .post(
            &format!("/api/v1/wallet/licences/{id}/authorisations"),
            json!({ "grantee_kind": "department", "grantee": "xx", "purpose": "户籍核对", "fields": ["name"], "until": "2026-12-31", "once": true }),
        )
        .await;
    assert_eq!(unknown.json()["fields"]["grantee"], "不是可选的值");

    let once = authorise(
        &zhang,
        &id,
        json!({ "grantee_kind": "department", "grantee": "ga", "purpose": "办理港澳通行证", "fields": ["name", "number"], "until": "2026-12-31", "once": true }),
    )
    .await;
    let code = once["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 8);
    assert!(code.chars().all(|c| "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".contains(c)), "{code}");
    assert_eq!(once["status"], "active");
    assert_eq!(once["grantee_name"]["zh"], "上海市公安局");

    // Another department's officer is told nothing about it, and the try is on the record.
    let gjj = app.officer("10.0.37.2", "gjj01").await;
    let foreign = gjj.post("/api/v1/staff/licence-uses", json!({ "use_code": code })).await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST);
    assert_eq!(foreign.json()["fields"]["use_code"], "没有这个用证码，或它不是授权给本单位的，请核对");

    let ga = app.officer("10.0.37.3", "ga01").await;
    // Typed in lower case with a space in the middle, as people do.
    let typed = format!("{} {}", code[..4].to_lowercase(), &code[4..]);
    let used = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": typed })).await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.text);
    let used = used.json();
    assert_eq!(used["disclosed"]["name"], "张伟");
    assert_eq!(used["disclosed"]["no"], ZHANG);
    assert!(used["disclosed"].get("from").is_none() && used["disclosed"].get("title").is_none(), "{used}");
    assert_eq!(used["purpose"], "办理港澳通行证");
    assert_eq!(used["uses_left"], 0);
    let again = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": code })).await;
    assert_eq!(again.json()["fields"]["use_code"], "这个授权只能使用一次，已经用过");
    let malformed = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": "ABC" })).await;
    assert_eq!(malformed.json()["fields"]["use_code"], "用证码是 8 位字母和数字");

    // Repeated use until revoked; revoking holds at once.
    let repeat = authorise(
        &zhang,
        &id,
        json!({ "grantee_kind": "department", "grantee": "ga", "purpose": "户籍业务", "fields": ["name"], "until": "2027-06-30", "once": false }),
    )
    .await;
    let repeat_code = repeat["code"].as_str().unwrap();
    for _ in 0..2 {
        assert_eq!(ga.post("/api/v1/staff/licence-uses", json!({ "use_code": repeat_code })).await.status, StatusCode::OK);
    }
    let li = signed_in(&app, "10.0.37.4", LI).await;
    let not_hers = li.post(&format!("/api/v1/wallet/authorisations/{}/revoke", repeat["id"].as_str().unwrap()), json!({})).await;
    assert_eq!(not_hers.status, StatusCode::NOT_FOUND);
    let listed = zhang.post(&format!("/api/v1/wallet/authorisations/{}/revoke", repeat["id"].as_str().unwrap()), json!({})).await.json();
    let revoked = listed.as_array().unwrap().iter().find(|a| a["id"] == repeat["id"]).unwrap();
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["uses"].as_array().unwrap().len(), 2);
    assert_eq!(revoked["uses"][0]["staff_number"], "g**1");
    let refused = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": repeat_code })).await;
    assert_eq!(refused.json()["fields"]["use_code"], "持证人已撤销这个授权");

    // Who used my data: uses and refused tries, newest first, with who and why; never another's.
    let uses = zhang.get("/api/v1/account/data-uses").await.json();
    let rows = uses.as_array().unwrap();
    let refusals: Vec<&str> = rows.iter().filter_map(|r| r["refused"]["zh"].as_str()).collect();
    assert!(refusals.contains(&"被拒绝：用证码不是授权给该单位的"), "{uses}");
    assert!(refusals.contains(&"被拒绝：您已撤销授权"), "{uses}");
    assert!(refusals.contains(&"被拒绝：授权已用完"), "{uses}");
    let ok: Vec<&Value> = rows.iter().filter(|r| r["refused"].is_null()).collect();
    assert_eq!(ok.len(), 3);
    assert!(ok.iter().all(|r| r["organisation"]["zh"] == "上海市公安局"), "{uses}");
    assert_eq!(ok.iter().filter(|r| r["why"]["zh"] == "您的授权：户籍业务").count(), 2);
    assert_eq!(
        rows.iter().find(|r| r["why"]["zh"] == "您的授权：办理港澳通行证").unwrap()["what"]["zh"],
        "居民身份证（授权用证）：姓名、证照号码、发证机关、状态"
    );
    assert!(li.get("/api/v1/account/data-uses").await.json().as_array().unwrap().is_empty());
    let csv = zhang.get("/api/v1/account/data-uses.csv?lang=en").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv.text.starts_with("\u{feff}When,Organisation,Staff number,Data used,Why,Outcome"), "{}", csv.text);
    assert!(csv.text.contains("Your authorisation: 户籍业务"));
    assert_eq!(csv.text.lines().count(), rows.len() + 1);
    let period = zhang.get("/api/v1/account/data-uses?from=2026-11-28").await.json();
    assert!(period.as_array().unwrap().len() < rows.len(), "only what happened since");
    assert_eq!(zhang.get("/api/v1/account/data-uses?from=yesterday").await.status, StatusCode::BAD_REQUEST);

    // An expired one, once its last day has passed.
    let short = authorise(
        &zhang,
        &id,
        json!({ "grantee_kind": "department", "grantee": "ga", "purpose": "临时核对", "fields": ["name"], "until": "2026-11-27", "once": false }),
    )
    .await;
    app.clock.advance(2 * 86_400 * 1_000_000);
    // Sessions end meanwhile: the department's next officer of the day.
    let ga = app.officer("10.0.37.5", "ga02").await;
    let late = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": short["code"] })).await;
    assert_eq!(late.json()["fields"]["use_code"], "这个授权已过期，请持证人重新授权");
}

#[tokio::test]
async fn an_officer_opening_an_application_is_on_the_applicants_record_and_so_is_a_refused_try() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.38.1", ZHANG).await;
    let id = applying::submitted_rent_withdrawal(&app, &zhang).await;
    let gjj = app.officer("10.0.38.2", "gjj01").await;
    assert_eq!(gjj.get(&format!("/api/v1/staff/applications/{id}")).await.status, StatusCode::OK);
    let ga = app.officer("10.0.38.3", "ga01").await;
    assert_eq!(ga.get(&format!("/api/v1/staff/applications/{id}")).await.status, StatusCode::NOT_FOUND);
    let uses = zhang.get("/api/v1/account/data-uses").await.json();
    let rows = uses.as_array().unwrap();
    let opened = rows.iter().find(|r| r["refused"].is_null() && r["what"]["zh"] == "申请内容、材料和签名").unwrap();
    // The ID card is the police's: the fund centre fetched it from them for this case.
    let licence =
        rows.iter().find(|r| r["what"]["zh"] == "居民身份证（办件材料，从上海市公安局调取）").expect("the ID card used as a material");
    assert_eq!(
        licence["what"]["en"],
        "Resident identity card (a material of the application, fetched from Shanghai Municipal Public Security Bureau)"
    );
    assert_eq!(licence["organisation"]["zh"], "上海市公积金管理中心");
    assert_eq!(rows.iter().filter(|r| r["refused"].is_null()).count(), 2, "{uses}");
    assert_eq!(opened["organisation"]["zh"], "上海市公积金管理中心");
    assert_eq!(opened["staff_number"], "g***1");
    assert!(opened["why"]["zh"].as_str().unwrap().starts_with("办理申请 TB"), "{opened}");
    let tried = rows.iter().find(|r| !r["refused"].is_null()).unwrap();
    assert_eq!(tried["organisation"]["zh"], "上海市公安局");
}

#[tokio::test]
async fn a_company_uses_a_licence_only_through_an_agent_with_the_view_licences_scope() {
    let app = TestApp::new().await;
    let li = signed_in(&app, "10.0.39.1", LI).await;
    let id = licence_of_kind(&li, "id_card").await["id"].as_str().unwrap().to_string();
    let given = authorise(
        &li,
        &id,
        json!({ "grantee_kind": "company", "grantee": DEMO_COMPANY.to_lowercase(), "purpose": "入职登记", "fields": ["name"], "until": "2026-12-31", "once": false }),
    )
    .await;
    let code = given["code"].as_str().unwrap();
    let zhang = signed_in(&app, "10.0.39.2", ZHANG).await;
    let sun = signed_in(&app, "10.0.39.3", SUN).await;
    // Not acting for the company: refused, and told to act for it.
    let refused = sun.post("/api/v1/wallet/licence-uses", json!({ "use_code": code })).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.text.contains("切换为代表企业"), "{}", refused.text);
    let agents = format!("/api/v1/account/companies/{DEMO_COMPANY}/agents");
    zhang.post(&agents, json!({ "id_number": SUN, "scopes": ["apply"] })).await;
    sun.post("/api/v1/session/acting-as", json!({ "credit_code": DEMO_COMPANY })).await;
    assert_eq!(sun.post("/api/v1/wallet/licence-uses", json!({ "use_code": code })).await.status, StatusCode::FORBIDDEN);
    zhang.post(&agents, json!({ "id_number": SUN, "scopes": ["view_licences"] })).await;
    let used = sun.post("/api/v1/wallet/licence-uses", json!({ "use_code": code })).await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.text);
    assert_eq!(used.json()["disclosed"]["name"], "李娜");
    let uses = li.get("/api/v1/account/data-uses").await.json();
    assert_eq!(uses[0]["organisation"]["zh"].as_str().unwrap().is_empty(), false, "{uses}");
    assert_eq!(uses[0]["why"]["zh"], "您的授权：入职登记");
}

#[tokio::test]
async fn only_the_issuing_department_revokes_a_licence_the_holder_is_told_and_its_codes_fail_at_once() {
    let app = TestApp::new().await;
    let zhang = signed_in(&app, "10.0.40.1", ZHANG).await;
    let driving = licence_of_kind(&zhang, "driving_licence").await;
    let id = driving["id"].as_str().unwrap().to_string();
    let token = show(&zhang, &id, json!(["name"])).await;
    let code = authorise(
        &zhang,
        &id,
        json!({ "grantee_kind": "department", "grantee": "ga", "purpose": "违章处理", "fields": ["name"], "until": "2026-12-31", "once": false }),
    )
    .await["code"]
    .as_str()
    .unwrap()
    .to_string();

    // Another department neither finds nor revokes it.
    let mz = app.officer("10.0.40.2", "mz01").await;
    assert!(mz.get(&format!("/api/v1/staff/licences?number={ZHANG}")).await.json().as_array().unwrap().is_empty());
    let refused = mz.post(&format!("/api/v1/staff/licences/{id}/revoke"), json!({ "reason": "测试" })).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    // Nor does a person.
    assert_eq!(zhang.post(&format!("/api/v1/staff/licences/{id}/revoke"), json!({ "reason": "x" })).await.status, StatusCode::UNAUTHORIZED);

    let ga = app.officer("10.0.40.3", "ga01").await;
    let found = ga.get(&format!("/api/v1/staff/licences?number={}", ZHANG.to_lowercase())).await.json();
    let kinds: Vec<&str> = found.as_array().unwrap().iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"driving_licence") && kinds.contains(&"id_card"), "{found}");
    let no_reason = ga.post(&format!("/api/v1/staff/licences/{id}/revoke"), json!({ "reason": " " })).await;
    assert_eq!(no_reason.json()["fields"]["reason"], "请写明理由");
    let revoked = ga.post(&format!("/api/v1/staff/licences/{id}/revoke"), json!({ "reason": "记分满 12 分" })).await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text);
    assert_eq!(revoked.json()["status"], "revoked");
    assert_eq!(ga.post(&format!("/api/v1/staff/licences/{id}/revoke"), json!({ "reason": "again" })).await.status, StatusCode::CONFLICT);

    let messages = zhang.get("/api/v1/messages").await.text;
    assert!(messages.contains("您的电子证照“机动车驾驶证（C1）”已被注销") && messages.contains("记分满 12 分"), "{messages}");
    let wallet = licence_of_kind(&zhang, "driving_licence").await;
    assert_eq!(wallet["status"], "revoked");
    assert_eq!(wallet["status_reason"], "记分满 12 分");
    let verifier = app.browser("10.0.40.9").await;
    assert_eq!(verify(&verifier, &token).await["reason"], "licence_revoked");
    let used = ga.post("/api/v1/staff/licence-uses", json!({ "use_code": code })).await;
    assert_eq!(used.json()["fields"]["use_code"], "这本证照当前不是有效状态（已过期、已换发或已注销）");
    // No new code is sealed for it: a code is evidence that the licence is valid now.
    let shown = zhang.post(&format!("/api/v1/wallet/licences/{id}/presentations"), json!({ "fields": ["name"] })).await;
    assert_eq!(shown.status, StatusCode::BAD_REQUEST, "{}", shown.text);
    let uses = zhang.get("/api/v1/account/data-uses").await.text;
    assert!(uses.contains("发证部门按证照号码查询"), "{uses}");
}
