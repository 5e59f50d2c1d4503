//! The demo company register, with the demo company bound and its agent added.

use serde::Deserialize;
use sqlx::Row;

use crate::AppState;

const PEOPLE_JSON: &str = include_str!("../../seed/people.json");

#[derive(Deserialize)]
struct People {
    companies: Vec<Company>,
}

#[derive(Deserialize)]
struct Company {
    credit_code: String,
    name: String,
    legal_rep_id_number: String,
    bound: bool,
    agents: Vec<Agent>,
}

#[derive(Deserialize)]
struct Agent {
    id_number: String,
    scopes: Vec<String>,
}

async fn user_id(state: &AppState, id_number: &str) -> Result<String, String> {
    let row = sqlx::query("SELECT id FROM users WHERE id_number = $1")
        .bind(id_number)
        .fetch_one(&state.pool)
        .await
        .map_err(|e| format!("seed/people.json: no account for {id_number}: {e}"))?;
    row.try_get("id").map_err(|e| e.to_string())
}

pub async fn seed(state: &AppState) -> Result<(), String> {
    let db = |e: sqlx::Error| format!("seeding companies: {e}");
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM company_register")
        .fetch_one(&state.pool)
        .await
        .map_err(db)?
        .try_get("n")
        .map_err(db)?;
    if existing > 0 {
        return Ok(());
    }
    let people: People = serde_json::from_str(PEOPLE_JSON).map_err(|e| format!("seed/people.json: {e}"))?;
    let now = state.clock.now();
    for c in &people.companies {
        if !tongban_api::ids::is_valid_credit_code(&c.credit_code) {
            return Err(format!("seed/people.json: {} is not a valid credit code", c.credit_code));
        }
        sqlx::query("INSERT INTO company_register (credit_code, name, legal_rep_id_number) VALUES ($1, $2, $3)")
            .bind(c.credit_code.as_str())
            .bind(c.name.as_str())
            .bind(c.legal_rep_id_number.as_str())
            .execute(&state.pool)
            .await
            .map_err(db)?;
        if !c.bound {
            continue;
        }
        let rep = user_id(state, &c.legal_rep_id_number).await?;
        sqlx::query("INSERT INTO company_bindings (credit_code, user_id, bound_at) VALUES ($1, $2, $3)")
            .bind(c.credit_code.as_str())
            .bind(rep.as_str())
            .bind(now)
            .execute(&state.pool)
            .await
            .map_err(db)?;
        for a in &c.agents {
            let agent = user_id(state, &a.id_number).await?;
            sqlx::query("INSERT INTO company_agents (credit_code, user_id, scopes, added_by, added_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(c.credit_code.as_str())
                .bind(agent.as_str())
                .bind(a.scopes.join(","))
                .bind(rep.as_str())
                .bind(now)
                .execute(&state.pool)
                .await
                .map_err(db)?;
        }
    }
    Ok(())
}
