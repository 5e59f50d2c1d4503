//! A throwaway PostgreSQL cluster on a free loopback port, for the server's test suite. Stopped
//! and deleted when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd;

pub struct TestCluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
}

fn postgres_bin() -> Result<PathBuf, String> {
    let base = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(base)
        .map_err(|e| format!("PostgreSQL is not installed ({}: {e})", base.display()))?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().ok_or_else(|| "no PostgreSQL server binaries under /usr/lib/postgresql".into())
}

fn is_root() -> bool {
    cmd::output("id", &["-u"]).as_deref() == Some("0")
}

/// PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
fn as_cluster_owner(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn check(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("{what}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed: {}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)))
    }
}

impl TestCluster {
    pub fn start() -> Result<TestCluster, String> {
        let bin = postgres_bin()?;
        let data = cmd::temp_dir("tongban-pg")?;
        if is_root() {
            check(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&data), "chown the cluster folder")?;
        }
        let port = cmd::free_port()?;
        println!("    initdb in {} and start on 127.0.0.1:{port}", data.display());
        check(as_cluster_owner(&bin.join("initdb")).args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"]).arg(&data), "initdb")?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            data.display()
        );
        let cluster = TestCluster { bin, data, port };
        check(
            as_cluster_owner(&cluster.bin.join("pg_ctl"))
                .args(["-w", "-D"])
                .arg(&cluster.data)
                .args(["-o", &options, "-l"])
                .arg(cluster.data.join("server.log"))
                .arg("start"),
            "pg_ctl start",
        )?;
        Ok(cluster)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        let _ = as_cluster_owner(&self.bin.join("pg_ctl")).args(["-D"]).arg(&self.data).args(["-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}
