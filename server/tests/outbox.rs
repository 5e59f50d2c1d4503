//! Notifications are written with the change they report and delivered by a worker with
//! retries: a gateway that is down delays a text, never loses it, and no text goes twice.

#[path = "common/applying.rs"]
mod applying;
mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use applying::{signed_in, submitted_rent_withdrawal};
use common::TestApp;
use tongban_server::clock::SECOND;
use tongban_server::sms::{SendResult, SmsSender};

/// A gateway that refuses progress texts while `down` is above zero, counting down, and lets
/// one-time codes through (they are sent directly, not through the outbox).
struct Flaky {
    inner: Arc<dyn SmsSender>,
    down: AtomicU32,
}

impl SmsSender for Flaky {
    fn send<'a>(&'a self, id: &'a str, phone: &'a str, body: &'a str) -> SendResult<'a> {
        Box::pin(async move {
            if !body.contains("验证码") && self.down.load(Ordering::SeqCst) > 0 {
                self.down.fetch_sub(1, Ordering::SeqCst);
                return Err("gateway unavailable".to_string());
            }
            self.inner.send(id, phone, body).await
        })
    }
}

#[tokio::test]
async fn a_text_the_gateway_refuses_is_retried_with_backoff_and_delivered_once() {
    let app = TestApp::with_sms(|inner| Arc::new(Flaky { inner, down: AtomicU32::new(2) })).await;
    let zhang = signed_in(&app, "10.0.30.1", "31010119900307241X").await;
    let id = submitted_rent_withdrawal(&app, &zhang).await;
    let submitted = |texts: Vec<String>| texts.iter().filter(|t| t.contains("已提交")).count();

    // The change and its message are there at once; the text waits for the gateway.
    let messages = zhang.get("/api/v1/messages").await.json();
    assert_eq!(messages[0]["application_id"], id.as_str());
    assert_eq!(submitted(app.texts_to("13800138000").await), 0, "the gateway refused the first try");

    let state = app.state();
    assert_eq!(tongban_server::outbox::deliver_due(state).await.unwrap(), 0, "not due again before its backoff");
    app.clock.advance(21 * SECOND);
    assert_eq!(tongban_server::outbox::deliver_due(state).await.unwrap(), 0, "refused a second time");
    app.clock.advance(41 * SECOND);
    assert_eq!(tongban_server::outbox::deliver_due(state).await.unwrap(), 1);
    assert_eq!(submitted(app.texts_to("13800138000").await), 1);
    app.clock.advance(3600 * SECOND);
    assert_eq!(tongban_server::outbox::deliver_due(state).await.unwrap(), 0, "delivered is delivered");
    assert_eq!(submitted(app.texts_to("13800138000").await), 1);
}

#[tokio::test]
async fn two_workers_at_once_send_each_text_once() {
    let app = TestApp::with_sms(|inner| Arc::new(Flaky { inner, down: AtomicU32::new(1) })).await;
    let zhang = signed_in(&app, "10.0.30.2", "31010119900307241X").await;
    submitted_rent_withdrawal(&app, &zhang).await;
    app.clock.advance(30 * SECOND);
    let state = app.state();
    let (a, b) = tokio::join!(tongban_server::outbox::deliver_due(state), tongban_server::outbox::deliver_due(state));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one of the two claimed it");
    let texts = app.texts_to("13800138000").await;
    assert_eq!(texts.iter().filter(|t| t.contains("已提交")).count(), 1);
}
