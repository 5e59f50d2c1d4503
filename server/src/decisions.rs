//! The public register of licensing decisions: every licence issued through the portal to a
//! company, searchable by anyone. Nothing about individuals is published (Art. 18, 24).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use sqlx::Row;
use tongban_api::decisions::{DecisionPage, DecisionQuery, PublishedDecision, DECISIONS_PER_PAGE};
use tongban_api::{ApiErrorBody, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::catalogue::search_text::like_pattern;
use crate::error::ApiError;
use crate::AppState;

const FROM_MATCHING: &str = "FROM e_licences l JOIN applications a ON a.id = l.application_id \
     JOIN services s ON s.code = a.service_code \
     WHERE a.company IS NOT NULL AND ($1 = '' OR l.holder_name LIKE $2 ESCAPE '\\' OR l.holder = $3 OR l.number = $4)";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_filter<'q>(query: AnyQuery<'q>, q: &str) -> AnyQuery<'q> {
    let exact = q.to_uppercase();
    query.bind(q.to_string()).bind(like_pattern(q)).bind(exact.clone()).bind(exact)
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_decisions))
}

/// Licences issued to companies, newest first; `q` matches part of the company's name, or a whole
/// credit code or licence number.
#[utoipa::path(get, path = "/api/v1/decisions", tag = "decisions", params(DecisionQuery),
    responses((status = 200, body = DecisionPage), (status = 400, body = ApiErrorBody)))]
async fn list_decisions(
    State(state): State<AppState>,
    query: Result<Query<DecisionQuery>, QueryRejection>,
) -> Result<Json<DecisionPage>, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::UnreadableQuery)?;
    let filter = query.validate().map_err(ApiError::Invalid)?;
    let sql = format!(
        "SELECT l.title_zh, l.title_en, l.number, l.holder_name, l.holder, l.issued_on, l.issuer_zh, l.issuer_en, \
                    s.code, s.name_zh, s.name_en, COUNT(*) OVER () AS total {FROM_MATCHING} \
             ORDER BY l.issued_on DESC, l.number DESC LIMIT $5 OFFSET $6"
    );
    let rows = bind_filter(sqlx::query(&sql), &filter.q)
        .bind(i64::from(DECISIONS_PER_PAGE))
        .bind(i64::from(filter.page - 1) * i64::from(DECISIONS_PER_PAGE))
        .fetch_all(&state.pool)
        .await?;
    let total = match rows.first() {
        Some(row) => row.try_get::<i64, _>("total")?,
        // A page past the end still says how many there are.
        None if filter.page > 1 => {
            let count = format!("SELECT COUNT(*) AS total {FROM_MATCHING}");
            bind_filter(sqlx::query(&count), &filter.q).fetch_one(&state.pool).await?.try_get::<i64, _>("total")?
        }
        None => 0,
    } as u64;
    let items = rows
        .iter()
        .map(|r| {
            Ok(PublishedDecision {
                licence_title: Localized::new(r.try_get::<String, _>("title_zh")?, r.try_get::<String, _>("title_en")?),
                licence_number: r.try_get("number")?,
                holder_name: r.try_get("holder_name")?,
                credit_code: r.try_get("holder")?,
                issued_on: r.try_get("issued_on")?,
                issuer: Localized::new(r.try_get::<String, _>("issuer_zh")?, r.try_get::<String, _>("issuer_en")?),
                service_code: r.try_get("code")?,
                service_name: Localized::new(r.try_get::<String, _>("name_zh")?, r.try_get::<String, _>("name_en")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Json(DecisionPage { items, total, page: filter.page, per_page: DECISIONS_PER_PAGE }))
}
