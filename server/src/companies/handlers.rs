use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::Row;
use tongban_api::companies::{ActAsRequest, AddAgentRequest, AgentScope, AgentView, BindCompanyRequest, CompanyRole, CompanyView};
use tongban_api::fields;
use tongban_api::identity::{mask_id_number, ActingAs, SessionView};
use tongban_api::{ApiErrorBody, FieldProblem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit::AuditAction;
use crate::error::ApiError;
use crate::identity::handlers::{session_view_of, tell_phone};
use crate::identity::sessions::SessionUser;
use crate::words::Wording;
use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_companies, bind_company))
        .routes(routes!(list_agents, add_agent))
        .routes(routes!(remove_agent))
        .routes(routes!(act_as))
}

/// The companies this person represents or acts for.
async fn companies_of(state: &AppState, user_id: &str) -> Result<Vec<CompanyView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.credit_code AS credit_code, r.name AS name, 'representative' AS role, '' AS scopes FROM company_bindings b \
         JOIN company_register r ON r.credit_code = b.credit_code WHERE b.user_id = $1 \
         UNION ALL \
         SELECT r.credit_code AS credit_code, r.name AS name, 'agent' AS role, a.scopes AS scopes FROM company_agents a \
         JOIN company_register r ON r.credit_code = a.credit_code WHERE a.user_id = $2 \
         ORDER BY credit_code",
    )
    .bind(user_id)
    .bind(user_id)
    .fetch_all(&state.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let representative = r.try_get::<String, _>("role")? == "representative";
            Ok(CompanyView {
                credit_code: r.try_get("credit_code")?,
                name: r.try_get("name")?,
                role: if representative { CompanyRole::Representative } else { CompanyRole::Agent },
                scopes: AgentScope::granted(representative, Some(r.try_get::<String, _>("scopes")?.as_str())),
            })
        })
        .collect()
}

/// The company, if this person is its bound legal representative.
async fn represented(state: &AppState, user: &SessionUser, code: &str) -> Result<(), ApiError> {
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM company_bindings WHERE credit_code = $1 AND user_id = $2")
        .bind(code)
        .bind(user.user_id.as_str())
        .fetch_one(&state.pool)
        .await?
        .try_get("n")?;
    if n == 0 {
        state.audit(user.actor(), AuditAction::CompanyAccessRefused, code).await?;
        return Err(ApiError::NotFound);
    }
    Ok(())
}

#[utoipa::path(get, path = "/api/v1/account/companies", tag = "companies", responses((status = 200, body = Vec<CompanyView>)))]
async fn list_companies(State(state): State<AppState>, user: SessionUser) -> Result<Json<Vec<CompanyView>>, ApiError> {
    Ok(Json(companies_of(&state, &user.user_id).await?))
}

/// Binds a company whose legal representative, in the register, is this person (level 2 needed).
#[utoipa::path(post, path = "/api/v1/account/companies", tag = "companies", request_body = BindCompanyRequest,
    responses((status = 200, body = Vec<CompanyView>), (status = 400, body = ApiErrorBody)))]
async fn bind_company(
    State(state): State<AppState>,
    user: SessionUser,
    Json(request): Json<BindCompanyRequest>,
) -> Result<Json<Vec<CompanyView>>, ApiError> {
    request.validate().map_err(ApiError::Invalid)?;
    if user.level < 2 {
        return Err(ApiError::field(fields::CREDIT_CODE, FieldProblem::LevelTooLow));
    }
    user.require_fresh_proof(&state)?;
    let code = request.credit_code.trim().to_uppercase();
    let rep = sqlx::query("SELECT legal_rep_id_number FROM company_register WHERE credit_code = $1")
        .bind(code.as_str())
        .fetch_optional(&state.pool)
        .await?;
    let is_rep = match rep {
        Some(row) => row.try_get::<String, _>("legal_rep_id_number")? == user.id_number,
        None => false,
    };
    if !is_rep {
        state.audit(user.actor(), AuditAction::CompanyBindRefused, &code).await?;
        return Err(ApiError::field(fields::CREDIT_CODE, FieldProblem::NotRepresentative));
    }
    let inserted = sqlx::query(
        "INSERT INTO company_bindings (credit_code, user_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (credit_code) DO NOTHING",
    )
    .bind(code.as_str())
    .bind(user.user_id.as_str())
    .bind(state.clock.now())
    .execute(&state.pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ApiError::field(fields::CREDIT_CODE, FieldProblem::AlreadyBound));
    }
    state.audit(user.actor(), AuditAction::CompanyBound, &code).await?;
    tell_phone(&state, &user, Wording::of("msg_account_company_bound", [("code", code.as_str().into())])).await;
    Ok(Json(companies_of(&state, &user.user_id).await?))
}

#[utoipa::path(get, path = "/api/v1/account/companies/{code}/agents", tag = "companies",
    params(("code" = String, Path)), responses((status = 200, body = Vec<AgentView>), (status = 404, body = ApiErrorBody)))]
async fn list_agents(State(state): State<AppState>, user: SessionUser, Path(code): Path<String>) -> Result<Json<Vec<AgentView>>, ApiError> {
    represented(&state, &user, &code).await?;
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.id_number, a.scopes FROM company_agents a JOIN users u ON u.id = a.user_id \
         WHERE a.credit_code = $1 ORDER BY a.added_at",
    )
    .bind(code.as_str())
    .fetch_all(&state.pool)
    .await?;
    let agents = rows
        .iter()
        .map(|r| {
            Ok(AgentView {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                id_number_masked: mask_id_number(&r.try_get::<String, _>("id_number")?),
                scopes: AgentScope::parse_list(&r.try_get::<String, _>("scopes")?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(agents))
}

/// Adds an agent by ID number, or changes the scopes of one already added.
#[utoipa::path(post, path = "/api/v1/account/companies/{code}/agents", tag = "companies", request_body = AddAgentRequest,
    params(("code" = String, Path)), responses((status = 204), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn add_agent(
    State(state): State<AppState>,
    user: SessionUser,
    Path(code): Path<String>,
    Json(request): Json<AddAgentRequest>,
) -> Result<StatusCode, ApiError> {
    represented(&state, &user, &code).await?;
    request.validate().map_err(ApiError::Invalid)?;
    user.require_fresh_proof(&state)?;
    let id_number = request.id_number.trim().to_uppercase();
    if id_number == user.id_number {
        return Err(ApiError::field(fields::ID_NUMBER, FieldProblem::CannotAddSelf));
    }
    let Some(agent) = sqlx::query("SELECT id FROM users WHERE id_number = $1 AND level >= 2")
        .bind(id_number.as_str())
        .fetch_optional(&state.pool)
        .await?
    else {
        return Err(ApiError::field(fields::ID_NUMBER, FieldProblem::NoSuchAccount));
    };
    let agent_id: String = agent.try_get("id")?;
    let mut scopes: Vec<&str> = request.scopes.iter().map(|s| s.as_str()).collect();
    scopes.sort_unstable();
    scopes.dedup();
    let scopes = scopes.join(",");
    sqlx::query(
        "INSERT INTO company_agents (credit_code, user_id, scopes, added_by, added_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (credit_code, user_id) DO UPDATE SET scopes = excluded.scopes",
    )
    .bind(code.as_str())
    .bind(agent_id.as_str())
    .bind(scopes.as_str())
    .bind(user.user_id.as_str())
    .bind(state.clock.now())
    .execute(&state.pool)
    .await?;
    state.audit(user.actor(), AuditAction::AgentAdded, &format!("{code} {} [{scopes}]", mask_id_number(&id_number))).await?;
    let agent = mask_id_number(&id_number);
    tell_phone(&state, &user, Wording::of("msg_account_agent_added", [("code", code.as_str().into()), ("agent", agent.into())])).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes an agent; any session of theirs acting for the company goes back to acting for themself.
#[utoipa::path(post, path = "/api/v1/account/companies/{code}/agents/{agent_id}/remove", tag = "companies",
    params(("code" = String, Path), ("agent_id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn remove_agent(
    State(state): State<AppState>,
    user: SessionUser,
    Path((code, agent_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    represented(&state, &user, &code).await?;
    user.require_fresh_proof(&state)?;
    let Some(agent) = sqlx::query(
        "SELECT u.id_number FROM company_agents a JOIN users u ON u.id = a.user_id WHERE a.credit_code = $1 AND a.user_id = $2",
    )
    .bind(code.as_str())
    .bind(agent_id.as_str())
    .fetch_optional(&state.pool)
    .await?
    else {
        return Err(ApiError::NotFound);
    };
    let id_number: String = agent.try_get("id_number")?;
    sqlx::query("DELETE FROM company_agents WHERE credit_code = $1 AND user_id = $2")
        .bind(code.as_str())
        .bind(agent_id.as_str())
        .execute(&state.pool)
        .await?;
    sqlx::query("UPDATE sessions SET acting_company = NULL WHERE user_id = $1 AND acting_company = $2")
        .bind(agent_id.as_str())
        .bind(code.as_str())
        .execute(&state.pool)
        .await?;
    state.audit(user.actor(), AuditAction::AgentRemoved, &format!("{code} {}", mask_id_number(&id_number))).await?;
    let agent = mask_id_number(&id_number);
    tell_phone(&state, &user, Wording::of("msg_account_agent_removed", [("code", code.as_str().into()), ("agent", agent.into())])).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Switches this session between acting for oneself and acting for a company.
#[utoipa::path(post, path = "/api/v1/session/acting-as", tag = "companies", request_body = ActAsRequest,
    responses((status = 200, body = SessionView), (status = 404, body = ApiErrorBody)))]
async fn act_as(
    State(state): State<AppState>,
    mut user: SessionUser,
    Json(request): Json<ActAsRequest>,
) -> Result<Json<SessionView>, ApiError> {
    let company = match request.credit_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => {
            let mine = if user.level >= 2 { companies_of(&state, &user.user_id).await? } else { Vec::new() };
            // Acting for a company needs real-name verification and at least one scope to act with.
            let Some(company) = mine.into_iter().find(|c| c.credit_code == code && !c.scopes.is_empty()) else {
                state.audit(user.actor(), AuditAction::ActAsRefused, code).await?;
                return Err(ApiError::NotFound);
            };
            Some(ActingAs {
                representative: company.role == CompanyRole::Representative,
                credit_code: company.credit_code,
                name: company.name,
                scopes: company.scopes,
            })
        }
    };
    sqlx::query("UPDATE sessions SET acting_company = $1 WHERE id = $2")
        .bind(company.as_ref().map(|c| c.credit_code.as_str()))
        .bind(user.session_id.as_str())
        .execute(&state.pool)
        .await?;
    let detail = company.as_ref().map_or("self", |c| c.credit_code.as_str()).to_string();
    user.acting_as = company;
    state.audit(user.actor(), AuditAction::ActingAsChanged, &detail).await?;
    Ok(Json(session_view_of(&state, &user)))
}
