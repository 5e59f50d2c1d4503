//! Bank-card checks for real-name verification. The trait is what a real bank-card
//! verification service adapter implements; the sandbox answers from a table of demo cards.

use std::future::Future;
use std::pin::Pin;

use sqlx::{AnyPool, Row};

/// What the bank says about a card presented as someone's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardCheck {
    /// The card belongs to this ID number and name, and the bank holds this phone for it.
    Matches,
    NoMatch,
}

pub type CheckResult<'a> = Pin<Box<dyn Future<Output = Result<CardCheck, String>> + Send + 'a>>;

pub trait BankCardVerifier: Send + Sync {
    fn check<'a>(&'a self, card: &'a str, id_number: &'a str, name: &'a str, phone: &'a str) -> CheckResult<'a>;
}

pub struct SandboxBank {
    pool: AnyPool,
}

impl SandboxBank {
    pub fn new(pool: AnyPool) -> Self {
        SandboxBank { pool }
    }
}

impl BankCardVerifier for SandboxBank {
    fn check<'a>(&'a self, card: &'a str, id_number: &'a str, name: &'a str, phone: &'a str) -> CheckResult<'a> {
        Box::pin(async move {
            let row = sqlx::query("SELECT id_number, name, reserved_phone FROM sandbox_bank_cards WHERE card_number = $1")
                .bind(card)
                .fetch_optional(&self.pool)
                .await
                .map_err(|e| format!("sandbox bank: {e}"))?;
            let matches = match row {
                Some(row) => {
                    let get = |c: &str| row.try_get::<String, _>(c).unwrap_or_default();
                    get("id_number") == id_number && get("name") == name && get("reserved_phone") == phone
                }
                None => false,
            };
            Ok(if matches { CardCheck::Matches } else { CardCheck::NoMatch })
        })
    }
}
