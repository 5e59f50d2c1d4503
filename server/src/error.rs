//! The server's one error type. Handlers return it with `?`; the `localize` middleware turns it
//! into `{code, message, fields}` in the language the request asked for.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tongban_api::error::FieldProblems;
use tongban_api::forms::FoundProblem;
use tongban_api::{ApiErrorBody, ErrorCode, Lang};
use tongban_api::{ConflictReason, Refusal};

#[derive(Clone, Debug)]
pub enum ApiError {
    Invalid(FieldProblems),
    /// Problems with answers to a form's questions, each message naming its question.
    InvalidAnswers(Vec<FoundProblem>),
    NotFound,
    Conflict(ConflictReason),
    /// Signed in, but not allowed this; for things whose existence may be told.
    Forbidden(Refusal),
    /// The query string could not be read at all (bad encoding, a repeated parameter).
    UnreadableQuery,
    Unauthenticated,
    /// A sensitive change, and the session's last proof is older than the configured minutes.
    ProofNeeded,
    CsrfRejected,
    /// Too many requests; try again after this many seconds.
    RateLimited {
        retry_after_secs: i64,
    },
    /// Wrong passwords locked the account until this time (microseconds since the epoch).
    Locked {
        until: i64,
    },
    Internal,
}

/// `HH:MM` in Shanghai time.
fn shanghai_clock_time(micros: i64) -> String {
    let time = crate::clock::in_shanghai(micros);
    format!("{:02}:{:02}", time.hour(), time.minute())
}

impl ApiError {
    /// The one way to say "this field is wrong".
    pub fn field(field: &'static str, problem: tongban_api::FieldProblem) -> ApiError {
        ApiError::Invalid(FieldProblems::from([(field, problem)]))
    }

    fn code(&self) -> ErrorCode {
        match self {
            ApiError::Invalid(_) | ApiError::InvalidAnswers(_) | ApiError::UnreadableQuery => ErrorCode::ValidationFailed,
            ApiError::Conflict(_) => ErrorCode::Conflict,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::Unauthenticated => ErrorCode::Unauthenticated,
            ApiError::ProofNeeded => ErrorCode::ProofNeeded,
            ApiError::CsrfRejected => ErrorCode::CsrfRejected,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::Locked { .. } => ErrorCode::Locked,
            ApiError::Internal => ErrorCode::Internal,
        }
    }

    pub fn body(&self, lang: Lang) -> ApiErrorBody {
        let zh = lang == Lang::Zh;
        let message = match self {
            ApiError::Locked { until } if zh => {
                return self.with_message(format!("输错密码次数过多，账户已临时锁定，请于 {} 后再试", shanghai_clock_time(*until)))
            }
            ApiError::Locked { until } => {
                return self.with_message(format!(
                    "Too many wrong passwords: the account is locked until {} (Shanghai time)",
                    shanghai_clock_time(*until)
                ))
            }
            ApiError::RateLimited { retry_after_secs } if zh => {
                return self.with_message(format!("操作过于频繁，请 {retry_after_secs} 秒后再试"))
            }
            ApiError::RateLimited { retry_after_secs } => {
                return self.with_message(format!("Too many attempts: try again in {retry_after_secs} seconds"))
            }
            ApiError::Conflict(reason) => return self.with_message(reason.message(lang).to_string()),
            ApiError::Forbidden(refusal) => return self.with_message(refusal.message(lang).to_string()),
            ApiError::Unauthenticated if zh => "请先登录，或您的登录已过期",
            ApiError::Unauthenticated => "Sign in first, or sign in again: your session has ended",
            ApiError::ProofNeeded if zh => "为保护您的账户，请再次输入密码或短信验证码，确认是您本人",
            ApiError::ProofNeeded => "To protect your account, give your password or a text-message code again to confirm it is you",
            ApiError::CsrfRejected if zh => "页面已过期，请刷新后重试",
            ApiError::CsrfRejected => "This page has expired; reload it and try again",
            ApiError::Invalid(_) | ApiError::InvalidAnswers(_) if zh => "请求中有内容需要修改",
            ApiError::Invalid(_) | ApiError::InvalidAnswers(_) => "Some of the request needs correcting",
            ApiError::UnreadableQuery if zh => "无法读取查询参数：请检查编码，且每个参数只出现一次",
            ApiError::UnreadableQuery => "The query string could not be read: check its encoding and give each parameter once",
            ApiError::NotFound if zh => "没有找到该内容",
            ApiError::NotFound => "Nothing was found at this address",
            ApiError::Internal if zh => "服务暂时出现问题，请稍后再试",
            ApiError::Internal => "Something went wrong on our side; please try again shortly",
        };
        let fields = match self {
            ApiError::Invalid(problems) => problems.iter().map(|(k, p)| (k.to_string(), p.message_for(k, lang))).collect(),
            ApiError::InvalidAnswers(problems) => problems.iter().map(|p| (p.field.clone(), p.message(lang))).collect(),
            _ => Default::default(),
        };
        ApiErrorBody { code: self.code(), message: message.into(), fields }
    }

    fn with_message(&self, message: String) -> ApiErrorBody {
        ApiErrorBody { code: self.code(), message, fields: Default::default() }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        // Two requests racing to make the same thing: the loser is told to look again, not a 500.
        if err.as_database_error().is_some_and(|e| e.is_unique_violation()) {
            tracing::warn!(error = %err, "unique key clash");
            return ApiError::Conflict(ConflictReason::ChangedElsewhere);
        }
        tracing::error!(error = %err, "database error");
        ApiError::Internal
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code().http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        if let ApiError::RateLimited { retry_after_secs } = self {
            if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The language a request asked for, from its `Accept-Language` header.
pub fn lang_of(headers: &axum::http::HeaderMap) -> Lang {
    headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map_or(Lang::Zh, Lang::from_accept_language)
}

pub async fn localize(request: Request, next: Next) -> Response {
    let lang = lang_of(request.headers());
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<ApiError>() else { return response };
    let mut localized = (response.status(), Json(error.body(lang))).into_response();
    // Keep what the failing handler or a layer already set, such as Retry-After.
    for (name, value) in response.headers() {
        if !localized.headers().contains_key(name) {
            localized.headers_mut().insert(name.clone(), value.clone());
        }
    }
    localized
}

#[cfg(test)]
mod tests {
    use super::shanghai_clock_time;

    #[test]
    fn lock_times_are_shown_in_shanghai_time() {
        // 2026-11-27 00:15 UTC is 08:15 in Shanghai.
        assert_eq!(shanghai_clock_time(1_795_738_500 * 1_000_000), "08:15");
    }
}
