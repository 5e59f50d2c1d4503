//! The real server on a free port with a fresh SQLite database, for browser tests and benches.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cmd;

pub struct TestServer {
    child: Child,
    port: u16,
    dir: PathBuf,
    binary: PathBuf,
    envs: Vec<(String, String)>,
}

fn healthy(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200")
}

impl TestServer {
    pub fn start(binary: &Path, envs: &[(&str, &str)]) -> Result<TestServer, String> {
        let port = cmd::free_port()?;
        let dir = cmd::temp_dir("tongban-server")?;
        let envs: Vec<(String, String)> = envs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let child = Self::spawn(binary, port, &dir, &envs)?;
        let mut server = TestServer { child, port, dir, binary: binary.to_path_buf(), envs };
        server.wait_until_healthy()?;
        println!("    server up on {} (database in {})", server.base_url(), server.dir.display());
        Ok(server)
    }

    /// Kills the server without warning, as a crash or a power cut would, and starts it again
    /// on the same port and database.
    pub fn crash_and_restart(&mut self) -> Result<(), String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.child = Self::spawn(&self.binary, self.port, &self.dir, &self.envs)?;
        self.wait_until_healthy()?;
        println!("    server killed and started again on {}", self.base_url());
        Ok(())
    }

    fn spawn(binary: &Path, port: u16, dir: &Path, envs: &[(String, String)]) -> Result<Child, String> {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("server.log")).map_err(|e| e.to_string())?;
        let mut command = Command::new(binary);
        command
            .current_dir(cmd::root())
            .env("TONGBAN_ADDR", format!("127.0.0.1:{port}"))
            .env("DATABASE_URL", format!("sqlite://{}/tongban.db", dir.display()))
            .env("TONGBAN_DIST", cmd::root().join("dist"))
            .env("TONGBAN_LOG", "warn")
            // The demo: seeded accounts and officers with the published password.
            .env("TONGBAN_ENV", "development")
            .stdout(Stdio::null())
            .stderr(log);
        for (k, v) in envs {
            command.env(k, v);
        }
        command.spawn().map_err(|e| format!("cannot start {}: {e}", binary.display()))
    }

    fn wait_until_healthy(&mut self) -> Result<(), String> {
        let started = Instant::now();
        while !healthy(self.port) {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
                return Err(format!("the server exited ({status}):\n{log}"));
            }
            if started.elapsed() > Duration::from_secs(120) {
                return Err("the server did not become healthy within 120 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    pub fn base_url(&self) -> String {
        // Passkeys need a host name: browsers refuse WebAuthn on an IP address.
        format!("http://localhost:{}", self.port)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
