//! CSRF defence for the API: every state-changing request must echo the `tb_csrf` cookie in the
//! `X-CSRF-Token` header. Another site can make a browser send the cookie but cannot read it to
//! set the header.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tongban_api::identity::CSRF_HEADER;

use crate::cookies;
use crate::error::ApiError;

pub async fn require_token(request: Request, next: Next) -> Response {
    if request.method().is_safe() {
        return next.run(request).await;
    }
    let header = request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    let cookie = cookies::CSRF.read(request.headers());
    let matches = match (header, cookie.as_deref()) {
        (Some(h), Some(c)) => c.len() >= 32 && h.as_bytes() == c.as_bytes(),
        _ => false,
    };
    if matches {
        next.run(request).await
    } else {
        ApiError::CsrfRejected.into_response()
    }
}
