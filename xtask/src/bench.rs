//! What a first visit downloads, and how catalogue search holds up under load on a catalogue of
//! 5,000 services: figures, plus the first visit's size budget, which `cargo xtask test` checks.

use std::io::Write;
use std::path::Path;

use crate::cmd::{self, step};
use crate::server::TestServer;
use crate::tools;

const SYNTHETIC_SERVICES: &str = "4948";
const WRK_ARGS: [&str; 6] = ["-t2", "-c32", "-d10s", "--latency", "--timeout", "5s"];

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len()
}

/// What a first visit may download, as sent (brotli). Issue 11 brings it down to 250 KB; until
/// then it stands just above the size it had when the check came, so that no change makes the
/// first visit heavier without this failing.
const FIRST_VISIT_BUDGET: usize = 600 * 1024;

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

fn load_report() -> Result<(), String> {
    step("Catalogue search under load: wrk, 10 s, 32 connections, 5,000 services");
    tools::ensure_apt(&["wrk"])?;
    cmd::cargo(&["build", "--release", "-p", "tongban-server"])?;
    let server = TestServer::start(
        &cmd::root().join("target/release/tongban-server"),
        &[("TONGBAN_SYNTHETIC_SERVICES", SYNTHETIC_SERVICES), ("TONGBAN_DB_MAX_CONNECTIONS", "16")],
    )?;
    for (label, path) in [
        ("pinyin search q=jzz", "/api/v1/services?q=jzz"),
        ("Chinese search q=公积金", "/api/v1/services?q=%E5%85%AC%E7%A7%AF%E9%87%91"),
        ("filtered list (theme, audience, page 3)", "/api/v1/services?theme=housing&audience=individual&page=3"),
        ("guide GA-001", "/api/v1/services/GA-001"),
    ] {
        println!("\n    {label}: GET {path}");
        let url = format!("{}{path}", server.base_url());
        let mut args: Vec<&str> = WRK_ARGS.to_vec();
        args.push(&url);
        let out = cmd::command("wrk").args(&args).output().map_err(|e| format!("wrk: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with("50%")
                || t.starts_with("99%")
                || t.starts_with("Requests/sec")
                || t.contains("requests in")
                || t.starts_with("Non-2xx")
                || t.starts_with("Socket errors")
            {
                println!("      {t}");
            }
        }
    }
    Ok(())
}

pub fn bench() -> Result<(), String> {
    tools::ensure_web_tools()?;
    tools::build_web_release()?;
    bundle_report()?;
    load_report()
}
