//! Licences the government already holds, used as materials (Art. 34): whose may be offered, and
//! using one once the applicant confirms it.

use axum::extract::{Path, State};
use axum::Json;
use tongban_api::companies::AgentScope;
use tongban_api::fields;
use tongban_api::materials::{MaterialsView, UseLicenceRequest};
use tongban_api::{ApiErrorBody, FieldProblem};

use super::*;
use crate::applications::store::ApplicationRecord;
use crate::audit::AuditAction;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::licences;
use crate::AppState;

/// Whose licences may be offered and used: the applicant's own once the account is real-name
/// verified (an ID number typed at level 1 proves nothing), and the company's when this person
/// may use its licences.
pub(super) fn holders<'a>(application: &'a ApplicationRecord, user: &'a SessionUser) -> Vec<&'a str> {
    let mut holders = Vec::new();
    if user.level >= 2 {
        holders.push(user.id_number.as_str());
    }
    if let Some(company) = &application.company {
        if user.acting_as.as_ref().is_some_and(|a| a.may(AgentScope::ViewLicences)) {
            holders.push(company.as_str());
        }
    }
    holders
}

/// Uses a licence from the library for a material, once the applicant has confirmed it.
#[utoipa::path(post, path = "/api/v1/applications/{id}/materials/{code}/licence", tag = "applications", request_body = UseLicenceRequest,
    params(("id" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = MaterialsView), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn use_licence(
    State(state): State<AppState>,
    user: SessionUser,
    Path((id, code)): Path<(String, String)>,
    Json(request): Json<UseLicenceRequest>,
) -> Result<Json<MaterialsView>, ApiError> {
    let application = changeable(&state, &user, &id, &code).await?;
    if !request.confirmed {
        return Err(ApiError::field(fields::LICENCE, FieldProblem::ConfirmLicence));
    }
    let Some((licence, holder)) = licences::by_id(&state.pool, &request.licence_id).await? else { return Err(ApiError::NotFound) };
    if licence.kind != code || !holders(&application, &user).contains(&holder.as_str()) {
        state.audit(user.actor(), AuditAction::LicenceRefused, &request.licence_id).await?;
        return Err(ApiError::NotFound);
    }
    set(&state, &application, &code, Some(&licence.id), None).await?;
    // Using a licence is a use of personal data: on record (Art. 24).
    state.audit(user.actor(), AuditAction::LicenceUsed, &format!("{} {} for {id}", licence.kind, licence.id)).await?;
    Ok(Json(view_of(&state, &user, &application).await?))
}
