//! Reading and moving applications, shared by the applicant's and the officer's side: one row
//! shape, one timeline, one way to record an event and tell the applicant about it.

use sqlx::{AnyConnection, Row};
use tongban_api::applications::{
    ApplicationEvent, ApplicationState, ApplicationSummary, Correction, Deadlines, SectionStatus, TimelineEntry,
};
use tongban_api::catalogue::Material;
use tongban_api::companies::AgentScope;
use tongban_api::forms::{Answers, FormSchema, SectionState};
use tongban_api::{ConflictReason, Lang, Localized};

use crate::calendar::{add_working_days, working_days_between};
use crate::catalogue::store::guide;
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::outbox;
use crate::secrets::{random_token, sha256_hex};
use crate::words::{Arg, Wording};
use crate::AppState;

/// One application row as read from the database.
pub struct ApplicationRecord {
    pub summary: ApplicationSummary,
    pub user_id: String,
    pub company: Option<String>,
    pub answers: Answers,
    pub version: i64,
    pub digest: Option<String>,
    pub department: String,
    pub channel: String,
    /// The service is handled at a window.
    pub window_required: bool,
}

pub const SELECT_APPLICATIONS: &str =
    "SELECT a.id, a.number, a.service_code, a.user_id, a.company, a.state, a.answers, a.version, a.digest, \
     a.created_at, a.updated_at, a.submitted_at, a.channel, s.mode, s.name_zh, s.name_en, s.department_code, c.name AS company_name \
     FROM applications a JOIN services s ON s.code = a.service_code LEFT JOIN company_register c ON c.credit_code = a.company";

impl ApplicationRecord {
    pub fn from_row(row: &sqlx::any::AnyRow) -> Result<ApplicationRecord, ApiError> {
        let state: String = row.try_get("state")?;
        Ok(ApplicationRecord {
            summary: ApplicationSummary {
                id: row.try_get("id")?,
                number: row.try_get("number")?,
                service_code: row.try_get("service_code")?,
                service_name: Localized::new(row.try_get::<String, _>("name_zh")?, row.try_get::<String, _>("name_en")?),
                state: ApplicationState::parse(&state).ok_or(ApiError::Internal)?,
                company_name: row.try_get("company_name")?,
                created_at: row.try_get::<i64, _>("created_at")? / SECOND,
                updated_at: row.try_get::<i64, _>("updated_at")? / SECOND,
                submitted_at: row.try_get::<Option<i64>, _>("submitted_at")?.map(|t| t / SECOND),
            },
            user_id: row.try_get("user_id")?,
            company: row.try_get("company")?,
            answers: serde_json::from_str(&row.try_get::<String, _>("answers")?).map_err(|_| ApiError::Internal)?,
            version: row.try_get("version")?,
            digest: row.try_get("digest")?,
            department: row.try_get("department_code")?,
            channel: row.try_get("channel")?,
            window_required: row.try_get::<String, _>("mode")? == "window",
        })
    }
}

pub async fn load(state: &AppState, id: &str) -> Result<Option<ApplicationRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT_APPLICATIONS} WHERE a.id = $1")).bind(id).fetch_optional(&state.pool).await?;
    row.map(|r| ApplicationRecord::from_row(&r)).transpose()
}

pub async fn timeline(state: &AppState, id: &str, lang: Lang) -> Result<Vec<TimelineEntry>, ApiError> {
    let rows = sqlx::query(
        "SELECT e.at, e.event, e.actor_name, e.note, e.note_words, e.legal_basis, d.name_zh, d.name_en FROM application_events e \
         LEFT JOIN departments d ON d.code = e.actor_department WHERE e.application_id = $1 ORDER BY e.seq",
    )
    .bind(id)
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let event: String = r.try_get("event")?;
            let department = match (r.try_get::<Option<String>, _>("name_zh")?, r.try_get::<Option<String>, _>("name_en")?) {
                (Some(zh), Some(en)) => Some(Localized::new(zh, en)),
                _ => None,
            };
            Ok(TimelineEntry {
                at: r.try_get::<i64, _>("at")? / SECOND,
                event: serde_json::from_value(serde_json::Value::String(event)).map_err(|_| ApiError::Internal)?,
                by: match department {
                    Some(department) => department.get(lang).to_string(),
                    None => r.try_get("actor_name")?,
                },
                note: match r.try_get::<Option<String>, _>("note_words")? {
                    Some(words) => Wording::from_json(&words).render(lang),
                    None => r.try_get("note")?,
                },
                legal_basis: r.try_get::<Option<String>, _>("legal_basis")?.and_then(|l| serde_json::from_str(&l).ok()),
            })
        })
        .collect()
}

/// The page a form answer is on.
pub fn page_of(schema: &FormSchema, field: &str) -> Option<String> {
    schema.pages().find(|p| p.fields.iter().any(|f| f.id == field)).map(|p| p.id.clone())
}

/// The guide's materials of a service, read once for all the items of a notice.
pub async fn guide_materials(state: &AppState, service_code: &str) -> Result<Vec<Material>, ApiError> {
    Ok(guide(&state.pool, service_code).await?.map(|g| g.materials).unwrap_or_default())
}

/// What an item of a correction notice is called: the question's or the material's name.
pub fn item_label(schema: &FormSchema, materials: &[Material], item: &str) -> Option<Localized> {
    if let Some(field) = item.strip_prefix("answer:") {
        return schema.field(field).map(|f| f.label.clone());
    }
    let code = item.strip_prefix("material:")?;
    materials.iter().find(|m| m.code == code).map(|m| m.name.clone())
}

pub async fn notices_sent(state: &AppState, id: &str) -> Result<u32, ApiError> {
    let row = sqlx::query("SELECT COALESCE(MAX(notice), 0) AS n FROM application_corrections WHERE application_id = $1")
        .bind(id)
        .fetch_one(&state.pool)
        .await?;
    Ok(row.try_get::<i64, _>("n")? as u32)
}

/// The newest correction notice, every item of it.
pub async fn corrections(state: &AppState, application: &ApplicationRecord, schema: &FormSchema) -> Result<Vec<Correction>, ApiError> {
    let id = &application.summary.id;
    let notice = notices_sent(state, id).await?;
    let rows = sqlx::query(
        "SELECT item, reason, addressed_at FROM application_corrections WHERE application_id = $1 AND notice = $2 ORDER BY position",
    )
    .bind(id.as_str())
    .bind(i64::from(notice))
    .fetch_all(&state.pool)
    .await?;
    let materials = if rows.is_empty() { Vec::new() } else { guide_materials(state, &application.summary.service_code).await? };
    let mut list = Vec::new();
    for row in rows {
        let item: String = row.try_get("item")?;
        let label = item_label(schema, &materials, &item).unwrap_or_else(|| Localized::new(&item, &item));
        list.push(Correction {
            page: item.strip_prefix("answer:").and_then(|f| page_of(schema, f)),
            item,
            label,
            reason: row.try_get("reason")?,
            addressed: row.try_get::<Option<i64>, _>("addressed_at")?.is_some(),
        });
    }
    Ok(list)
}

/// Section states, with a section holding an unaddressed correction marked as needing attention.
pub fn section_states(schema: &FormSchema, answers: &Answers, today: &str, corrections: &[Correction], open: bool) -> Vec<SectionStatus> {
    schema
        .sections
        .iter()
        .map(|s| {
            let flagged = open
                && corrections.iter().any(|c| !c.addressed && c.page.as_ref().is_some_and(|p| s.pages.iter().any(|page| &page.id == p)));
            SectionStatus {
                id: s.id.clone(),
                state: if flagged { SectionState::NeedsAttention } else { schema.section_state(s, answers, today) },
            }
        })
        .collect()
}

/// The promised and statutory dates, counted in working days from acceptance, moved on by the
/// working days the application waited for corrections after it.
pub async fn deadlines(state: &AppState, application: &ApplicationRecord) -> Result<Option<Deadlines>, ApiError> {
    let events = sqlx::query("SELECT at, event FROM application_events WHERE application_id = $1 ORDER BY seq")
        .bind(application.summary.id.as_str())
        .fetch_all(&state.pool)
        .await?;
    let mut accepted_on = None;
    let mut paused = 0;
    let mut waiting_since: Option<String> = None;
    for row in &events {
        let event: String = row.try_get("event")?;
        let date = shanghai_date(row.try_get::<i64, _>("at")?);
        match event.as_str() {
            "accept" if accepted_on.is_none() => accepted_on = Some(date),
            "request_corrections" if accepted_on.is_some() => waiting_since = Some(date),
            "resubmit" => {
                if let Some(since) = waiting_since.take() {
                    paused += working_days_between(&since, &date);
                }
            }
            _ => {}
        }
    }
    if let Some(since) = waiting_since {
        paused += working_days_between(&since, &shanghai_date(state.clock.now()));
    }
    let Some(accepted_on) = accepted_on else { return Ok(None) };
    let days = sqlx::query("SELECT promised_days, statutory_days FROM services WHERE code = $1")
        .bind(application.summary.service_code.as_str())
        .fetch_one(&state.pool)
        .await?;
    let promised = days.try_get::<i64, _>("promised_days")? as u32;
    let statutory = days.try_get::<i64, _>("statutory_days")? as u32;
    Ok(Some(Deadlines {
        promised: add_working_days(&accepted_on, promised + paused),
        statutory: add_working_days(&accepted_on, statutory + paused),
        accepted_on,
        paused_working_days: paused,
    }))
}

/// Who moved an application: the applicant by name, or an officer by their department.
pub struct MovedBy<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub name: &'a str,
    pub department: Option<&'a str>,
}

/// One move of an application: what happens, by whom, with what note (and legal basis, for a
/// refusal), and the conflict to answer if someone else moved it first.
pub struct Move<'a> {
    pub event: ApplicationEvent,
    pub by: MovedBy<'a>,
    pub note: &'a Wording,
    pub legal_basis: Option<&'a Localized>,
    pub raced: ConflictReason,
}

/// Moves an application: the only way its state changes. The state machine says where it goes
/// (a move it does not allow is a 409), the row changes only if nobody moved it since it was read,
/// and the move goes on the application's timeline.
pub async fn move_by(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    application: &ApplicationRecord,
    step: Move<'_>,
) -> Result<ApplicationState, ApiError> {
    let from = application.summary.state;
    let to = from.after(step.event).ok_or(ApiError::Conflict(ConflictReason::NotPossibleNow))?;
    let now = state.clock.now();
    let id = application.summary.id.as_str();
    let moved = sqlx::query(
        "UPDATE applications SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND state = $4 AND version = $5",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .bind(application.version)
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(ApiError::Conflict(step.raced));
    }
    sqlx::query(
        "INSERT INTO application_events (id, application_id, at, event, actor_kind, actor_id, actor_name, note, legal_basis, \
         actor_department, note_words, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         (SELECT COALESCE(MAX(seq), 0) + 1 FROM application_events WHERE application_id = $12))",
    )
    .bind(random_token(12))
    .bind(id)
    .bind(now)
    .bind(step.event.as_str())
    .bind(step.by.kind)
    .bind(step.by.id)
    .bind(step.by.name)
    .bind(step.note.render(Lang::Zh))
    .bind(step.legal_basis.map(|l| serde_json::to_string(l).unwrap_or_default()))
    .bind(step.by.department)
    .bind((!step.note.is_empty()).then(|| step.note.to_json()))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if matches!(to, ApplicationState::Withdrawn | ApplicationState::NotAccepted | ApplicationState::Rejected) {
        crate::payments::refunds::on_application_ended(&mut **tx, now, id).await?;
    }
    Ok(to)
}

/// What happened, as the catalogue names it in messages.
fn what_happened(event: ApplicationEvent) -> Arg {
    Arg::Word { word: format!("msg_event_{}", event.as_str()) }
}

/// Puts a message in a person's message centre, in the caller's transaction. Its words are kept
/// as catalogue entries and drawn in the reader's language; the Chinese is kept as text too.
pub async fn message(
    conn: &mut AnyConnection,
    now: i64,
    user_id: &str,
    application_id: Option<&str>,
    title: &Wording,
    body: &Wording,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO messages (id, user_id, application_id, title, body, title_words, body_words, at, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE user_id = $9))",
    )
    .bind(random_token(12))
    .bind(user_id)
    .bind(application_id)
    .bind(title.render(Lang::Zh))
    .bind(body.render(Lang::Zh))
    .bind(title.to_json())
    .bind(body.to_json())
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A message in the person's message centre and a text to their phone in their account's
/// language, both in the caller's transaction: they exist exactly when the change they report does.
pub async fn tell(
    conn: &mut AnyConnection,
    now: i64,
    user_id: &str,
    application_id: Option<&str>,
    (title, body): (&Wording, &Wording),
    text: &Wording,
) -> Result<(), sqlx::Error> {
    message(conn, now, user_id, application_id, title, body).await?;
    let row = sqlx::query("SELECT phone, lang FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *conn).await?;
    let lang = Lang::from_tag(&row.try_get::<String, _>("lang")?);
    outbox::text(conn, now, &row.try_get::<String, _>("phone")?, &text.render(lang)).await
}

/// Deletes a draft with what hangs off it (its materials, its booking, its messages), all or
/// nothing; false when it is not a draft (any more).
pub async fn delete_draft(state: &AppState, id: &str) -> Result<bool, sqlx::Error> {
    let mut tx = state.pool.begin().await?;
    for statement in [
        "DELETE FROM application_materials WHERE application_id = $1",
        "DELETE FROM bookings WHERE application_id = $1",
        "DELETE FROM messages WHERE application_id = $1",
    ] {
        sqlx::query(statement).bind(id).execute(&mut *tx).await?;
    }
    let deleted = sqlx::query("DELETE FROM applications WHERE id = $1 AND state = 'draft'").bind(id).execute(&mut *tx).await?;
    if deleted.rows_affected() == 0 {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// Who is told about an application: its maker; for a company's, its maker while still allowed
/// to apply for the company, otherwise the company's legal representative (a removed agent hears
/// nothing more), or nobody while no one is bound.
pub(super) async fn recipient(conn: &mut AnyConnection, maker: &str, company: Option<&str>) -> Result<Option<String>, sqlx::Error> {
    let Some(company) = company else { return Ok(Some(maker.to_string())) };
    let row = sqlx::query(
        "SELECT b.user_id AS representative, a.scopes AS agent_scopes FROM company_register c \
         LEFT JOIN company_bindings b ON b.credit_code = c.credit_code \
         LEFT JOIN company_agents a ON a.credit_code = c.credit_code AND a.user_id = $1 \
         WHERE c.credit_code = $2",
    )
    .bind(maker)
    .bind(company)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let representative: Option<String> = row.try_get("representative")?;
    let maker_may_apply =
        AgentScope::granted(representative.as_deref() == Some(maker), row.try_get::<Option<String>, _>("agent_scopes")?.as_deref())
            .contains(&AgentScope::Apply);
    Ok(if maker_may_apply { Some(maker.to_string()) } else { representative })
}

/// Tells the applicant about `event`: a message in their message centre and a text, written in
/// the transaction that makes the change (delivered after it commits, see [`outbox`]).
pub async fn notify(
    conn: &mut AnyConnection,
    state: &AppState,
    application: &ApplicationRecord,
    number: &str,
    event: ApplicationEvent,
    note: &Wording,
    legal_basis: Option<&Localized>,
) -> Result<(), ApiError> {
    let service = &application.summary.service_name;
    let title = Wording::of("msg_application_title", [("service", service.into()), ("what", what_happened(event))]);
    let mut body = Wording::of("msg_application_body", [("number", number.into()), ("what", what_happened(event))]).then(note);
    if let Some(basis) = legal_basis {
        // A refusal tells the applicant what it rests on and how to challenge it.
        body = body.and("msg_refusal_rights", [("basis", basis.into())]);
    }
    let Some(recipient) = recipient(conn, &application.user_id, application.company.as_deref()).await? else { return Ok(()) };
    let text =
        Wording::of("msg_application_text", [("service", service.into()), ("number", number.into()), ("what", what_happened(event))]);
    tell(conn, state.clock.now(), &recipient, Some(&application.summary.id), (&title, &body), &text).await?;
    Ok(())
}

/// What the declaration is signed over: the service, the application, who applies, for whom,
/// every answer and every material (licence number or file hash), as canonical JSON (sorted keys), hashed with SHA-256.
pub fn digest(
    application: &ApplicationRecord,
    applicant_id_number: &str,
    materials: &std::collections::BTreeMap<String, String>,
) -> String {
    let canonical = serde_json::json!({
        "service": application.summary.service_code,
        "application": application.summary.id,
        "applicant": applicant_id_number,
        "company": application.company,
        "answers": application.answers,
        "materials": materials,
    });
    sha256_hex(&canonical.to_string())
}
