//! The audit log is hash-chained and append-only: the database refuses to change it, and a
//! change made by someone who got round that is found at the row where it was made.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::signed_in;
use common::TestApp;
use sqlx::Executor;
use tongban_server::audit::{verify, Verdict};

/// What an intruder with the rights to change the schema would do first.
async fn drop_guard(app: &TestApp) {
    let postgres = app.state().config.database_url.starts_with("postgres");
    let statement = if postgres {
        "DROP TRIGGER audit_log_append_only ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"
    };
    app.state().pool.execute(statement).await.unwrap();
}

#[tokio::test]
async fn the_chain_is_whole_the_log_is_append_only_and_a_tampered_row_is_named() {
    let app = TestApp::new().await;
    for ip in ["10.0.40.1", "10.0.40.2", "10.0.40.3"] {
        let zhang = signed_in(&app, ip, "31010119900307241X").await;
        zhang.get("/api/v1/account/history").await;
    }
    let pool = &app.state().pool;
    let Verdict::Whole { rows, .. } = verify(pool).await.unwrap() else { panic!("the chain should be whole") };
    assert!(rows >= 3, "{rows}");

    let changed = pool.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2").await;
    assert!(changed.is_err_and(|e| e.to_string().contains("append-only")), "the database refuses to change a row");
    let removed = pool.execute("DELETE FROM audit_log WHERE seq = 2").await;
    assert!(removed.is_err(), "or to remove one");

    // Someone with the rights to drop the guard still cannot hide what they did.
    drop_guard(&app).await;
    pool.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2").await.unwrap();
    assert!(matches!(verify(pool).await.unwrap(), Verdict::BrokenAt { seq: 2, .. }));
}

#[tokio::test]
async fn rows_removed_from_the_end_are_noticed() {
    let app = TestApp::new().await;
    signed_in(&app, "10.0.40.4", "31010119900307241X").await;
    let pool = &app.state().pool;
    drop_guard(&app).await;
    pool.execute("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)").await.unwrap();
    assert!(matches!(verify(pool).await.unwrap(), Verdict::Truncated { .. }));
}
