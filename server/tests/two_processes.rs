//! Several server processes behind one address on one database behave as one: a lockout reached
//! through one holds on the other, rate limits count both, and a job claimed by one is not run
//! by the other. Runs on SQLite, and on PostgreSQL when `TONGBAN_TEST_DATABASE_URL` names one.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command};
use std::time::Duration;

use common::TestApp;

const CSRF: &str = "0123456789abcdef0123456789abcdef";

struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One HTTP/1.1 request; the status code and body.
fn request(port: u16, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let message = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Cookie: tb_csrf={CSRF}\r\nX-CSRF-Token: {CSRF}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(message.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer.split("\r\n\r\n").nth(1).unwrap_or("").to_string())
}

fn start(database_url: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_tongban-server"))
        .env("TONGBAN_ENV", "development")
        .env("TONGBAN_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", database_url)
        .env("TONGBAN_DIST", std::env::temp_dir().join("tongban-no-dist"))
        .env("TONGBAN_LOG", "error")
        .env("TONGBAN_SIGN_IN_PER_IP_PER_MINUTE", "8")
        .spawn()
        .expect("start the server");
    let server = Server(child, port);
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() && request(port, "GET", "/healthz", "").0 == 200 {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server on {port} did not become healthy");
}

#[tokio::test]
async fn a_lockout_and_a_rate_limit_reached_through_one_process_hold_on_the_other() {
    let (url, _file) = common::database_url().await;
    // The first migrates and seeds; the second finds it done.
    let a = start(&url);
    let b = start(&url);
    let wrong = r#"{"identifier":"31010119900307241X","password":"wrong-password-1"}"#;
    let right = r#"{"identifier":"31010119900307241X","password":"Tongban!2026"}"#;
    for _ in 0..4 {
        assert_eq!(request(a.1, "POST", "/api/v1/auth/sign-in/password", wrong).0, 400);
    }
    assert_eq!(request(a.1, "POST", "/api/v1/auth/sign-in/password", wrong).0, 423, "locked through the first");
    assert_eq!(request(b.1, "POST", "/api/v1/auth/sign-in/password", right).0, 423, "and locked on the second");
    // Eight sign-ins a minute from one address, whichever process answers them.
    assert_eq!(request(b.1, "POST", "/api/v1/auth/sign-in/password", right).0, 423);
    assert_eq!(request(b.1, "POST", "/api/v1/auth/sign-in/password", right).0, 423);
    assert_eq!(request(a.1, "POST", "/api/v1/auth/sign-in/password", right).0, 429, "the ninth is refused");
}

#[tokio::test]
async fn texts_queued_while_two_processes_run_their_workers_are_each_sent_by_one() {
    use sqlx::Row;
    let (url, _file) = common::database_url().await;
    let a = start(&url);
    let b = start(&url);
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_micros() as i64;
    for i in 0..40 {
        sqlx::query("INSERT INTO outbox (id, kind, recipient, body, created_at, attempts, next_attempt_at) VALUES ($1, 'sms', '13800138000', $2, $3, 0, $3)")
            .bind(format!("two-process-{i}"))
            .bind(format!("【上海一网通办】第 {i} 条"))
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
    }
    // Both processes' workers look every two seconds; wait until every text has gone.
    let mut left = 40;
    for _ in 0..300 {
        left = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE id LIKE 'two-process-%' AND delivered_at IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get::<i64, _>("n");
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "every text was delivered");
    let tried_more_than_once = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE id LIKE 'two-process-%' AND attempts <> 1")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get::<i64, _>("n");
    assert_eq!(tried_more_than_once, 0, "each was claimed and sent by one process, once");
    let sent = sqlx::query("SELECT COUNT(*) AS n FROM sms_outbox WHERE id LIKE 'two-process-%'")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get::<i64, _>("n");
    assert_eq!(sent, 40);
    drop((a, b));
}

#[tokio::test]
async fn a_job_run_by_two_workers_at_once_happens_once() {
    let app = TestApp::new().await;
    let zhang = {
        let browser = app.browser("10.0.50.1").await;
        browser
            .post("/api/v1/auth/sign-in/password", serde_json::json!({ "identifier": "31010119900307241X", "password": "Tongban!2026" }))
            .await;
        browser
    };
    zhang.post("/api/v1/applications", serde_json::json!({ "service_code": "GJJ-002" })).await;
    app.clock.advance(24 * 86_400 * 1_000_000);
    let state = app.state();
    let (first, second) =
        tokio::join!(tongban_server::applications::expiry::sweep(state), tongban_server::applications::expiry::sweep(state));
    assert_eq!(first.unwrap().0 + second.unwrap().0, 1, "one of the two warned");
    let warnings = app.texts_to("13800138000").await.into_iter().filter(|t| t.contains("草稿将在")).count();
    assert_eq!(warnings, 1);
}
