//! The one typed client of the API: base path, JSON, language, timeout, and every failure mapped
//! to `ApiError`.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use tongban_api::catalogue::{CatalogueQuery, Department, ServiceGuide, ServicePage, Theme};
use tongban_api::{ErrorCode, Lang, API_PREFIX};

pub use tongban_api::ApiErrorBody as ApiError;

const TIMEOUT_MS: u32 = 15_000;

fn unavailable() -> ApiError {
    ApiError { code: ErrorCode::Unavailable, message: String::new(), fields: Default::default() }
}

async fn get<T: DeserializeOwned>(path: &str, lang: Lang) -> Result<T, ApiError> {
    let signal = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let response = Request::get(&format!("{API_PREFIX}{path}"))
        .header("Accept", "application/json")
        .header("Accept-Language", lang.tag())
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|_| unavailable())?;
    if response.ok() {
        return response.json::<T>().await.map_err(|_| unavailable());
    }
    // A proxy or a crashed server answers without our error shape: treat it as unavailable.
    Err(response.json::<ApiError>().await.unwrap_or_else(|_| unavailable()))
}

/// `?a=1&b=2` from the set parameters, percent-encoded.
pub fn query_string(query: &CatalogueQuery) -> String {
    let pairs = query.pairs();
    if pairs.is_empty() {
        return String::new();
    }
    let encoded: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    format!("?{}", encoded.join("&"))
}

pub async fn search_services(query: &CatalogueQuery, lang: Lang) -> Result<ServicePage, ApiError> {
    get(&format!("/services{}", query_string(query)), lang).await
}

pub async fn service_guide(code: &str, lang: Lang) -> Result<ServiceGuide, ApiError> {
    get(&format!("/services/{}", String::from(js_sys::encode_uri_component(code))), lang).await
}

pub async fn departments(lang: Lang) -> Result<Vec<Department>, ApiError> {
    get("/departments", lang).await
}

pub async fn themes(lang: Lang) -> Result<Vec<Theme>, ApiError> {
    get("/themes", lang).await
}
