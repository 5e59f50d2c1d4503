//! Tickets in the department's console: oldest first with overdue ones marked; each answered,
//! asked about, transferred to another department with a reason, or closed — every step on the
//! ticket's timeline and told to the person.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::Row;
use tongban_api::tickets::{StaffTicketView, TicketAction, TicketActionRequest, TicketEventKind, TicketState, TicketSummary};
use tongban_api::{fields, ApiErrorBody, ConflictReason, FieldProblem, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::store::{self, TicketRecord, Writer};
use super::{load, tell_person};
use crate::audit::AuditAction;
use crate::clock::shanghai_date;
use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use crate::error::ApiError;
use crate::outbox;
use crate::ratings::department_name;
use crate::staff::Officer;
use crate::words::Wording;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(one)).routes(routes!(act))
}

/// How many closed tickets the list still shows, newest first.
const RECENTLY_CLOSED: i64 = 20;

/// The department's open tickets, oldest first, then the latest closed.
#[utoipa::path(get, path = "/api/v1/staff/tickets", tag = "staff",
    responses((status = 200, body = Vec<TicketSummary>), (status = 401, body = ApiErrorBody)))]
async fn list(State(state): State<AppState>, officer: Officer) -> Result<Json<Vec<TicketSummary>>, ApiError> {
    let today = shanghai_date(state.clock.now());
    let open =
        sqlx::query(&format!("{} WHERE t.department_code = $1 AND t.state <> 'closed' ORDER BY t.opened_at, t.number", store::SELECT))
            .bind(officer.department_code.as_str())
            .fetch_all(&state.pool)
            .await?;
    let closed = sqlx::query(&format!(
        "{} WHERE t.department_code = $1 AND t.state = 'closed' ORDER BY t.closed_at DESC, t.number LIMIT $2",
        store::SELECT
    ))
    .bind(officer.department_code.as_str())
    .bind(RECENTLY_CLOSED)
    .fetch_all(&state.pool)
    .await?;
    let tickets = open.iter().chain(&closed).map(|row| TicketRecord::from_row(row).map(|t| t.summary(&today))).collect::<Result<_, _>>()?;
    state.audit(officer.actor(), AuditAction::TicketQueueRead, &officer.department_code).await?;
    Ok(Json(tickets))
}

/// The ticket `id` if the officer's department handles it now; otherwise 404, and the try is audited.
async fn find(state: &AppState, officer: &Officer, id: &str) -> Result<TicketRecord, ApiError> {
    match load(state, id).await? {
        Some(ticket) if ticket.department_code == officer.department_code => Ok(ticket),
        _ => {
            state.audit(officer.actor(), AuditAction::TicketRefused, id).await?;
            Err(ApiError::NotFound)
        }
    }
}

/// The ticket with how to reach the person: a use of their data, on their record.
async fn view_for(state: &AppState, officer: &Officer, ticket: &TicketRecord) -> Result<StaffTicketView, ApiError> {
    let person = match &ticket.user_id {
        Some(user_id) => {
            let row = sqlx::query("SELECT name, id_number, phone FROM users WHERE id = $1").bind(user_id).fetch_one(&state.pool).await?;
            let subject: String = row.try_get("id_number")?;
            data_uses::record(
                &state.pool,
                state.clock.as_ref(),
                DataUse {
                    subject: &subject,
                    user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
                    data: UsedData::Contact { user_id },
                    what: Localized::new("姓名、手机号码、来信内容", "Name, mobile number and what you wrote"),
                    purpose: Purpose::Ticket { id: &ticket.id },
                    outcome: Outcome::Used,
                },
            )
            .await?;
            // The account's phone now, not the one it had when it wrote.
            (row.try_get("name")?, row.try_get("phone")?)
        }
        None => (String::new(), ticket.phone.clone()),
    };
    state.audit(officer.actor(), AuditAction::TicketRead, &ticket.number).await?;
    let (person_name, person_phone) = person;
    Ok(StaffTicketView { ticket: store::view(state, ticket).await?, person_name, person_phone })
}

#[utoipa::path(get, path = "/api/v1/staff/tickets/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 200, body = StaffTicketView), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn one(State(state): State<AppState>, officer: Officer, Path(id): Path<String>) -> Result<Json<StaffTicketView>, ApiError> {
    let ticket = find(&state, &officer, &id).await?;
    Ok(Json(view_for(&state, &officer, &ticket).await?))
}

/// Answers, asks for more, transfers (with the reason) or closes; the person is told each.
#[utoipa::path(post, path = "/api/v1/staff/tickets/{id}/actions", tag = "staff", params(("id" = String, Path)),
    request_body = TicketActionRequest,
    responses((status = 204), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn act(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<TicketActionRequest>,
) -> Result<StatusCode, ApiError> {
    let ticket = find(&state, &officer, &id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let action = request.action.ok_or(ApiError::Internal)?;
    if ticket.state == TicketState::Closed {
        return Err(ApiError::Conflict(ConflictReason::TicketChanged));
    }
    if action == TicketAction::AskForMore && ticket.user_id.is_none() {
        // Without an account there is no way to answer a question: answer or close instead.
        return Err(ApiError::field(fields::ACTION, FieldProblem::NotAllowedNow));
    }
    let text = request.text.trim();
    let now = state.clock.now();
    let (next, kind, to) = match action {
        TicketAction::Reply => (TicketState::Answered, TicketEventKind::Replied, None),
        TicketAction::AskForMore => (TicketState::AwaitingPerson, TicketEventKind::AskedForMore, None),
        TicketAction::Close => (TicketState::Closed, TicketEventKind::Closed, None),
        TicketAction::Transfer => {
            let to = request.department_code.trim();
            let known = sqlx::query("SELECT code FROM departments WHERE code = $1").bind(to).fetch_optional(&state.pool).await?;
            if known.is_none() || to == officer.department_code {
                return Err(ApiError::field(fields::DEPARTMENT, FieldProblem::UnknownChoice));
            }
            (TicketState::Open, TicketEventKind::Transferred, Some(to.to_string()))
        }
    };
    let mut tx = state.pool.begin().await?;
    // Only from the state this officer saw, and only while it is still their department's.
    let moved = sqlx::query(
        "UPDATE tickets SET state = $1, department_code = $2, closed_at = $3 WHERE id = $4 AND state = $5 AND department_code = $6 \
         AND (SELECT COUNT(*) FROM ticket_events e WHERE e.ticket_id = tickets.id) = $7",
    )
    .bind(next.as_str())
    .bind(to.as_deref().unwrap_or(&officer.department_code))
    .bind((next == TicketState::Closed).then_some(now))
    .bind(&ticket.id)
    .bind(ticket.state.as_str())
    .bind(&officer.department_code)
    .bind(i64::from(request.seen))
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::TicketChanged));
    }
    let by = Writer { staff_number: Some(&officer.staff_number), department_code: Some(&officer.department_code) };
    store::record(&mut tx, now, &ticket.id, kind, by, to.as_deref(), text).await?;
    let body = match &to {
        Some(to) => {
            let to = department_name(&mut tx, to).await?;
            Wording::of("msg_ticket_transferred", [("from", (&ticket.department).into()), ("to", (&to).into())]).and_said(text)
        }
        None => Wording::of("msg_ticket_from", [("department", (&ticket.department).into())]).and_said(text),
    };
    tell_person(&mut tx, now, &ticket, kind, &body).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    let audited = match action {
        TicketAction::Reply => AuditAction::TicketAnswered,
        TicketAction::AskForMore => AuditAction::TicketAskedForMore,
        TicketAction::Transfer => AuditAction::TicketTransferred,
        TicketAction::Close => AuditAction::TicketClosed,
    };
    state.audit(officer.actor(), audited, &ticket.number).await?;
    Ok(StatusCode::NO_CONTENT)
}
