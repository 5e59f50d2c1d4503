//! One pool for SQLite or PostgreSQL through sqlx's `Any` driver, so every query is written once.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;

use crate::config::Config;

pub async fn connect(config: &Config) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let url = &config.database_url;
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
    }
    let url = if url.starts_with("sqlite://") && !url.contains('?') { format!("{url}?mode=rwc") } else { url.clone() };
    let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
    let is_sqlite = url.starts_with("sqlite:");
    let pool = AnyPoolOptions::new()
        .max_connections(config.db_max_connections)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if is_sqlite {
                    // WAL lets readers run beside the writer; the timeout queues writers instead
                    // of failing them; SQLite only enforces foreign keys when asked.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;").await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    append_only_audit(&pool, is_sqlite).await?;
    Ok(pool)
}

/// The database itself refuses to change or remove audit rows, whatever the code asks. Written
/// per engine (trigger syntax differs), and again at every start so it cannot quietly go away.
async fn append_only_audit(pool: &AnyPool, is_sqlite: bool) -> Result<(), sqlx::Error> {
    if is_sqlite {
        pool.execute(
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END; \
             CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
        )
        .await?;
    } else {
        pool.execute(
            "CREATE OR REPLACE FUNCTION tongban_audit_append_only() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql; \
             DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log; \
             CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log \
             FOR EACH STATEMENT EXECUTE FUNCTION tongban_audit_append_only(); \
             REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;",
        )
        .await?;
    }
    Ok(())
}
