//! One customer service (统一总客服): "Contact us" files a ticket about a service, a department or
//! one of the person's applications; it goes to the responsible department with a deadline in
//! working days (data, by kind). Without an account only a consultation, answered by text to a
//! phone proved by a code. The person reads the ticket's timeline, writes back when asked or
//! answered, and rates it once it is closed (see `ratings`).

mod staff;
pub mod store;

use axum::extract::{Path, State};
use axum::Json;
use sqlx::{AnyConnection, Row};
use tongban_api::identity::CodePurpose;
use tongban_api::tickets::{FileTicketRequest, TicketAbout, TicketEventKind, TicketFiled, TicketReplyRequest, TicketSummary, TicketView};
use tongban_api::{fields, ApiErrorBody, ConflictReason, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::applications::find_for_applicant;
use crate::applications::store::tell;
use crate::audit::{Actor, AuditAction};
use crate::calendar::add_working_days;
use crate::clock::shanghai_date;
use crate::error::ApiError;
use crate::identity::codes;
use crate::identity::sessions::{RequestOrigin, SessionUser};
use crate::outbox;
use crate::rate_limit::Limit;
use crate::secrets::random_token;
use crate::words::{Arg, Wording};
use crate::AppState;
use store::{TicketRecord, Writer};

pub use store::load;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(file, mine)).routes(routes!(one)).routes(routes!(reply)).merge(staff::routes())
}

fn kind_word(ticket: &TicketRecord) -> Arg {
    Arg::Word { word: format!("msg_ticket_kind_{}", ticket.kind.as_str()) }
}

/// Tells the person about a step: a message and a text to an account; to a phone without one,
/// a text that carries the department's words, the only place they can read them.
pub(crate) async fn tell_person(
    conn: &mut AnyConnection,
    now: i64,
    ticket: &TicketRecord,
    what: TicketEventKind,
    body: &Wording,
) -> Result<(), sqlx::Error> {
    let what_word = Arg::Word { word: format!("msg_ticket_event_{}", what.as_str()) };
    let title = Wording::of("msg_ticket_title", [("number", ticket.number.as_str().into()), ("what", what_word.clone())]);
    match &ticket.user_id {
        Some(user_id) => {
            let text = Wording::of("msg_ticket_text", [("number", ticket.number.as_str().into()), ("what", what_word)]);
            tell(conn, now, user_id, None, (&title, body), &text).await
        }
        None => {
            let text =
                Wording::of("msg_ticket_text_without_account", [("number", ticket.number.as_str().into()), ("what", what_word)]).then(body);
            outbox::text(conn, now, &ticket.phone, &text.render(ticket.lang)).await
        }
    }
}

/// Where a ticket goes: the department, and the service and application it names.
struct Route {
    department_code: String,
    service_code: Option<String>,
    application_id: Option<String>,
}

async fn route(state: &AppState, user: Option<&SessionUser>, about: TicketAbout, reference: &str) -> Result<Route, ApiError> {
    let unknown = || ApiError::field(fields::ABOUT_REF, FieldProblem::UnknownChoice);
    match (about, user) {
        (TicketAbout::Service, _) => {
            let row =
                sqlx::query("SELECT department_code FROM services WHERE code = $1").bind(reference).fetch_optional(&state.pool).await?;
            let row = row.ok_or_else(unknown)?;
            Ok(Route { department_code: row.try_get("department_code")?, service_code: Some(reference.to_string()), application_id: None })
        }
        (TicketAbout::Department, _) => {
            let row = sqlx::query("SELECT code FROM departments WHERE code = $1").bind(reference).fetch_optional(&state.pool).await?;
            Ok(Route { department_code: row.ok_or_else(unknown)?.try_get("code")?, service_code: None, application_id: None })
        }
        // A complaint about an application goes to the department handling it, which sees the case.
        (TicketAbout::Application, Some(user)) => {
            let application = match find_for_applicant(state, user, reference).await {
                Ok(application) if application.summary.number.is_some() => application,
                Ok(_) | Err(ApiError::NotFound) => return Err(unknown()),
                Err(other) => return Err(other),
            };
            Ok(Route {
                department_code: application.department,
                service_code: Some(application.summary.service_code),
                application_id: Some(application.summary.id),
            })
        }
        (TicketAbout::Application, None) => Err(ApiError::field(fields::ABOUT, FieldProblem::SignInToComplain)),
    }
}

/// "Contact us": files a consultation, complaint or suggestion and acknowledges it with a number,
/// the department and the day it will be answered by.
#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets", request_body = FileTicketRequest,
    responses((status = 200, body = TicketFiled), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn file(
    State(state): State<AppState>,
    origin: RequestOrigin,
    user: Option<SessionUser>,
    Json(request): Json<FileTicketRequest>,
) -> Result<Json<TicketFiled>, ApiError> {
    state.limit(Limit::Tickets { ip: &origin.ip }).await?;
    request.validate(user.is_some()).map_err(ApiError::Invalid)?;
    let (Some(kind), Some(about)) = (request.kind, request.about) else { return Err(ApiError::Internal) };
    let route = route(&state, user.as_ref(), about, request.about_ref.trim()).await?;
    let (phone, lang) = match &user {
        Some(user) => (user.phone.clone(), user.texts_in),
        None => {
            let phone = request.phone.trim().to_string();
            if !codes::consume(&state, &phone, CodePurpose::Ticket, request.code.trim()).await? {
                return Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected));
            }
            (phone, origin.reader)
        }
    };
    let now = state.clock.now();
    let id = random_token(12);
    // Read before the transaction writes, so SQLite never has to upgrade a stale read snapshot.
    let days = sqlx::query("SELECT working_days FROM working_day_deadlines WHERE name = $1")
        .bind(format!("ticket_{}", kind.as_str()))
        .fetch_one(&state.pool)
        .await?
        .try_get::<i64, _>("working_days")?;
    let due = add_working_days(&shanghai_date(now), u32::try_from(days).unwrap_or_default());
    let mut tx = state.pool.begin().await?;
    let number = store::next_number(&mut tx, now).await?;
    sqlx::query(
        "INSERT INTO tickets (id, number, kind, user_id, phone, lang, department_code, service_code, application_id, subject, state, opened_at, due) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12)",
    )
    .bind(id.as_str())
    .bind(number.as_str())
    .bind(kind.as_str())
    .bind(user.as_ref().map(|u| u.user_id.as_str()))
    .bind(phone.as_str())
    .bind(lang.tag())
    .bind(route.department_code.as_str())
    .bind(route.service_code.as_deref())
    .bind(route.application_id.as_deref())
    .bind(request.subject.trim())
    .bind(now)
    .bind(due.as_str())
    .execute(&mut *tx)
    .await?;
    let by = Writer { staff_number: None, department_code: None };
    store::record(&mut tx, now, &id, TicketEventKind::Filed, by, None, request.message.trim()).await?;
    let ticket = store::load_in(&mut tx, &id).await?;
    let acknowledgement = Wording::of(
        "msg_ticket_filed",
        [("kind", kind_word(&ticket)), ("department", (&ticket.department).into()), ("due", due.as_str().into())],
    );
    tell_person(&mut tx, now, &ticket, TicketEventKind::Filed, &acknowledgement).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    let actor = Actor::caller(user.as_ref().map(|u| u.user_id.as_str()), &origin.ip);
    state.audit(actor, AuditAction::TicketFiled, &number).await?;
    Ok(Json(TicketFiled { id: if user.is_some() { id } else { String::new() }, number, department: ticket.department, due }))
}

/// The person's tickets, newest first.
#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets",
    responses((status = 200, body = Vec<TicketSummary>), (status = 401, body = ApiErrorBody)))]
async fn mine(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<TicketSummary>>, ApiError> {
    let today = shanghai_date(state.clock.now());
    let rows = sqlx::query(&format!("{} WHERE t.user_id = $1 ORDER BY t.opened_at DESC, t.number DESC", store::SELECT))
        .bind(&user.user_id)
        .fetch_all(&state.pool)
        .await?;
    let tickets = rows.iter().map(|row| TicketRecord::from_row(row).map(|t| t.summary(&today))).collect::<Result<_, _>>()?;
    Ok(Json(tickets))
}

/// The ticket `id` if it is this person's; otherwise 404, and the try is audited.
pub(crate) async fn find_for_person(state: &AppState, user: &SessionUser, id: &str) -> Result<TicketRecord, ApiError> {
    match load(state, id).await? {
        Some(ticket) if ticket.user_id.as_deref() == Some(user.user_id.as_str()) => Ok(ticket),
        _ => {
            state.audit(user.actor(), AuditAction::TicketRefused, id).await?;
            Err(ApiError::NotFound)
        }
    }
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "tickets", params(("id" = String, Path)),
    responses((status = 200, body = TicketView), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn one(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<TicketView>, ApiError> {
    let ticket = find_for_person(&state, &user, &id).await?;
    Ok(Json(store::view(&state, &ticket).await?))
}

/// The person writes back, when asked for more or after an answer; it is the department's turn again.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/reply", tag = "tickets", params(("id" = String, Path)),
    request_body = TicketReplyRequest,
    responses((status = 200, body = TicketView), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn reply(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<TicketReplyRequest>,
) -> Result<Json<TicketView>, ApiError> {
    let ticket = find_for_person(&state, &user, &id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    if !ticket.state.person_may_reply() {
        return Err(ApiError::Conflict(ConflictReason::TicketChanged));
    }
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let moved = sqlx::query("UPDATE tickets SET state = 'open' WHERE id = $1 AND state = $2")
        .bind(&ticket.id)
        .bind(ticket.state.as_str())
        .execute(&mut *tx)
        .await?;
    if moved.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::TicketChanged));
    }
    let by = Writer { staff_number: None, department_code: None };
    store::record(&mut tx, now, &ticket.id, TicketEventKind::PersonReplied, by, None, request.text.trim()).await?;
    tx.commit().await?;
    state.audit(user.actor(), AuditAction::TicketPersonReplied, &ticket.number).await?;
    let ticket = load(&state, &id).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(store::view(&state, &ticket).await?))
}
