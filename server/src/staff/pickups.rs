//! Results collected at the window (Art. 35's delivery, by pick-up code). Issuing the result of an
//! application whose applicant chose to collect it makes an 8-digit pick-up code at the issuing
//! department's window, in the same transaction; the applicant reads it, with its QR, on the
//! application. An officer of that department enters or scans the code, sees whose result it is,
//! checks the collector's identity document, and hands it over once: the hand-over is recorded,
//! audited, and closes the application.

use axum::extract::State;
use axum::Json;
use sqlx::Row;
use tongban_api::applications::{ApplicationEvent, ApplicationState};
use tongban_api::delivery::{HandOverRequest, PickupCase, PickupLookupRequest, PickupPlace, PickupState, PickupView, PICKUP_CODE_DIGITS};
use tongban_api::forms::Answer;
use tongban_api::identity::mask_id_number;
use tongban_api::{fields, ApiErrorBody, ConflictReason, FieldProblem, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Officer;
use super::cases::applicant_of;
use crate::applications::store::{self, load, ApplicationRecord, Move, MovedBy};
use crate::audit::AuditAction;
use crate::clock::SECOND;
use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use crate::error::ApiError;
use crate::outbox;
use crate::rate_limit::Limit;
use crate::secrets::{random_digits, random_token};
use crate::words::Wording;
use crate::AppState;

/// The form's answer for collecting the result at the window.
const AT_THE_WINDOW: &str = "window";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(look_up)).routes(routes!(hand_over))
}

/// Makes the pick-up code when the applicant chose to collect the result at the window: what the
/// applicant's message says of it, or `None` when they chose otherwise.
pub async fn make(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    application: &ApplicationRecord,
) -> Result<Option<Wording>, ApiError> {
    if !matches!(application.answers.get("delivery"), Some(Answer::Text(choice)) if choice == AT_THE_WINDOW) {
        return Ok(None);
    }
    // Where the applicant came to apply, if they booked a window; else the department's own.
    let window = sqlx::query(
        "SELECT w.code, w.name_zh, w.name_en FROM service_windows w \
         LEFT JOIN bookings b ON b.window_code = w.code AND b.application_id = $1 AND b.cancelled_at IS NULL \
         WHERE b.id IS NOT NULL OR w.department_code = $2 ORDER BY CASE WHEN b.id IS NULL THEN 1 ELSE 0 END, w.code LIMIT 1",
    )
    .bind(application.summary.id.as_str())
    .bind(application.department.as_str())
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(ApiError::Internal)?;
    let place = Localized::new(window.try_get::<String, _>("name_zh")?, window.try_get::<String, _>("name_en")?);
    // Unique among results still waiting: a code drawn twice (one in a hundred million for each
    // result waiting) is drawn again.
    for _ in 0..5 {
        let code = random_digits(PICKUP_CODE_DIGITS);
        let made = sqlx::query(
            "INSERT INTO result_pickups (id, application_id, department_code, window_code, code, state, ready_at) \
             VALUES ($1, $2, $3, $4, $5, 'ready', $6) ON CONFLICT DO NOTHING",
        )
        .bind(random_token(12))
        .bind(application.summary.id.as_str())
        .bind(application.department.as_str())
        .bind(window.try_get::<String, _>("code")?)
        .bind(code.as_str())
        .bind(state.clock.now())
        .execute(&mut **tx)
        .await?;
        if made.rows_affected() == 1 {
            // The code itself is shown only on the application, not kept in messages and the timeline.
            return Ok(Some(Wording::of("msg_pickup_ready", [("place", (&place).into())])));
        }
    }
    Err(ApiError::Internal)
}

/// The application's result to collect, as its applicant sees it.
pub async fn for_applicant(state: &AppState, application_id: &str) -> Result<Option<PickupView>, ApiError> {
    let row = sqlx::query(
        "SELECT p.code, p.state, p.ready_at, p.handed_over_at, w.name_zh, w.name_en, w.address_zh, w.address_en, w.hours_zh, w.hours_en, w.phone \
         FROM result_pickups p JOIN service_windows w ON w.code = p.window_code WHERE p.application_id = $1",
    )
    .bind(application_id)
    .fetch_optional(&state.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let text = |name: &str| row.try_get::<String, _>(name);
    Ok(Some(PickupView {
        state: state_of(&text("state")?)?,
        code: text("code")?,
        place: PickupPlace {
            name: Localized::new(text("name_zh")?, text("name_en")?),
            address: Localized::new(text("address_zh")?, text("address_en")?),
            hours: Localized::new(text("hours_zh")?, text("hours_en")?),
            phone: text("phone")?,
        },
        ready_at: row.try_get::<i64, _>("ready_at")? / SECOND,
        handed_over_at: row.try_get::<Option<i64>, _>("handed_over_at")?.map(|at| at / SECOND),
    }))
}

fn state_of(text: &str) -> Result<PickupState, ApiError> {
    match text {
        "ready" => Ok(PickupState::Ready),
        "handed_over" => Ok(PickupState::HandedOver),
        _ => Err(ApiError::Internal),
    }
}

struct Found {
    id: String,
    state: PickupState,
    ready_at: i64,
    handed_over_at: Option<i64>,
    handed_over_by: Option<String>,
    application: ApplicationRecord,
}

/// The result waiting at the officer's department under `code` (or, failing that, the latest
/// handed over under it). Any other code — wrong, or another department's — is one answer, and
/// audited: codes are not probed unseen.
async fn find(state: &AppState, officer: &Officer, code: &str) -> Result<Found, ApiError> {
    state.limit(Limit::Redemptions { who: &format!("staff:{}", officer.id) }).await?;
    let row = sqlx::query(
        "SELECT p.id, p.application_id, p.state, p.ready_at, p.handed_over_at, s.name AS handed_over_by FROM result_pickups p \
         LEFT JOIN staff s ON s.id = p.handed_over_by WHERE p.code = $1 AND p.department_code = $2 \
         ORDER BY CASE WHEN p.state = 'ready' THEN 0 ELSE 1 END, p.ready_at DESC LIMIT 1",
    )
    .bind(code)
    .bind(officer.department_code.as_str())
    .fetch_optional(&state.pool)
    .await?;
    let Some(row) = row else {
        state.audit(officer.actor(), AuditAction::PickupRefused, "unknown code").await?;
        return Err(ApiError::field(fields::PICKUP_CODE, FieldProblem::PickupCodeUnknown));
    };
    let application = load(state, &row.try_get::<String, _>("application_id")?).await?.ok_or(ApiError::Internal)?;
    Ok(Found {
        id: row.try_get("id")?,
        state: state_of(&row.try_get::<String, _>("state")?)?,
        ready_at: row.try_get::<i64, _>("ready_at")? / SECOND,
        handed_over_at: row.try_get::<Option<i64>, _>("handed_over_at")?.map(|at| at / SECOND),
        handed_over_by: row.try_get("handed_over_by")?,
        application,
    })
}

/// Whose result it is, for the officer to check against the document shown; a read of the
/// applicant's data, on their record of who used it.
async fn case_of(state: &AppState, officer: &Officer, found: Found) -> Result<PickupCase, ApiError> {
    let application = &found.application;
    let (name, id_number) = applicant_of(state, application).await?;
    let (applicant_name, applicant_id, subject) = match (&application.company, &application.summary.company_name) {
        (Some(credit_code), company_name) => {
            (format!("{}（{name}）", company_name.clone().unwrap_or_default()), credit_code.clone(), credit_code.clone())
        }
        (None, _) => (name, mask_id_number(&id_number), id_number),
    };
    let id = application.summary.id.as_str();
    let used = DataUse {
        subject: &subject,
        user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
        data: UsedData::Application { id },
        what: Localized::new("姓名和身份证号码（窗口交付办理结果）", "Name and ID number (the result handed over at a window)"),
        purpose: Purpose::Application { id },
        outcome: Outcome::Used,
    };
    data_uses::record(&state.pool, state.clock.as_ref(), used).await?;
    Ok(PickupCase {
        application_id: id.to_string(),
        application_number: application.summary.number.clone().unwrap_or_default(),
        service_name: application.summary.service_name.clone(),
        applicant_name,
        applicant_id,
        state: found.state,
        ready_at: found.ready_at,
        handed_over_at: found.handed_over_at,
        handed_over_by: found.handed_over_by,
    })
}

/// Finds a result by the pick-up code its collector shows, to check whose it is before handing it over.
#[utoipa::path(post, path = "/api/v1/staff/pickups/lookup", tag = "staff", request_body = PickupLookupRequest,
    responses((status = 200, body = PickupCase), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody)))]
async fn look_up(
    State(state): State<AppState>,
    officer: Officer,
    Json(request): Json<PickupLookupRequest>,
) -> Result<Json<PickupCase>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    let found = find(&state, &officer, request.pickup_code.trim()).await?;
    state.audit(officer.actor(), AuditAction::PickupLookedUp, &found.application.summary.id).await?;
    Ok(Json(case_of(&state, &officer, found).await?))
}

/// Hands a result over to its collector, whose identity document the officer checked: once,
/// recorded and audited; the application is then complete.
#[utoipa::path(post, path = "/api/v1/staff/pickups/handover", tag = "staff", request_body = HandOverRequest,
    responses((status = 200, body = PickupCase), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn hand_over(
    State(state): State<AppState>,
    officer: Officer,
    Json(request): Json<HandOverRequest>,
) -> Result<Json<PickupCase>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    let code = request.pickup_code.trim();
    let found = find(&state, &officer, code).await?;
    // The code typed now must still be the result the officer looked up and checked the collector against.
    if found.application.summary.id != request.application_id {
        state.audit(officer.actor(), AuditAction::PickupRefused, "another application's code").await?;
        return Err(ApiError::field(fields::PICKUP_CODE, FieldProblem::PickupCodeUnknown));
    }
    if found.state != PickupState::Ready {
        state.audit(officer.actor(), AuditAction::PickupRefused, &format!("handed over already: {}", request.application_id)).await?;
        return Err(ApiError::Conflict(ConflictReason::AlreadyHandedOver));
    }
    let now = state.clock.now();
    let application = &found.application;
    let mut tx = state.pool.begin().await?;
    let taken = sqlx::query(
        "UPDATE result_pickups SET state = 'handed_over', handed_over_at = $1, handed_over_by = $2 WHERE id = $3 AND state = 'ready'",
    )
    .bind(now)
    .bind(officer.id.as_str())
    .bind(found.id.as_str())
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::AlreadyHandedOver));
    }
    // Collected is complete; an application an officer closed already stays as it is.
    if application.summary.state == ApplicationState::ResultIssued {
        let note = Wording::of("msg_pickup_collected", [("place", (&officer.department).into())]);
        let by = MovedBy { kind: "officer", id: &officer.id, name: &officer.department.zh, department: Some(&officer.department_code) };
        let step = Move { event: ApplicationEvent::Close, by, note: &note, legal_basis: None, raced: ConflictReason::ActedOnByOthers };
        store::move_by(&mut tx, &state, application, step).await?;
        let number = application.summary.number.clone().unwrap_or_default();
        store::notify(&mut tx, &state, application, &number, ApplicationEvent::Close, &note, None).await?;
    }
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(officer.actor(), AuditAction::PickupHandedOver, &application.summary.id).await?;
    let handed =
        Found { state: PickupState::HandedOver, handed_over_at: Some(now / SECOND), handed_over_by: Some(officer.name.clone()), ..found };
    Ok(Json(case_of(&state, &officer, handed).await?))
}
