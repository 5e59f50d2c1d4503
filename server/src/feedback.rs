//! "Is this page useful?" on every guide: anyone answers, without an account and rate-limited;
//! the department the guide is about reads what was said.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::Row;
use tongban_api::feedback::{DepartmentFeedback, GuideFeedbackRequest, GuideFeedbackView, GuideProblem, GuideUsefulness};
use tongban_api::{ApiErrorBody, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::identity::sessions::RequestOrigin;
use crate::rate_limit::Limit;
use crate::secrets::random_token;
use crate::staff::Officer;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(give)).routes(routes!(of_department))
}

/// How many of the latest answers the department reads at once.
const LATEST: i64 = 100;

/// Says whether a guide was useful and, when not, what was wrong with it.
#[utoipa::path(post, path = "/api/v1/services/{code}/feedback", tag = "catalogue", params(("code" = String, Path)),
    request_body = GuideFeedbackRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn give(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Path(code): Path<String>,
    Json(request): Json<GuideFeedbackRequest>,
) -> Result<StatusCode, ApiError> {
    state.limit(Limit::GuideFeedback { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let known = sqlx::query("SELECT 1 AS one FROM services WHERE code = $1").bind(code.as_str()).fetch_optional(&state.pool).await?;
    if known.is_none() {
        return Err(ApiError::NotFound);
    }
    let mut problems: Vec<&str> = if request.useful { Vec::new() } else { request.problems.iter().map(|p| p.as_str()).collect() };
    problems.sort_unstable();
    problems.dedup();
    sqlx::query("INSERT INTO guide_feedback (id, at, service_code, useful, problems, comment) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(random_token(12))
        .bind(state.clock.now())
        .bind(code.as_str())
        .bind(i64::from(request.useful))
        .bind(problems.join(","))
        .bind(if request.useful { "" } else { request.comment.trim() })
        .execute(&state.pool)
        .await?;
    state.audit(Actor::Anonymous { ip: &origin.ip }, AuditAction::GuideFeedbackGiven, &code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What people said about the officer's department's guides: each guide's counts, least useful
/// first, and the latest answers.
#[utoipa::path(get, path = "/api/v1/staff/feedback", tag = "staff",
    responses((status = 200, body = DepartmentFeedback), (status = 401, body = ApiErrorBody)))]
async fn of_department(State(state): State<AppState>, officer: Officer) -> Result<Json<DepartmentFeedback>, ApiError> {
    let guides = sqlx::query(
        "SELECT s.code, s.name_zh, s.name_en, CAST(SUM(f.useful) AS BIGINT) AS useful, CAST(COUNT(*) - SUM(f.useful) AS BIGINT) AS not_useful \
         FROM guide_feedback f JOIN services s ON s.code = f.service_code WHERE s.department_code = $1 \
         GROUP BY s.code, s.name_zh, s.name_en ORDER BY not_useful DESC, s.code",
    )
    .bind(officer.department_code.as_str())
    .fetch_all(&state.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(GuideUsefulness {
            service_code: r.try_get("code")?,
            service_name: Localized::new(r.try_get::<String, _>("name_zh")?, r.try_get::<String, _>("name_en")?),
            useful: u32::try_from(r.try_get::<i64, _>("useful")?).unwrap_or_default(),
            not_useful: u32::try_from(r.try_get::<i64, _>("not_useful")?).unwrap_or_default(),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let latest = sqlx::query(
        "SELECT f.at, s.code, s.name_zh, s.name_en, f.useful, f.problems, f.comment \
         FROM guide_feedback f JOIN services s ON s.code = f.service_code WHERE s.department_code = $1 \
         ORDER BY f.at DESC, f.id LIMIT $2",
    )
    .bind(officer.department_code.as_str())
    .bind(LATEST)
    .fetch_all(&state.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(GuideFeedbackView {
            at: r.try_get::<i64, _>("at")? / SECOND,
            service_code: r.try_get("code")?,
            service_name: Localized::new(r.try_get::<String, _>("name_zh")?, r.try_get::<String, _>("name_en")?),
            useful: r.try_get::<i64, _>("useful")? == 1,
            problems: r.try_get::<String, _>("problems")?.split(',').filter_map(GuideProblem::parse).collect(),
            comment: r.try_get("comment")?,
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(DepartmentFeedback { guides, latest }))
}
