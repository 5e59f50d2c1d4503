//! What a first visit downloads, how the catalogue holds up under load beside nginx, and what
//! Lighthouse measures on a phone: figures side by side in one run, plus the first visit's size
//! budget, which `cargo xtask test` checks.

use std::io::Write;
use std::path::Path;

use crate::cmd::{self, step};
use crate::server::TestServer;
use crate::tools;

const SYNTHETIC_SERVICES: &str = "4948";
const WRK_ARGS: [&str; 6] = ["-t2", "-c32", "-d10s", "--latency", "--timeout", "5s"];
/// wrk's threads in the notifications bench, each sending its own share.
const WRK_THREADS: usize = 2;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len()
}

/// What a first visit to the home page, a search or a guide may download, as sent (brotli): the
/// public build's page and every file it names. Pages for signed-in people and officers are other
/// builds, loaded later.
const FIRST_VISIT_BUDGET: usize = 250_000;

/// Fails when a first visit to the built app would download more than its budget: the built
/// files' precompressed sizes, which are what the server sends.
pub fn check_first_visit_budget() -> Result<(), String> {
    let dist = cmd::root().join("dist");
    let mut total = 0;
    for name in first_visit_files(&dist)? {
        let sent = dist.join(format!("{name}.br"));
        let sent = if sent.is_file() { sent } else { dist.join(&name) };
        total += std::fs::metadata(&sent).map_err(|e| format!("{}: {e}", sent.display()))?.len() as usize;
    }
    println!("    first visit: {total} bytes brotli (budget {FIRST_VISIT_BUDGET})");
    if total > FIRST_VISIT_BUDGET {
        return Err(format!("a first visit downloads {total} bytes, over its budget of {FIRST_VISIT_BUDGET}"));
    }
    Ok(())
}

/// index.html plus every file it references from dist/.
fn first_visit_files(dist: &Path) -> Result<Vec<String>, String> {
    let index = std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("dist/index.html: {e}"))?;
    let mut files = vec!["index.html".to_string()];
    for quote in index.split(['\'', '"']) {
        if let Some(name) = quote.strip_prefix('/') {
            if !name.is_empty() && !name.contains('/') && dist.join(name).is_file() && !files.iter().any(|f| f == name) {
                files.push(name.to_string());
            }
        }
    }
    Ok(files)
}

fn bundle_report() -> Result<(), String> {
    step("Bundle: every file a first visit downloads");
    let dist = cmd::root().join("dist");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    println!("    {:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    for name in first_visit_files(&dist)? {
        let bytes = std::fs::read(dist.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let (g, b) = (gzip_len(&bytes), brotli_len(&bytes));
        println!("    {name:<44} {:>10} {g:>10} {b:>10}", bytes.len());
        raw += bytes.len();
        gz += g;
        br += b;
    }
    println!("    {:<44} {raw:>10} {gz:>10} {br:>10}", "TOTAL (bytes)");
    Ok(())
}

/// The other builds: the verify page's, and those only people who sign in (or officers) download.
fn later_bundles_report() -> Result<(), String> {
    let dist = cmd::root().join("dist");
    for (page, when) in [
        ("verify.html", "only /verify, for someone without an account"),
        ("citizen.html", "after sign-in, never on a first visit"),
        ("staff.html", "officers only"),
    ] {
        let html = std::fs::read_to_string(dist.join(page)).map_err(|e| format!("{page}: {e}"))?;
        let wasm = html.split(['\'', '"']).find(|q| q.ends_with("_bg.wasm")).unwrap_or_default().trim_start_matches('/').to_string();
        let sent = std::fs::metadata(dist.join(format!("{wasm}.br"))).map(|m| m.len()).unwrap_or(0);
        println!("    {page:<14} {wasm:<44} {sent:>10} bytes brotli ({when})");
    }
    Ok(())
}

/// `(requests/s, p99)` from wrk's output.
fn wrk(url: &str) -> Result<(f64, String), String> {
    wrk_with(url, &[])
}

/// wrk with more arguments, such as a script.
fn wrk_with(url: &str, more: &[&str]) -> Result<(f64, String), String> {
    let mut args: Vec<&str> = WRK_ARGS.to_vec();
    args.extend_from_slice(more);
    args.push(url);
    let out = cmd::command("wrk").args(&args).output().map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") || text.contains("Socket errors") {
        return Err(format!("wrk {url}: errors\n{text}"));
    }
    let field = |prefix: &str| text.lines().map(str::trim).find_map(|l| l.strip_prefix(prefix)).map(|v| v.trim().to_string());
    let rps = field("Requests/sec:").and_then(|v| v.parse().ok()).ok_or_else(|| format!("wrk {url}: no rate\n{text}"))?;
    Ok((rps, field("99%").unwrap_or_default()))
}

/// p99 (ms) of `hey` holding 2,000 requests/s (20 clients at 100/s each) for 10 s.
fn p99_at_2000(url: &str) -> Result<String, String> {
    let out = cmd::command("hey").args(["-z", "10s", "-c", "20", "-q", "100", url]).output().map_err(|e| format!("hey: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let p99 =
        text.lines().map(str::trim).find_map(|l| l.strip_prefix("99% in ")).and_then(|l| l.split_whitespace().next()?.parse::<f64>().ok());
    let rate = text.lines().map(str::trim).find_map(|l| l.strip_prefix("Requests/sec:")).unwrap_or_default().trim().to_string();
    p99.map(|secs| format!("{:.2} ms ({rate} req/s held)", secs * 1000.0)).ok_or_else(|| format!("hey {url}: no p99\n{text}"))
}

/// nginx serving files from its own folder, as the reference for the same bytes.
struct Nginx {
    child: std::process::Child,
    dir: std::path::PathBuf,
    port: u16,
}

impl Nginx {
    fn start() -> Result<Nginx, String> {
        let dir = cmd::temp_dir("tongban-nginx")?;
        let port = cmd::free_port()?;
        std::fs::create_dir_all(dir.join("www")).map_err(|e| e.to_string())?;
        let conf = format!(
            "worker_processes auto; daemon off; pid {d}/nginx.pid; error_log {d}/error.log;\n\
             events {{ worker_connections 1024; }}\n\
             http {{ access_log off; default_type application/json; client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp;\n\
             fastcgi_temp_path {d}/tmp; uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;\n\
             server {{ listen 127.0.0.1:{port}; root {d}/www; }} }}\n",
            d = dir.display()
        );
        std::fs::write(dir.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
        let child = cmd::command("nginx")
            .args(["-c", &dir.join("nginx.conf").to_string_lossy(), "-p", &dir.to_string_lossy()])
            .spawn()
            .map_err(|e| format!("nginx: {e}"))?;
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > std::time::Duration::from_secs(10) {
                return Err("nginx did not start within 10 s".into());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(Nginx { child, dir, port })
    }

    /// Serves `body` as a file and says where.
    fn serve(&self, name: &str, body: &[u8]) -> Result<String, String> {
        std::fs::write(self.dir.join("www").join(name), body).map_err(|e| e.to_string())?;
        Ok(format!("http://127.0.0.1:{}/{name}", self.port))
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let out = cmd::command("curl").args(["-sf", url]).output().map_err(|e| format!("curl: {e}"))?;
    if !out.status.success() {
        return Err(format!("GET {url} failed"));
    }
    Ok(out.stdout)
}

fn load_report(server: &TestServer) -> Result<(), String> {
    step("Catalogue under load, 5,000 services: Tongban beside nginx serving the same bytes as a file (wrk, 10 s, 32 connections), then p99 while holding 2,000 requests/s (hey)");
    let nginx = Nginx::start()?;
    println!(
        "    {:<42} {:>11} {:>11} {:>7} {:>10} {:>10}   p99 at 2,000/s",
        "request", "Tongban/s", "nginx/s", "share", "p99", "nginx p99"
    );
    for (i, (label, path)) in [
        ("search q=jzz", "/api/v1/services?q=jzz"),
        ("search q=公积金", "/api/v1/services?q=%E5%85%AC%E7%A7%AF%E9%87%91"),
        ("filtered list (theme, audience, page 3)", "/api/v1/services?theme=housing&audience=individual&page=3"),
        ("guide GA-001", "/api/v1/services/GA-001"),
    ]
    .into_iter()
    .enumerate()
    {
        let url = format!("{}{path}", server.base_url());
        let reference = nginx.serve(&format!("case{i}.json"), &fetch(&url)?)?;
        let (ours, ours_p99) = wrk(&url)?;
        let (theirs, their_p99) = wrk(&reference)?;
        let held = p99_at_2000(&url)?;
        let share = 100.0 * ours / theirs;
        println!("    {label:<42} {ours:>11.0} {theirs:>11.0} {share:>6.0}% {ours_p99:>10} {their_p99:>10}   {held}");
    }
    Ok(())
}

/// `curl` with a cookie jar, sending the CSRF header as the app does; the body it answers.
fn call(jar: &Path, csrf: &str, method: &str, url: &str, body: Option<&str>) -> Result<serde_json::Value, String> {
    let mut command = cmd::command("curl");
    command.args(["-sf", "-b"]).arg(jar).arg("-c").arg(jar).args(["-X", method, "-H", &format!("x-csrf-token: {csrf}")]);
    if let Some(body) = body {
        command.args(["-H", "content-type: application/json", "--data", body]);
    }
    let out = command.arg(url).output().map_err(|e| format!("curl: {e}"))?;
    if !out.status.success() {
        return Err(format!("{method} {url} failed"));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("{method} {url}: {e}"))
}

/// A browser's cookie jar (in a folder of its own for `what`) holding a session and its CSRF
/// token, as the home page sets them: (folder, jar, token).
fn browser_session(base: &str, what: &str) -> Result<(std::path::PathBuf, std::path::PathBuf, String), String> {
    let dir = std::env::temp_dir().join(format!("tongban-bench-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let jar = dir.join("cookies");
    let page = cmd::command("curl").args(["-sf", "-o", "/dev/null", "-c"]).arg(&jar).arg(format!("{base}/")).status();
    if !page.is_ok_and(|s| s.success()) {
        return Err("GET / failed".into());
    }
    let cookies = std::fs::read_to_string(&jar).map_err(|e| format!("{}: {e}", jar.display()))?;
    let csrf = cookies
        .lines()
        .find_map(|l| l.split('\t').collect::<Vec<_>>().get(5..7).filter(|f| f[0] == "tb_csrf").map(|f| f[1].to_string()))
        .ok_or("no CSRF cookie")?;
    Ok((dir, jar, csrf))
}

/// Shown e-licence codes checked through `POST /api/v1/verify`, each from another address (the
/// limit is per address): SM2 verification, the licence's status, the holder's record and the
/// audit row, as every real check does.
fn verify_report(server: &TestServer) -> Result<(), String> {
    step("E-licence verification: POST /api/v1/verify with a valid code, each request from another address (wrk, 10 s, 32 connections)");
    let base = server.base_url();
    let (dir, jar, csrf) = browser_session(&base, "verify")?;
    let sign_in = r#"{"identifier":"31010119900307241X","password":"Tongban!2026"}"#;
    call(&jar, &csrf, "POST", &format!("{base}/api/v1/auth/sign-in/password"), Some(sign_in))?;
    let wallet = call(&jar, &csrf, "GET", &format!("{base}/api/v1/wallet"), None)?;
    let licence =
        wallet["licences"].as_array().and_then(|l| l.iter().find(|l| l["kind"] == "driving_licence")).ok_or("no driving licence")?;
    let id = licence["id"].as_str().unwrap_or_default();
    let shown = call(
        &jar,
        &csrf,
        "POST",
        &format!("{base}/api/v1/wallet/licences/{id}/presentations"),
        Some(r#"{"fields":["name","kind","validity"]}"#),
    )?;
    let body = serde_json::json!({ "token": shown["token"] }).to_string();
    let script = format!(
        "wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n\
         wrk.headers[\"Cookie\"] = \"tb_csrf={csrf}\"\nwrk.headers[\"x-csrf-token\"] = \"{csrf}\"\nn = 0\n\
         request = function()\n  n = n + 1\n  wrk.headers[\"X-Forwarded-For\"] = \"10.\" .. math.random(0, 255) .. \".\" .. math.random(0, 255) .. \".\" .. math.random(1, 254)\n  return wrk.format()\nend\n"
    );
    let script_path = dir.join("verify.lua");
    std::fs::write(&script_path, script).map_err(|e| format!("{}: {e}", script_path.display()))?;
    let checked = call(&jar, &csrf, "POST", &format!("{base}/api/v1/verify"), Some(&body))?;
    if checked["valid"] != true {
        return Err(format!("the code does not verify: {checked}"));
    }
    let (rate, p99) = wrk_with(&format!("{base}/api/v1/verify"), &["-s", &script_path.display().to_string()])?;
    println!("    {:<42} {rate:>11.0} verifications/s, p99 {p99}", "POST /api/v1/verify (valid code)");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Payment notifications taken through `POST /pay/notify/alipay`, each signed by the sandbox
/// channel's key and naming an order of its own: the RSA2 check, the order's and the amount's
/// checks, the replay record, the order's move to success, the fee paid and the payer told.
fn notify_report(server: &TestServer) -> Result<(), String> {
    step("Payment notifications: POST /pay/notify/alipay, each a signed TRADE_SUCCESS for an order of its own, each sent once (wrk, 10 s, 32 connections)");
    let base = server.base_url();
    let (dir, jar, csrf) = browser_session(&base, "notify")?;
    // More than ten seconds can take: each is sent once, and wrk's rate is over its whole run.
    // Made in batches, each well within the server's request timeout.
    let (mut applications, mut bodies) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let made = call(&jar, &csrf, "POST", &format!("{base}/api/v1/dev/bench/payments"), Some(r#"{"count":3000}"#))?;
        applications.push(made["application"].as_str().unwrap_or_default().to_string());
        bodies.extend(made["bodies"].as_array().ok_or("no notifications")?.iter().filter_map(|b| b.as_str().map(str::to_string)));
    }
    // Each of wrk's threads sends its own share, each once. wrk asks the first thread for a
    // request once before the run only to check the script: that one is a health check, as is
    // anything asked for after a thread's share is sent.
    let table: Vec<String> = bodies.iter().map(|b| format!("{b:?}")).collect();
    let script = format!(
        "bodies = {{{}}}\nlocal count = 0\n\
         setup = function(thread)\n  thread:set(\"id\", count)\n  count = count + 1\nend\n\
         init = function()\n  n = id\n  checked = id ~= 0\nend\n\
         request = function()\n  if not checked or n >= #bodies then\n    checked = true\n    return wrk.format(\"GET\", \"/healthz\")\n  end\n\
           local body = bodies[n + 1]\n  n = n + {WRK_THREADS}\n\
           return wrk.format(\"POST\", nil, {{[\"Content-Type\"] = \"application/x-www-form-urlencoded\"}}, body)\nend\n",
        table.join(",")
    );
    let script_path = dir.join("notify.lua");
    std::fs::write(&script_path, script).map_err(|e| format!("{}: {e}", script_path.display()))?;
    let out = cmd::command("wrk")
        .args(["-t", &WRK_THREADS.to_string(), "-c", "32", "-d", "10s", "--latency", "--timeout", "5s", "-s"])
        .arg(&script_path)
        .arg(format!("{base}/pay/notify/alipay"))
        .output()
        .map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |prefix: &str| text.lines().map(str::trim).find_map(|l| l.strip_prefix(prefix)).map(|v| v.trim().to_string());
    let (rate, p99) = (field("Requests/sec:").unwrap_or_default(), field("99%").unwrap_or_default());
    let mut settled = 0;
    for application in &applications {
        let answer = call(&jar, &csrf, "GET", &format!("{base}/api/v1/dev/bench/payments?application={application}"), None)?;
        settled += answer["settled"].as_u64().unwrap_or(0);
    }
    if settled as usize >= bodies.len() {
        println!("    every notification was sent before the run ended: the rate below counts health checks too");
    }
    println!("    {:<42} {rate:>11} notifications/s, p99 {p99}", "POST /pay/notify/alipay (signed, each once)");
    println!(
        "    {:<42} {:>11} orders settled in 10 s, {} refused",
        "",
        settled,
        field("Non-2xx or 3xx responses:").unwrap_or_else(|| "none".into())
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Lighthouse (mobile: its default slow 4G and 4x CPU throttling) on the pages a first visit
/// opens.
fn lighthouse_report(server: &TestServer) -> Result<(), String> {
    step("Lighthouse mobile (slow 4G, 4x CPU): performance, LCP, CLS, TBT");
    let cli = tools::ensure_lighthouse()?;
    println!("    {:<28} {:>11} {:>9} {:>7} {:>8}", "page", "performance", "LCP", "CLS", "TBT");
    for path in ["/", "/services?q=jzz", "/services/GA-001"] {
        let url = format!("{}{path}", server.base_url());
        let out = cmd::command("node")
            .arg(&cli)
            .args([
                &url,
                "--quiet",
                "--only-categories=performance",
                "--output=json",
                "--output-path=stdout",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ])
            .env("CHROME_PATH", "/usr/bin/chromium")
            .output()
            .map_err(|e| format!("lighthouse: {e}"))?;
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).map_err(|e| format!("lighthouse {path}: {e}\n{}", String::from_utf8_lossy(&out.stderr)))?;
        let audit = |id: &str| report["audits"][id]["numericValue"].as_f64().unwrap_or(f64::NAN);
        let score = report["categories"]["performance"]["score"].as_f64().unwrap_or(f64::NAN) * 100.0;
        println!(
            "    {path:<28} {score:>11.0} {:>7.2} s {:>7.3} {:>5.0} ms",
            audit("largest-contentful-paint") / 1000.0,
            audit("cumulative-layout-shift"),
            audit("total-blocking-time")
        );
    }
    Ok(())
}

/// Everything, or with `api` only the server under load (no web build, no Lighthouse).
pub fn bench(only: Option<&str>) -> Result<(), String> {
    let everything = match only {
        None => true,
        Some("api") => false,
        Some(other) => return Err(format!("bench {other}: unknown; `cargo xtask bench` or `cargo xtask bench api`")),
    };
    tools::ensure_apt(&["wrk", "hey", "nginx", "curl", "chromium"])?;
    if everything {
        tools::ensure_web_tools()?;
        tools::build_web_release()?;
        bundle_report()?;
        later_bundles_report()?;
    }
    cmd::cargo(&["build", "--release", "-p", "tongban-server"])?;
    let server = TestServer::start(
        &cmd::root().join("target/release/tongban-server"),
        &[
            ("TONGBAN_SYNTHETIC_SERVICES", SYNTHETIC_SERVICES),
            ("TONGBAN_DB_MAX_CONNECTIONS", "16"),
            // The verification bench speaks from many addresses through a proxy on this machine.
            ("TONGBAN_TRUSTED_PROXIES", "127.0.0.1"),
            // Notifications are signed before the run starts, and sent over a minute or so.
            ("TONGBAN_NOTIFY_FRESH_SECS", "900"),
        ],
    )?;
    load_report(&server)?;
    verify_report(&server)?;
    notify_report(&server)?;
    if everything {
        lighthouse_report(&server)?;
    }
    Ok(())
}
