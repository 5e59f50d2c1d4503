//! The department's follow-up of a bad rating: contact the person by one working-day deadline,
//! then record what was put right by another. Each step tells the person by message; reading how
//! to reach them is a use of their data, recorded for them to see.

use axum::extract::{Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::ratings::{FollowUpCase, FollowUpItem, FollowUpState, FollowUpStepRequest, FollowUpView, Satisfaction};
use tongban_api::{ApiErrorBody, ConflictReason, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{follow_up_of, problems_of, satisfaction_of};
use crate::applications::store::message;
use crate::audit::AuditAction;
use crate::clock::{shanghai_date, SECOND};
use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use crate::error::ApiError;
use crate::staff::Officer;
use crate::words::Wording;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(case)).routes(routes!(contacted)).routes(routes!(put_right))
}

/// How many follow-ups already put right the list still shows, newest first.
const RECENTLY_PUT_RIGHT: i64 = 50;

const SELECT: &str = "SELECT f.rating_id, f.department_code, f.contact_due, f.put_right_due, f.contacted_at, f.contact_note, \
            f.put_right_at, f.put_right_note, r.satisfaction, r.problems, r.comment, r.at, r.revised_from, r.user_id, r.handling_kind, \
            r.handling_ref, COALESCE(a.number, tk.number) AS number, s.name_zh, s.name_en, d.name_zh AS department_zh, d.name_en AS department_en \
     FROM rating_follow_ups f JOIN ratings r ON r.id = f.rating_id JOIN departments d ON d.code = f.department_code \
     LEFT JOIN applications a ON r.handling_kind = 'decision' AND a.id = r.handling_ref \
     LEFT JOIN tickets tk ON r.handling_kind = 'ticket' AND tk.id = r.handling_ref \
     LEFT JOIN services s ON s.code = r.service_code";

/// One follow-up as stored, before the person's contact details are added.
struct Record {
    item: FollowUpItem,
    /// What was rated: `decision` (of an application) or `ticket`, and its id.
    handling_kind: String,
    handling_ref: String,
    comment: String,
    revised_from: Option<Satisfaction>,
    user_id: String,
    follow_up: FollowUpView,
}

fn record_of(row: &sqlx::any::AnyRow, today: &str) -> Result<Record, ApiError> {
    let follow_up =
        follow_up_of(row, Localized::new(row.try_get::<String, _>("department_zh")?, row.try_get::<String, _>("department_en")?))?;
    let (state, due) = match (&follow_up.contacted, &follow_up.put_right) {
        (_, Some(_)) => (FollowUpState::PutRight, None),
        (Some(_), None) => (FollowUpState::AwaitingPutRight, Some(follow_up.put_right_due.clone())),
        (None, None) => (FollowUpState::AwaitingContact, Some(follow_up.contact_due.clone())),
    };
    let text = |name: &str| row.try_get::<Option<String>, _>(name).map(Option::unwrap_or_default);
    Ok(Record {
        item: FollowUpItem {
            id: row.try_get("rating_id")?,
            number: text("number")?,
            service_name: Localized::new(text("name_zh")?, text("name_en")?),
            satisfaction: satisfaction_of(&row.try_get::<String, _>("satisfaction")?)?,
            problems: problems_of(&row.try_get::<String, _>("problems")?),
            rated_at: row.try_get::<i64, _>("at")? / SECOND,
            state,
            overdue: due.as_deref().is_some_and(|due| due < today),
            due,
        },
        handling_kind: row.try_get("handling_kind")?,
        handling_ref: row.try_get("handling_ref")?,
        comment: row.try_get("comment")?,
        revised_from: row.try_get::<Option<String>, _>("revised_from")?.as_deref().and_then(Satisfaction::parse),
        user_id: row.try_get("user_id")?,
        follow_up,
    })
}

/// The follow-up `id` if it is the officer's department's; otherwise 404, and the try is audited.
async fn find(state: &AppState, officer: &Officer, id: &str) -> Result<Record, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE f.rating_id = $1")).bind(id).fetch_optional(&state.pool).await?;
    match row {
        Some(row) if row.try_get::<String, _>("department_code")? == officer.department_code => {
            record_of(&row, &shanghai_date(state.clock.now()))
        }
        _ => {
            state.audit(officer.actor(), AuditAction::FollowUpRefused, id).await?;
            Err(ApiError::NotFound)
        }
    }
}

/// The department's follow-ups: open ones first, the nearest deadline first; then the latest put right.
#[utoipa::path(get, path = "/api/v1/staff/follow-ups", tag = "staff",
    responses((status = 200, body = Vec<FollowUpItem>), (status = 401, body = ApiErrorBody)))]
async fn list(State(state): State<AppState>, officer: Officer) -> Result<Json<Vec<FollowUpItem>>, ApiError> {
    let today = shanghai_date(state.clock.now());
    let open = sqlx::query(&format!("{SELECT} WHERE f.department_code = $1 AND f.put_right_at IS NULL ORDER BY f.opened_at"))
        .bind(officer.department_code.as_str())
        .fetch_all(&state.pool)
        .await?;
    let done = sqlx::query(&format!(
        "{SELECT} WHERE f.department_code = $1 AND f.put_right_at IS NOT NULL ORDER BY f.put_right_at DESC, f.rating_id LIMIT $2"
    ))
    .bind(officer.department_code.as_str())
    .bind(RECENTLY_PUT_RIGHT)
    .fetch_all(&state.pool)
    .await?;
    let mut open = open.iter().map(|row| record_of(row, &today).map(|r| r.item)).collect::<Result<Vec<_>, _>>()?;
    open.sort_by(|a, b| a.due.cmp(&b.due));
    let done = done.iter().map(|row| record_of(row, &today).map(|r| r.item)).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(open.into_iter().chain(done).collect()))
}

/// The follow-up with the person's name and phone, to contact them: a use of their data on record.
async fn case_for(state: &AppState, officer: &Officer, id: &str) -> Result<FollowUpCase, ApiError> {
    let record = find(state, officer, id).await?;
    let person = sqlx::query("SELECT name, phone, id_number FROM users WHERE id = $1").bind(&record.user_id).fetch_one(&state.pool).await?;
    let subject: String = person.try_get("id_number")?;
    data_uses::record(
        &state.pool,
        state.clock.as_ref(),
        DataUse {
            subject: &subject,
            user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
            data: UsedData::Contact { user_id: &record.user_id },
            what: Localized::new("姓名、手机号码", "Name and mobile number"),
            purpose: Purpose::FollowUp { id },
            outcome: Outcome::Used,
        },
    )
    .await?;
    state.audit(officer.actor(), AuditAction::FollowUpRead, id).await?;
    Ok(FollowUpCase {
        item: record.item,
        rated_path: match record.handling_kind.as_str() {
            "ticket" => format!("/staff/tickets/{}", record.handling_ref),
            _ => format!("/staff/applications/{}", record.handling_ref),
        },
        comment: record.comment,
        revised_from: record.revised_from,
        person_name: person.try_get("name")?,
        person_phone: person.try_get("phone")?,
        follow_up: record.follow_up,
    })
}

#[utoipa::path(get, path = "/api/v1/staff/follow-ups/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 200, body = FollowUpCase), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn case(State(state): State<AppState>, officer: Officer, Path(id): Path<String>) -> Result<Json<FollowUpCase>, ApiError> {
    Ok(Json(case_for(&state, &officer, &id).await?))
}

/// The two steps, in order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Contacted,
    PutRight,
}

/// Records a step in the officer's words and tells the person.
async fn take(state: &AppState, officer: &Officer, id: &str, step: Step, request: &FollowUpStepRequest) -> Result<FollowUpCase, ApiError> {
    let record = find(state, officer, id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    if step == Step::PutRight && record.follow_up.contacted.is_none() {
        return Err(ApiError::Conflict(ConflictReason::NotPossibleNow));
    }
    let statement = match step {
        Step::Contacted => {
            "UPDATE rating_follow_ups SET contacted_at = $1, contacted_by = $2, contact_note = $3 WHERE rating_id = $4 AND contacted_at IS NULL"
        }
        Step::PutRight => {
            "UPDATE rating_follow_ups SET put_right_at = $1, put_right_by = $2, put_right_note = $3 \
             WHERE rating_id = $4 AND contacted_at IS NOT NULL AND put_right_at IS NULL"
        }
    };
    let note = request.note.trim();
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let changed = sqlx::query(statement).bind(now).bind(&officer.staff_number).bind(note).bind(id).execute(&mut *tx).await?;
    if changed.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::AlreadyRecorded));
    }
    let department = (&record.follow_up.department).into();
    let title = super::rating_title(&record.handling_kind, &record.item.number, &record.item.service_name);
    let body = match step {
        Step::Contacted => Wording::of("msg_rating_contacted", [("department", department)]),
        Step::PutRight => {
            let done = Wording::of("msg_rating_put_right", [("department", department)]);
            if record.revised_from.is_none() { done.and("msg_rating_may_revise", []) } else { done }.and("msg_rating_what_was_done", [])
        }
    }
    .and_said(note);
    let application = (record.handling_kind == "decision").then_some(record.handling_ref.as_str());
    message(&mut tx, now, &record.user_id, application, &title, &body).await?;
    tx.commit().await?;
    let action = match step {
        Step::Contacted => AuditAction::FollowUpContacted,
        Step::PutRight => AuditAction::FollowUpPutRight,
    };
    state.audit(officer.actor(), action, id).await?;
    case_for(state, officer, id).await
}

/// Records that the person was contacted, and how.
#[utoipa::path(post, path = "/api/v1/staff/follow-ups/{id}/contacted", tag = "staff", params(("id" = String, Path)),
    request_body = FollowUpStepRequest,
    responses((status = 200, body = FollowUpCase), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn contacted(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<FollowUpStepRequest>,
) -> Result<Json<FollowUpCase>, ApiError> {
    Ok(Json(take(&state, &officer, &id, Step::Contacted, &request).await?))
}

/// Records what was put right, after the person was contacted.
#[utoipa::path(post, path = "/api/v1/staff/follow-ups/{id}/put-right", tag = "staff", params(("id" = String, Path)),
    request_body = FollowUpStepRequest,
    responses((status = 200, body = FollowUpCase), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn put_right(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<FollowUpStepRequest>,
) -> Result<Json<FollowUpCase>, ApiError> {
    Ok(Json(take(&state, &officer, &id, Step::PutRight, &request).await?))
}
