//! Every tunable of the server, read once from the environment, each with its default here.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    /// `TONGBAN_ADDR`: where to listen. Default `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default `sqlite://data/tongban.db`.
    pub database_url: String,
    /// `TONGBAN_DB_MAX_CONNECTIONS`: pool size. Default 8.
    pub db_max_connections: u32,
    /// `TONGBAN_DIST`: the built web app (Trunk's dist/). Default `dist`.
    pub dist_dir: PathBuf,
    /// `TONGBAN_REQUEST_TIMEOUT_SECS`: a request taking longer is answered 408. Default 15.
    pub request_timeout: Duration,
    /// `TONGBAN_SYNTHETIC_SERVICES`: add this many generated services to the seed, for load
    /// measurements. Default 0.
    pub synthetic_services: u32,
    /// `TONGBAN_ENV`: `development` (default) or `production`.
    pub production: bool,
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let parse = |name: &str, default: u64| -> Result<u64, String> {
            var(name).map_or(Ok(default), |v| {
                v.trim().parse().map_err(|_| format!("{name} must be a whole number, got {v:?}"))
            })
        };
        let addr = var("TONGBAN_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let production = match var("TONGBAN_ENV").as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(other) => return Err(format!("TONGBAN_ENV must be development or production, got {other:?}")),
        };
        Ok(Config {
            addr: addr.parse().map_err(|_| format!("TONGBAN_ADDR is not host:port: {addr:?}"))?,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/tongban.db".into()),
            db_max_connections: parse("TONGBAN_DB_MAX_CONNECTIONS", 8)? as u32,
            dist_dir: var("TONGBAN_DIST").unwrap_or_else(|| "dist".into()).into(),
            request_timeout: Duration::from_secs(parse("TONGBAN_REQUEST_TIMEOUT_SECS", 15)?),
            synthetic_services: parse("TONGBAN_SYNTHETIC_SERVICES", 0)? as u32,
            production,
        })
    }

    /// The defaults, with the given database: what tests start from.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.into(),
            db_max_connections: 4,
            dist_dir: "dist".into(),
            request_timeout: Duration::from_secs(15),
            synthetic_services: 0,
            production: false,
        }
    }
}
