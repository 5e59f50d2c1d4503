mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::Value;

fn codes(body: &Value) -> Vec<String> {
    body["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap().to_string()).collect()
}

fn encode(q: &str) -> String {
    q.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn an_empty_search_lists_the_whole_catalogue_most_used_first() {
    let app = TestApp::new().await;
    let body = app.get("/api/v1/services").await.json();
    assert!(body["total"].as_u64().unwrap() >= 40);
    assert_eq!(body["items"].as_array().unwrap().len(), 10);
    assert_eq!(body["page"], 1);
    assert_eq!(codes(&body)[0], "GA-001");
}

#[tokio::test]
async fn search_finds_services_by_chinese_english_code_and_pinyin() {
    let app = TestApp::new().await;
    for q in ["居住证", "residence permit", "Residence PERMIT", "jzz", "juzhuzheng", "ga-001"] {
        let body = app.get(&format!("/api/v1/services?q={}", encode(q))).await.json();
        assert!(codes(&body).contains(&"GA-001".to_string()), "{q} did not find GA-001: {body}");
    }
    let body = app.get(&format!("/api/v1/services?q={}", encode("食品经营"))).await.json();
    assert_eq!(codes(&body), vec!["SJ-003"]);
}

#[tokio::test]
async fn every_search_word_must_match() {
    let app = TestApp::new().await;
    let body = app.get(&format!("/api/v1/services?q={}", encode("provident rent"))).await.json();
    assert_eq!(codes(&body), vec!["GJJ-002"]);
}

#[tokio::test]
async fn filters_narrow_the_results() {
    let app = TestApp::new().await;
    let body = app.get("/api/v1/services?department=sj&per_page=50").await.json();
    assert!(body["total"].as_u64().unwrap() >= 5);
    assert!(body["items"].as_array().unwrap().iter().all(|i| i["department_code"] == "sj"));

    let body = app.get("/api/v1/services?audience=business&per_page=50").await.json();
    assert!(body["items"].as_array().unwrap().iter().all(|i| i["audiences"].as_array().unwrap().contains(&"business".into())));

    let body = app.get("/api/v1/services?theme=marriage").await.json();
    assert_eq!(codes(&body), vec!["MZ-001"]);

    let body = app.get("/api/v1/services?mode=fully_online&visits=0&per_page=50").await.json();
    let items = body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["mode"] == "fully_online" && i["visits"] == 0));

    let body = app.get("/api/v1/services?theme=start_business&audience=business&department=sj").await.json();
    assert!(codes(&body).contains(&"SJ-001".to_string()));
    assert!(!codes(&body).contains(&"SW-001".to_string()));
}

#[tokio::test]
async fn pages_do_not_overlap_and_a_page_past_the_end_is_empty() {
    let app = TestApp::new().await;
    let first = app.get("/api/v1/services?per_page=5&page=1").await.json();
    let second = app.get("/api/v1/services?per_page=5&page=2").await.json();
    assert_eq!(codes(&first).len(), 5);
    assert!(codes(&first).iter().all(|c| !codes(&second).contains(c)));
    let beyond = app.get("/api/v1/services?page=999").await.json();
    assert!(codes(&beyond).is_empty());
    assert_eq!(beyond["total"], first["total"]);
}

#[tokio::test]
async fn bad_search_input_gets_a_clear_4xx_never_a_500() {
    let app = TestApp::new().await;
    let long = "a".repeat(2000);
    for (uri, field) in [
        (format!("/api/v1/services?q={long}"), "q"),
        ("/api/v1/services?page=-1".into(), "page"),
        ("/api/v1/services?page=1000000000000".into(), "page"),
        ("/api/v1/services?page=abc".into(), "page"),
        ("/api/v1/services?per_page=0".into(), "per_page"),
        ("/api/v1/services?audience=martians".into(), "audience"),
        ("/api/v1/services?department=nope".into(), "department"),
        ("/api/v1/services?theme=nope".into(), "theme"),
        ("/api/v1/services?visits=3".into(), "visits"),
    ] {
        let response = app.get(&uri).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{uri}");
        let body = response.json();
        assert_eq!(body["code"], "validation_failed");
        assert!(body["fields"][field].is_string(), "{uri}: {body}");
    }
    let response = app.get("/api/v1/services?q=a&q=b").await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(response.json()["code"], "validation_failed");
}

#[tokio::test]
async fn sql_metacharacters_are_only_text() {
    let app = TestApp::new().await;
    for q in ["' OR 1=1 --", "%", "_", "\\", "\"; DROP TABLE services; --"] {
        let response = app.get(&format!("/api/v1/services?q={}", encode(q))).await;
        assert_eq!(response.status, StatusCode::OK, "{q}");
        assert_eq!(response.json()["total"], 0, "{q} matched something");
    }
    assert!(app.get("/api/v1/services").await.json()["total"].as_u64().unwrap() >= 40);
}

#[tokio::test]
async fn errors_speak_the_requested_language() {
    let app = TestApp::new().await;
    let zh = app.get("/api/v1/services?page=0").await.json();
    assert_eq!(zh["fields"]["page"], "必须在 1 到 10000 之间");
    let en = app.get_with("/api/v1/services?page=0", &[("accept-language", "en-GB,en;q=0.8")]).await.json();
    assert_eq!(en["fields"]["page"], "Must be between 1 and 10000");
    assert_eq!(en["message"], "Some of the request needs correcting");
}

#[tokio::test]
async fn a_guide_has_every_part() {
    let app = TestApp::new().await;
    let response = app.get("/api/v1/services/GA-001").await;
    assert_eq!(response.status, StatusCode::OK);
    let guide = response.json();
    assert_eq!(guide["name"]["zh"], "《上海市居住证》申领");
    assert_eq!(guide["kind"], "confirmation");
    assert_eq!(guide["department"]["code"], "ga");
    assert_eq!(guide["statutory_days"], 15);
    assert_eq!(guide["promised_days"], 7);
    assert_eq!(guide["visits"], 1);
    assert_eq!(guide["fee"]["fen"], 0);
    assert!(!guide["legal_basis"].as_array().unwrap().is_empty());
    assert!(!guide["conditions"].as_array().unwrap().is_empty());
    let materials = guide["materials"].as_array().unwrap();
    assert!(materials.iter().any(|m| m["from_e_licence"] == true));
    assert!(materials.iter().any(|m| m["fetched_by_department"] == true));
    assert!(guide["steps"].as_array().unwrap().len() >= 3);
    let windows = guide["windows"].as_array().unwrap();
    assert!(windows.len() >= 2, "department window and general centres");
    assert!(guide["themes"].as_array().unwrap().iter().any(|t| t["code"] == "residence"));

    assert_eq!(guide["required_level"], 2);

    let paid = app.get("/api/v1/services/GA-004").await.json();
    assert_eq!(paid["fee"]["fen"], 12000);
}

#[tokio::test]
async fn unknown_services_and_routes_are_404_in_the_error_shape() {
    let app = TestApp::new().await;
    for uri in ["/api/v1/services/XX-999", "/api/v1/services/..%2F..%2Fetc", "/api/v1/nothing-here"] {
        let response = app.get(uri).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(response.json()["code"], "not_found");
    }
}

#[tokio::test]
async fn departments_and_themes_are_listed() {
    let app = TestApp::new().await;
    let departments = app.get("/api/v1/departments").await.json();
    assert!(departments.as_array().unwrap().len() >= 10);
    let themes = app.get("/api/v1/themes").await.json();
    let themes = themes.as_array().unwrap();
    assert!(themes.iter().any(|t| t["audience"] == "individual"));
    assert!(themes.iter().any(|t| t["audience"] == "business"));
    assert!(themes.iter().all(|t| t["service_count"].as_u64().unwrap() > 0));
}

#[tokio::test]
async fn health_and_openapi() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/healthz").await.json()["status"], "ok");
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in ["/api/v1/services", "/api/v1/services/{code}", "/api/v1/departments", "/api/v1/themes"] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["ServiceGuide"].is_object());
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    for uri in ["/", "/services/GA-001", "/api/v1/services", "/api/v1/services/XX-1"] {
        let response = app.get(uri).await;
        let csp = response.header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert_eq!(response.header("x-content-type-options"), "nosniff");
        assert!(!response.header("referrer-policy").is_empty());
        assert_eq!(response.header("permissions-policy"), "camera=(self), microphone=(), geolocation=()", "scanning needs the camera");
    }
}

#[tokio::test]
async fn deep_links_get_the_app_and_missing_files_get_404() {
    let app = TestApp::new().await;
    let page = app.get("/services/GA-001").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header("content-type").starts_with("text/html"));
    assert_eq!(page.header("cache-control"), "no-cache");
    assert_eq!(app.get("/missing-0123456789abcdef.js").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn built_files_are_sent_precompressed_when_the_browser_accepts_it() {
    let dist = std::env::temp_dir().join(format!("tongban-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.wasm"), b"plain wasm").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.wasm.br"), b"brotli wasm").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.wasm.gz"), b"gzip wasm").unwrap();
    let app = TestApp::with_config(|c| c.dist_dir = dist.clone()).await;
    let path = "/app-0123456789abcdef.wasm";
    let br = app.get_with(path, &[("accept-encoding", "gzip, br")]).await;
    assert_eq!((br.header("content-encoding"), br.text.as_str()), ("br", "brotli wasm"), "the smaller encoding, as built");
    assert!(br.header("cache-control").contains("immutable"));
    let gz = app.get_with(path, &[("accept-encoding", "gzip")]).await;
    assert_eq!((gz.header("content-encoding"), gz.text.as_str()), ("gzip", "gzip wasm"));
    let plain = app.get(path).await;
    assert_eq!((plain.header("content-encoding"), plain.text.as_str()), ("", "plain wasm"));
    std::fs::remove_dir_all(&dist).unwrap();
}

#[tokio::test]
async fn each_address_gets_the_page_of_the_build_that_draws_it() {
    let dist = std::env::temp_dir().join(format!("tongban-builds-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    for (page, script) in [("index.html", "public()"), ("citizen.html", "citizen()"), ("staff.html", "staff()")] {
        std::fs::write(dist.join(page), format!("<!doctype html><title>{page}</title><script>{script}</script>")).unwrap();
    }
    let app = TestApp::with_config(|c| c.dist_dir = dist.clone()).await;
    for (path, page, session) in [
        ("/", "index.html", ""),
        ("/services/GA-001", "index.html", ""),
        ("/decisions", "index.html", ""),
        ("/sign-in", "citizen.html", ""),
        ("/applications/7/check", "citizen.html", ""),
        ("/no-such-page", "citizen.html", ""),
        ("/staff/applications/7", "staff.html", ""),
        // Someone signed in reads public pages in the signed-in build, with the account's header.
        ("/", "citizen.html", "tb_session=abc"),
        ("/services/GA-001", "citizen.html", "tb_session=abc"),
        ("/staff", "staff.html", "tb_session=abc"),
    ] {
        let response = app.get_with(path, &[("cookie", session)]).await;
        let build = page.trim_end_matches(".html").replace("index", "public");
        assert!(response.text.contains(&format!("<script>{build}()</script>")), "{path} should get {page}: {}", response.text);
        // One policy allows the loader of every build, and nothing else inline.
        let csp = response.header("content-security-policy");
        assert_eq!(csp.matches("'sha256-").count(), 3, "{csp}");
    }
    std::fs::remove_dir_all(&dist).unwrap();
}

#[tokio::test]
async fn a_guide_page_comes_framed_with_its_words_and_its_answer() {
    let dist = std::env::temp_dir().join(format!("tongban-frame-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    let page = r##"<!doctype html><html lang="zh-CN"><head><meta name="description" content="portal"><title>portal</title></head><body><a href="#main" class="boot-skip">跳到主要内容</a><main id="main" class="boot-main"><p>loading</p></main></body></html>"##;
    std::fs::write(dist.join("index.html"), page).unwrap();
    let app = TestApp::with_config(|c| c.dist_dir = dist.clone()).await;

    let guide = app.get("/services/GA-001").await;
    assert!(guide.text.contains("<title>《上海市居住证》申领 - 上海市一网通办</title>"), "{}", guide.text);
    assert!(guide.text.contains(r#"<h1 class="boot-title">《上海市居住证》申领</h1>"#));
    assert!(!guide.text.contains("<p>loading</p>"));
    let api = app.get("/api/v1/services/GA-001").await;
    let answer =
        format!(r#"<script type="application/json" data-answer="/api/v1/services/GA-001">{}</script>"#, api.text.replace('<', "\\u003c"));
    assert!(guide.text.contains(&answer), "the page carries the API's own answer");
    assert!(guide.header("vary").contains("Cookie"));
    assert!(guide.header("set-cookie").starts_with("tb_csrf="), "a form sent at once has its CSRF cookie");
    assert_eq!(api.header("cache-control"), "no-cache", "the catalogue is the same for everyone: it may be kept");
    assert_eq!(app.get("/api/v1/session").await.header("cache-control"), "no-store");

    // In the language the reader chose in the app, else the one the browser asks for.
    let chosen = app.get_with("/services/GA-001", &[("cookie", "tb_lang=en")]).await;
    assert!(chosen.text.contains(r#"<html lang="en">"#));
    assert!(chosen.text.contains("<title>Shanghai Residence Permit application - Shanghai One-Network Government Services</title>"));
    let asked = app.get_with("/", &[("accept-language", "en-GB,en;q=0.8")]).await;
    assert!(asked.text.contains("<h1>One network, done once</h1>"), "{}", asked.text);
    // A page the server does not frame still has its title and skip link in the reader's language.
    assert!(asked.text.contains("<title>Shanghai One-Network Government Services</title>"), "{}", asked.text);
    assert!(asked.text.contains(r##"<a href="#main" class="boot-skip">Skip to main content</a>"##), "{}", asked.text);

    // A search comes with the answer the app asks for first, addressed as the app addresses it.
    let search = app.get("/services?q=%E5%B1%85%E4%BD%8F%E8%AF%81").await;
    let api = app.get("/api/v1/services?q=%E5%B1%85%E4%BD%8F%E8%AF%81").await;
    assert!(search.text.contains(&api.text.replace('<', "\\u003c")));
    assert!(search.text.contains(r#"data-answer="/api/v1/themes""#));

    // An address the API would refuse gets the form only, not a list it did not ask for.
    let refused = app.get("/services?q=a&q=b").await;
    assert!(refused.text.contains(r#"id="boot-q""#) && !refused.text.contains("boot-card"), "{}", refused.text);

    // An unknown service or a page for signed-in people gets the page as built.
    assert!(!app.get("/services/NO-SUCH").await.text.contains("data-answer"));
    std::fs::remove_dir_all(&dist).unwrap();
}

#[tokio::test]
async fn a_synthetic_catalogue_can_be_seeded_for_load_tests() {
    let app = TestApp::with_config(|c| c.synthetic_services = 200).await;
    let body = app.get("/api/v1/services?q=jzz").await.json();
    assert!(body["total"].as_u64().unwrap() > 1);
    let all = app.get("/api/v1/services").await.json();
    assert!(all["total"].as_u64().unwrap() >= 240);
}

#[tokio::test]
async fn production_adds_hsts_and_development_does_not() {
    let development = TestApp::new().await;
    assert_eq!(development.get("/").await.header("strict-transport-security"), "");
    let production = TestApp::with_config(|c| {
        c.production = true;
        c.seal_keys_dir = Some(common::seal_keys_dir());
        c.allow_sandbox_sms = true;
        c.allow_sandbox_bank = true;
        c.allow_sandbox_payments = true;
        c.allow_sandbox_courier = true;
    })
    .await;
    assert!(production.get("/").await.header("strict-transport-security").starts_with("max-age="));
}
