//! Installs each tool only when it is missing or at the wrong version. Versions are pinned here
//! because they are the ones proven to work on this machine kind (shared/docs/toolchain.md).

use std::sync::atomic::{AtomicBool, Ordering};

use tongban_api::bundles::Bundle;

use crate::cmd::{self, step};

const TRUNK_VERSION: &str = "0.21.14";
const STYLANCE_VERSION: &str = "0.8.4";
const BINARYEN_VERSION: &str = "132";

/// wasm-bindgen's version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(cmd::root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn check_trunk_toml(wasm_bindgen: &str) -> Result<(), String> {
    let trunk_toml = std::fs::read_to_string(cmd::root().join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{wasm_bindgen}\"")) {
        return Err(format!("Trunk.toml must pin wasm_bindgen = \"{wasm_bindgen}\", the version in Cargo.lock"));
    }
    Ok(())
}

fn cargo_install(name: &str, version: &str, locked: bool) -> Result<(), String> {
    println!("    installing {name} {version} with cargo (a few minutes on a fresh machine)…");
    let spec = format!("{name}@{version}");
    let mut args = vec!["install", spec.as_str()];
    if locked {
        args.push("--locked");
    }
    cmd::cargo(&args)
}

pub fn ensure_web_tools() -> Result<(), String> {
    step("Checking the web toolchain");
    // The server's passkey verification (webauthn-rs) links OpenSSL.
    ensure_apt(&["libssl-dev", "pkg-config"])?;
    let installed = cmd::output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.contains("wasm32-unknown-unknown") {
        println!("    wasm32-unknown-unknown target: present");
    } else {
        println!("    adding the wasm32-unknown-unknown target…");
        cmd::run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }

    match cmd::output("trunk", &["--version"]) {
        Some(v) if v.ends_with(TRUNK_VERSION) => println!("    trunk {TRUNK_VERSION}: present"),
        _ => cargo_install("trunk", TRUNK_VERSION, true)?,
    }

    let wasm_bindgen = locked_wasm_bindgen()?;
    check_trunk_toml(&wasm_bindgen)?;
    match cmd::output("wasm-bindgen", &["--version"]) {
        Some(v) if v.ends_with(&wasm_bindgen) => println!("    wasm-bindgen {wasm_bindgen}: present"),
        // Not --locked: the CLI's own lock file names a crate version the registry no longer has.
        _ => cargo_install("wasm-bindgen-cli", &wasm_bindgen, false)?,
    }

    match cmd::output("stylance", &["--version"]) {
        Some(v) if v.ends_with(STYLANCE_VERSION) => println!("    stylance {STYLANCE_VERSION}: present"),
        _ => cargo_install("stylance-cli", STYLANCE_VERSION, false)?,
    }

    match cmd::output("wasm-opt", &["--version"]) {
        Some(v) if v.contains(&format!("version_{BINARYEN_VERSION}")) => println!("    wasm-opt {BINARYEN_VERSION}: present"),
        _ => {
            println!("    installing wasm-opt (npm binaryen@{BINARYEN_VERSION})…");
            let prefix = cmd::tools_dir();
            std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
            let prefix = prefix.display().to_string();
            cmd::run("npm", &["install", "--no-audit", "--no-fund", "--prefix", &prefix, &format!("binaryen@{BINARYEN_VERSION}")])?;
        }
    }
    Ok(())
}

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

fn dpkg_installed(package: &str) -> bool {
    cmd::output("dpkg-query", &["-W", "-f=${Status}", package]).is_some_and(|s| s.contains("install ok installed"))
}

/// Installs Debian packages that are missing, running `apt-get update` once first.
pub fn ensure_apt(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        println!("    {}: present", packages.join(", "));
        return Ok(());
    }
    println!("    installing {} with apt-get…", missing.join(", "));
    if !APT_UPDATED.swap(true, Ordering::Relaxed) {
        cmd::run("apt-get", &["update", "-q"])?;
    }
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend(&missing);
    let mut command = cmd::command("apt-get");
    command.args(&args).env("DEBIAN_FRONTEND", "noninteractive");
    let status = command.status().map_err(|e| format!("apt-get: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("apt-get install {} failed: {status}", missing.join(" ")))
    }
}

const LIGHTHOUSE_VERSION: &str = "12.8.2";

/// Lighthouse from npm, in its own folder under target/tools; answers the path of its command.
pub fn ensure_lighthouse() -> Result<std::path::PathBuf, String> {
    let dir = cmd::tools_dir().join("lighthouse");
    let cli = dir.join("node_modules/lighthouse/cli/index.js");
    let package = std::fs::read_to_string(dir.join("node_modules/lighthouse/package.json")).unwrap_or_default();
    if package.contains(&format!("\"version\": \"{LIGHTHOUSE_VERSION}\"")) {
        println!("    lighthouse {LIGHTHOUSE_VERSION}: present");
    } else {
        println!("    installing lighthouse {LIGHTHOUSE_VERSION} (npm)…");
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let spec = format!("lighthouse@{LIGHTHOUSE_VERSION}");
        cmd::run_in(&dir, "npm", &["install", "--no-audit", "--no-fund", "--prefix", ".", &spec], &[])?;
    }
    Ok(cli)
}

pub fn ensure_test_tools() -> Result<(), String> {
    step("Checking the test tools");
    ensure_apt(&["chromium", "chromium-driver", "postgresql", "fonts-noto-cjk"])?;
    let e2e = cmd::root().join("e2e");
    if e2e.join("node_modules/@playwright/test").exists() && e2e.join("node_modules/@axe-core/playwright").exists() {
        println!("    Playwright and axe: present");
    } else {
        println!("    installing Playwright and axe (npm ci; no browser download: Debian's Chromium is used)…");
        cmd::run_in(&e2e, "npm", &["ci", "--no-audit", "--no-fund"], &[("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")])?;
    }
    Ok(())
}

/// Builds each audience's app on its own (`trunk build --release --offline`) and puts them
/// together in dist/: each build's page under its own name, their hashed files side by side.
pub fn build_web_release() -> Result<(), String> {
    let root = cmd::root();
    let dist = root.join("dist");
    let staged = root.join("target/web");
    for bundle in Bundle::ALL {
        let page = bundle.page();
        step(&format!("Building the web app ({page}): trunk build --release --offline"));
        let out = staged.join(page);
        let out = out.to_string_lossy();
        let rustflags = same_paths_everywhere();
        cmd::run_in(&root, "trunk", &["build", page, "--release", "--offline", "--dist", &out], &[(WASM_RUSTFLAGS, &rustflags)])?;
        crate::styles::keep_used_styles(&staged.join(page))?;
    }
    // Put together beside dist/, then swapped in: a running server never reads half a build.
    let assembled = staged.join("assembled");
    let previous = staged.join("previous");
    let _ = std::fs::remove_dir_all(&assembled);
    let _ = std::fs::remove_dir_all(&previous);
    std::fs::create_dir_all(&assembled).map_err(|e| format!("{}: {e}", assembled.display()))?;
    for bundle in Bundle::ALL {
        // The builds a first visit gets, whose pages the server frames with their content; the
        // others' frames are only a placeholder, so their app starts at once.
        let after_paint = matches!(bundle, Bundle::Public | Bundle::Verify);
        copy_build(&staged.join(bundle.page()), &assembled, bundle.page(), after_paint)?;
    }
    precompress(&assembled)?;
    if dist.exists() {
        std::fs::rename(&dist, &previous).map_err(|e| format!("{}: {e}", dist.display()))?;
    }
    std::fs::rename(&assembled, &dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let _ = std::fs::remove_dir_all(&previous);
    Ok(())
}

/// Added to the wasm target's rustflags (.cargo/config.toml), which cargo joins with these.
const WASM_RUSTFLAGS: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";

/// A panic's location names its source file, for a dependency where cargo unpacked it: under
/// CARGO_HOME, which differs between machines. Named the same everywhere, the wasm (and the size
/// the budget checks) is the same on every machine.
fn same_paths_everywhere() -> String {
    let registry = cmd::cargo_home().join("registry/src");
    let sources = std::fs::read_dir(&registry).into_iter().flatten().flatten();
    sources.map(|source| format!("--remap-path-prefix={}=crates", source.path().display())).collect::<Vec<_>>().join(" ")
}

/// Copies one Trunk build into dist/, its index.html under the name of its page, starting its
/// app after the first paint when asked.
fn copy_build(from: &std::path::Path, dist: &std::path::Path, page: &str, after_paint: bool) -> Result<(), String> {
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let relative = path.strip_prefix(from).map_err(|e| e.to_string())?;
            let target = if relative == std::path::Path::new("index.html") { dist.join(page) } else { dist.join(relative) };
            if path.is_dir() {
                std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
                stack.push(path);
            } else if after_paint && relative == std::path::Path::new("index.html") {
                let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let html = crate::loader::start_after_first_paint(&html).map_err(|e| format!("{}: {e}", path.display()))?;
                std::fs::write(&target, html).map_err(|e| format!("{}: {e}", target.display()))?;
            } else {
                std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", target.display()))?;
            }
        }
    }
    Ok(())
}

/// Files a browser downloads compressed.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "svg", "json"];

/// Writes `name.br` (brotli 11) and `name.gz` (gzip 9) beside every compressible file of the
/// build, once, so the server sends the smallest encoding without compressing on each request.
pub fn precompress(dist: &std::path::Path) -> Result<(), String> {
    use std::io::Write;
    let mut stack = vec![dist.to_path_buf()];
    let (mut files, mut raw, mut br) = (0, 0, 0);
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let compressible = path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e));
            if !compressible {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut brotli_bytes = Vec::new();
            // The largest window every brotli decoder takes (24 bits), as browsers do.
            let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
            brotli::BrotliCompress(&mut &bytes[..], &mut brotli_bytes, &params).map_err(|e| e.to_string())?;
            let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gzip.write_all(&bytes).map_err(|e| e.to_string())?;
            let gzip_bytes = gzip.finish().map_err(|e| e.to_string())?;
            let with = |suffix: &str| format!("{}.{suffix}", path.display());
            std::fs::write(with("br"), &brotli_bytes).map_err(|e| e.to_string())?;
            std::fs::write(with("gz"), &gzip_bytes).map_err(|e| e.to_string())?;
            files += 1;
            raw += bytes.len();
            br += brotli_bytes.len();
        }
    }
    println!("    precompressed {files} files: {raw} bytes, {br} as brotli");
    Ok(())
}
