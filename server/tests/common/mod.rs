// Each test binary uses a different part of the harness.
#![allow(dead_code)]

//! Test harness: the whole router in-process, on a fresh SQLite file, or on a fresh PostgreSQL
//! database when `TONGBAN_TEST_DATABASE_URL` names a server.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tongban_server::clock::ManualClock;
use tongban_server::config::Config;
use tower::ServiceExt;

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("tongban_test_{}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed), nanos % 1_000_000)
}

/// A SQLite database file and its WAL companions, deleted when the test ends.
pub struct SqliteFile(std::path::PathBuf);

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A directory with a fresh SM2 seal key for each department that seals licences, as
/// production reads them.
pub fn seal_keys_dir() -> std::path::PathBuf {
    use sha2::{Digest, Sha256};
    let dir = std::env::temp_dir().join(format!("{}_seals", unique_name()));
    std::fs::create_dir_all(&dir).expect("seal key directory");
    for department in ["ga", "mz", "rs", "sj", "gjj", "wj", "jt", "jy", "sw", "yb", "gh", "zj", "cz"] {
        let secret: String = Sha256::digest(format!("{}{department}", dir.display())).iter().map(|b| format!("{b:02x}")).collect();
        std::fs::write(dir.join(format!("{department}.key")), secret).expect("seal key");
    }
    dir
}

pub async fn database_url() -> (String, Option<SqliteFile>) {
    let name = unique_name();
    match std::env::var("TONGBAN_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin_url) => {
            use sqlx::Executor;
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(&admin_url).await.expect("connect to the test PostgreSQL");
            admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
            admin.close().await;
            let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), None)
        }
        None => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (format!("sqlite://{}", path.display()), Some(SqliteFile(path)))
        }
    }
}

pub struct TestApp {
    router: Router,
    state: tongban_server::AppState,
    pub clock: Arc<ManualClock>,
    _database: Option<SqliteFile>,
}

/// 2026-11-27 00:00 UTC, where every test's clock starts.
pub const START: i64 = 1_795_737_600 * 1_000_000;

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    /// The app with its SMS gateway replaced, for tests of what happens when the gateway fails.
    pub async fn with_sms(sms: impl FnOnce(Arc<dyn tongban_server::sms::SmsSender>) -> Arc<dyn tongban_server::sms::SmsSender>) -> TestApp {
        let mut app = Self::new().await;
        app.state.sms = sms(app.state.sms.clone());
        app.router = tongban_server::router(app.state.clone());
        app
    }

    pub async fn with_config(adjust: impl FnOnce(&mut Config)) -> TestApp {
        // Server errors show in a failing test's output.
        let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter("warn").try_init();
        let (url, database) = database_url().await;
        let mut config = Config::for_database(url);
        config.dist_dir = std::env::temp_dir().join("tongban-no-dist");
        adjust(&mut config);
        let clock = Arc::new(ManualClock::new(START));
        let state = tongban_server::prepare_with_clock(config, clock.clone()).await.expect("prepare the server");
        TestApp { router: tongban_server::router(state.clone()), state, clock, _database: database }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.get_with(uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        self.send(Request::get(uri), headers, Body::empty()).await
    }

    async fn send(&self, mut request: axum::http::request::Builder, headers: &[(&str, &str)], body: Body) -> TestResponse {
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self.router.clone().oneshot(request.body(body).unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A POST of `body` as it is, with no session: what another system (a payment channel) sends.
    pub async fn post_raw(&self, uri: &str, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> TestResponse {
        let request = Request::post(uri).extension(ConnectInfo(SocketAddr::new([10, 9, 9, 9].into(), 40000)));
        self.send(request, headers, Body::from(body.into())).await
    }

    /// An officer's browser, signed in with the password and the code sent to their work phone.
    pub async fn officer(&self, ip: &str, staff_number: &str) -> Browser<'_> {
        use sqlx::Row;
        let browser = self.browser(ip).await;
        let step =
            browser.post("/api/v1/staff/sign-in", serde_json::json!({ "staff_number": staff_number, "password": "Tongban!2026" })).await;
        assert_eq!(step.status, StatusCode::OK, "{}", step.text);
        let phone: String = sqlx::query("SELECT phone FROM staff WHERE staff_number = $1")
            .bind(staff_number)
            .fetch_one(&self.state.pool)
            .await
            .expect("the officer")
            .get("phone");
        let code = self.last_code(&phone).await;
        let signed =
            browser.post("/api/v1/staff/sign-in/code", serde_json::json!({ "challenge": step.json()["challenge"], "code": code })).await;
        assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);
        browser
    }

    /// Loads the seal keys again, as a restart does: from `dir` (production's files) or the
    /// database (development's).
    pub async fn reload_seals(&mut self, dir: Option<&std::path::Path>) {
        let seals = tongban_server::seals::Seals::load(&self.state.pool, self.clock.as_ref(), dir).await.expect("seal keys");
        self.state.seals = Arc::new(seals);
        self.router = tongban_server::router(self.state.clone());
    }

    /// The server's state, for calling its functions directly.
    pub fn state(&self) -> &tongban_server::AppState {
        &self.state
    }

    /// Runs the hourly draft housekeeping now: (warned, deleted).
    pub async fn sweep(&self) -> (u32, u32) {
        tongban_server::applications::expiry::sweep(&self.state).await.expect("housekeeping")
    }

    /// The (kind, number, holder's name) of every e-licence `holder` holds, as the library has them.
    /// Runs a statement against the test's database, for data the tests set up directly.
    pub async fn execute(&self, sql: &str) {
        sqlx::query(sql).execute(&self.state.pool).await.expect(sql);
    }

    pub async fn licences_of(&self, holder: &str) -> Vec<(String, String, String)> {
        use sqlx::Row;
        let rows = sqlx::query("SELECT kind, number, holder_name FROM e_licences WHERE holder = $1 ORDER BY kind, number")
            .bind(holder)
            .fetch_all(&self.state.pool)
            .await
            .expect("licences");
        rows.iter().map(|r| (r.get("kind"), r.get("number"), r.get("holder_name"))).collect()
    }

    /// A browser at `ip` that keeps its cookies and sends the CSRF header as the app does.
    pub async fn browser(&self, ip: &str) -> Browser<'_> {
        let browser = Browser {
            app: self,
            ip: ip.parse().unwrap(),
            cookies: Mutex::new(HashMap::new()),
            forwarded_for: Mutex::new(None),
            reads_in: Mutex::new(None),
        };
        browser.get("/api/v1/session").await;
        browser
    }

    /// The newest sandbox SMS sent to `phone`.
    pub async fn last_sms(&self, phone: &str) -> Option<String> {
        let outbox = self.get("/api/v1/dev/outbox").await.json();
        outbox.as_array()?.iter().find(|m| m["phone"] == phone).map(|m| m["body"].as_str().unwrap_or("").to_string())
    }

    /// How many tries the newest one-time code for `phone` has had, as the database counts them.
    pub async fn code_attempts(&self, phone: &str) -> i64 {
        use sqlx::Row;
        sqlx::query("SELECT attempts FROM one_time_codes WHERE phone = $1 ORDER BY created_at DESC LIMIT 1")
            .bind(phone)
            .fetch_one(&self.state.pool)
            .await
            .expect("a code")
            .get("attempts")
    }

    /// Every sandbox SMS sent to `phone` (the newest hundred of all).
    pub async fn texts_to(&self, phone: &str) -> Vec<String> {
        let outbox = self.get("/api/v1/dev/outbox").await.json();
        outbox
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["phone"] == phone)
            .map(|m| m["body"].as_str().unwrap_or("").to_string())
            .collect()
    }

    /// The six-digit code in the newest SMS to `phone` that holds one (a notice sent at the same
    /// moment, from a delivery in the background, may be listed first).
    pub async fn last_code(&self, phone: &str) -> String {
        let texts = self.texts_to(phone).await;
        assert!(!texts.is_empty(), "an SMS was sent");
        texts
            .iter()
            .find_map(|body| body.split(|c: char| !c.is_ascii_digit()).find(|part| part.len() == 6))
            .expect("an SMS holds a code")
            .to_string()
    }
}

pub struct Browser<'a> {
    pub app: &'a TestApp,
    ip: std::net::IpAddr,
    cookies: Mutex<HashMap<String, String>>,
    forwarded_for: Mutex<Option<String>>,
    reads_in: Mutex<Option<String>>,
}

impl Browser<'_> {
    fn cookie_header(&self) -> String {
        self.cookies.lock().unwrap().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    /// Sends `X-Forwarded-For: value` from now on, as a proxy (or someone pretending) would.
    pub fn forwarded_for(&self, value: &str) {
        *self.forwarded_for.lock().unwrap() = Some(value.to_string());
    }

    /// Asks for pages in this language (`Accept-Language`) from now on.
    pub fn reads_in(&self, tag: &str) {
        *self.reads_in.lock().unwrap() = Some(tag.to_string());
    }

    /// Puts a cookie in this browser, as a stolen or left-over one would be.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.lock().unwrap().insert(name.to_string(), value.to_string());
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    fn remember(&self, response: &TestResponse) {
        for value in response.headers.get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.lock().unwrap().remove(name);
            } else {
                self.cookies.lock().unwrap().insert(name.to_string(), value.to_string());
            }
        }
    }

    async fn request(&self, method: &str, uri: &str, body: Option<Value>, csrf: bool) -> TestResponse {
        self.request_with(method, uri, body, csrf, &[]).await
    }

    async fn request_with(&self, method: &str, uri: &str, body: Option<Value>, csrf: bool, extra: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::builder().method(method).uri(uri);
        request = request.extension(ConnectInfo(SocketAddr::new(self.ip, 40000)));
        let cookies = self.cookie_header();
        let mut headers: Vec<(&str, String)> = vec![
            ("cookie", cookies),
            ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36".into()),
        ];
        if csrf {
            headers.push(("x-csrf-token", self.cookie("tb_csrf").unwrap_or_default()));
        }
        if let Some(forwarded) = self.forwarded_for.lock().unwrap().clone() {
            headers.push(("x-forwarded-for", forwarded));
        }
        if let Some(tag) = self.reads_in.lock().unwrap().clone() {
            headers.push(("accept-language", tag));
        }
        headers.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        let body = match body {
            Some(json) => {
                headers.push(("content-type", "application/json".into()));
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let borrowed: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = self.app.send(request, &borrowed, body).await;
        self.remember(&response);
        response
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.request("GET", uri, None, false).await
    }

    pub async fn post(&self, uri: &str, body: Value) -> TestResponse {
        self.request("POST", uri, Some(body), true).await
    }

    /// A POST with more headers, such as an Idempotency-Key.
    pub async fn post_with(&self, uri: &str, body: Value, headers: &[(&str, &str)]) -> TestResponse {
        self.request_with("POST", uri, Some(body), true, headers).await
    }

    pub async fn put(&self, uri: &str, body: Value) -> TestResponse {
        self.request("PUT", uri, Some(body), true).await
    }

    pub async fn post_without_csrf(&self, uri: &str, body: Value) -> TestResponse {
        self.request("POST", uri, Some(body), false).await
    }

    /// Uploads `bytes` as the file named `filename`, as the app does.
    pub async fn upload(&self, uri: &str, filename: &str, bytes: Vec<u8>) -> TestResponse {
        let request = Request::builder().method("POST").uri(uri).extension(ConnectInfo(SocketAddr::new(self.ip, 40000)));
        let cookies = self.cookie_header();
        let csrf = self.cookie("tb_csrf").unwrap_or_default();
        let name: String = filename
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() || b == b'.' { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect();
        let headers = [
            ("cookie", cookies.as_str()),
            ("x-csrf-token", csrf.as_str()),
            ("content-type", "application/octet-stream"),
            ("x-filename", name.as_str()),
        ];
        let response = self.app.send(request, &headers, Body::from(bytes)).await;
        self.remember(&response);
        response
    }
}
