//! Demo people from `seed/people.json`: the population register's residents, the accounts listed
//! in the README, demo bank cards for the sandbox bank, and the company register with the demo
//! company bound and its agent added. Loaded once, into an empty register.

use serde::Deserialize;
use sqlx::Row;

use crate::identity::passwords;
use crate::secrets::random_token;
use crate::AppState;

const PEOPLE_JSON: &str = include_str!("../seed/people.json");

#[derive(Deserialize)]
struct People {
    residents: Vec<Resident>,
    accounts: Vec<DemoAccount>,
    bank_cards: Vec<BankCard>,
    companies: Vec<Company>,
}

#[derive(Deserialize)]
struct BankCard {
    card_number: String,
    id_number: String,
    name: String,
    reserved_phone: String,
}

#[derive(Deserialize)]
struct Resident {
    id_number: String,
    name: String,
    phone: String,
}

#[derive(Deserialize)]
struct DemoAccount {
    id_number: String,
    password: String,
    level: i64,
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

/// Loads the demo people into an empty register, and with `accounts` their accounts, company
/// bindings and agents. Does nothing when residents already exist.
pub async fn seed(state: &AppState, accounts: bool) -> Result<(), String> {
    let db = |e: sqlx::Error| format!("seeding people: {e}");
    let existing: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM population_register").fetch_one(&state.pool).await.map_err(db)?.try_get("n").map_err(db)?;
    if existing > 0 {
        return Ok(());
    }
    let people: People = serde_json::from_str(PEOPLE_JSON).map_err(|e| format!("seed/people.json: {e}"))?;
    for r in &people.residents {
        if !tongban_api::ids::is_valid_resident_id(&r.id_number) {
            return Err(format!("seed/people.json: {} is not a valid resident ID", r.id_number));
        }
        sqlx::query("INSERT INTO population_register (id_number, name, phone) VALUES ($1, $2, $3)")
            .bind(r.id_number.as_str())
            .bind(r.name.as_str())
            .bind(r.phone.as_str())
            .execute(&state.pool)
            .await
            .map_err(db)?;
    }
    for a in people.accounts.iter().filter(|_| accounts) {
        let resident = people
            .residents
            .iter()
            .find(|r| r.id_number == a.id_number)
            .ok_or_else(|| format!("seed/people.json: account {} is not a resident", a.id_number))?;
        let hash = passwords::hash(a.password.clone()).await.map_err(|_| "hashing a demo password failed".to_string())?;
        sqlx::query("INSERT INTO users (id, name, id_number, phone, password_hash, level, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(random_token(16))
            .bind(resident.name.as_str())
            .bind(resident.id_number.as_str())
            .bind(resident.phone.as_str())
            .bind(hash)
            .bind(a.level)
            .bind(state.clock.now())
            .execute(&state.pool)
            .await
            .map_err(db)?;
    }
    for card in &people.bank_cards {
        sqlx::query("INSERT INTO sandbox_bank_cards (card_number, id_number, name, reserved_phone) VALUES ($1, $2, $3, $4)")
            .bind(card.card_number.as_str())
            .bind(card.id_number.as_str())
            .bind(card.name.as_str())
            .bind(card.reserved_phone.as_str())
            .execute(&state.pool)
            .await
            .map_err(db)?;
    }
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
        if !c.bound || !accounts {
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
    tracing::info!(residents = people.residents.len(), accounts = people.accounts.len(), "people seeded");
    Ok(())
}
