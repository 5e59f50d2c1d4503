//! Running commands with the project's tool folders on PATH, and saying what is happening.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// npm-installed tools (wasm-opt) live here, inside target/ so a clean clone starts without them.
pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

pub fn step(what: &str) {
    println!("\n==> {what}");
}

pub fn cargo_home() -> PathBuf {
    std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
}

fn path_env() -> String {
    let cargo_bin = cargo_home().join("bin");
    let npm_bin = tools_dir().join("node_modules/.bin");
    let existing = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{existing}", npm_bin.display(), cargo_bin.display())
}

pub fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", path_env()).current_dir(root());
    command
}

pub fn run_in(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    let mut command = command(program);
    command.current_dir(dir).args(args);
    for (k, v) in envs {
        command.env(k, v);
    }
    let status = command.status().map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` exited with {status}", args.join(" ")))
    }
}

pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(&root(), program, args, &[])
}

pub fn cargo(args: &[&str]) -> Result<(), String> {
    cargo_with_env(args, &[])
}

pub fn cargo_with_env(args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run_in(&root(), &cargo, args, envs)
}

/// What a command prints, trimmed, or None when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = command(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// A fresh folder under the system temp dir, removed by the caller.
pub fn temp_dir(prefix: &str) -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}
