//! Tickets as stored: loading one with its names, its timeline, numbering and writing steps.

use sqlx::{AnyConnection, Row};
use tongban_api::tickets::{TicketEvent, TicketEventKind, TicketKind, TicketState, TicketSummary, TicketView};
use tongban_api::{Lang, Localized};

use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::secrets::random_token;
use crate::AppState;

pub struct TicketRecord {
    pub id: String,
    pub number: String,
    pub kind: TicketKind,
    pub user_id: Option<String>,
    pub phone: String,
    pub lang: Lang,
    pub department_code: String,
    pub department: Localized,
    pub service_code: Option<String>,
    pub service: Option<Localized>,
    pub application_id: Option<String>,
    pub application_number: Option<String>,
    pub subject: String,
    pub state: TicketState,
    pub opened_at: i64,
    pub due: String,
}

pub const SELECT: &str = "SELECT t.id, t.number, t.kind, t.user_id, t.phone, t.lang, t.department_code, t.service_code, t.application_id, \
            t.subject, t.state, t.opened_at, t.due, d.name_zh AS department_zh, d.name_en AS department_en, \
            s.name_zh AS service_zh, s.name_en AS service_en, a.number AS application_number \
     FROM tickets t JOIN departments d ON d.code = t.department_code LEFT JOIN services s ON s.code = t.service_code \
     LEFT JOIN applications a ON a.id = t.application_id";

impl TicketRecord {
    pub fn from_row(row: &sqlx::any::AnyRow) -> Result<TicketRecord, ApiError> {
        let service = match row.try_get::<Option<String>, _>("service_zh")? {
            Some(zh) => Some(Localized::new(zh, row.try_get::<String, _>("service_en")?)),
            None => None,
        };
        Ok(TicketRecord {
            id: row.try_get("id")?,
            number: row.try_get("number")?,
            kind: TicketKind::parse(&row.try_get::<String, _>("kind")?).ok_or(ApiError::Internal)?,
            user_id: row.try_get("user_id")?,
            phone: row.try_get("phone")?,
            lang: Lang::from_tag(&row.try_get::<String, _>("lang")?),
            department_code: row.try_get("department_code")?,
            department: Localized::new(row.try_get::<String, _>("department_zh")?, row.try_get::<String, _>("department_en")?),
            service_code: row.try_get("service_code")?,
            service,
            application_id: row.try_get("application_id")?,
            application_number: row.try_get("application_number")?,
            subject: row.try_get("subject")?,
            state: TicketState::parse(&row.try_get::<String, _>("state")?).ok_or(ApiError::Internal)?,
            opened_at: row.try_get("opened_at")?,
            due: row.try_get("due")?,
        })
    }

    pub fn summary(&self, today: &str) -> TicketSummary {
        TicketSummary {
            id: self.id.clone(),
            number: self.number.clone(),
            kind: self.kind,
            subject: self.subject.clone(),
            state: self.state,
            department: self.department.clone(),
            opened_at: self.opened_at / SECOND,
            due: self.due.clone(),
            // Late only while it is the department's turn.
            overdue: self.state == TicketState::Open && self.due.as_str() < today,
        }
    }
}

pub async fn load(state: &AppState, id: &str) -> Result<Option<TicketRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE t.id = $1")).bind(id).fetch_optional(&state.pool).await?;
    row.as_ref().map(TicketRecord::from_row).transpose()
}

/// The ticket `id` as the caller's transaction sees it.
pub async fn load_in(conn: &mut AnyConnection, id: &str) -> Result<TicketRecord, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE t.id = $1")).bind(id).fetch_one(conn).await?;
    TicketRecord::from_row(&row)
}

/// The ticket with its timeline, oldest step first.
pub async fn view(state: &AppState, ticket: &TicketRecord) -> Result<TicketView, ApiError> {
    let rows = sqlx::query(
        "SELECT e.at, e.kind, e.text, d.name_zh, d.name_en, td.name_zh AS to_zh, td.name_en AS to_en FROM ticket_events e \
         LEFT JOIN departments d ON d.code = e.department_code LEFT JOIN departments td ON td.code = e.to_department \
         WHERE e.ticket_id = $1 ORDER BY e.seq",
    )
    .bind(&ticket.id)
    .fetch_all(&state.pool)
    .await?;
    let both = |row: &sqlx::any::AnyRow, zh: &str, en: &str| -> Result<Option<Localized>, sqlx::Error> {
        Ok(match row.try_get::<Option<String>, _>(zh)? {
            Some(name_zh) => Some(Localized::new(name_zh, row.try_get::<String, _>(en)?)),
            None => None,
        })
    };
    let events = rows
        .iter()
        .map(|row| {
            Ok(TicketEvent {
                at: row.try_get::<i64, _>("at")? / SECOND,
                kind: TicketEventKind::parse(&row.try_get::<String, _>("kind")?).ok_or(ApiError::Internal)?,
                department: both(row, "name_zh", "name_en")?,
                to_department: both(row, "to_zh", "to_en")?,
                text: row.try_get("text")?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(TicketView {
        summary: ticket.summary(&shanghai_date(state.clock.now())),
        service: ticket.service.clone(),
        application_id: ticket.application_id.clone(),
        application_number: ticket.application_number.clone(),
        events,
    })
}

/// Who wrote a step: the person, or an officer of a department.
pub struct Writer<'a> {
    pub staff_number: Option<&'a str>,
    pub department_code: Option<&'a str>,
}

/// A step on the timeline, in the caller's transaction.
pub async fn record(
    conn: &mut AnyConnection,
    now: i64,
    ticket_id: &str,
    kind: TicketEventKind,
    by: Writer<'_>,
    to_department: Option<&str>,
    text: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ticket_events (id, ticket_id, seq, at, kind, staff_number, department_code, to_department, text) \
         VALUES ($1, $2, (SELECT COUNT(*) + 1 FROM ticket_events WHERE ticket_id = $3), $4, $5, $6, $7, $8, $9)",
    )
    .bind(random_token(12))
    .bind(ticket_id)
    .bind(ticket_id)
    .bind(now)
    .bind(kind.as_str())
    .bind(by.staff_number)
    .bind(by.department_code)
    .bind(to_department)
    .bind(text)
    .execute(conn)
    .await?;
    Ok(())
}

/// `KF` + Shanghai date + the day's count: what the acknowledgement, texts and officers quote.
pub async fn next_number(conn: &mut AnyConnection, now: i64) -> Result<String, sqlx::Error> {
    let date = shanghai_date(now).replace('-', "");
    let count: i64 = sqlx::query(
        "INSERT INTO ticket_number_days (day, last) VALUES ($1, 1) \
         ON CONFLICT (day) DO UPDATE SET last = ticket_number_days.last + 1 RETURNING last",
    )
    .bind(date.as_str())
    .fetch_one(conn)
    .await?
    .try_get("last")?;
    Ok(format!("KF{date}{count:06}"))
}
