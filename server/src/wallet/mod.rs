//! The e-licence wallet (Art. 38): a real-name verified holder's licences — or the company's, for
//! its representative and agents with the "view licences" scope — drawn like the documents, with
//! the issuing department's seal, a sealed copy to download, and codes that show a licence (亮证).

mod authorisations;
mod present;
mod revocation;
mod verify;

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sqlx::Row;
use tongban_api::companies::AgentScope;
use tongban_api::wallet::{mask_number, LicenceDocument, LicenceStatus, SealView, Wallet, WalletLicence};
use tongban_api::{ApiErrorBody, Localized, Refusal};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit::AuditAction;
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(wallet))
        .routes(routes!(licence))
        .routes(routes!(signed_copy))
        .routes(routes!(present::present))
        .routes(routes!(verify::verify))
        .routes(routes!(authorisations::authorise))
        .routes(routes!(authorisations::authorisations))
        .routes(routes!(authorisations::revoke))
        .routes(routes!(authorisations::redeem_as_officer))
        .routes(routes!(authorisations::redeem_as_company))
        .routes(routes!(revocation::lookup))
        .routes(routes!(revocation::revoke))
}

/// A licence as the library holds it, with what sealing and showing need.
pub(crate) struct HeldLicence {
    pub view: WalletLicence,
    pub number: String,
    pub holder: String,
    pub seal_department: String,
}

const SELECT: &str = "SELECT id, kind, holder, holder_name, number, title_zh, title_en, issuer_zh, issuer_en, issued_on, valid_until, \
     seal_department, status, status_reason FROM e_licences";

/// Where a licence stands on `today` (`YYYY-MM-DD`): what the library says, or expired once its
/// last day has passed.
fn status_of(stored: &str, valid_until: Option<&str>, today: &str) -> LicenceStatus {
    match stored {
        "revoked" => LicenceStatus::Revoked,
        "superseded" => LicenceStatus::Superseded,
        _ if valid_until.is_some_and(|until| until < today) => LicenceStatus::Expired,
        _ => LicenceStatus::Valid,
    }
}

fn held(row: &sqlx::any::AnyRow, today: &str) -> Result<HeldLicence, sqlx::Error> {
    let number: String = row.try_get("number")?;
    let valid_until: Option<String> = row.try_get("valid_until")?;
    let stored: String = row.try_get("status")?;
    Ok(HeldLicence {
        view: WalletLicence {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            title: Localized::new(row.try_get::<String, _>("title_zh")?, row.try_get::<String, _>("title_en")?),
            issuer: Localized::new(row.try_get::<String, _>("issuer_zh")?, row.try_get::<String, _>("issuer_en")?),
            holder_name: row.try_get("holder_name")?,
            number_masked: mask_number(&number),
            issued_on: row.try_get("issued_on")?,
            status: status_of(&stored, valid_until.as_deref(), today),
            valid_until,
            status_reason: row.try_get("status_reason")?,
        },
        number,
        holder: row.try_get("holder")?,
        seal_department: row.try_get("seal_department")?,
    })
}

/// Any licence by its id, whoever holds it.
pub(crate) async fn find(state: &AppState, id: &str) -> Result<Option<HeldLicence>, ApiError> {
    let today = shanghai_date(state.clock.now());
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&state.pool).await?;
    Ok(row.map(|r| held(&r, &today)).transpose()?)
}

/// Whose licences this session may see: the person's own once real-name verified, or the
/// company's it acts for with the "view licences" scope.
pub(crate) fn holder_of(user: &SessionUser) -> Result<&str, ApiError> {
    if user.level < 2 {
        return Err(ApiError::Forbidden(Refusal::LevelTooLow));
    }
    Ok(user.company_with(AgentScope::ViewLicences)?.unwrap_or(&user.id_number))
}

/// Whose licences this session lends: the person's, or the company's when its legal
/// representative acts for it. An agent shows a company's licences but does not lend them, nor
/// see or withdraw the codes it lent.
pub(crate) fn lender_of(user: &SessionUser) -> Result<&str, ApiError> {
    let holder = holder_of(user)?;
    if user.acting_as.as_ref().is_some_and(|acting| !acting.representative) {
        return Err(ApiError::Forbidden(Refusal::RepresentativeOnly));
    }
    Ok(holder)
}

/// One of this session's licences; anyone else's is not found, and the attempt is on record.
pub(crate) async fn own(state: &AppState, user: &SessionUser, id: &str) -> Result<HeldLicence, ApiError> {
    let holder = holder_of(user)?;
    match find(state, id).await? {
        Some(licence) if licence.holder == holder => Ok(licence),
        _ => {
            state.audit(user.actor(), AuditAction::LicenceRefused, &format!("wallet {id}")).await?;
            Err(ApiError::NotFound)
        }
    }
}

/// The licences of the person, or of the company this session acts for, newest first.
#[utoipa::path(get, path = "/api/v1/wallet", tag = "wallet",
    responses((status = 200, body = Wallet), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn wallet(State(state): State<AppState>, user: SessionUser) -> Result<Json<Wallet>, ApiError> {
    let holder = holder_of(&user)?;
    let today = shanghai_date(state.clock.now());
    let rows = sqlx::query(&format!("{SELECT} WHERE holder = $1 ORDER BY issued_on DESC, id")).bind(holder).fetch_all(&state.pool).await?;
    let licences = rows.iter().map(|r| held(r, &today).map(|l| l.view)).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(Wallet { company: user.acting_as.as_ref().map(|a| a.name.clone()), licences }))
}

/// What a sealed copy of a licence says, as the department seals it.
#[derive(serde::Serialize)]
struct SealedLicence<'a> {
    format: &'a str,
    id: &'a str,
    kind: &'a str,
    title: &'a Localized,
    holder_name: &'a str,
    number: &'a str,
    issuer: &'a Localized,
    issued_on: &'a str,
    valid_until: Option<&'a str>,
    status: LicenceStatus,
    /// Unix seconds.
    sealed_at: i64,
}

/// The prefix of a sealed licence copy, as `TB1` is of a shown code.
const COPY_PREFIX: &str = "TBL1";

/// `TBL1.<payload>.<signature>` over the licence as it stands now.
fn seal_copy(state: &AppState, licence: &HeldLicence) -> Result<(String, String, String), ApiError> {
    let l = &licence.view;
    let content = SealedLicence {
        format: COPY_PREFIX,
        id: &l.id,
        kind: &l.kind,
        title: &l.title,
        holder_name: &l.holder_name,
        number: &licence.number,
        issuer: &l.issuer,
        issued_on: &l.issued_on,
        valid_until: l.valid_until.as_deref(),
        status: l.status,
        sealed_at: state.clock.now() / SECOND,
    };
    let json = serde_json::to_vec(&content).map_err(|_| ApiError::Internal)?;
    let signed = format!("{COPY_PREFIX}.{}", URL_SAFE_NO_PAD.encode(&json));
    let seal = state.seals.seal(&licence.seal_department, signed.as_bytes()).ok_or(ApiError::Internal)?;
    Ok((format!("{signed}.{}", seal.signature), seal.key_id, seal.signature))
}

/// One licence with all its fields and its seal.
#[utoipa::path(get, path = "/api/v1/wallet/licences/{id}", tag = "wallet", params(("id" = String, Path)),
    responses((status = 200, body = LicenceDocument), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn licence(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<LicenceDocument>, ApiError> {
    let licence = own(&state, &user, &id).await?;
    let (_, key_id, signature) = seal_copy(&state, &licence)?;
    let seal = SealView {
        department: crate::catalogue::store::department_name(&state.pool, &licence.seal_department)
            .await?
            .unwrap_or_else(|| Localized::new(&licence.seal_department, &licence.seal_department)),
        key_id,
        signature_excerpt: signature.chars().take(16).collect(),
    };
    Ok(Json(LicenceDocument { number: licence.number, licence: licence.view, seal }))
}

/// The licence sealed by its department, to keep or pass on: a JSON file whose `sealed` is
/// `TBL1.<payload>.<signature>`, checked like a shown code (see the README).
#[utoipa::path(get, path = "/api/v1/wallet/licences/{id}/signed", tag = "wallet", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/json"), (status = 404, body = ApiErrorBody)))]
async fn signed_copy(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<impl IntoResponse, ApiError> {
    let licence = own(&state, &user, &id).await?;
    let (sealed, key_id, _) = seal_copy(&state, &licence)?;
    let file = serde_json::json!({
        "format": COPY_PREFIX,
        "key_id": key_id,
        "department": licence.seal_department,
        "keys": crate::seals::KEYS_PATH,
        "licence": {
            "id": licence.view.id, "kind": licence.view.kind, "title": licence.view.title, "holder_name": licence.view.holder_name,
            "number": licence.number, "issuer": licence.view.issuer, "issued_on": licence.view.issued_on,
            "valid_until": licence.view.valid_until, "status": licence.view.status,
        },
        "sealed": sealed,
    });
    let name = format!("attachment; filename=\"licence-{}.json\"", licence.view.id);
    Ok(([("content-type", "application/json".to_string()), ("content-disposition", name)], file.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_licence_past_its_last_day_is_expired_unless_already_withdrawn() {
        assert_eq!(status_of("valid", Some("2026-12-01"), "2026-12-01"), LicenceStatus::Valid);
        assert_eq!(status_of("valid", Some("2026-11-30"), "2026-12-01"), LicenceStatus::Expired);
        assert_eq!(status_of("valid", None, "2026-12-01"), LicenceStatus::Valid);
        assert_eq!(status_of("revoked", Some("2026-11-30"), "2026-12-01"), LicenceStatus::Revoked);
        assert_eq!(status_of("superseded", None, "2026-12-01"), LicenceStatus::Superseded);
    }
}
