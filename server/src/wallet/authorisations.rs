//! Authorising an organisation to use a licence (授权用证): the holder picks a department or a
//! company, the purpose, the fields and how long; the organisation types the use code and sees
//! only those fields. Every use, and every refused try, is on the holder's record.

use axum::extract::{Path, State};
use axum::Json;
use sqlx::Row;
use tongban_api::companies::AgentScope;
use tongban_api::wallet::{
    AuthorisationStatus, AuthorisationUse, AuthorisationView, AuthoriseRequest, DisclosedField, GranteeKind, LicenceStatus, RedeemRequest,
    RedeemedLicence, USE_CODE_ALPHABET, USE_CODE_LEN,
};
use tongban_api::{fields, ApiErrorBody, FieldProblem, Localized};

use super::present::disclosed;
use super::{find, lender_of, own, HeldLicence};
use crate::audit::{Actor, AuditAction};
use crate::clock::{parse_date, shanghai_date, SECOND};
use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::rate_limit::Limit;
use crate::secrets::{random_bytes, random_token};
use crate::staff::Officer;
use crate::AppState;

/// How far ahead an authorisation may run.
const LONGEST_DAYS: i64 = 366;

fn new_code() -> String {
    // 32 letters: a byte modulo 32 is uniform.
    random_bytes::<USE_CODE_LEN>().iter().map(|b| USE_CODE_ALPHABET[usize::from(*b) % USE_CODE_ALPHABET.len()] as char).collect()
}

fn parse_fields(stored: &str) -> Vec<DisclosedField> {
    DisclosedField::ALL.into_iter().filter(|f| stored.split(',').any(|s| s == f.as_str())).collect()
}

fn kind_name(kind: GranteeKind) -> &'static str {
    match kind {
        GranteeKind::Department => "department",
        GranteeKind::Company => "company",
    }
}

/// The department's or company's name, if it exists.
async fn grantee_name(state: &AppState, kind: GranteeKind, code: &str) -> Result<Option<Localized>, ApiError> {
    Ok(match kind {
        GranteeKind::Department => crate::catalogue::store::department_name(&state.pool, code).await?,
        GranteeKind::Company => sqlx::query("SELECT name FROM company_register WHERE credit_code = $1")
            .bind(code)
            .fetch_optional(&state.pool)
            .await?
            .map(|r| r.try_get::<String, _>("name").map(|n| Localized::new(n.clone(), n)))
            .transpose()?,
    })
}

/// Lets an organisation use this licence, with a use code to give them.
#[utoipa::path(post, path = "/api/v1/wallet/licences/{id}/authorisations", tag = "wallet", params(("id" = String, Path)),
    request_body = AuthoriseRequest,
    responses((status = 200, body = AuthorisationView), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn authorise(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<AuthoriseRequest>,
) -> Result<Json<AuthorisationView>, ApiError> {
    // Lending a licence is a sensitive change: a password or code given within minutes, and for
    // a company its legal representative's decision, not an agent's.
    lender_of(&user)?;
    let licence = own(&state, &user, &id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    user.require_fresh_proof(&state)?;
    let grantee = request.grantee.trim().to_uppercase();
    let grantee = if request.grantee_kind == GranteeKind::Department { grantee.to_lowercase() } else { grantee };
    if grantee_name(&state, request.grantee_kind, &grantee).await?.is_none() {
        let problem =
            if request.grantee_kind == GranteeKind::Department { FieldProblem::UnknownChoice } else { FieldProblem::InvalidCreditCode };
        return Err(ApiError::field(fields::GRANTEE, problem));
    }
    let today = shanghai_date(state.clock.now());
    let until = request.until.trim();
    let days_ahead = parse_date(until).zip(parse_date(&today)).map(|(u, t)| (u - t).whole_days());
    if !days_ahead.is_some_and(|d| (0..=LONGEST_DAYS).contains(&d)) {
        return Err(ApiError::field(fields::UNTIL, FieldProblem::UseUntil));
    }
    if licence.view.status != LicenceStatus::Valid {
        return Err(ApiError::field(fields::DISCLOSE, FieldProblem::LicenceNotValid));
    }
    let authorisation_id = random_token(12);
    let stored_fields: Vec<&str> = request.fields.iter().map(|f| f.as_str()).collect();
    sqlx::query(
        "INSERT INTO licence_authorisations (id, code, licence_id, holder, created_by, grantee_kind, grantee, purpose, fields, \
         valid_until, max_uses, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(authorisation_id.as_str())
    .bind(new_code())
    .bind(licence.view.id.as_str())
    .bind(licence.holder.as_str())
    .bind(user.user_id.as_str())
    .bind(kind_name(request.grantee_kind))
    .bind(grantee.as_str())
    .bind(request.purpose.trim())
    .bind(stored_fields.join(","))
    .bind(until)
    .bind(request.once.then_some(1i64))
    .bind(state.clock.now())
    .execute(&state.pool)
    .await?;
    state.audit(user.actor(), AuditAction::LicenceAuthorised, &format!("{} {} to {grantee}", licence.view.id, authorisation_id)).await?;
    let all = list(&state, &licence.holder).await?;
    all.into_iter().find(|a| a.id == authorisation_id).map(Json).ok_or(ApiError::Internal)
}

const SELECT: &str = "SELECT a.id, a.code, a.licence_id, a.grantee_kind, a.grantee, a.purpose, a.fields, a.valid_until, a.max_uses, \
     a.uses, a.created_at, a.revoked_at, a.holder, l.title_zh, l.title_en, d.name_zh AS dept_zh, d.name_en AS dept_en, c.name AS company \
     FROM licence_authorisations a JOIN e_licences l ON l.id = a.licence_id \
     LEFT JOIN departments d ON a.grantee_kind = 'department' AND d.code = a.grantee \
     LEFT JOIN company_register c ON a.grantee_kind = 'company' AND c.credit_code = a.grantee";

fn status_of(row: &sqlx::any::AnyRow, today: &str) -> Result<AuthorisationStatus, sqlx::Error> {
    let until: String = row.try_get("valid_until")?;
    let max_uses: Option<i64> = row.try_get("max_uses")?;
    Ok(if row.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
        AuthorisationStatus::Revoked
    } else if max_uses.is_some_and(|max| row.try_get::<i64, _>("uses").is_ok_and(|used| used >= max)) {
        AuthorisationStatus::UsedUp
    } else if until.as_str() < today {
        AuthorisationStatus::Expired
    } else {
        AuthorisationStatus::Active
    })
}

fn organisation(row: &sqlx::any::AnyRow) -> Result<Localized, sqlx::Error> {
    Ok(match row.try_get::<Option<String>, _>("company")? {
        Some(name) => Localized::new(name.clone(), name),
        None => Localized::new(
            row.try_get::<Option<String>, _>("dept_zh")?.unwrap_or_default(),
            row.try_get::<Option<String>, _>("dept_en")?.unwrap_or_default(),
        ),
    })
}

/// The holder's authorisations, newest first, each with its uses and refused tries.
async fn list(state: &AppState, holder: &str) -> Result<Vec<AuthorisationView>, ApiError> {
    let today = shanghai_date(state.clock.now());
    let rows =
        sqlx::query(&format!("{SELECT} WHERE a.holder = $1 ORDER BY a.created_at DESC, a.id")).bind(holder).fetch_all(&state.pool).await?;
    let mut all = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let uses = sqlx::query(
            "SELECT u.at, u.staff_number, u.outcome, u.organisation, d.name_zh, d.name_en, c.name AS company FROM data_uses u \
             LEFT JOIN departments d ON u.user_kind = 'officer' AND d.code = u.organisation \
             LEFT JOIN company_register c ON u.user_kind = 'company' AND c.credit_code = u.organisation \
             WHERE u.subject = $1 AND u.purpose_kind = 'authorisation' AND u.purpose_ref = $2 ORDER BY u.at DESC",
        )
        .bind(holder)
        .bind(id.as_str())
        .fetch_all(&state.pool)
        .await?
        .iter()
        .map(|u| {
            let outcome: String = u.try_get("outcome")?;
            Ok(AuthorisationUse {
                at: u.try_get::<i64, _>("at")? / SECOND,
                organisation: match u.try_get::<Option<String>, _>("company")? {
                    Some(name) => Localized::new(name.clone(), name),
                    None => Localized::new(
                        u.try_get::<Option<String>, _>("name_zh")?.unwrap_or_default(),
                        u.try_get::<Option<String>, _>("name_en")?.unwrap_or_default(),
                    ),
                },
                staff_number: u.try_get::<Option<String>, _>("staff_number")?.map(|s| tongban_api::wallet::mask_staff_number(&s)),
                refused: (outcome != "ok").then_some(outcome),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let kind: String = row.try_get("grantee_kind")?;
        all.push(AuthorisationView {
            status: status_of(row, &today)?,
            code: row.try_get("code")?,
            licence_id: row.try_get("licence_id")?,
            licence_title: Localized::new(row.try_get::<String, _>("title_zh")?, row.try_get::<String, _>("title_en")?),
            grantee_kind: if kind == "company" { GranteeKind::Company } else { GranteeKind::Department },
            grantee: row.try_get("grantee")?,
            grantee_name: organisation(row)?,
            purpose: row.try_get("purpose")?,
            fields: parse_fields(&row.try_get::<String, _>("fields")?),
            until: row.try_get("valid_until")?,
            once: row.try_get::<Option<i64>, _>("max_uses")?.is_some(),
            created_at: row.try_get::<i64, _>("created_at")? / SECOND,
            uses,
            id,
        });
    }
    Ok(all)
}

/// The authorisations given for the person's licences (or the company's, when acting for it).
#[utoipa::path(get, path = "/api/v1/wallet/authorisations", tag = "wallet",
    responses((status = 200, body = Vec<AuthorisationView>), (status = 403, body = ApiErrorBody)))]
pub(super) async fn authorisations(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<AuthorisationView>>, ApiError> {
    let holder = lender_of(&user)?;
    Ok(Json(list(&state, holder).await?))
}

/// Withdraws an authorisation at once: its code is refused from now on.
#[utoipa::path(post, path = "/api/v1/wallet/authorisations/{id}/revoke", tag = "wallet", params(("id" = String, Path)),
    responses((status = 200, body = Vec<AuthorisationView>), (status = 404, body = ApiErrorBody)))]
pub(super) async fn revoke(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<AuthorisationView>>, ApiError> {
    let holder = lender_of(&user)?;
    let revoked = sqlx::query("UPDATE licence_authorisations SET revoked_at = $1 WHERE id = $2 AND holder = $3 AND revoked_at IS NULL")
        .bind(state.clock.now())
        .bind(id.as_str())
        .bind(holder)
        .execute(&state.pool)
        .await?;
    if revoked.rows_affected() == 0 {
        let exists = sqlx::query("SELECT 1 AS one FROM licence_authorisations WHERE id = $1 AND holder = $2")
            .bind(id.as_str())
            .bind(holder)
            .fetch_optional(&state.pool)
            .await?;
        if exists.is_none() {
            state.audit(user.actor(), AuditAction::LicenceRefused, &format!("revoke {id}")).await?;
            return Err(ApiError::NotFound);
        }
    }
    state.audit(user.actor(), AuditAction::AuthorisationRevoked, &id).await?;
    Ok(Json(list(&state, holder).await?))
}

/// Who is typing a use code.
enum Redeemer<'a> {
    Officer(&'a Officer),
    Company { user: &'a SessionUser, credit_code: &'a str },
}

impl Redeemer<'_> {
    fn grantee(&self) -> (&'static str, &str) {
        match self {
            Redeemer::Officer(officer) => ("department", &officer.department_code),
            Redeemer::Company { credit_code, .. } => ("company", credit_code),
        }
    }

    fn data_user(&self) -> DataUser<'_> {
        match self {
            Redeemer::Officer(officer) => DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
            Redeemer::Company { credit_code, .. } => DataUser::Company { credit_code },
        }
    }

    fn actor(&self) -> Actor<'_> {
        match self {
            Redeemer::Officer(officer) => officer.actor(),
            Redeemer::Company { user, .. } => user.actor(),
        }
    }

    fn who(&self) -> String {
        match self {
            Redeemer::Officer(officer) => format!("staff:{}", officer.staff_number),
            Redeemer::Company { user, .. } => format!("user:{}", user.user_id),
        }
    }
}

/// Uses a licence by its code: only the authorised fields, once it checks out; a refusal says
/// why, and goes on the holder's record when the code was theirs.
async fn redeem(state: &AppState, redeemer: Redeemer<'_>, request: &RedeemRequest) -> Result<RedeemedLicence, ApiError> {
    state.limit(Limit::Redemptions { who: &redeemer.who() }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let code = request.code();
    let row = sqlx::query(&format!("{SELECT} WHERE a.code = $1")).bind(code.as_str()).fetch_optional(&state.pool).await?;
    let Some(row) = row else {
        state.audit(redeemer.actor(), AuditAction::RedeemRefused, "unknown code").await?;
        return Err(ApiError::field(fields::USE_CODE, FieldProblem::UseCodeUnknown));
    };
    let id: String = row.try_get("id")?;
    let holder: String = row.try_get("holder")?;
    let licence = find(state, &row.try_get::<String, _>("licence_id")?).await?.ok_or(ApiError::Internal)?;
    let (kind, grantee) = redeemer.grantee();
    let today = shanghai_date(state.clock.now());
    let refusal = if row.try_get::<String, _>("grantee_kind")? != kind || row.try_get::<String, _>("grantee")? != grantee {
        Some(("other_organisation", FieldProblem::UseCodeUnknown))
    } else {
        match status_of(&row, &today)? {
            AuthorisationStatus::Revoked => Some(("revoked", FieldProblem::UseCodeRevoked)),
            AuthorisationStatus::Expired => Some(("expired", FieldProblem::UseCodeExpired)),
            AuthorisationStatus::UsedUp => Some(("used_up", FieldProblem::UseCodeUsedUp)),
            AuthorisationStatus::Active if licence.view.status != LicenceStatus::Valid => {
                Some(("licence_not_valid", FieldProblem::LicenceNotValid))
            }
            AuthorisationStatus::Active => None,
        }
    };
    let chosen = parse_fields(&row.try_get::<String, _>("fields")?);
    let record = |outcome| DataUse {
        subject: &holder,
        user: redeemer.data_user(),
        data: UsedData::Licence { id: &licence.view.id },
        what: what_was_used(&licence, &chosen),
        purpose: Purpose::Authorisation { id: &id },
        outcome,
    };
    if let Some((why, problem)) = refusal {
        data_uses::record(&state.pool, state.clock.as_ref(), record(Outcome::Refused(why))).await?;
        state.audit(redeemer.actor(), AuditAction::RedeemRefused, &format!("{id} {why}")).await?;
        return Err(ApiError::field(fields::USE_CODE, problem));
    }
    // Counted only while uses remain, so two officers typing a once-only code at the same moment
    // cannot both use it.
    let mut tx = state.pool.begin().await?;
    let counted = sqlx::query(
        "UPDATE licence_authorisations SET uses = uses + 1 WHERE id = $1 AND revoked_at IS NULL AND (max_uses IS NULL OR uses < max_uses) \
         AND valid_until >= $2 AND EXISTS (SELECT 1 FROM e_licences l WHERE l.id = licence_id AND l.status = 'valid')",
    )
    .bind(id.as_str())
    .bind(today.as_str())
    .execute(&mut *tx)
    .await?;
    if counted.rows_affected() == 0 {
        tx.rollback().await?;
        data_uses::record(&state.pool, state.clock.as_ref(), record(Outcome::Refused("used_up"))).await?;
        return Err(ApiError::field(fields::USE_CODE, FieldProblem::UseCodeUsedUp));
    }
    data_uses::record(&mut *tx, state.clock.as_ref(), record(Outcome::Used)).await?;
    tx.commit().await?;
    state.audit(redeemer.actor(), AuditAction::LicenceRedeemed, &format!("{id} {}", licence.view.id)).await?;
    let max_uses: Option<i64> = row.try_get("max_uses")?;
    let used: i64 = row.try_get("uses")?;
    Ok(RedeemedLicence {
        issuer: licence.view.issuer.clone(),
        status: licence.view.status,
        purpose: row.try_get("purpose")?,
        disclosed: disclosed(&licence, &chosen),
        uses_left: max_uses.map(|max| (max - used - 1).max(0) as u32),
        until: row.try_get("valid_until")?,
    })
}

/// "居民身份证（授权用证）：姓名、证照号码", in both languages.
fn what_was_used(licence: &HeldLicence, chosen: &[DisclosedField]) -> Localized {
    let (zh, en): (Vec<&str>, Vec<&str>) = chosen
        .iter()
        .map(|f| match f {
            DisclosedField::Name => ("姓名", "name"),
            DisclosedField::Kind => ("证照类型", "kind"),
            DisclosedField::Validity => ("有效期", "validity"),
            DisclosedField::Number => ("证照号码", "number"),
        })
        .unzip();
    let title = &licence.view.title;
    Localized::new(
        format!("{}（授权用证）：{}、发证机关、状态", title.zh, zh.join("、")),
        format!("{} (authorised use): {}, issuer, status", title.en, en.join(", ")),
    )
}

/// An officer uses a licence by the code its holder gave their department.
#[utoipa::path(post, path = "/api/v1/staff/licence-uses", tag = "staff", request_body = RedeemRequest,
    responses((status = 200, body = RedeemedLicence), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub(super) async fn redeem_as_officer(
    State(state): State<AppState>,
    officer: Officer,
    Json(request): Json<RedeemRequest>,
) -> Result<Json<RedeemedLicence>, ApiError> {
    Ok(Json(redeem(&state, Redeemer::Officer(&officer), &request).await?))
}

/// A company uses a licence by the code its holder gave it, through a person acting for it with
/// the "view licences" scope.
#[utoipa::path(post, path = "/api/v1/wallet/licence-uses", tag = "wallet", request_body = RedeemRequest,
    responses((status = 200, body = RedeemedLicence), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
pub(super) async fn redeem_as_company(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<RedeemRequest>,
) -> Result<Json<RedeemedLicence>, ApiError> {
    let Some(credit_code) = user.company_with(AgentScope::ViewLicences)? else {
        return Err(ApiError::Forbidden(tongban_api::Refusal::NotActingForCompany));
    };
    Ok(Json(redeem(&state, Redeemer::Company { user: &user, credit_code }, &request).await?))
}
