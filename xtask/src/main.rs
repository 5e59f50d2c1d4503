//! `cargo xtask run | test | bench | web | fuzz | crash`. Each installs what is missing
//! (idempotently), then does the job, saying what it is doing at every step.

mod bench;
mod cmd;
mod crash;
mod fuzz;
mod loader;
mod postgres;
mod server;
mod styles;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <run|test|bench>
  run    install what is missing, build the web app (release) and start the portal with demo data
  test   install what is missing and run every test: Rust (SQLite and PostgreSQL), release build, browser
  bench  bundle size and catalogue-search latency under load; `bench api` only the server under load
  web    only the web app's release build into dist/ (for a server started by hand while iterating)
  fuzz   only the API fuzzing step of test (schemathesis against a fresh debug server)
  crash  only the crash test of test (clients submit while the server is killed 20 times)";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "run" => run(),
        "test" => test(),
        "bench" => bench::bench(std::env::args().nth(2).as_deref()),
        "web" => tools::ensure_web_tools().and_then(|_| tools::build_web_release()),
        "crash" => cmd::cargo(&["build", "-p", "tongban-server", "--locked"]).and_then(|_| {
            let mut env = BROWSER_SERVER_ENV.to_vec();
            env.extend([("TONGBAN_CODE_RESEND_SECS", "0"), ("TONGBAN_UPLOADS_PER_HOUR", "100000")]);
            let mut server = server::TestServer::start(&cmd::root().join("target/debug/tongban-server"), &env)?;
            crash::crash_test(&mut server)
        }),
        "fuzz" => fuzz::ensure_schemathesis()
            .and_then(|_| cmd::cargo(&["build", "-p", "tongban-server", "--locked"]))
            .and_then(|_| fuzz::fuzz(&cmd::root().join("target/debug/tongban-server"))),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {task} failed: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    tools::ensure_web_tools()?;
    tools::build_web_release()?;
    cmd::step("Building the server (release)");
    cmd::cargo(&["build", "--release", "-p", "tongban-server"])?;
    let addr = std::env::var("TONGBAN_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    // Passkeys need a host name, not an IP address, so the portal is opened as localhost.
    let port = addr.rsplit(':').next().unwrap_or("8080");
    let url = format!("http://localhost:{port}");
    cmd::step(&format!("Starting Tongban on {url}"));
    println!("Demo data: the service catalogue (52 services, 12 departments) is seeded on first start into ./data/.");
    println!("Demo accounts (password Tongban!2026): 张伟 31010119900307241X / 13800138000, 李娜 310105198511123624 / 13900139000.");
    println!("Window officers at {url}/staff (same password): gjj01, ga01, sj01, mz01 … one per department (README lists them).");
    println!("One-time SMS codes appear at {url}/dev/outbox.");
    println!("Open {url} in a browser. Press Ctrl+C to stop.");
    let status = std::process::Command::new(cmd::root().join("target/release/tongban-server"))
        .current_dir(cmd::root())
        .env("TONGBAN_ADDR", &addr)
        // The server's own default is production; the demo is development, said here explicitly.
        .env("TONGBAN_ENV", "development")
        .status()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server stopped: {status}"))
    }
}

/// Every journey comes from 127.0.0.1: per-address limits are the server suite's to test. Some
/// journeys sign twice within a minute; the 60 s resend default is the server suite's to test.
const BROWSER_SERVER_ENV: [(&str, &str); 6] = [
    ("TONGBAN_SIGN_IN_PER_IP_PER_MINUTE", "10000"),
    ("TONGBAN_CODES_PER_IP_PER_HOUR", "10000"),
    ("TONGBAN_REGISTER_PER_IP_PER_HOUR", "10000"),
    ("TONGBAN_CODE_RESEND_SECS", "5"),
    // The sandbox channels' notifications go out within a quarter of a second, their delays a minute shorter.
    ("TONGBAN_OUTBOX_TICK_MS", "250"),
    ("TONGBAN_SANDBOX_TIME_SCALE", "60"),
];

/// Every journey; then the ones about a server crash: they fill drafts, the server is killed
/// and started again on the same database, and they look for what they saved; then the ones
/// about fresh proofs, on a server of their own whose proofs last two seconds.
fn browser_tests(binary: &std::path::Path) -> Result<(), String> {
    let e2e = cmd::root().join("e2e");
    let mut server = server::TestServer::start(binary, &BROWSER_SERVER_ENV).map_err(|e| format!("server start: {e}"))?;
    let base_url = server.base_url();
    cmd::run_in(&e2e, "npx", &["playwright", "test"], &[("BASE_URL", base_url.as_str())])?;
    let dir = cmd::temp_dir("tongban-restart")?;
    let state = dir.join("draft").to_string_lossy().to_string();
    let phase = |name: &str| {
        cmd::run_in(
            &e2e,
            "npx",
            &["playwright", "test"],
            &[("BASE_URL", base_url.as_str()), ("RESTART_PHASE", name), ("RESTART_STATE", state.as_str())],
        )
    };
    let result = phase("before").and_then(|_| server.crash_and_restart()).and_then(|_| phase("after"));
    let _ = std::fs::remove_dir_all(&dir);
    drop(server);
    result?;

    let mut env = BROWSER_SERVER_ENV.to_vec();
    env.push(("TONGBAN_PROOF_FRESH_SECS", "2"));
    let server = server::TestServer::start(binary, &env).map_err(|e| format!("server start: {e}"))?;
    let base_url = server.base_url();
    cmd::run_in(&e2e, "npx", &["playwright", "test"], &[("BASE_URL", base_url.as_str()), ("PROOF_PHASE", "1")])
}

fn test() -> Result<(), String> {
    tools::ensure_web_tools()?;
    tools::ensure_test_tools()?;
    fuzz::ensure_schemathesis()?;

    cmd::step("1/6 Rust: formatting (rustfmt.toml), then cargo test --workspace (server on SQLite)");
    match cmd::output("cargo", &["fmt", "--version"]) {
        Some(_) => cmd::cargo(&["fmt", "--all", "--", "--check"])
            .map_err(|e| format!("step 1/6 (cargo fmt --check: run `cargo fmt --all`): {e}"))?,
        None => println!("    rustfmt is not installed here: formatting not checked"),
    }
    cmd::cargo(&["test", "--workspace", "--locked"]).map_err(|e| format!("step 1/6 (cargo test): {e}"))?;

    cmd::step("2/6 Server tests again on PostgreSQL");
    let pg = postgres::TestCluster::start().map_err(|e| format!("step 2/6 (PostgreSQL start): {e}"))?;
    let result = cmd::cargo_with_env(&["test", "-p", "tongban-server", "--locked"], &[("TONGBAN_TEST_DATABASE_URL", pg.url().as_str())]);
    drop(pg);
    result.map_err(|e| format!("step 2/6 (server tests on PostgreSQL): {e}"))?;

    cmd::step("3/6 Release build of the web app");
    tools::build_web_release().map_err(|e| format!("step 3/6 (release build): {e}"))?;
    bench::check_first_visit_budget().map_err(|e| format!("step 3/6 (size budget): {e}"))?;

    cmd::step("4/6 Browser tests (Playwright, Chromium) against a fresh server");
    cmd::cargo(&["build", "-p", "tongban-server", "--locked"]).map_err(|e| format!("step 4/6 (server build): {e}"))?;
    browser_tests(&cmd::root().join("target/debug/tongban-server")).map_err(|e| format!("step 4/6 (browser tests): {e}"))?;

    cmd::step("5/6 Crash test: the server killed at random moments while clients submit");
    let mut env = BROWSER_SERVER_ENV.to_vec();
    env.extend([("TONGBAN_CODE_RESEND_SECS", "0"), ("TONGBAN_UPLOADS_PER_HOUR", "100000")]);
    let mut server = server::TestServer::start(&cmd::root().join("target/debug/tongban-server"), &env)
        .map_err(|e| format!("step 5/6 (server start): {e}"))?;
    crash::crash_test(&mut server).map_err(|e| format!("step 5/6 (crash test): {e}"))?;
    drop(server);

    cmd::step("6/6 The API fuzzed from its OpenAPI document (schemathesis, signed in, every phase)");
    fuzz::fuzz(&cmd::root().join("target/debug/tongban-server")).map_err(|e| format!("step 6/6 (schemathesis): {e}"))?;
    println!("\nAll tests passed.");
    println!("steps: 6 passed, 0 failed");
    Ok(())
}
