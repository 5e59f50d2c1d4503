//! Showing a licence (亮证): a code sealed by the issuing department, holding only the fields the
//! holder chose, good for a few minutes.

use axum::extract::{Path, State};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tongban_api::wallet::{
    DisclosedClaims, DisclosedField, LicenceStatus, PresentRequest, Presentation, PresentationClaims, PRESENTATION_SECS, TOKEN_PREFIX,
};
use tongban_api::{fields, ApiErrorBody, FieldProblem};

use super::{own, HeldLicence};
use crate::audit::AuditAction;
use crate::clock::SECOND;
use crate::error::ApiError;
use crate::identity::sessions::SessionUser;
use crate::secrets::random_token;
use crate::AppState;

/// Exactly the chosen fields of `licence`.
pub(super) fn disclosed(licence: &HeldLicence, chosen: &[DisclosedField]) -> DisclosedClaims {
    let l = &licence.view;
    let mut claims = DisclosedClaims::default();
    for field in chosen {
        match field {
            DisclosedField::Name => claims.name = Some(l.holder_name.clone()),
            DisclosedField::Kind => {
                claims.kind = Some(l.kind.clone());
                claims.title = Some(l.title.clone());
            }
            DisclosedField::Validity => {
                claims.from = Some(l.issued_on.clone());
                claims.until = l.valid_until.clone();
            }
            DisclosedField::Number => claims.no = Some(licence.number.clone()),
        }
    }
    claims
}

/// A code showing the licence with the chosen fields, sealed by its department.
#[utoipa::path(post, path = "/api/v1/wallet/licences/{id}/presentations", tag = "wallet", params(("id" = String, Path)),
    request_body = PresentRequest,
    responses((status = 200, body = Presentation), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub(super) async fn present(
    State(state): State<AppState>,
    user: SessionUser,
    Path(id): Path<String>,
    Json(request): Json<PresentRequest>,
) -> Result<Json<Presentation>, ApiError> {
    let licence = own(&state, &user, &id).await?;
    request.validate().map_err(ApiError::Invalid)?;
    // Only a licence valid now is shown: a code is sealed evidence that it is.
    if licence.view.status != LicenceStatus::Valid {
        return Err(ApiError::field(fields::DISCLOSE, FieldProblem::LicenceNotValid));
    }
    let key_id = state.seals.key_id(&licence.seal_department).ok_or(ApiError::Internal)?;
    let issued_at = state.clock.now() / SECOND;
    let claims = PresentationClaims {
        kid: key_id.to_string(),
        iss: licence.seal_department.clone(),
        lic: licence.view.id.clone(),
        st: licence.view.status,
        iat: issued_at,
        exp: issued_at + PRESENTATION_SECS,
        nonce: random_token(8),
        f: disclosed(&licence, &request.fields),
    };
    let json = serde_json::to_vec(&claims).map_err(|_| ApiError::Internal)?;
    let signed = format!("{TOKEN_PREFIX}.{}", URL_SAFE_NO_PAD.encode(json));
    let seal = state.seals.seal(&licence.seal_department, signed.as_bytes()).ok_or(ApiError::Internal)?;
    let shown: Vec<&str> = request.fields.iter().map(|f| f.as_str()).collect();
    state
        .audit(user.actor(), AuditAction::LicenceShown, &format!("{} {id} [{}] {}", licence.view.kind, shown.join(","), claims.nonce))
        .await?;
    Ok(Json(Presentation { token: format!("{signed}.{}", seal.signature), issued_at, expires_at: claims.exp }))
}
