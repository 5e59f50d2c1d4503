//! Stand-ins for the outside systems the portal cannot reach here, speaking their real protocols:
//! payment channels in the style of Alipay and of WeChat Pay, with their own books, their own
//! cashier pages and their own keys, and a courier in the style of EMS government delivery. It is served by this server under `/sandbox/…`, apart from the portal: it shares only
//! the database file, and talks to the portal as the real one would — signed requests and
//! answers, and signed notifications sent asynchronously (by the outbox) with its retry schedule,
//! duplicated, delayed, reordered or dropped when the payer asks it to.

mod alipay;
pub mod bench;
mod books;
mod ems;
mod wechat;

use std::sync::{Arc, LazyLock};

use axum::Router;
use openssl::pkey::{PKey, Private, Public};
use sqlx::AnyPool;

use crate::clock::Clock;
use crate::payments::rsa2::key_pair;

pub use alipay::{deliver as deliver_alipay, retry_after as alipay_retry_after, ALIPAY_APP_ID, ALIPAY_SELLER_ID};
pub use ems::{deliver as deliver_ems, EMS_PARTNER};
pub use wechat::{
    deliver as deliver_wechat, retry_after as wechat_retry_after, signed_notification as wechat_notification, WECHAT_API_V3_KEY,
    WECHAT_APP_ID, WECHAT_MCH_ID, WECHAT_MERCHANT_SERIAL, WECHAT_PLATFORM_SERIAL,
};

/// The sandbox's published test keys: the merchant's (the portal signs with them) and the
/// platforms' (the sandbox channels sign with them). Anyone can read them; production refuses
/// the sandbox.
pub struct SandboxKeys {
    pub alipay_app: (PKey<Private>, PKey<Public>),
    pub alipay_platform: (PKey<Private>, PKey<Public>),
    pub wechat_merchant: (PKey<Private>, PKey<Public>),
    pub wechat_platform: (PKey<Private>, PKey<Public>),
    pub ems_partner: (PKey<Private>, PKey<Public>),
    pub ems_platform: (PKey<Private>, PKey<Public>),
}

pub static KEYS: LazyLock<SandboxKeys> = LazyLock::new(|| SandboxKeys {
    alipay_app: key_pair(include_str!("../../seed/sandbox/alipay_app.pem")),
    alipay_platform: key_pair(include_str!("../../seed/sandbox/alipay_platform.pem")),
    wechat_merchant: key_pair(include_str!("../../seed/sandbox/wechat_merchant.pem")),
    wechat_platform: key_pair(include_str!("../../seed/sandbox/wechat_platform.pem")),
    ems_partner: key_pair(include_str!("../../seed/sandbox/ems_partner.pem")),
    ems_platform: key_pair(include_str!("../../seed/sandbox/ems_platform.pem")),
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
    alipay::routes()
        .merge(wechat::routes())
        .merge(ems::routes())
        .route("/sandbox/cashier.css", axum::routing::get(cashier_css))
        .with_state(state)
}

/// Posts a notification to the portal's notify endpoint, as a channel would over the network,
/// waiting five seconds at most for its answer; Ok when the answer is what the channel takes as
/// "received" (`taken`).
async fn post_to_portal(
    state: &crate::AppState,
    request: axum::http::Request<axum::body::Body>,
    taken: fn(axum::http::StatusCode, &[u8]) -> bool,
) -> Result<(), String> {
    use tower::ServiceExt;
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), crate::notify_router(state.clone()).oneshot(request))
        .await
        .map_err(|_| "the portal did not answer in time".to_string())?
        .map_err(|e| e.to_string())?;
    let status = answer.status();
    let body = axum::body::to_bytes(answer.into_body(), 4096).await.map_err(|e| e.to_string())?;
    if taken(status, &body) {
        Ok(())
    } else {
        Err(format!("the portal answered {status} {}", String::from_utf8_lossy(&body)))
    }
}

async fn cashier_css() -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("cashier.css"))
}
