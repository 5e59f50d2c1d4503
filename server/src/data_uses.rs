//! The record of every use of a person's or company's data by someone else (Art. 24): who, from
//! which organisation, what they saw and why. "Who used my data" is read from here, and only from
//! here, so what a person is shown cannot drift from what happened.

use tongban_api::Localized;

use crate::clock::Clock;
use crate::secrets::random_token;

/// Who used the data.
pub enum DataUser {
    /// Whoever was shown a licence's code and checked it.
    Verifier,
}

/// What was used.
pub enum UsedData<'a> {
    Licence { id: &'a str },
}

/// Why.
pub enum Purpose<'a> {
    /// Checking a code the holder showed; the code's nonce.
    Verification { nonce: &'a str },
}

/// How it ended: used, or refused and why.
pub enum Outcome<'a> {
    Used,
    Refused(&'a str),
}

pub struct DataUse<'a> {
    /// Whose data: an ID number or a credit code.
    pub subject: &'a str,
    pub user: DataUser,
    pub data: UsedData<'a>,
    /// What was seen, for the person to read.
    pub what: Localized,
    pub purpose: Purpose<'a>,
    pub outcome: Outcome<'a>,
}

pub async fn record<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    clock: &dyn Clock,
    used: DataUse<'_>,
) -> Result<(), sqlx::Error> {
    let (user_kind, organisation, staff_number) = match used.user {
        DataUser::Verifier => ("verifier", None::<&str>, None::<&str>),
    };
    let (data_kind, data_ref) = match used.data {
        UsedData::Licence { id } => ("licence", id),
    };
    let (purpose_kind, purpose_ref) = match used.purpose {
        Purpose::Verification { nonce } => ("verification", Some(nonce)),
    };
    let outcome = match used.outcome {
        Outcome::Used => "ok",
        Outcome::Refused(why) => why,
    };
    sqlx::query(
        "INSERT INTO data_uses (id, at, subject, user_kind, organisation, staff_number, data_kind, data_ref, what_zh, what_en, \
         purpose_kind, purpose_ref, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(random_token(12))
    .bind(clock.now())
    .bind(used.subject)
    .bind(user_kind)
    .bind(organisation)
    .bind(staff_number)
    .bind(data_kind)
    .bind(data_ref)
    .bind(used.what.zh.as_str())
    .bind(used.what.en.as_str())
    .bind(purpose_kind)
    .bind(purpose_ref)
    .bind(outcome)
    .execute(db)
    .await?;
    Ok(())
}
