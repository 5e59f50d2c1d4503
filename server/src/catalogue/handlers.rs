use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tongban_api::catalogue::{is_service_code, CatalogueQuery, Department, ServiceGuide, ServicePage, Theme};
use tongban_api::error::FieldProblems;
use tongban_api::{ApiErrorBody, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_services))
        .routes(routes!(get_service))
        .routes(routes!(list_departments))
        .routes(routes!(list_themes))
}

/// Search the catalogue.
#[utoipa::path(
    get, path = "/api/v1/services", tag = "catalogue",
    params(CatalogueQuery),
    responses(
        (status = 200, body = ServicePage),
        (status = 400, description = "A parameter is not acceptable; `fields` names each one", body = ApiErrorBody),
    )
)]
async fn list_services(State(state): State<AppState>, query: Result<Query<CatalogueQuery>, QueryRejection>) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::UnreadableQuery)?;
    let filter = query.validate().map_err(ApiError::Invalid)?;
    let mut unknown = FieldProblems::new();
    if filter.department.as_ref().is_some_and(|code| !state.catalogue.has_department(code)) {
        unknown.insert("department", FieldProblem::UnknownChoice);
    }
    if filter.theme.as_ref().is_some_and(|code| !state.catalogue.has_theme(code)) {
        unknown.insert("theme", FieldProblem::UnknownChoice);
    }
    if !unknown.is_empty() {
        return Err(ApiError::Invalid(unknown));
    }
    Ok(json(state.catalogue.search_json(&filter)))
}

/// The full guide of one service.
#[utoipa::path(
    get, path = "/api/v1/services/{code}", tag = "catalogue",
    params(("code" = String, Path, description = "Service code, e.g. GA-001")),
    responses(
        (status = 200, body = ServiceGuide),
        (status = 404, description = "No service has this code", body = ApiErrorBody),
    )
)]
async fn get_service(State(state): State<AppState>, Path(code): Path<String>) -> Result<Response, ApiError> {
    if !is_service_code(&code) {
        return Err(ApiError::NotFound);
    }
    state.catalogue.guide_json(&state.pool, &code).await?.map(json).ok_or(ApiError::NotFound)
}

/// A JSON body serialised once and kept (see `CatalogueIndex`). The catalogue is the same for
/// everyone: a browser may keep it, asking again before each use (the offline guides).
fn json(body: bytes::Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// Every department that offers services.
#[utoipa::path(get, path = "/api/v1/departments", tag = "catalogue", responses((status = 200, body = Vec<Department>)))]
async fn list_departments(State(state): State<AppState>) -> Response {
    json(state.catalogue.departments_json())
}

/// Life events and business events, each with the number of services it groups.
#[utoipa::path(get, path = "/api/v1/themes", tag = "catalogue", responses((status = 200, body = Vec<Theme>)))]
async fn list_themes(State(state): State<AppState>) -> Response {
    json(state.catalogue.themes_json())
}
