//! The audit log: every state change, who did it, when and from where (Art. 24). Rows are
//! hash-chained — each carries the hash of the one before — and the database refuses to update
//! or delete them, so the log can be shown to be whole.

use sqlx::{AnyPool, Row};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
pub use tongban_api::audit::AuditAction;

use crate::clock::Clock;
use crate::secrets::{random_token, sha256_hex};

/// Who did what the log records.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    /// A person with an account (signed in, or named by what they tried to sign in as).
    Person {
        user_id: &'a str,
        ip: &'a str,
    },
    /// A caller no account is known for.
    Anonymous {
        ip: &'a str,
    },
    Officer {
        staff_number: &'a str,
        ip: &'a str,
    },
    /// The operator at the server's console (`add-officer`, `reset-officer`).
    Console,
    /// The server itself, on a schedule.
    System,
}

impl<'a> Actor<'a> {
    /// A person if the account is known, else an anonymous caller.
    pub fn caller(user_id: Option<&'a str>, ip: &'a str) -> Self {
        match user_id {
            Some(user_id) => Actor::Person { user_id, ip },
            None => Actor::Anonymous { ip },
        }
    }
}

/// One row as the chain hashes it.
struct Event<'a> {
    user_id: Option<&'a str>,
    action: &'a str,
    detail: &'a str,
    ip: &'a str,
}

/// The hash of one row, over the previous row's hash and everything the row says.
fn link(prev_hash: &str, seq: i64, id: &str, at: i64, event: &Event<'_>) -> String {
    let canonical = serde_json::json!([prev_hash, seq, id, at, event.user_id, event.action, event.detail, event.ip]);
    sha256_hex(canonical.to_string())
}

/// One event waiting to be written.
struct Entry {
    user_id: Option<String>,
    action: String,
    detail: String,
    ip: String,
}

impl Entry {
    fn new(actor: Actor<'_>, action: AuditAction, detail: &str) -> Entry {
        let (user_id, ip, detail) = match actor {
            Actor::Person { user_id, ip } => (Some(user_id), ip, detail.to_string()),
            Actor::Anonymous { ip } => (None, ip, detail.to_string()),
            Actor::Officer { staff_number, ip } => {
                (None, ip, if detail.is_empty() { format!("staff {staff_number}") } else { format!("staff {staff_number}: {detail}") })
            }
            Actor::Console => (None, "console", detail.to_string()),
            Actor::System => (None, "", detail.to_string()),
        };
        Entry { user_id: user_id.map(str::to_string), action: action.to_string(), detail, ip: ip.to_string() }
    }

    fn event(&self) -> Event<'_> {
        Event { user_id: self.user_id.as_deref(), action: &self.action, detail: &self.detail, ip: &self.ip }
    }
}

/// Puts one event on the log from outside a running server (the operator's console).
pub async fn record(pool: &AnyPool, clock: &dyn Clock, actor: Actor<'_>, action: AuditAction, detail: &str) -> Result<(), sqlx::Error> {
    append(pool, clock, &[Entry::new(actor, action, detail)]).await
}

/// Chains `entries`, in order, after the newest row, in one transaction. They are dated once the
/// head is taken, so the log's times follow its order.
async fn append(pool: &AnyPool, clock: &dyn Clock, entries: &[Entry]) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Taking the head first makes writers wait their turn, so the chain has no forks.
    let head = sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
        .bind(entries.len() as i64)
        .fetch_one(&mut *tx)
        .await?;
    let mut seq = head.try_get::<i64, _>("seq")? - entries.len() as i64;
    let mut prev_hash: String = head.try_get("hash")?;
    let at = clock.now();
    for entry in entries {
        seq += 1;
        let id = random_token(16);
        let event = entry.event();
        let hash = link(&prev_hash, seq, &id, at, &event);
        sqlx::query(
            "INSERT INTO audit_log (id, at, user_id, action, detail, ip, seq, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id.as_str())
        .bind(at)
        .bind(event.user_id)
        .bind(event.action)
        .bind(event.detail)
        .bind(event.ip)
        .bind(seq)
        .bind(prev_hash.as_str())
        .bind(hash.as_str())
        .execute(&mut *tx)
        .await?;
        prev_hash = hash;
    }
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(prev_hash.as_str()).execute(&mut *tx).await?;
    tx.commit().await
}

/// The log's writer in a running server. Events that arrive while one batch commits are written
/// together in the next transaction, so a busy server pays one commit for many events instead of
/// queueing each behind the database's write lock; each caller still waits until its event is
/// committed.
#[derive(Clone)]
pub struct Journal {
    sender: mpsc::Sender<(Entry, oneshot::Sender<Result<(), String>>)>,
}

/// Events written in one transaction at most.
const BATCH: usize = 256;

impl Journal {
    /// Starts the writer; it stops when the last `Journal` is dropped.
    pub fn start(pool: AnyPool, clock: Arc<dyn Clock>) -> Journal {
        let (sender, mut receiver) = mpsc::channel::<(Entry, oneshot::Sender<Result<(), String>>)>(BATCH * 4);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while receiver.recv_many(&mut batch, BATCH).await > 0 {
                let (entries, waiting): (Vec<Entry>, Vec<_>) = batch.drain(..).unzip();
                let mut written = append(&pool, clock.as_ref(), &entries).await;
                if written.is_err() {
                    // A batch that failed as a whole (the database busy, a connection lost) is
                    // tried once more; then each event alone, so one event's failure is only its own.
                    written = append(&pool, clock.as_ref(), &entries).await;
                }
                if written.is_ok() || entries.len() == 1 {
                    let written = written.map_err(|e| e.to_string());
                    for done in waiting {
                        let _ = done.send(written.clone());
                    }
                    continue;
                }
                for (entry, done) in entries.into_iter().zip(waiting) {
                    let _ = done.send(append(&pool, clock.as_ref(), std::slice::from_ref(&entry)).await.map_err(|e| e.to_string()));
                }
            }
            tracing::error!("the audit log's writer stopped");
        });
        Journal { sender }
    }

    /// Puts `action` by `actor` on the log, and returns once it is committed.
    pub async fn record(&self, actor: Actor<'_>, action: AuditAction, detail: &str) -> Result<(), sqlx::Error> {
        let (done, committed) = oneshot::channel();
        self.sender.send((Entry::new(actor, action, detail), done)).await.map_err(|_| sqlx::Error::PoolClosed)?;
        committed.await.map_err(|_| sqlx::Error::PoolClosed)?.map_err(sqlx::Error::Protocol)
    }
}

/// What checking the chain found.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every chained row is there and unchanged; `unchained` older rows predate the chain.
    Whole { rows: i64, unchained: i64 },
    /// The first row whose link does not hold (changed, or a row before it removed or added).
    BrokenAt { seq: i64, id: String },
    /// The newest row is not the one the head names: rows were removed from the end.
    Truncated { last_seq: i64, head_seq: i64 },
}

/// Walks the chain from the first row to the one the head names, and names the first broken
/// link. Rows written while it reads, after the head it read, are left for the next check.
pub async fn verify(pool: &AnyPool) -> Result<Verdict, sqlx::Error> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await?;
    let (head_seq, head_hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
    let rows = sqlx::query(
        "SELECT id, at, user_id, action, detail, ip, seq, prev_hash, hash FROM audit_log WHERE seq IS NOT NULL AND seq <= $1 ORDER BY seq",
    )
    .bind(head_seq)
    .fetch_all(pool)
    .await?;
    let mut prev_hash = String::new();
    let mut expected = 1;
    let mut last_id = String::new();
    for row in &rows {
        let seq: i64 = row.try_get("seq")?;
        let id: String = row.try_get("id")?;
        let user_id: Option<String> = row.try_get("user_id")?;
        let (action, detail, ip): (String, String, String) = (row.try_get("action")?, row.try_get("detail")?, row.try_get("ip")?);
        let event = Event { user_id: user_id.as_deref(), action: &action, detail: &detail, ip: &ip };
        let stored_prev: String = row.try_get("prev_hash")?;
        let stored_hash: String = row.try_get("hash")?;
        if seq != expected || stored_prev != prev_hash || stored_hash != link(&prev_hash, seq, &id, row.try_get("at")?, &event) {
            return Ok(Verdict::BrokenAt { seq, id });
        }
        prev_hash = stored_hash;
        last_id = id;
        expected += 1;
    }
    if head_seq != expected - 1 {
        return Ok(Verdict::Truncated { last_seq: expected - 1, head_seq });
    }
    // The newest row, changed and hashed again, still links to the one before: the head keeps
    // the hash it was written with.
    if head_seq > 0 && head_hash != prev_hash {
        return Ok(Verdict::BrokenAt { seq: head_seq, id: last_id });
    }
    let unchained: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE seq IS NULL").fetch_one(pool).await?.try_get("n")?;
    Ok(Verdict::Whole { rows: expected - 1, unchained })
}
