//! Stand-ins for the outside systems the portal cannot reach here, speaking their real protocols:
//! a payment channel in the style of Alipay, with its own books, its own cashier page and its own
//! keys. It is served by this server under `/sandbox/…`, apart from the portal: it shares only
//! the database file, and talks to the portal as the real one would — signed requests and
//! answers, and signed notifications sent asynchronously (by the outbox) with its retry schedule,
//! duplicated, delayed, reordered or dropped when the payer asks it to.

mod alipay;
pub mod bench;

use std::sync::{Arc, LazyLock};

use axum::Router;
use openssl::pkey::{PKey, Private, Public};
use sqlx::AnyPool;

use crate::clock::Clock;
use crate::payments::rsa2::key_pair;

pub use alipay::{deliver as deliver_alipay, retry_after as alipay_retry_after, ALIPAY_APP_ID, ALIPAY_SELLER_ID};

/// The sandbox's published test keys: the app's (the portal signs with it) and the platform's
/// (the sandbox channel signs with it). Anyone can read them; production refuses the sandbox.
pub struct SandboxKeys {
    pub alipay_app: (PKey<Private>, PKey<Public>),
    pub alipay_platform: (PKey<Private>, PKey<Public>),
}

pub static KEYS: LazyLock<SandboxKeys> = LazyLock::new(|| SandboxKeys {
    alipay_app: key_pair(include_str!("../../seed/sandbox/alipay_app.pem")),
    alipay_platform: key_pair(include_str!("../../seed/sandbox/alipay_platform.pem")),
});

#[derive(Clone)]
pub struct SandboxState {
    pub pool: AnyPool,
    pub clock: Arc<dyn Clock>,
    /// Its delays and retry schedules are divided by this.
    pub scale: u32,
    /// The merchant's (the portal's) own address: return and notify addresses must be under it.
    pub origin: String,
}

pub fn router(state: SandboxState) -> Router {
    alipay::routes().route("/sandbox/cashier.css", axum::routing::get(cashier_css)).with_state(state)
}

async fn cashier_css() -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("cashier.css"))
}
