//! The audit log is hash-chained and append-only: the database refuses to change it, and a
//! change made by someone who got round that is found at the row where it was made.

#[path = "common/applying.rs"]
mod applying;
mod common;

use applying::signed_in;
use common::TestApp;
use sqlx::Executor;
use tongban_server::audit::{verify, Actor, AuditAction, Verdict};

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

#[tokio::test]
async fn events_recorded_at_once_from_many_requests_are_all_chained_in_order() {
    let app = TestApp::new().await;
    let pool = &app.state().pool;
    let Verdict::Whole { rows: before, .. } = verify(pool).await.unwrap() else { panic!("the chain should be whole") };
    let events = (0..120).map(|n| {
        let state = app.state().clone();
        tokio::spawn(async move {
            let ip = format!("10.0.41.{}", n % 250);
            let detail = format!("event {n}");
            state.audit(Actor::Anonymous { ip: &ip }, AuditAction::LicenceVerified, &detail).await
        })
    });
    for recorded in futures::future::join_all(events).await {
        recorded.unwrap().expect("each caller is told its event is committed");
    }
    let Verdict::Whole { rows, .. } = verify(pool).await.unwrap() else { panic!("the chain should be whole, without forks") };
    assert_eq!(rows, before + 120);
    let details: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE detail LIKE 'event %'").fetch_all(pool).await.unwrap();
    let mut numbers: Vec<u32> = details.iter().map(|d| d["event ".len()..].parse().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (0..120).collect::<Vec<_>>(), "every event once");
}
