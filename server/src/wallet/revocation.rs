//! An officer of the issuing department finds a licence by its number and revokes it with a
//! reason; the holder is told, and codes and authorisations for it fail from then on.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;
use sqlx::Row;
use tongban_api::wallet::{LicenceLookup, LicenceStatus, RevokeLicenceRequest, WalletLicence};
use tongban_api::{ApiErrorBody, ConflictReason, Localized};

use super::{find, held, SELECT};
use crate::applications::store;
use crate::audit::AuditAction;
use crate::clock::shanghai_date;
use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use crate::error::ApiError;
use crate::staff::Officer;
use crate::words::Wording;
use crate::AppState;

/// Licences the officer's department sealed with this number; each one found is on its
/// holder's record.
#[utoipa::path(get, path = "/api/v1/staff/licences", tag = "staff", params(LicenceLookup),
    responses((status = 200, body = Vec<WalletLicence>), (status = 400, body = ApiErrorBody)))]
pub(super) async fn lookup(
    State(state): State<AppState>,
    officer: Officer,
    query: Result<Query<LicenceLookup>, QueryRejection>,
) -> Result<Json<Vec<WalletLicence>>, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::UnreadableQuery)?;
    let number = query.number.trim().to_uppercase();
    if number.is_empty() {
        return Ok(Json(Vec::new()));
    }
    let today = shanghai_date(state.clock.now());
    let rows = sqlx::query(&format!("{SELECT} WHERE number = $1 AND seal_department = $2 ORDER BY issued_on DESC, id"))
        .bind(number.as_str())
        .bind(officer.department_code.as_str())
        .fetch_all(&state.pool)
        .await?;
    let mut found = Vec::new();
    for row in &rows {
        let licence = held(row, &today)?;
        let used = DataUse {
            subject: &licence.holder,
            user: DataUser::Officer { department: &officer.department_code, staff_number: &officer.staff_number },
            data: UsedData::Licence { id: &licence.view.id },
            what: Localized::new(
                format!("{}（证照信息）", licence.view.title.zh),
                format!("{} (the licence's details)", licence.view.title.en),
            ),
            purpose: Purpose::Lookup,
            outcome: Outcome::Used,
        };
        data_uses::record(&state.pool, state.clock.as_ref(), used).await?;
        found.push(licence.view);
    }
    state.audit(officer.actor(), AuditAction::LicenceLookedUp, &format!("{number}: {}", found.len())).await?;
    Ok(Json(found))
}

/// Revokes a licence the officer's department issued; the holder is told why.
#[utoipa::path(post, path = "/api/v1/staff/licences/{id}/revoke", tag = "staff", params(("id" = String, Path)),
    request_body = RevokeLicenceRequest,
    responses((status = 200, body = WalletLicence), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
        (status = 409, body = ApiErrorBody)))]
pub(super) async fn revoke(
    State(state): State<AppState>,
    officer: Officer,
    Path(id): Path<String>,
    Json(request): Json<RevokeLicenceRequest>,
) -> Result<Json<WalletLicence>, ApiError> {
    let Some(licence) = find(&state, &id).await?.filter(|l| l.seal_department == officer.department_code) else {
        state.audit(officer.actor(), AuditAction::LicenceRefused, &format!("revoke {id}")).await?;
        return Err(ApiError::NotFound);
    };
    request.validate().map_err(ApiError::Invalid)?;
    if matches!(licence.view.status, LicenceStatus::Revoked | LicenceStatus::Superseded) {
        return Err(ApiError::Conflict(ConflictReason::NotPossibleNow));
    }
    let reason = request.reason.trim();
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE e_licences SET status = 'revoked', status_reason = $1, status_changed_at = $2 WHERE id = $3 AND status = 'valid'",
    )
    .bind(reason)
    .bind(now)
    .bind(id.as_str())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(ApiError::Conflict(ConflictReason::ActedOnByOthers));
    }
    // The holder, or the company's legal representative, reads it in their message centre.
    let told = sqlx::query(
        "SELECT id FROM users WHERE id_number = $1 AND level >= 2 UNION SELECT user_id AS id FROM company_bindings WHERE credit_code = $1",
    )
    .bind(licence.holder.as_str())
    .fetch_all(&mut *tx)
    .await?;
    let title = Wording::of("msg_licence_revoked_title", [("title", (&licence.view.title).into())]);
    let body = Wording::of(
        "msg_licence_revoked_body",
        [("department", (&officer.department).into()), ("number", licence.number.as_str().into()), ("reason", reason.into())],
    );
    for row in &told {
        store::message(&mut tx, now, &row.try_get::<String, _>("id")?, None, &title, &body).await?;
    }
    tx.commit().await?;
    state.audit(officer.actor(), AuditAction::LicenceRevoked, &format!("{id}: {reason}")).await?;
    let revoked = find(&state, &id).await?.ok_or(ApiError::Internal)?;
    Ok(Json(revoked.view))
}
