//! 好差评: each handling is rated once by the person it was done for, and revised at most once. A
//! bad rating opens a follow-up for the department (see [`follow_ups`]); the counts are published
//! (see [`statistics`]). Today a handling is an application's decision; what else is rated names
//! its own kind here.

mod follow_ups;
mod statistics;

use axum::extract::{Path, State};
use axum::Json;
use sqlx::{AnyConnection, Row};
use tongban_api::ratings::{FollowUpStep, FollowUpView, HandlingRating, RateRequest, RatingProblem, RatingView, Satisfaction};
use tongban_api::tickets::TicketState;
use tongban_api::{ApiErrorBody, ConflictReason, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::applications::find_for_applicant;
use crate::applications::store::{message, ApplicationRecord};
use crate::audit::AuditAction;
use crate::calendar::add_working_days;
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::secrets::random_token;
use crate::tickets::find_for_person;
use crate::tickets::store::TicketRecord;
use crate::words::Wording;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(rating_of_decision, rate_decision, revise_decision))
        .routes(routes!(rating_of_ticket, rate_ticket, revise_ticket))
        .merge(follow_ups::routes())
        .merge(statistics::routes())
}

/// Something done for a person that they can rate.
struct Handling<'a> {
    kind: &'static str,
    reference: &'a str,
    department_code: &'a str,
    service_code: Option<&'a str>,
    /// What the person sees it called: the service, or the ticket's subject in their words.
    name: Localized,
    /// The title of messages about its rating.
    title: Wording,
    /// Finished, so there is something to rate.
    done: bool,
}

/// The title of messages about the rating of a decision (named by its service) or a ticket (by its number).
fn rating_title(kind: &str, number: &str, service: &Localized) -> Wording {
    match kind {
        "ticket" => Wording::of("msg_rating_title_ticket", [("number", number.into())]),
        _ => Wording::of("msg_rating_title", [("service", service.into())]),
    }
}

impl<'a> Handling<'a> {
    /// An application's decision: accepted or not, approved or refused.
    fn decision(application: &'a ApplicationRecord) -> Self {
        Handling {
            kind: "decision",
            reference: &application.summary.id,
            department_code: &application.department,
            service_code: Some(&application.summary.service_code),
            name: application.summary.service_name.clone(),
            title: rating_title("decision", "", &application.summary.service_name),
            done: application.summary.state.decided(),
        }
    }

    /// A ticket, once closed.
    fn ticket(ticket: &'a TicketRecord) -> Self {
        Handling {
            kind: "ticket",
            reference: &ticket.id,
            department_code: &ticket.department_code,
            // Counted for the department that answered it: after a transfer that may not be the service's.
            service_code: None,
            name: Localized::new(ticket.subject.clone(), ticket.subject.clone()),
            title: rating_title("ticket", &ticket.number, &Localized::default()),
            done: ticket.state == TicketState::Closed,
        }
    }

    /// The application a message about this handling links to.
    fn application(&self) -> Option<&str> {
        (self.kind == "decision").then_some(self.reference)
    }
}

fn problems_of(text: &str) -> Vec<RatingProblem> {
    text.split(',').filter_map(RatingProblem::parse).collect()
}

fn satisfaction_of(text: &str) -> Result<Satisfaction, ApiError> {
    Satisfaction::parse(text).ok_or(ApiError::Internal)
}

/// How many working days `duty` is given (a row of `working_day_deadlines`).
async fn working_days(conn: &mut AnyConnection, duty: &str) -> Result<u32, sqlx::Error> {
    let row = sqlx::query("SELECT working_days FROM working_day_deadlines WHERE name = $1").bind(duty).fetch_one(conn).await?;
    Ok(u32::try_from(row.try_get::<i64, _>("working_days")?).unwrap_or_default())
}

pub(crate) async fn department_name(conn: &mut AnyConnection, code: &str) -> Result<Localized, sqlx::Error> {
    let row = sqlx::query("SELECT name_zh, name_en FROM departments WHERE code = $1").bind(code).fetch_one(conn).await?;
    Ok(Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?))
}

/// The follow-up's two steps as they stand.
fn follow_up_of(row: &sqlx::any::AnyRow, department: Localized) -> Result<FollowUpView, sqlx::Error> {
    let step = |at: &str, note: &str| -> Result<Option<FollowUpStep>, sqlx::Error> {
        let Some(at) = row.try_get::<Option<i64>, _>(at)? else { return Ok(None) };
        Ok(Some(FollowUpStep { at: at / SECOND, note: row.try_get::<Option<String>, _>(note)?.unwrap_or_default() }))
    };
    Ok(FollowUpView {
        department,
        contact_due: row.try_get("contact_due")?,
        put_right_due: row.try_get("put_right_due")?,
        contacted: step("contacted_at", "contact_note")?,
        put_right: step("put_right_at", "put_right_note")?,
    })
}

/// Where the handling stands for rating: open or not, and the rating with its follow-up.
async fn view(state: &AppState, handling: &Handling<'_>) -> Result<HandlingRating, ApiError> {
    let row = sqlx::query(
        "SELECT r.satisfaction, r.problems, r.comment, r.at, r.revised_from, f.rating_id, f.contact_due, f.put_right_due, \
                f.contacted_at, f.contact_note, f.put_right_at, f.put_right_note, d.name_zh, d.name_en \
         FROM ratings r LEFT JOIN rating_follow_ups f ON f.rating_id = r.id LEFT JOIN departments d ON d.code = f.department_code \
         WHERE r.handling_kind = $1 AND r.handling_ref = $2",
    )
    .bind(handling.kind)
    .bind(handling.reference)
    .fetch_optional(&state.pool)
    .await?;
    let rating = match row {
        None => None,
        Some(row) => {
            let follow_up = match row.try_get::<Option<String>, _>("rating_id")? {
                Some(_) => {
                    Some(follow_up_of(&row, Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?))?)
                }
                None => None,
            };
            Some(RatingView {
                satisfaction: satisfaction_of(&row.try_get::<String, _>("satisfaction")?)?,
                problems: problems_of(&row.try_get::<String, _>("problems")?),
                comment: row.try_get("comment")?,
                at: row.try_get::<i64, _>("at")? / SECOND,
                revised_from: row.try_get::<Option<String>, _>("revised_from")?.as_deref().and_then(Satisfaction::parse),
                follow_up,
            })
        }
    };
    Ok(HandlingRating { name: handling.name.clone(), open: handling.done, rating })
}

/// Opens the department's follow-up of a bad rating, with its deadlines counted in working days
/// from today, and tells the person when to expect what.
async fn open_follow_up(
    conn: &mut AnyConnection,
    now: i64,
    rating_id: &str,
    handling: &Handling<'_>,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    let today = shanghai_date(now);
    let contact_due = add_working_days(&today, working_days(conn, "rating_contact").await?);
    let put_right_due = add_working_days(&today, working_days(conn, "rating_put_right").await?);
    // A rating changed to bad again after it was put right opens the follow-up again; one still
    // open keeps its days.
    sqlx::query(
        "INSERT INTO rating_follow_ups (rating_id, department_code, opened_at, contact_due, put_right_due) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (rating_id) DO UPDATE SET opened_at = excluded.opened_at, contact_due = excluded.contact_due, \
             put_right_due = excluded.put_right_due, contacted_at = NULL, contacted_by = NULL, contact_note = NULL, \
             put_right_at = NULL, put_right_by = NULL, put_right_note = NULL \
         WHERE rating_follow_ups.put_right_at IS NOT NULL",
    )
    .bind(rating_id)
    .bind(handling.department_code)
    .bind(now)
    .bind(contact_due.as_str())
    .bind(put_right_due.as_str())
    .execute(&mut *conn)
    .await?;
    let days = sqlx::query("SELECT contact_due, put_right_due FROM rating_follow_ups WHERE rating_id = $1")
        .bind(rating_id)
        .fetch_one(&mut *conn)
        .await?;
    let (contact_due, put_right_due): (String, String) = (days.try_get("contact_due")?, days.try_get("put_right_due")?);
    let department = department_name(conn, handling.department_code).await?;
    let body = Wording::of(
        "msg_rating_follow_up_opened",
        [
            ("department", (&department).into()),
            ("contact_due", contact_due.as_str().into()),
            ("put_right_due", put_right_due.as_str().into()),
        ],
    );
    message(conn, now, user_id, handling.application(), &handling.title, &body).await
}

/// Gives the handling its rating, or makes the one revision of it; answers with where it stands.
async fn give(
    state: &AppState,
    user: &SessionUser,
    handling: &Handling<'_>,
    request: &RateRequest,
    revision: bool,
) -> Result<Json<HandlingRating>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    let satisfaction = request.satisfaction.ok_or(ApiError::Internal)?;
    if !handling.done {
        return Err(ApiError::Conflict(ConflictReason::NotPossibleNow));
    }
    let bad = satisfaction.is_bad();
    let mut problems: Vec<&str> = if bad { request.problems.iter().map(|p| p.as_str()).collect() } else { Vec::new() };
    problems.sort_unstable();
    problems.dedup();
    if revision {
        let rater = sqlx::query("SELECT user_id FROM ratings WHERE handling_kind = $1 AND handling_ref = $2")
            .bind(handling.kind)
            .bind(handling.reference)
            .fetch_optional(&state.pool)
            .await?;
        match rater {
            None => return Err(ApiError::Conflict(ConflictReason::NotPossibleNow)),
            // Someone else acting for the same company rated it: theirs to change.
            Some(row) if row.try_get::<String, _>("user_id")? != user.user_id => {
                state.audit(user.actor(), AuditAction::RatingRefused, handling.reference).await?;
                return Err(ApiError::NotFound);
            }
            Some(_) => {}
        }
    }
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let rating_id = if revision {
        // Only the person who rated revises, and only once: the first level is kept beside the new one.
        let row = sqlx::query(
            "UPDATE ratings SET revised_from = satisfaction, satisfaction = $1, problems = $2, comment = $3, at = $4 \
             WHERE handling_kind = $5 AND handling_ref = $6 AND user_id = $7 AND revised_from IS NULL RETURNING id",
        )
        .bind(satisfaction.as_str())
        .bind(problems.join(","))
        .bind(request.comment.trim())
        .bind(now)
        .bind(handling.kind)
        .bind(handling.reference)
        .bind(&user.user_id)
        .fetch_optional(&mut *tx)
        .await?;
        row.ok_or(ApiError::Conflict(ConflictReason::AlreadyRated))?.try_get::<String, _>("id")?
    } else {
        let id = random_token(12);
        let inserted = sqlx::query(
            "INSERT INTO ratings (id, handling_kind, handling_ref, user_id, department_code, service_code, satisfaction, problems, comment, at, day) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
        )
        .bind(id.as_str())
        .bind(handling.kind)
        .bind(handling.reference)
        .bind(&user.user_id)
        .bind(handling.department_code)
        .bind(handling.service_code)
        .bind(satisfaction.as_str())
        .bind(problems.join(","))
        .bind(request.comment.trim())
        .bind(now)
        .bind(shanghai_date(now))
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(ApiError::Conflict(ConflictReason::AlreadyRated));
        }
        id
    };
    if bad {
        open_follow_up(&mut tx, now, &rating_id, handling, &user.user_id).await?;
    }
    tx.commit().await?;
    let action = if revision { AuditAction::RatingRevised } else { AuditAction::RatingGiven };
    state.audit(user.actor(), action, &format!("{} {} {}", handling.kind, handling.reference, satisfaction.as_str())).await?;
    Ok(Json(view(state, handling).await?))
}

/// Whether the application's decision can be rated, and its rating with the follow-up.
#[utoipa::path(get, path = "/api/v1/applications/{id}/rating", tag = "ratings", params(("id" = String, Path)),
    responses((status = 200, body = HandlingRating), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn rating_of_decision(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
) -> Result<Json<HandlingRating>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(view(&state, &Handling::decision(&application)).await?))
}

/// Rates the application's decision, once.
#[utoipa::path(post, path = "/api/v1/applications/{id}/rating", tag = "ratings", params(("id" = String, Path)), request_body = RateRequest,
    responses((status = 200, body = HandlingRating), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn rate_decision(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<RateRequest>,
) -> Result<Json<HandlingRating>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    give(&state, &user, &Handling::decision(&application), &request, false).await
}

/// Changes the rating of the application's decision: once, by the person who gave it.
#[utoipa::path(put, path = "/api/v1/applications/{id}/rating", tag = "ratings", params(("id" = String, Path)), request_body = RateRequest,
    responses((status = 200, body = HandlingRating), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn revise_decision(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<RateRequest>,
) -> Result<Json<HandlingRating>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    give(&state, &user, &Handling::decision(&application), &request, true).await
}

/// Whether the closed ticket can be rated, and its rating with the follow-up.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/rating", tag = "ratings", params(("id" = String, Path)),
    responses((status = 200, body = HandlingRating), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn rating_of_ticket(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
) -> Result<Json<HandlingRating>, ApiError> {
    let ticket = find_for_person(&state, &user, &id).await?;
    Ok(Json(view(&state, &Handling::ticket(&ticket)).await?))
}

/// Rates how the ticket was handled, once it is closed.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/rating", tag = "ratings", params(("id" = String, Path)), request_body = RateRequest,
    responses((status = 200, body = HandlingRating), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn rate_ticket(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<RateRequest>,
) -> Result<Json<HandlingRating>, ApiError> {
    let ticket = find_for_person(&state, &user, &id).await?;
    give(&state, &user, &Handling::ticket(&ticket), &request, false).await
}

/// Changes the rating of the ticket, once.
#[utoipa::path(put, path = "/api/v1/tickets/{id}/rating", tag = "ratings", params(("id" = String, Path)), request_body = RateRequest,
    responses((status = 200, body = HandlingRating), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
async fn revise_ticket(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<RateRequest>,
) -> Result<Json<HandlingRating>, ApiError> {
    let ticket = find_for_person(&state, &user, &id).await?;
    give(&state, &user, &Handling::ticket(&ticket), &request, true).await
}
