//! Fees an officer assesses (核定) at acceptance, for services that charge by a standard rather
//! than a fixed amount: one line of the standard times a number of units. The applicant is told
//! and pays it online like any fee; the service is approved only once its fee is assessed.

use axum::extract::{Path, State};
use axum::Json;
use tongban_api::applications::ApplicationState;
use tongban_api::catalogue::TariffItem;
use tongban_api::payments::{yuan, AssessFeeRequest};
use tongban_api::staff::CaseView;
use tongban_api::{ApiErrorBody, ConflictReason};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Officer;
use super::cases::{case_view, find_for_officer, record_use};
use crate::applications::store::{load, tell, ApplicationRecord};
use crate::audit::AuditAction;
use crate::catalogue::store::fee_tariff;
use crate::data_uses::Outcome;
use crate::error::ApiError;
use crate::outbox;
use crate::payments::store::{fee_assessed, fees_of_application, Assessment};
use crate::words::{Arg, Wording};
use crate::AppState;

/// Accepted (and perhaps under review) and not yet decided: when a fee can be assessed. Not while
/// corrections are outstanding, which may come before acceptance.
const ASSESSABLE: [ApplicationState; 2] = [ApplicationState::Accepted, ApplicationState::UnderReview];

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(assess))
}

/// The charging standard the officer can assess the application's fee from now: empty unless
/// its service charges by one, it is accepted and undecided, and its fee is not assessed yet.
pub(super) async fn tariff_open(state: &AppState, application: &ApplicationRecord) -> Result<Vec<TariffItem>, ApiError> {
    if !ASSESSABLE.contains(&application.summary.state) || !fees_of_application(state, &application.summary.id).await?.is_empty() {
        return Ok(Vec::new());
    }
    Ok(fee_tariff(&state.pool, &application.summary.service_code).await?)
}

/// Whether approving must wait for the fee to be assessed.
pub(super) async fn unassessed(state: &AppState, application: &ApplicationRecord) -> Result<bool, ApiError> {
    Ok(fees_of_application(state, &application.summary.id).await?.is_empty()
        && !fee_tariff(&state.pool, &application.summary.service_code).await?.is_empty())
}

/// Assesses the application's fee from its service's charging standard. The applicant (for a
/// company, whoever may pay for it) then pays it online; it is assessed once.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/fees", tag = "staff", params(("id" = String, Path)),
    request_body = AssessFeeRequest,
    responses((status = 200, body = CaseView), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn assess(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<AssessFeeRequest>,
) -> Result<Json<CaseView>, ApiError> {
    let application = find_for_officer(&state, &officer, &id).await?;
    let tariff = tariff_open(&state, &application).await?;
    if tariff.is_empty() {
        return Err(ApiError::Conflict(ConflictReason::NotPossibleNow));
    }
    let (item, units) = request.validate(&tariff).map_err(ApiError::Invalid)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    // Holds the application where it is until this commits: a decision made meanwhile wins, and
    // this one is refused.
    let held = sqlx::query("UPDATE applications SET state = state WHERE id = $1 AND state IN ('accepted', 'under_review')")
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    let assessment = Assessment { item, units, officer: &officer.id };
    let amount_fen = match held.rows_affected() {
        1 => fee_assessed(&mut tx, now, &application, assessment).await?,
        _ => None,
    };
    let Some(amount_fen) = amount_fen else { return Err(ApiError::Conflict(ConflictReason::NotPossibleNow)) };
    let args = [
        ("service", Arg::Both(application.summary.service_name.clone())),
        ("item", Arg::Both(item.label.clone())),
        ("units", Arg::Number(i64::from(units))),
        ("amount", Arg::Said(yuan(amount_fen))),
    ];
    tell(
        &mut tx,
        now,
        &application.user_id,
        Some(&id),
        (&Wording::of("msg_fee_assessed_title", []), &Wording::of("msg_fee_assessed_body", args.clone())),
        &Wording::of("msg_fee_assessed_text", args),
    )
    .await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(officer.actor(), AuditAction::FeeAssessed, &id).await?;
    let application = load(&state, &id).await?.ok_or(ApiError::Internal)?;
    record_use(&state, &officer, &application, Outcome::Used).await?;
    Ok(Json(case_view(&state, application, officer.reader).await?))
}
