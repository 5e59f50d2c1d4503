//! Verifying a shown code, for anyone and without signing in: the seal, the code's minutes, and
//! the licence's status now. A code that does not verify reveals nothing but why.

use axum::extract::State;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tongban_api::wallet::{
    DisclosedClaims, DisclosedField, LicenceStatus, NotValidBecause, PresentationClaims, Verification, VerifyRequest, PRESENTATION_SECS,
    TOKEN_PREFIX,
};
use tongban_api::{ApiErrorBody, Localized};

use crate::audit::{Actor, AuditAction};
use crate::clock::SECOND;
use crate::data_uses::{self, DataUse, DataUser, Outcome, Purpose, UsedData};
use crate::error::ApiError;
use crate::identity::sessions::RequestOrigin;
use crate::rate_limit::Limit;
use crate::seals::SealProblem;
use crate::AppState;

/// The claims of a well-formed token, with the part its seal covers and the seal.
fn parse(token: &str) -> Option<(PresentationClaims, &str, &str)> {
    let (signed, signature) = token.rsplit_once('.')?;
    let (prefix, payload) = signed.split_once('.')?;
    if prefix != TOKEN_PREFIX {
        return None;
    }
    let claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    Some((claims, signed, signature))
}

/// "name, kind, validity", in both languages, for the holder's record of who saw what.
fn what_was_seen(title: &Localized, shown: &DisclosedClaims) -> Localized {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for (present, z, e) in [
        (shown.name.is_some(), "姓名", "name"),
        (shown.kind.is_some(), "证照类型", "kind"),
        (shown.from.is_some(), "有效期", "validity"),
        (shown.no.is_some(), "证照号码", "number"),
    ] {
        if present {
            zh.push(z);
            en.push(e);
        }
    }
    Localized::new(
        format!("{}（亮证）：{}、发证机关、状态", title.zh, zh.join("、")),
        format!("{} (shown code): {}{}issuer, status", title.en, en.join(", "), if en.is_empty() { "" } else { ", " }),
    )
}

fn not_valid(reason: NotValidBecause) -> Json<Verification> {
    Json(Verification { valid: false, reason: Some(reason), issuer: None, disclosed: None, issued_at: None })
}

/// Checks a code a holder showed: valid with only the fields they chose, or not valid and why.
#[utoipa::path(post, path = "/api/v1/verify", tag = "wallet", request_body = VerifyRequest,
    responses((status = 200, body = Verification), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
pub(super) async fn verify(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<VerifyRequest>,
) -> Result<Json<Verification>, ApiError> {
    state.limit(Limit::Verifications { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let token = request.token();
    let Some((claims, signed, signature)) = parse(&token) else { return Ok(not_valid(NotValidBecause::Unreadable)) };
    let now = state.clock.now() / SECOND;
    match state.seals.check(&claims.kid, &claims.iss, claims.iat, now, PRESENTATION_SECS, signed.as_bytes(), signature) {
        Ok(()) => {}
        Err(SealProblem::UnknownKey) => return Ok(not_valid(NotValidBecause::UnknownKey)),
        Err(SealProblem::Forged) => return Ok(not_valid(NotValidBecause::Forged)),
    }
    // A code lives exactly its minutes, is never dated ahead, names the licence's own issuer and
    // discloses what the library holds: anything else was sealed by a key in the wrong hands.
    let Some(licence) = super::find(&state, &claims.lic).await? else { return Ok(not_valid(NotValidBecause::Forged)) };
    let chosen = shown_fields(&claims.f);
    if claims.exp - claims.iat != PRESENTATION_SECS
        || claims.iat > now + CLOCK_SKEW_SECS
        || claims.iss != licence.seal_department
        || super::present::disclosed(&licence, &chosen) != claims.f
    {
        return Ok(not_valid(NotValidBecause::Forged));
    }
    let reason = if now >= claims.exp {
        Some(NotValidBecause::Expired)
    } else {
        match licence.view.status {
            LicenceStatus::Valid => None,
            LicenceStatus::Expired => Some(NotValidBecause::LicenceExpired),
            LicenceStatus::Superseded => Some(NotValidBecause::LicenceSuperseded),
            LicenceStatus::Revoked => Some(NotValidBecause::LicenceRevoked),
        }
    };
    let outcome_name = reason.map(|r| r.to_string());
    // The holder's record keeps each code's checks once per outcome, and none of a code long
    // past: replaying a photographed code cannot flood it. The audit log keeps every check, with
    // the checker's address.
    let detail = format!("{} {} {}", licence.view.id, claims.nonce, outcome_name.as_deref().unwrap_or("valid"));
    state.audit(Actor::Anonymous { ip: &origin.ip }, AuditAction::LicenceVerified, &detail).await?;
    if now <= claims.exp + RECORDED_AFTER_EXPIRY_SECS {
        data_uses::record(
            &state.pool,
            state.clock.as_ref(),
            DataUse {
                subject: &licence.holder,
                user: DataUser::Verifier,
                data: UsedData::Licence { id: &licence.view.id },
                what: what_was_seen(&licence.view.title, &claims.f),
                purpose: Purpose::Verification { nonce: &claims.nonce },
                outcome: outcome_name.as_deref().map_or(Outcome::Used, Outcome::Refused),
            },
        )
        .await?;
    }
    Ok(reason.map_or_else(|| valid(licence, claims), not_valid))
}

fn valid(licence: super::HeldLicence, claims: PresentationClaims) -> Json<Verification> {
    Json(Verification {
        valid: true,
        reason: None,
        issuer: Some(licence.view.issuer),
        disclosed: Some(claims.f),
        issued_at: Some(claims.iat),
    })
}

/// How far ahead of this server's clock a code may be dated.
const CLOCK_SKEW_SECS: i64 = 60;
/// Checks of a code this long past its end are answered but not recorded.
const RECORDED_AFTER_EXPIRY_SECS: i64 = 86_400;

/// The fields a code discloses, from the claims it carries.
fn shown_fields(claims: &DisclosedClaims) -> Vec<DisclosedField> {
    let mut fields = Vec::new();
    if claims.name.is_some() {
        fields.push(DisclosedField::Name);
    }
    if claims.kind.is_some() || claims.title.is_some() {
        fields.push(DisclosedField::Kind);
    }
    if claims.from.is_some() {
        fields.push(DisclosedField::Validity);
    }
    if claims.no.is_some() {
        fields.push(DisclosedField::Number);
    }
    fields
}
