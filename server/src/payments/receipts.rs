//! Fiscal e-receipts (财政电子票据). When an order pays its fee, the receipt is issued in the same
//! transaction — so every fee paid has exactly one, whatever crashes — numbered per code, and
//! sealed over its exact text by the department that charged it and by the fiscal bureau. Its
//! payer reads it; anyone holding it checks it by its code, number and check code.

use axum::extract::{Path, State};
use axum::Json;
use sqlx::{AnyConnection, Row};
use tongban_api::identity::mask_id_number;
use tongban_api::receipts::{ReceiptCheck, ReceiptCheckRequest, ReceiptContent, ReceiptItem, ReceiptView};
use tongban_api::{ApiErrorBody, Localized};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::store::OrderRecord;
use super::{payer_may, Payer};
use crate::audit::{Actor, AuditAction};
use crate::clock::{shanghai_date, SECOND};
use crate::error::ApiError;
use crate::identity::sessions::{RequestOrigin, SessionUser};
use crate::rate_limit::Limit;
use crate::seals::{fiscal_supervisor, Seals, FISCAL_SUPERVISOR};
use crate::secrets::{random_token, sha256_hex};
use crate::AppState;

/// A receipt is a record kept for good: its seals check as long as their keys are published.
const RECEIPT_LIFETIME_SECS: i64 = 100 * 365 * 24 * 3600;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(receipts)).routes(routes!(receipt)).routes(routes!(check))
}

/// 票据代码: Shanghai (31), a non-tax payment receipt (06), the year, the first batch.
fn receipt_code(now: i64) -> String {
    format!("3106{}01", &shanghai_date(now)[2..4])
}

/// Issues the receipt for the fee `order` has just paid, in the transaction that paid it.
pub async fn issue(conn: &mut AnyConnection, seals: &Seals, order: &OrderRecord, now: i64) -> Result<(), ApiError> {
    let fee = sqlx::query(
        "SELECT f.id, f.basis_zh, f.basis_en, f.amount_fen, f.department_code, f.payer_kind, f.payer_ref, a.number, \
         d.name_zh, d.name_en, u.name AS person_name, u.id_number, c.name AS company_name \
         FROM application_fees f JOIN applications a ON a.id = f.application_id JOIN departments d ON d.code = f.department_code \
         LEFT JOIN users u ON u.id = f.payer_ref AND f.payer_kind = 'person' \
         LEFT JOIN company_register c ON c.credit_code = f.payer_ref AND f.payer_kind = 'company' WHERE f.id = $1",
    )
    .bind(order.view.fee_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let text = |name: &str| fee.try_get::<String, _>(name);
    let (payer_kind, payer_ref) = (text("payer_kind")?, text("payer_ref")?);
    let (payer_name, payer_id) = match payer_kind.as_str() {
        "company" => (fee.try_get::<Option<String>, _>("company_name")?.unwrap_or_default(), payer_ref.clone()),
        _ => (
            fee.try_get::<Option<String>, _>("person_name")?.unwrap_or_default(),
            mask_id_number(&fee.try_get::<Option<String>, _>("id_number")?.unwrap_or_default()),
        ),
    };
    let code = receipt_code(now);
    let last: i64 = sqlx::query(
        "INSERT INTO receipt_numbers (code, last) VALUES ($1, 1) ON CONFLICT (code) DO UPDATE SET last = receipt_numbers.last + 1 RETURNING last",
    )
    .bind(code.as_str())
    .fetch_one(&mut *conn)
    .await?
    .try_get("last")?;
    let department = text("department_code")?;
    let amount_fen = fee.try_get::<i64, _>("amount_fen")? as u64;
    let content = ReceiptContent {
        code: code.clone(),
        number: format!("{last:010}"),
        payer_name,
        payer_id,
        items: vec![ReceiptItem { name: Localized::new(text("basis_zh")?, text("basis_en")?), amount_fen }],
        amount_fen,
        issuer: Localized::new(text("name_zh")?, text("name_en")?),
        supervisor: fiscal_supervisor(),
        issued_on: shanghai_date(now),
        application_number: fee.try_get::<Option<String>, _>("number")?.unwrap_or_default(),
        out_trade_no: order.view.out_trade_no.clone(),
    };
    let sealed_text = serde_json::to_string(&content).map_err(|_| ApiError::Internal)?;
    let issuer = seals.seal(&department, sealed_text.as_bytes()).ok_or(ApiError::Internal)?;
    let supervisor = seals.seal(FISCAL_SUPERVISOR, sealed_text.as_bytes()).ok_or(ApiError::Internal)?;
    // 40 bits: a guess at someone's receipt, even with its code and number, is a guess in a trillion.
    let check_code = sha256_hex(&issuer.signature)[..10].to_uppercase();
    sqlx::query(
        "INSERT INTO fee_receipts (id, fee_id, order_id, code, number, check_code, payer_kind, payer_ref, content, issuer_key, issuer_seal, \
         supervisor_key, supervisor_seal, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(random_token(12))
    .bind(text("id")?)
    .bind(order.view.id.as_str())
    .bind(code.as_str())
    .bind(content.number.as_str())
    .bind(check_code.as_str())
    .bind(payer_kind.as_str())
    .bind(payer_ref.as_str())
    .bind(sealed_text.as_str())
    .bind(issuer.key_id.as_str())
    .bind(issuer.signature.as_str())
    .bind(supervisor.key_id.as_str())
    .bind(supervisor.signature.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A receipt row: its view, its payer, and whether both seals check over the text kept.
struct Stored {
    view: ReceiptView,
    payer: Payer,
    sealed: bool,
}

const SELECT: &str =
    "SELECT r.id, r.check_code, r.payer_kind, r.payer_ref, r.content, r.refunded_fen, r.issuer_key, r.issuer_seal, r.supervisor_key, \
     r.supervisor_seal, r.issued_at, f.department_code, f.application_id FROM fee_receipts r JOIN application_fees f ON f.id = r.fee_id";

fn stored(state: &AppState, row: &sqlx::any::AnyRow) -> Result<Stored, ApiError> {
    let text = |name: &str| row.try_get::<String, _>(name);
    let content_text = text("content")?;
    let content: ReceiptContent = serde_json::from_str(&content_text).map_err(|_| ApiError::Internal)?;
    let (at, now) = (row.try_get::<i64, _>("issued_at")? / SECOND, state.clock.now() / SECOND);
    let seal_checks = |key: &str, department: &str, seal: &str| {
        state.seals.check(key, department, at, now, RECEIPT_LIFETIME_SECS, content_text.as_bytes(), seal).is_ok()
    };
    let sealed = seal_checks(&text("issuer_key")?, &text("department_code")?, &text("issuer_seal")?)
        && seal_checks(&text("supervisor_key")?, FISCAL_SUPERVISOR, &text("supervisor_seal")?);
    Ok(Stored {
        view: ReceiptView {
            id: text("id")?,
            check_code: text("check_code")?,
            content,
            application_id: text("application_id")?,
            refunded_fen: row.try_get::<i64, _>("refunded_fen")? as u64,
        },
        payer: Payer { kind: text("payer_kind")?, reference: text("payer_ref")? },
        sealed,
    })
}

/// The receipts of whoever this session pays for: oneself, or the company acted for with "pay"
/// (an agent without it is told so).
#[utoipa::path(get, path = "/api/v1/account/receipts", tag = "payments",
    responses((status = 200, body = Vec<ReceiptView>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn receipts(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<ReceiptView>>, ApiError> {
    let payer = match &user.acting_as {
        Some(acting) => Payer { kind: "company".into(), reference: acting.credit_code.clone() },
        None => Payer { kind: "person".into(), reference: user.user_id.clone() },
    };
    if let Err(refusal) = payer_may(&payer, &user) {
        state.audit(user.actor(), AuditAction::PaymentRefused, "receipts").await?;
        return Err(refusal.map_or(ApiError::NotFound, ApiError::Forbidden));
    }
    let rows = sqlx::query(&format!("{SELECT} WHERE r.payer_kind = $1 AND r.payer_ref = $2 ORDER BY r.issued_at DESC, r.id"))
        .bind(payer.kind.as_str())
        .bind(payer.reference.as_str())
        .fetch_all(&state.pool)
        .await?;
    Ok(Json(rows.iter().map(|row| stored(&state, row).map(|s| s.view)).collect::<Result<_, _>>()?))
}

/// One receipt, for its payer; anyone else is told there is none (and it is audited).
#[utoipa::path(get, path = "/api/v1/receipts/{id}", tag = "payments", params(("id" = String, Path)),
    responses((status = 200, body = ReceiptView), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn receipt(State(state): State<AppState>, user: SessionUser, Path(id): Path<String>) -> Result<Json<ReceiptView>, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE r.id = $1")).bind(id.as_str()).fetch_optional(&state.pool).await?;
    let found = row.as_ref().map(|row| stored(&state, row)).transpose()?;
    match found.map(|s| (payer_may(&s.payer, &user), s)) {
        // A receipt whose seals no longer check is not shown as genuine, even to its payer.
        Some((Ok(()), stored)) if !stored.sealed => Err(ApiError::Internal),
        Some((Ok(()), stored)) => Ok(Json(stored.view)),
        refused => {
            state.audit(user.actor(), AuditAction::PaymentRefused, &format!("receipt {id}")).await?;
            Err(match refused.and_then(|(refusal, _)| refusal.err().flatten()) {
                Some(refusal) => ApiError::Forbidden(refusal),
                None => ApiError::NotFound,
            })
        }
    }
}

/// Checks a receipt by its code, number and check code, for anyone holding it: the receipt as
/// sealed when all three match and both seals check; otherwise only that it is not valid.
#[utoipa::path(post, path = "/api/v1/verify/receipt", tag = "payments", request_body = ReceiptCheckRequest,
    responses((status = 200, body = ReceiptCheck), (status = 400, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn check(
    State(state): State<AppState>,
    origin: RequestOrigin,
    Json(request): Json<ReceiptCheckRequest>,
) -> Result<Json<ReceiptCheck>, ApiError> {
    // A guess at someone's receipt is a guess at a shown code: the same allowance per address.
    state.limit(Limit::Verifications { ip: &origin.ip }).await?;
    request.validate().map_err(ApiError::Invalid)?;
    let row = sqlx::query(&format!("{SELECT} WHERE r.code = $1 AND r.number = $2"))
        .bind(request.receipt_code.trim())
        .bind(request.receipt_number.trim())
        .fetch_optional(&state.pool)
        .await?;
    let found = row.as_ref().map(|row| stored(&state, row)).transpose()?;
    let valid = found.filter(|s| s.sealed && s.view.check_code.eq_ignore_ascii_case(request.check_code.trim()));
    state
        .audit(
            Actor::Anonymous { ip: &origin.ip },
            AuditAction::ReceiptChecked,
            &format!(
                "{} {} {}",
                request.receipt_code.trim(),
                request.receipt_number.trim(),
                if valid.is_some() { "valid" } else { "not valid" }
            ),
        )
        .await?;
    let refunded_fen = valid.as_ref().map_or(0, |s| s.view.refunded_fen);
    Ok(Json(ReceiptCheck { valid: valid.is_some(), receipt: valid.map(|s| s.view.content), refunded_fen }))
}
