//! The server's one error type. Handlers return it with `?`; the `localize` middleware turns it
//! into `{code, message, fields}` in the language the request asked for.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tongban_api::error::FieldProblems;
use tongban_api::{ApiErrorBody, ErrorCode, Lang};

#[derive(Clone, Debug)]
pub enum ApiError {
    Invalid(FieldProblems),
    NotFound,
    /// The query string could not be read at all (bad encoding, a repeated parameter).
    UnreadableQuery,
    Internal,
}

impl ApiError {
    fn code(&self) -> ErrorCode {
        match self {
            ApiError::Invalid(_) | ApiError::UnreadableQuery => ErrorCode::ValidationFailed,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::Internal => ErrorCode::Internal,
        }
    }

    pub fn body(&self, lang: Lang) -> ApiErrorBody {
        let zh = lang == Lang::Zh;
        let message = match self {
            ApiError::Invalid(_) if zh => "请求中有内容需要修改",
            ApiError::Invalid(_) => "Some of the request needs correcting",
            ApiError::UnreadableQuery if zh => "无法读取查询参数：请检查编码，且每个参数只出现一次",
            ApiError::UnreadableQuery => {
                "The query string could not be read: check its encoding and give each parameter once"
            }
            ApiError::NotFound if zh => "没有找到该内容",
            ApiError::NotFound => "Nothing was found at this address",
            ApiError::Internal if zh => "服务暂时出现问题，请稍后再试",
            ApiError::Internal => "Something went wrong on our side; please try again shortly",
        };
        let fields = match self {
            ApiError::Invalid(problems) => {
                problems.iter().map(|(k, p)| (k.to_string(), p.message(lang))).collect()
            }
            _ => Default::default(),
        };
        ApiErrorBody { code: self.code(), message: message.into(), fields }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "database error");
        ApiError::Internal
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code().http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The language a request asked for, from its `Accept-Language` header.
pub fn request_lang(request: &Request) -> Lang {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Zh, Lang::from_accept_language)
}

pub async fn localize(request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    let mut response = next.run(request).await;
    match response.extensions_mut().remove::<ApiError>() {
        Some(error) => (response.status(), Json(error.body(lang))).into_response(),
        None => response,
    }
}
