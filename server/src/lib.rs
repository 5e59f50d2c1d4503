//! Tongban reference server: the JSON API under `/api/v1` and the built web app.

pub mod catalogue;
pub mod config;
pub mod db;
pub mod error;
pub mod health;
pub mod web;

use axum::http::StatusCode;
use axum::routing::get;
use axum::{middleware, Router};
use sqlx::AnyPool;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::config::Config;
use crate::error::ApiError;

#[derive(Clone)]
pub struct AppState {
    pub pool: AnyPool,
    pub config: Config,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Tongban 通办 API", description = "The city's one-network government service portal."),
    tags((name = "catalogue", description = "Services, guides, departments and themes"))
)]
struct ApiDoc;

/// Connects, migrates and seeds the database named by `config`.
pub async fn prepare(config: Config) -> Result<AppState, String> {
    let pool = db::connect(&config).await.map_err(|e| format!("database {}: {e}", config.database_url))?;
    catalogue::seed::seed(&pool, config.synthetic_services).await?;
    Ok(AppState { pool, config })
}

/// The whole application: API, health check, OpenAPI document and the web app.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(catalogue::routes())
        .split_for_parts();
    let openapi = openapi.to_pretty_json().unwrap_or_default();
    let frontend = web::Frontend::load(&state.config.dist_dir);
    let timeout = state.config.request_timeout;
    let state_production = state.config.production;

    let api = api
        .route("/api/v1/openapi.json", get(|| async move { ([("content-type", "application/json")], openapi) }))
        .route("/api/v1/{*rest}", get(|| async { ApiError::NotFound }))
        .layer(middleware::from_fn(web::no_store));

    Router::new()
        .merge(api)
        .route("/healthz", get(health::healthz))
        .with_state(state)
        .merge(frontend.router())
        .layer(middleware::from_fn(error::localize))
        .layer(middleware::from_fn_with_state(frontend.security_headers(state_production), web::security_headers))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(TraceLayer::new_for_http())
}

