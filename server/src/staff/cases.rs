//! The department's queue and the officer's actions on an application. Each action is a named
//! event checked against the state model; acting on an older version than the one stored is a
//! conflict, so two officers never overwrite each other.

use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use axum::extract::{Path, Query, State};
use axum::Json;
use sqlx::Row;
use tongban_api::applications::{ApplicationEvent, ApplicationState};
use tongban_api::catalogue::Material;
use tongban_api::fields;
use tongban_api::forms::Answer;
use tongban_api::identity::mask_id_number;
use tongban_api::payments::{FeeState, RefundRequest};
use tongban_api::staff::{
    ActionRequest, CaseView, CorrectionOption, QueueItem, QueueQuery, SignatureCheck, StaffService, StartForPersonRequest, StartedForPerson,
};
use tongban_api::{ApiErrorBody, ConflictReason, FieldProblem, Lang, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::Officer;
use crate::applications::store::{self, load, ApplicationRecord, Move, MovedBy};
use crate::applications::{form_of, materials};
use crate::audit::AuditAction;
use crate::catalogue::store::guide;
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::licences;
use crate::outbox;
use crate::payments::refunds::OfficerRefund;
use crate::secrets::random_token;
use crate::words::Wording;
use crate::AppState;

const OFFICER_EVENTS: [ApplicationEvent; 8] = [
    ApplicationEvent::Accept,
    ApplicationEvent::NotAccept,
    ApplicationEvent::StartReview,
    ApplicationEvent::RequestCorrections,
    ApplicationEvent::Approve,
    ApplicationEvent::Reject,
    ApplicationEvent::IssueResult,
    ApplicationEvent::Close,
];

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue, start_for_person))
        .routes(routes!(case))
        .routes(routes!(act))
        .routes(routes!(refund))
        .routes(routes!(file))
        .routes(routes!(services))
}

/// The department's applications (drafts are the applicant's own), the nearest deadline first.
#[utoipa::path(get, path = "/api/v1/staff/applications", tag = "staff", params(QueueQuery),
    responses((status = 200, body = Vec<QueueItem>), (status = 400, body = ApiErrorBody)))]
async fn queue(State(state): State<AppState>, officer: Officer, Query(query): Query<QueueQuery>) -> Result<Json<Vec<QueueItem>>, ApiError> {
    let filter = match query.state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => match ApplicationState::parse(text) {
            Some(ApplicationState::Draft) | None => return Err(ApiError::field(fields::STATE, FieldProblem::UnknownChoice)),
            Some(s) => Some(s),
        },
    };
    let window = match query.window.as_deref() {
        None | Some("") => String::new(),
        Some(QueueQuery::MY_WINDOW) => officer
            .window
            .as_ref()
            .map(|(code, _)| code.clone())
            .ok_or_else(|| ApiError::field(fields::WINDOW, FieldProblem::UnknownChoice))?,
        Some(_) => return Err(ApiError::field(fields::WINDOW, FieldProblem::UnknownChoice)),
    };
    let rows = sqlx::query(&format!(
        "{} WHERE s.department_code = $1 AND a.state <> 'draft' AND ($2 = '' OR a.state = $3) \
         AND ($4 = '' OR EXISTS (SELECT 1 FROM bookings b WHERE b.application_id = a.id AND b.window_code = $5 AND b.cancelled_at IS NULL)) \
         ORDER BY a.submitted_at",
        store::SELECT_APPLICATIONS
    ))
    .bind(officer.department_code.as_str())
    .bind(filter.map_or("", |s| s.as_str()))
    .bind(filter.map_or("", |s| s.as_str()))
    .bind(window.as_str())
    .bind(window.as_str())
    .fetch_all(&state.pool)
    .await?;
    let mut items = Vec::new();
    for row in &rows {
        let application = ApplicationRecord::from_row(row)?;
        let due = store::deadlines(&state, &application).await?.map(|d| d.promised);
        let applicant = applicant_of(&state, &application).await?;
        let booking = crate::applications::booking_of(&state, &application)
            .await?
            .map(|b| format!("{} {} {}", b.window.name.get(officer.reader), b.day, b.time));
        items.push(QueueItem { summary: application.summary, applicant_name: applicant.0, due, booking });
    }
    // Accepted ones by their promised date; those not yet accepted wait in order of arrival.
    items.sort_by(|a, b| match (&a.due, &b.due) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.summary.submitted_at.cmp(&b.summary.submitted_at),
    });
    state.audit(officer.actor(), AuditAction::CaseQueueRead, &officer.department_code).await?;
    Ok(Json(items))
}

/// The department's services that have an application form.
#[utoipa::path(get, path = "/api/v1/staff/services", tag = "staff", responses((status = 200, body = Vec<StaffService>)))]
async fn services(State(state): State<AppState>, officer: Officer) -> Result<Json<Vec<StaffService>>, ApiError> {
    let rows = sqlx::query(
        "SELECT s.code, s.name_zh, s.name_en FROM services s JOIN service_forms f ON f.service_code = s.code \
         WHERE s.department_code = $1 ORDER BY s.code",
    )
    .bind(officer.department_code.as_str())
    .fetch_all(&state.pool)
    .await?;
    let list = rows
        .iter()
        .map(|r| {
            Ok(StaffService {
                code: r.try_get("code")?,
                name: Localized::new(r.try_get::<String, _>("name_zh")?, r.try_get::<String, _>("name_en")?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(list))
}

/// Starts an application at the window for a person with an account: it is theirs, shown in
/// their "My applications" to check, complete and sign; they are told by message and SMS.
#[utoipa::path(post, path = "/api/v1/staff/applications", tag = "staff", request_body = StartForPersonRequest,
    responses((status = 200, body = StartedForPerson), (status = 400, body = ApiErrorBody)))]
async fn start_for_person(
    State(state): State<AppState>,
    officer: Officer,
    Json(request): Json<StartForPersonRequest>,
) -> Result<Json<StartedForPerson>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    let code = request.service_code.trim();
    let offered = sqlx::query(
        "SELECT s.name_zh, s.name_en FROM services s JOIN service_forms f ON f.service_code = s.code WHERE s.code = $1 AND s.department_code = $2",
    )
    .bind(code)
    .bind(officer.department_code.as_str())
    .fetch_optional(&state.pool)
    .await?
    .ok_or_else(|| ApiError::field(fields::SERVICE_CODE, FieldProblem::UnknownChoice))?;
    let service = Localized::new(offered.try_get::<String, _>("name_zh")?, offered.try_get::<String, _>("name_en")?);
    let person = sqlx::query("SELECT id, name, phone FROM users WHERE id_number = $1 AND level >= 2")
        .bind(request.id_number.trim().to_uppercase())
        .fetch_optional(&state.pool)
        .await?
        .ok_or_else(|| ApiError::field(fields::ID_NUMBER, FieldProblem::NoSuchAccount))?;
    let user_id: String = person.try_get("id")?;
    let id = random_token(12);
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    sqlx::query(
        "INSERT INTO applications (id, service_code, user_id, company, channel, state, answers, version, created_at, updated_at) \
         VALUES ($1, $2, $3, NULL, 'window', 'draft', '{}', 1, $4, $5)",
    )
    .bind(id.as_str())
    .bind(code)
    .bind(user_id.as_str())
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let title = Wording::of("msg_window_created_title", [("service", (&service).into())]);
    let body =
        Wording::of("msg_window_created_body", [("department", (&officer.department).into()), ("officer", officer.name.as_str().into())]);
    let text = Wording::of("msg_window_created_text", [("service", (&service).into())]);
    store::tell(&mut tx, now, &user_id, Some(&id), (&title, &body), &text).await?;
    let looked_up = DataUse {
        subject: &request.id_number.trim().to_uppercase(),
        user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
        data: UsedData::Application { id: &id },
        what: Localized::new(
            "姓名、身份证号码和手机号码（窗口代为创建申请）",
            "Name, ID number and phone (an application started at a window)",
        ),
        purpose: Purpose::Application { id: &id },
        outcome: Outcome::Used,
    };
    data_uses::record(&mut *tx, state.clock.as_ref(), looked_up).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(officer.actor(), AuditAction::CaseStartedForPerson, &format!("{code} {id}")).await?;
    Ok(Json(StartedForPerson { application_id: id, applicant_name: person.try_get("name")? }))
}

/// Name and ID number of the person who made the application.
pub(super) async fn applicant_of(state: &AppState, application: &ApplicationRecord) -> Result<(String, String), ApiError> {
    let row =
        sqlx::query("SELECT name, id_number FROM users WHERE id = $1").bind(application.user_id.as_str()).fetch_one(&state.pool).await?;
    Ok((row.try_get("name")?, row.try_get("id_number")?))
}

/// The application if it belongs to the officer's department; otherwise 404, audited, and on
/// the applicant's record of who tried to use their data.
pub(super) async fn find_for_officer(state: &AppState, officer: &Officer, id: &str) -> Result<ApplicationRecord, ApiError> {
    match load(state, id).await? {
        Some(application) if application.department == officer.department_code && application.summary.state != ApplicationState::Draft => {
            Ok(application)
        }
        found => {
            state.audit(officer.actor(), AuditAction::CaseRefused, id).await?;
            if let Some(application) = found.filter(|a| a.summary.state != ApplicationState::Draft) {
                record_use(state, officer, &application, Outcome::Refused("other_department")).await?;
            }
            Err(ApiError::NotFound)
        }
    }
}

/// An officer reading an application uses the applicant's data (or the company's): it goes on
/// their record of who used it.
pub(super) async fn record_use(
    state: &AppState,
    officer: &Officer,
    application: &ApplicationRecord,
    outcome: Outcome<'_>,
) -> Result<(), ApiError> {
    let used_it = matches!(outcome, Outcome::Used);
    let subject = match &application.company {
        Some(company) => company.clone(),
        None => applicant_of(state, application).await?.1,
    };
    let id = application.summary.id.as_str();
    let used = DataUse {
        subject: &subject,
        user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
        data: UsedData::Application { id },
        what: Localized::new("申请内容、材料和签名", "The application, its materials and signature"),
        purpose: Purpose::Application { id },
        outcome,
    };
    data_uses::record(&state.pool, state.clock.as_ref(), used).await?;
    if used_it {
        // Licences from the library the application uses are their holders' data, used in
        // this case: on each holder's record too, saying which department they were fetched from
        // when it is not the officer's own.
        let licences = sqlx::query(
            "SELECT l.id, l.holder, l.title_zh, l.title_en, l.seal_department, d.name_zh AS from_zh, d.name_en AS from_en \
             FROM application_materials m JOIN e_licences l ON l.id = m.licence_id LEFT JOIN departments d ON d.code = l.seal_department \
             WHERE m.application_id = $1",
        )
        .bind(id)
        .fetch_all(&state.pool)
        .await?;
        for licence in &licences {
            let (zh, en): (String, String) = (licence.try_get("title_zh")?, licence.try_get("title_en")?);
            let fetched_from = (licence.try_get::<String, _>("seal_department")? != officer.department_code)
                .then(|| {
                    Ok::<_, sqlx::Error>((
                        licence.try_get::<Option<String>, _>("from_zh")?,
                        licence.try_get::<Option<String>, _>("from_en")?,
                    ))
                })
                .transpose()?;
            let what = match fetched_from {
                Some((Some(from_zh), Some(from_en))) => Localized::new(
                    format!("{zh}（办件材料，从{from_zh}调取）"),
                    format!("{en} (a material of the application, fetched from {from_en})"),
                ),
                _ => Localized::new(format!("{zh}（办件材料）"), format!("{en} (a material of the application)")),
            };
            let used = DataUse {
                subject: &licence.try_get::<String, _>("holder")?,
                user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
                data: UsedData::Licence { id: &licence.try_get::<String, _>("id")? },
                what,
                purpose: Purpose::Application { id },
                outcome: Outcome::Used,
            };
            data_uses::record(&state.pool, state.clock.as_ref(), used).await?;
        }
    }
    Ok(())
}

/// The newest signature, checked against the application as it stands now and the ID number of
/// the person who signed it (for a company, not always the one who started it).
async fn signature(state: &AppState, application: &ApplicationRecord) -> Result<Option<SignatureCheck>, ApiError> {
    let row = sqlx::query(
        "SELECT s.digest, s.method, s.signed_at, u.name, u.id_number FROM signatures s JOIN users u ON u.id = s.user_id \
         WHERE s.application_id = $1 ORDER BY s.signed_at DESC, s.id LIMIT 1",
    )
    .bind(application.summary.id.as_str())
    .fetch_optional(&state.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let digest: String = row.try_get("digest")?;
    let signer_id: String = row.try_get("id_number")?;
    Ok(Some(SignatureCheck {
        valid: digest == store::digest(application, &signer_id, &materials::fingerprint(state, &application.summary.id).await?)
            && application.digest.as_deref() == Some(digest.as_str()),
        signer_name: row.try_get("name")?,
        method: row.try_get("method")?,
        signed_at: row.try_get::<i64, _>("signed_at")? / SECOND,
        digest,
    }))
}

pub(super) async fn case_view(state: &AppState, application: ApplicationRecord, lang: Lang) -> Result<CaseView, ApiError> {
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let (applicant_name, applicant_id) = applicant_of(state, &application).await?;
    let today = shanghai_date(state.clock.now());
    let corrections = store::corrections(state, &application, &schema).await?;
    let open = application.summary.state == ApplicationState::CorrectionsRequested;
    let mut options: Vec<CorrectionOption> = schema
        .pages()
        .filter(|p| schema.page_shown(p, &application.answers))
        .flat_map(|p| schema.shown_fields(p, &application.answers))
        .map(|f| CorrectionOption { item: format!("answer:{}", f.id), label: f.label.clone() })
        .collect();
    let guide = guide(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let needed: Vec<Material> = guide.materials.into_iter().filter(materials::asked_for).collect();
    options.extend(needed.iter().map(|m| CorrectionOption { item: format!("material:{}", m.code), label: m.name.clone() }));
    Ok(CaseView {
        fees: crate::payments::case_fees(state, &application.summary.id).await?,
        fee_tariff: super::assessments::tariff_open(state, &application).await?,
        originals: crate::delivery::originals(state, &application, true).await?,
        shipment: crate::delivery::result_shipment(state, &application.summary.id).await?,
        materials: materials::as_provided(state, &application, needed).await?,
        legal_bases: guide.legal_basis,
        applicant_id_masked: mask_id_number(&applicant_id),
        signature: signature(state, &application).await?,
        sections: store::section_states(&schema, &application.answers, &today, &corrections, open),
        timeline: store::timeline(state, &application.summary.id, lang).await?,
        deadlines: store::deadlines(state, &application).await?,
        notices_sent: store::notices_sent(state, &application.summary.id).await?,
        actions: OFFICER_EVENTS.into_iter().filter(|e| application.summary.state.after(*e).is_some()).collect(),
        correction_options: options,
        corrections,
        applicant_name,
        schema,
        answers: application.answers,
        version: application.version,
        summary: application.summary,
    })
}

/// One application with its answers, signature check, deadlines and what can be done next.
#[utoipa::path(get, path = "/api/v1/staff/applications/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 200, body = CaseView), (status = 404, body = ApiErrorBody)))]
async fn case(State(state): State<AppState>, officer: Officer, Path(id): Path<String>) -> Result<Json<CaseView>, ApiError> {
    let application = find_for_officer(&state, &officer, &id).await?;
    state.audit(officer.actor(), AuditAction::CaseRead, &id).await?;
    record_use(&state, &officer, &application, Outcome::Used).await?;
    Ok(Json(case_view(&state, application, officer.reader).await?))
}

/// When the result of this service is a licence, it is issued into the library in the name of
/// the applicant (or the company), and of a second holder the answers name (the other spouse),
/// numbered after the application, and said on the timeline.
async fn issue_licence(
    state: &AppState,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    application: &ApplicationRecord,
) -> Result<Option<Wording>, ApiError> {
    let Some(result) = licences::result_of(&state.pool, &application.summary.service_code).await? else { return Ok(None) };
    let (name, id_number) = applicant_of(state, application).await?;
    let mut holders = vec![match (&application.company, &application.summary.company_name) {
        (Some(code), Some(company)) => (code.clone(), company.clone()),
        _ => (id_number, name),
    }];
    if let Some(second) = &result.also_to {
        let answer = |field: &str| match application.answers.get(field) {
            Some(Answer::Text(text)) => Some(text.clone()),
            _ => None,
        };
        if let (Some(id), Some(answered)) = (answer(&second.id_number_answer), answer(&second.name_answer)) {
            // The licence carries the name the population register holds for that ID number.
            let registered = sqlx::query("SELECT name FROM population_register WHERE id_number = $1")
                .bind(id.as_str())
                .fetch_optional(&state.pool)
                .await?
                .map(|row| row.try_get::<String, _>("name"))
                .transpose()?;
            holders.push((id, registered.unwrap_or(answered)));
        }
    }
    let number = application.summary.number.clone().unwrap_or_default();
    let today = shanghai_date(state.clock.now());
    for (holder, holder_name) in &holders {
        let licence = licences::NewLicence {
            kind: &result.kind,
            holder,
            holder_name,
            number: &number,
            title: result.title.clone(),
            issuer: result.issuer.clone(),
            seal_department: &result.seal_department,
            issued_on: &today,
            valid_until: None,
            application_id: Some(&application.summary.id),
        };
        // A renewed licence (a driving licence renewed through JT-001) replaces the one before.
        licences::supersede(&mut **tx, holder, &result.kind, state.clock.now()).await?;
        licences::insert(&mut **tx, licence).await?;
    }
    Ok(Some(Wording::of("msg_licence_issued", [("title", (&result.title).into()), ("number", number.as_str().into())])))
}

/// A file the application uses, for the officer to look at.
#[utoipa::path(get, path = "/api/v1/staff/applications/{id}/files/{file}", tag = "staff", params(("id" = String, Path), ("file" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404, body = ApiErrorBody)))]
async fn file(
    State(state): State<AppState>,
    officer: Officer,
    Path((id, file)): Path<(String, String)>,
) -> Result<axum::response::Response, ApiError> {
    let application = find_for_officer(&state, &officer, &id).await?;
    record_use(&state, &officer, &application, Outcome::Used).await?;
    // A file of the application: one of its materials, or the answer to one of its questions.
    let answered = application.answers.values().any(|a| matches!(a, Answer::File(f) if f.file_id == file));
    let row = sqlx::query(
        "SELECT f.content_type, f.content FROM files f WHERE f.id = $1 AND ($2 = 1 OR EXISTS \
         (SELECT 1 FROM application_materials m WHERE m.application_id = $3 AND m.file_id = f.id))",
    )
    .bind(file.as_str())
    .bind(i64::from(answered))
    .bind(id.as_str())
    .fetch_optional(&state.pool)
    .await?
    .ok_or(ApiError::NotFound)?;
    state.audit(officer.actor(), AuditAction::CaseFileRead, &format!("{id} {file}")).await?;
    Ok(materials::file_response(row.try_get("content_type")?, row.try_get("content")?))
}

/// Moves the application on: accept, not accept, request corrections, approve, reject, issue
/// the result, close.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/actions", tag = "staff", params(("id" = String, Path)),
    request_body = ActionRequest,
    responses((status = 200, body = CaseView), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn act(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<ActionRequest>,
) -> Result<Json<CaseView>, ApiError> {
    let application = find_for_officer(&state, &officer, &id).await?;
    if request.version != application.version {
        return Err(ApiError::Conflict(ConflictReason::ActedOnByOthers));
    }
    if !OFFICER_EVENTS.contains(&request.event) {
        return Err(ApiError::field(fields::EVENT, FieldProblem::NotAllowedNow));
    }
    let notices = store::notices_sent(&state, &id).await?;
    request.validate(application.summary.state, notices).map_err(ApiError::Invalid)?;
    // A fee only ever moves from due to paid, so what is paid now stays paid through the move.
    if request.event == ApplicationEvent::IssueResult
        && crate::payments::store::fees_of_application(&state, &id).await?.iter().any(|f| f.view.state == FeeState::Due)
    {
        return Err(ApiError::Conflict(ConflictReason::FeeUnpaid));
    }
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let guide = guide(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    if request.event == ApplicationEvent::Approve && super::assessments::unassessed(&state, &application).await? {
        return Err(ApiError::Conflict(ConflictReason::FeeNotAssessed));
    }
    let legal_basis = match request.legal_basis {
        Some(i) if matches!(request.event, ApplicationEvent::NotAccept | ApplicationEvent::Reject) => {
            Some(guide.legal_basis.get(i).ok_or_else(|| ApiError::field(fields::LEGAL_BASIS, FieldProblem::LegalBasisRequired))?)
        }
        _ => None,
    };
    let materials = guide.materials.clone();
    for correction in &request.corrections {
        if store::item_label(&schema, &materials, &correction.item).is_none() {
            return Err(ApiError::field(fields::CORRECTIONS, FieldProblem::UnknownCorrectionItem));
        }
    }
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    for (position, correction) in request.corrections.iter().enumerate() {
        sqlx::query(
            "INSERT INTO application_corrections (id, application_id, notice, position, item, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(random_token(12))
        .bind(id.as_str())
        .bind(i64::from(notices + 1))
        .bind(position as i64)
        .bind(correction.item.as_str())
        .bind(correction.reason.trim())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let issued = if request.event == ApplicationEvent::IssueResult {
        let licence = issue_licence(&state, &mut tx, &application).await?.unwrap_or_default();
        let pickup = super::pickups::make(&mut tx, &state, &application).await?.unwrap_or_default();
        let posted = crate::delivery::make_shipment(&mut tx, &state, &application).await?.unwrap_or_default();
        Some(licence.then(&pickup).then(&posted))
    } else {
        None
    };
    let note = match request.event {
        ApplicationEvent::RequestCorrections if notices > 0 => {
            Wording::of("msg_corrections_again", [("explanation", request.explanation.trim().into())])
        }
        ApplicationEvent::RequestCorrections => {
            Wording::of("msg_corrections_count", [("count", (request.corrections.len() as i64).into())])
        }
        _ => Wording::default().and_said(&request.note).then(&issued.unwrap_or_default()),
    };
    let by = MovedBy { kind: "officer", id: &officer.id, name: &officer.department.zh, department: Some(&officer.department_code) };
    let step = Move { event: request.event, by, note: &note, legal_basis, raced: ConflictReason::ActedOnByOthers };
    store::move_by(&mut tx, &state, &application, step).await?;
    // Asked once the move holds the application, so originals booked a moment before count.
    if request.event == ApplicationEvent::Approve && crate::delivery::originals_awaited(&mut *tx, &id).await? {
        return Err(ApiError::Conflict(ConflictReason::OriginalsNotCheckedIn));
    }
    let number = application.summary.number.clone().unwrap_or_default();
    store::notify(&mut tx, &state, &application, &number, request.event, &note, legal_basis).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(officer.actor(), AuditAction::of_case(request.event).ok_or(ApiError::Internal)?, &id).await?;
    let application = load(&state, &id).await?.ok_or(ApiError::Internal)?;
    // The answer shows the case again: another use of the applicant's data.
    record_use(&state, &officer, &application, Outcome::Used).await?;
    Ok(Json(case_view(&state, application, officer.reader).await?))
}

/// Gives back all or part of what one of the case's payments took, saying why. The money goes
/// back through the channel it came by; the case shows the refund until the channel confirms it.
#[utoipa::path(post, path = "/api/v1/staff/applications/{id}/refunds", tag = "staff",
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "1–64 printable ASCII characters: the same key is the same refund")),
    request_body = RefundRequest,
    responses((status = 200, body = CaseView), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn refund(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    Json(request): Json<RefundRequest>,
) -> Result<Json<CaseView>, ApiError> {
    find_for_officer(&state, &officer, &id).await?;
    let amount_fen = request.validate().map_err(ApiError::Invalid)?;
    let key = crate::payments::idempotency_key(&headers)?;
    let asked =
        OfficerRefund { order_id: request.order_id.trim(), amount_fen, reason: request.reason.trim(), idempotency_key: key.as_deref() };
    crate::payments::refunds::by_officer(&state, &officer, &id, asked).await?;
    let application = load(&state, &id).await?.ok_or(ApiError::Internal)?;
    record_use(&state, &officer, &application, Outcome::Used).await?;
    Ok(Json(case_view(&state, application, officer.reader).await?))
}
