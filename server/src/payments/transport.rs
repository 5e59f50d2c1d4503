//! Reaching a channel. The sandbox channels run in this server, so their adapters send real HTTP
//! requests through the sandbox's router in-process; a real adapter would send the same bytes over
//! the network.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

use super::channel::ChannelError;

/// A channel's answer to the portal must come within this, or nothing is known.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Clone)]
pub struct InProcess(pub Router);

impl InProcess {
    pub async fn send(&self, request: Request<Body>) -> Result<(StatusCode, HeaderMap, Bytes), ChannelError> {
        let answer = tokio::time::timeout(ANSWER_WITHIN, self.0.clone().oneshot(request))
            .await
            .map_err(|_| ChannelError::Unreachable("no answer in time".into()))?
            .map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        let status = answer.status();
        let headers = answer.headers().clone();
        let body = axum::body::to_bytes(answer.into_body(), 1 << 20).await.map_err(|e| ChannelError::Unreachable(e.to_string()))?;
        Ok((status, headers, body))
    }
}
