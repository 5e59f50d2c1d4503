//! The applicant's side: start a draft, save it page by page, sign the declaration, submit once.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sqlx::Row;
use tongban_api::applications::{
    ApplicationDetail, ApplicationEvent, ApplicationState, ApplicationSummary, Channel, Declaration, PasskeyDeclaration, PasskeySignature,
    SavePageRequest, StartApplicationRequest, SubmitRequest,
};
use tongban_api::companies::AgentScope;
use tongban_api::fields;
use tongban_api::forms::{AnswerProblem, FormSchema, FoundProblem, Prefill};
use tongban_api::identity::{mask_phone, CodePurpose};
use tongban_api::{ApiErrorBody, ConflictReason, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use webauthn_rs::prelude::PasskeyAuthentication;

use super::forms::form_of;
use super::store::{self, load, ApplicationRecord, Move, MovedBy, SELECT_APPLICATIONS};
use super::{bookings, materials};
use crate::audit::AuditAction;
use crate::clock::shanghai_date;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::identity::{codes, passkeys};
use crate::outbox;
use crate::secrets::random_token;
use crate::words::Wording;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(service_form))
        .routes(routes!(start, list))
        .routes(routes!(detail))
        .routes(routes!(save_page))
        .routes(routes!(declaration))
        .routes(routes!(passkey_declaration))
        .routes(routes!(submit))
        .routes(routes!(delete_draft))
        .routes(routes!(withdraw))
}

/// A service's application form, for anyone to read before applying.
#[utoipa::path(get, path = "/api/v1/services/{code}/form", tag = "applications",
    params(("code" = String, Path)), responses((status = 200, body = FormSchema), (status = 404, body = ApiErrorBody)))]
async fn service_form(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<FormSchema>, ApiError> {
    form_of(&state.pool, &code).await?.map(Json).ok_or(ApiError::NotFound)
}

/// Whether this session may see the application: its maker, or, for a company's application,
/// anyone acting for that company whose scopes include applying.
fn visible_to(application: &ApplicationRecord, user: &SessionUser) -> bool {
    match (&application.company, &user.acting_as) {
        (Some(company), Some(acting)) => *company == acting.credit_code && acting.may(AgentScope::Apply),
        (None, None) => application.user_id == user.user_id,
        _ => false,
    }
}

/// The application `id` if this session may see it; otherwise 404, and the attempt is audited.
pub async fn find_for_applicant(state: &AppState, user: &SessionUser, id: &str) -> Result<ApplicationRecord, ApiError> {
    match load(state, id).await? {
        Some(application) if visible_to(&application, user) => Ok(application),
        _ => {
            state.audit(user.actor(), AuditAction::ApplicationRefused, id).await?;
            Err(ApiError::NotFound)
        }
    }
}

fn known_of(user: &SessionUser) -> BTreeMap<Prefill, String> {
    let mut known = BTreeMap::from([
        (Prefill::Name, user.name.clone()),
        (Prefill::IdNumber, user.id_number.clone()),
        (Prefill::Phone, user.phone.clone()),
    ]);
    if let Some(acting) = &user.acting_as {
        known.insert(Prefill::CreditCode, acting.credit_code.clone());
        known.insert(Prefill::CompanyName, acting.name.clone());
    }
    known
}

pub async fn detail_of(state: &AppState, user: &SessionUser, application: ApplicationRecord) -> Result<ApplicationDetail, ApiError> {
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let today = shanghai_date(state.clock.now());
    let open = application.summary.state == ApplicationState::CorrectionsRequested;
    let corrections = if open { store::corrections(state, &application, &schema).await? } else { Vec::new() };
    let sections = store::section_states(&schema, &application.answers, &today, &corrections, open);
    let flagged = materials::flagged(state, &application).await?;
    let (materials_state, missing) = materials::progress(state, &application, &flagged).await?;
    Ok(ApplicationDetail {
        fees: crate::payments::fees_for_reader(state, user, &application.summary.id).await?,
        pickup: crate::staff::pickup_for_applicant(state, &application.summary.id).await?,
        shipment: crate::delivery::result_shipment(state, &application.summary.id).await?,
        originals: crate::delivery::originals(state, &application, false).await?,
        timeline: store::timeline(state, &application.summary.id, user.reader).await?,
        deadlines: store::deadlines(state, &application).await?,
        channel: if application.channel == "window" { Channel::Window } else { Channel::Online },
        booking: bookings::booking_of(state, &application).await?,
        window_required: application.window_required,
        materials: materials_state,
        materials_missing: missing.len() as u32,
        corrections,
        summary: application.summary,
        schema,
        answers: application.answers,
        sections,
        known: known_of(user),
        version: application.version,
        today,
    })
}

/// Starts an application (or returns the draft already started for this service).
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = StartApplicationRequest,
    responses((status = 200, body = ApplicationDetail), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn start(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<StartApplicationRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let code = request.service_code.trim();
    let service = sqlx::query("SELECT required_level, for_individuals, for_businesses FROM services WHERE code = $1")
        .bind(code)
        .fetch_optional(&state.pool)
        .await?
        .ok_or(ApiError::NotFound)?;
    if form_of(&state.pool, code).await?.is_none() {
        return Err(ApiError::field(fields::SERVICE_CODE, FieldProblem::NotOnline));
    }
    if i64::from(user.level) < service.try_get::<i64, _>("required_level")? {
        return Err(ApiError::field(fields::SERVICE_CODE, FieldProblem::LevelTooLow));
    }
    let company = user.acting_company().map(String::from);
    match &user.acting_as {
        None if service.try_get::<i64, _>("for_individuals")? == 0 => {
            return Err(ApiError::field(fields::SERVICE_CODE, FieldProblem::ForCompaniesOnly))
        }
        Some(_) if service.try_get::<i64, _>("for_businesses")? == 0 => {
            return Err(ApiError::field(fields::SERVICE_CODE, FieldProblem::ForPeopleOnly))
        }
        Some(acting) if !acting.may(AgentScope::Apply) => {
            state
                .audit(user.actor(), AuditAction::ApplicationRefused, &format!("{code}: no apply scope for {}", acting.credit_code))
                .await?;
            return Err(ApiError::field(fields::SERVICE_CODE, FieldProblem::NoApplyScope));
        }
        _ => {}
    }
    let existing = sqlx::query(&format!(
        "{SELECT_APPLICATIONS} WHERE a.service_code = $1 AND a.user_id = $2 AND a.state = 'draft' AND {} ORDER BY a.updated_at DESC",
        if company.is_some() { "a.company = $3" } else { "(a.company IS NULL AND $3 = '')" }
    ))
    .bind(code)
    .bind(user.user_id.as_str())
    .bind(company.as_deref().unwrap_or(""))
    .fetch_optional(&state.pool)
    .await?;
    if let Some(row) = existing {
        return Ok(Json(detail_of(&state, &user, ApplicationRecord::from_row(&row)?).await?));
    }
    let id = random_token(12);
    let now = state.clock.now();
    sqlx::query(
        "INSERT INTO applications (id, service_code, user_id, company, channel, state, answers, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', '{}', 1, $6, $7)",
    )
    .bind(id.as_str())
    .bind(code)
    .bind(user.user_id.as_str())
    .bind(company.as_deref())
    .bind(serde_json::to_value(Channel::Online).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default())
    .bind(now)
    .bind(now)
    .execute(&state.pool)
    .await?;
    state.audit(user.actor(), AuditAction::ApplicationStarted, &format!("{code} {id}")).await?;
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(detail_of(&state, &user, application).await?))
}

/// The applications of this person, or of the company this session acts for; newest first.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", responses((status = 200, body = Vec<ApplicationSummary>)))]
async fn list(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<ApplicationSummary>>, ApiError> {
    let (filter, subject) = match user.company_with(AgentScope::Apply)? {
        Some(company) => ("a.company = $1", company),
        None => ("a.user_id = $1 AND a.company IS NULL", user.user_id.as_str()),
    };
    let rows = sqlx::query(&format!("{SELECT_APPLICATIONS} WHERE {filter} ORDER BY a.updated_at DESC"))
        .bind(subject)
        .fetch_all(&state.pool)
        .await?;
    Ok(Json(rows.iter().map(|r| ApplicationRecord::from_row(r).map(|s| s.summary)).collect::<Result<_, _>>()?))
}

#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications",
    params(("id" = String, Path)), responses((status = 200, body = ApplicationDetail), (status = 404, body = ApiErrorBody)))]
async fn detail(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<ApplicationDetail>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    // Answers are personal data: every read is on record (Art. 24).
    state.audit(user.actor(), AuditAction::ApplicationRead, &id).await?;
    Ok(Json(detail_of(&state, &user, application).await?))
}

fn editable(application: &ApplicationRecord) -> Result<(), ApiError> {
    match application.summary.state {
        ApplicationState::Draft | ApplicationState::CorrectionsRequested => Ok(()),
        _ => Err(ApiError::Conflict(ConflictReason::NotEditable)),
    }
}

/// Whether the answers on `page_id` may change now: any page of a draft, or a page a correction
/// notice names (only those reopen); the items of the notice on that page.
pub(super) async fn reopened(
    state: &AppState,
    application: &ApplicationRecord,
    schema: &FormSchema,
    page_id: &str,
) -> Result<Vec<String>, ApiError> {
    match application.summary.state {
        ApplicationState::Draft => Ok(Vec::new()),
        ApplicationState::CorrectionsRequested => {
            let flagged: Vec<String> = store::corrections(state, application, schema)
                .await?
                .into_iter()
                .filter(|c| c.page.as_deref() == Some(page_id))
                .map(|c| c.item)
                .collect();
            if flagged.is_empty() {
                Err(ApiError::Conflict(ConflictReason::NotEditable))
            } else {
                Ok(flagged)
            }
        }
        _ => Err(ApiError::Conflict(ConflictReason::NotEditable)),
    }
}

/// Saves the answers on one page after checking them as the page's "continue" does.
#[utoipa::path(post, path = "/api/v1/applications/{id}/pages", tag = "applications", request_body = SavePageRequest,
    params(("id" = String, Path)),
    responses((status = 200, body = ApplicationDetail), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn save_page(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<SavePageRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    let page = schema.page(&request.page).ok_or_else(|| ApiError::field(fields::PAGE, FieldProblem::UnknownChoice))?;
    let flagged = reopened(&state, &application, &schema, &page.id).await?;
    let mut answers = application.answers.clone();
    for field in &page.fields {
        match request.answers.get(&field.id) {
            Some(answer) => answers.insert(field.id.clone(), answer.clone()),
            None => answers.remove(&field.id),
        };
    }
    let problems = schema.check_page(&page.id, &answers, &shanghai_date(state.clock.now()));
    if !problems.is_empty() {
        return Err(ApiError::InvalidAnswers(problems));
    }
    let mut answers = schema.clean(&answers);
    materials::check_file_answers(&state, &user.user_id, page, &mut answers).await?;
    let updated = sqlx::query("UPDATE applications SET answers = $1, version = version + 1, updated_at = $2, expiry_warned_at = NULL WHERE id = $3 AND version = $4")
        .bind(serde_json::to_string(&answers).map_err(|_| ApiError::Internal)?)
        .bind(state.clock.now())
        .bind(id.as_str())
        .bind(request.version)
        .execute(&state.pool)
        .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::ChangedElsewhere));
    }
    // Answers are personal data and every change of them is on record (Art. 24).
    state.audit(user.actor(), AuditAction::AnswersSaved, &format!("{} page {}", id, page.id)).await?;
    for item in &flagged {
        sqlx::query(
            "UPDATE application_corrections SET addressed_at = $1 WHERE application_id = $2 AND item = $3 AND addressed_at IS NULL",
        )
        .bind(state.clock.now())
        .bind(id.as_str())
        .bind(item.as_str())
        .execute(&state.pool)
        .await?;
    }
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(detail_of(&state, &user, application).await?))
}

/// Every material must be provided before the declaration; each missing one is named.
async fn check_materials(state: &AppState, application: &ApplicationRecord) -> Result<(), ApiError> {
    if application.window_required && bookings::booking_of(state, application).await?.is_none() {
        return Err(ApiError::field(fields::SLOT, FieldProblem::BookingRequired));
    }
    let flagged = materials::flagged(state, application).await?;
    let (_, missing) = materials::progress(state, application, &flagged).await?;
    let problems: Vec<FoundProblem> = missing
        .into_iter()
        .map(|(code, name)| FoundProblem { field: format!("material-{code}"), label: name, problem: AnswerProblem::MaterialMissing })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidAnswers(problems))
    }
}

fn check_complete(schema: &FormSchema, application: &ApplicationRecord, today: &str) -> Result<(), ApiError> {
    let problems = schema.check_all(&application.answers, today);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidAnswers(problems))
    }
}

/// The application if everything is answered and provided, with the digest of it to sign.
async fn ready_to_sign(state: &AppState, user: &SessionUser, id: &str) -> Result<(ApplicationRecord, String), ApiError> {
    let application = find_for_applicant(state, user, id).await?;
    editable(&application)?;
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    check_complete(&schema, &application, &shanghai_date(state.clock.now()))?;
    check_materials(state, &application).await?;
    let digest = store::digest(&application, &user.id_number, &materials::fingerprint(state, id).await?);
    Ok((application, digest))
}

/// Checks the whole application, then sends the code that confirms the declaration.
#[utoipa::path(post, path = "/api/v1/applications/{id}/declaration", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, body = Declaration), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn declaration(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<Declaration>, ApiError> {
    let (application, digest) = ready_to_sign(&state, &user, &id).await?;
    let what = Wording::of("msg_sign_what", [("service", (&application.summary.service_name).into()), ("digest", digest[..8].into())]);
    let sent = codes::issue_signing_code(&state, &user.phone, &digest, what, (&user.ip, user.reader)).await?;
    Ok(Json(Declaration {
        digest,
        phone_masked: mask_phone(&user.phone),
        expires_in_secs: sent.expires_in_secs,
        resend_after_secs: sent.resend_after_secs,
    }))
}

/// The declaration to sign with a passkey: a WebAuthn request whose challenge is the digest.
#[utoipa::path(post, path = "/api/v1/applications/{id}/declaration/passkey", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, body = PasskeyDeclaration), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn passkey_declaration(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
) -> Result<Json<PasskeyDeclaration>, ApiError> {
    let (_, digest) = ready_to_sign(&state, &user, &id).await?;
    let keys = passkeys::passkeys_of(&state, &user.user_id).await?.iter().map(passkeys::stored_passkey).collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(ApiError::field(fields::PASSKEY, FieldProblem::NoPasskey));
    }
    let (mut options, authentication) = state.webauthn.start_passkey_authentication(&keys).map_err(|e| {
        tracing::error!(error = %e, "could not start passkey signing");
        ApiError::Internal
    })?;
    // The challenge is a fresh server nonce followed by the digest: the assertion signs exactly
    // this submission, and cannot be replayed for the same digest later.
    let mut challenge = crate::secrets::random_bytes::<16>().to_vec();
    challenge.extend(hex::decode(&digest).map_err(|_| ApiError::Internal)?);
    options.public_key.challenge = challenge.clone().into();
    let mut authentication = serde_json::to_value(&authentication).map_err(|_| ApiError::Internal)?;
    authentication["ast"]["challenge"] = serde_json::Value::String(URL_SAFE_NO_PAD.encode(&challenge));
    let ceremony = passkeys::begin(&state, Some(&user.user_id), &authentication).await?;
    Ok(Json(PasskeyDeclaration { digest, ceremony, options }))
}

/// Checks a passkey assertion over the digest, returning what to keep as evidence.
async fn verify_passkey_signature(
    state: &AppState,
    user: &SessionUser,
    digest: &str,
    signature: &PasskeySignature,
) -> Result<serde_json::Value, ApiError> {
    let authentication: serde_json::Value = passkeys::take(state, &signature.ceremony, Some(&user.user_id)).await?;
    let signed_over = authentication["ast"]["challenge"].as_str().and_then(|c| URL_SAFE_NO_PAD.decode(c.trim_end_matches('=')).ok());
    let over_this_digest = match (signed_over.as_deref(), hex::decode(digest).ok()) {
        (Some(challenge), Some(digest)) => challenge.len() == 16 + digest.len() && challenge[16..] == digest[..],
        _ => false,
    };
    if !over_this_digest {
        return Err(ApiError::Conflict(ConflictReason::ChangedSinceDeclaration));
    }
    let authentication: PasskeyAuthentication = serde_json::from_value(authentication).map_err(|_| ApiError::Internal)?;
    let assertion = passkeys::Assertion::Signing { owner: user.user_id.clone(), authentication };
    let (_, credential_id) = match passkeys::check_assertion(state, &signature.credential, assertion).await {
        Ok(checked) => checked,
        Err(passkeys::AssertionRefused::Failed(e)) => return Err(e),
        Err(refused) => {
            if let passkeys::AssertionRefused::BadSignature { reason, .. } = refused {
                tracing::info!(error = %reason, "passkey signature refused");
            }
            return Err(passkeys::rejected());
        }
    };
    // Enough to check the signature again later: the key's id and the assertion as signed.
    Ok(serde_json::json!({ "credential_id": credential_id, "assertion": signature.credential }))
}

/// `TB` + Shanghai date + the day's count, six digits or more: what the receipt, the SMS and the
/// window quote. Drawn inside the submitting transaction, so a rolled-back submission gives its
/// number back and no two submissions share one.
async fn next_application_number(tx: &mut sqlx::Transaction<'_, sqlx::Any>, state: &AppState) -> Result<String, ApiError> {
    let date = shanghai_date(state.clock.now()).replace('-', "");
    let count: i64 = sqlx::query(
        "INSERT INTO application_number_days (day, last) VALUES ($1, 1) \
         ON CONFLICT (day) DO UPDATE SET last = application_number_days.last + 1 RETURNING last",
    )
    .bind(date.as_str())
    .fetch_one(&mut **tx)
    .await?
    .try_get("last")?;
    Ok(format!("TB{date}{count:06}"))
}

/// Submits (or resubmits after corrections) once the declaration's code confirms the digest.
/// Submitting again what is already submitted answers with the application as it stands, so a
/// double click, a retry or a second tab make one application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "applications", request_body = SubmitRequest,
    params(("id" = String, Path)),
    responses((status = 200, body = ApplicationDetail), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn submit(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<SubmitRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    // The level is checked again here: the account may have changed since the draft began.
    let required: i64 = sqlx::query("SELECT required_level FROM services WHERE code = $1")
        .bind(application.summary.service_code.as_str())
        .fetch_one(&state.pool)
        .await?
        .try_get("required_level")?;
    if i64::from(user.level) < required {
        state.audit(user.actor(), AuditAction::ApplicationRefused, &format!("{id}: level {} below {required}", user.level)).await?;
        return Err(ApiError::Forbidden(tongban_api::Refusal::LevelTooLow));
    }
    let digest = store::digest(&application, &user.id_number, &materials::fingerprint(&state, &id).await?);
    if application.digest.as_deref() == Some(request.digest.as_str())
        && matches!(application.summary.state, ApplicationState::Submitted | ApplicationState::Resubmitted)
    {
        return Ok(Json(detail_of(&state, &user, application).await?));
    }
    editable(&application)?;
    request.validate().map_err(ApiError::Invalid)?;
    let schema = form_of(&state.pool, &application.summary.service_code).await?.ok_or(ApiError::Internal)?;
    check_complete(&schema, &application, &shanghai_date(state.clock.now()))?;
    check_materials(&state, &application).await?;
    if request.digest != digest {
        return Err(ApiError::Conflict(ConflictReason::ChangedSinceDeclaration));
    }
    let (method, evidence) = match &request.passkey {
        Some(signature) => ("passkey", verify_passkey_signature(&state, &user, &digest, signature).await?),
        None => {
            if !codes::consume_signing_code(&state, &user.phone, &digest, request.code.trim()).await? {
                return Err(ApiError::field(fields::CODE, FieldProblem::CodeRejected));
            }
            ("sms", serde_json::json!({ "phone": mask_phone(&user.phone), "code_purpose": CodePurpose::Sign.as_str() }))
        }
    };
    let event = application.summary.state.submission();
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let by = MovedBy { kind: "applicant", id: &user.user_id, name: &user.name, department: None };
    let step = Move { event, by, note: &Wording::default(), legal_basis: None, raced: ConflictReason::ChangedElsewhere };
    store::move_by(&mut tx, &state, &application, step).await?;
    let number = match application.summary.number.clone() {
        Some(number) => number,
        None => next_application_number(&mut tx, &state).await?,
    };
    sqlx::query("UPDATE applications SET number = $1, digest = $2, submitted_at = $3 WHERE id = $4")
        .bind(number.as_str())
        .bind(digest.as_str())
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO signatures (id, application_id, user_id, digest, method, evidence, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(random_token(12))
    .bind(id.as_str())
    .bind(user.user_id.as_str())
    .bind(digest.as_str())
    .bind(method)
    .bind(evidence.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    crate::payments::store::fee_falls_due(&mut tx, now, &application).await?;
    store::notify(&mut tx, &state, &application, &number, event, &Wording::default(), None).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(user.actor(), AuditAction::ApplicationSubmitted, &format!("{number} {id}")).await?;
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(detail_of(&state, &user, application).await?))
}

/// Deletes a draft; a submitted application is withdrawn instead, never deleted.
#[utoipa::path(post, path = "/api/v1/applications/{id}/delete", tag = "applications", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn delete_draft(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    if application.summary.state != ApplicationState::Draft {
        return Err(ApiError::Conflict(ConflictReason::NotEditable));
    }
    if !store::delete_draft(&state, &id).await? {
        return Err(ApiError::Conflict(ConflictReason::NotEditable));
    }
    state.audit(user.actor(), AuditAction::DraftDeleted, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws a submitted application before it is decided: a named event on the timeline, and
/// the department is no longer asked to act.
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "applications", params(("id" = String, Path)),
    responses((status = 200, body = ApplicationDetail), (status = 409, body = ApiErrorBody)))]
async fn withdraw(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<ApplicationDetail>, ApiError> {
    let application = find_for_applicant(&state, &user, &id).await?;
    let mut tx = state.pool.begin().await?;
    let by = MovedBy { kind: "applicant", id: &user.user_id, name: &user.name, department: None };
    let step = Move {
        event: ApplicationEvent::Withdraw,
        by,
        note: &Wording::default(),
        legal_basis: None,
        raced: ConflictReason::ChangedElsewhere,
    };
    store::move_by(&mut tx, &state, &application, step).await?;
    let number = application.summary.number.clone().unwrap_or_default();
    store::notify(&mut tx, &state, &application, &number, ApplicationEvent::Withdraw, &Wording::default(), None).await?;
    tx.commit().await?;
    outbox::deliver_now(&state).await;
    state.audit(user.actor(), AuditAction::ApplicationWithdrawn, &id).await?;
    let application = find_for_applicant(&state, &user, &id).await?;
    Ok(Json(detail_of(&state, &user, application).await?))
}
