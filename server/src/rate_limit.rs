//! Sliding-window rate limits, one variant per thing limited, their numbers in [`Config`]. The
//! counts live in the database so that several server processes behind one address count as one.
//!
//! [`Config`]: crate::config::Config

use sqlx::{AnyPool, Row};
use tongban_api::identity::CodePurpose;

use crate::clock::{MINUTE, SECOND};
use crate::config::AuthLimits;
use crate::error::ApiError;
use crate::AppState;

/// What is being limited, and for whom.
pub enum Limit<'a> {
    /// Password, code and passkey sign-ins (people and officers) from one address.
    SignIn { ip: &'a str },
    /// Registrations from one address.
    Register { ip: &'a str },
    /// One-time codes asked for from one address.
    CodesFromAddress { ip: &'a str },
    /// The wait between two codes to one phone for one purpose.
    CodeResend { phone: &'a str, purpose: CodePurpose },
    /// Bank-card checks of one account: each is a guess at someone's card.
    BankCardChecks { user_id: &'a str },
    /// Password and phone changes of one account.
    AccountChanges { user_id: &'a str },
    /// Passkey registrations begun by one account.
    PasskeyOptions { user_id: &'a str },
    /// Files uploaded by one account.
    Uploads { user_id: &'a str },
    /// Shown codes checked from one address.
    Verifications { ip: &'a str },
    /// Codes tried by one officer or one person acting for a company: licence use codes, and
    /// (an officer's) pick-up codes.
    Redemptions { who: &'a str },
    /// "Is this page useful?" answers from one address.
    GuideFeedback { ip: &'a str },
    /// "Contact us" tickets filed from one address.
    Tickets { ip: &'a str },
}

impl Limit<'_> {
    fn key(&self) -> String {
        match self {
            Limit::SignIn { ip } => format!("sign_in:{ip}"),
            Limit::Register { ip } => format!("register:{ip}"),
            Limit::CodesFromAddress { ip } => format!("codes:{ip}"),
            Limit::CodeResend { phone, purpose } => format!("code:{phone}:{}", purpose.as_str()),
            Limit::BankCardChecks { user_id } => format!("bank:{user_id}"),
            Limit::AccountChanges { user_id } => format!("password:{user_id}"),
            Limit::PasskeyOptions { user_id } => format!("passkey:{user_id}"),
            Limit::Uploads { user_id } => format!("upload:{user_id}"),
            Limit::Verifications { ip } => format!("verify:{ip}"),
            Limit::Redemptions { who } => format!("redeem:{who}"),
            Limit::GuideFeedback { ip } => format!("feedback:{ip}"),
            Limit::Tickets { ip } => format!("tickets:{ip}"),
        }
    }

    /// How many within how long (microseconds).
    fn rule(&self, limits: &AuthLimits) -> (u32, i64) {
        match self {
            Limit::SignIn { .. } => (limits.sign_in_per_ip_per_minute, MINUTE),
            Limit::Register { .. } => (limits.register_per_ip_per_hour, 60 * MINUTE),
            Limit::CodesFromAddress { .. } => (limits.codes_per_ip_per_hour, 60 * MINUTE),
            Limit::CodeResend { .. } => (1, limits.code_resend_secs * SECOND),
            Limit::BankCardChecks { .. } => (limits.lockout_failures as u32, 60 * MINUTE),
            Limit::AccountChanges { .. } => (limits.lockout_failures as u32, MINUTE),
            Limit::PasskeyOptions { .. } => (limits.passkey_options_per_ten_minutes, 10 * MINUTE),
            Limit::Uploads { .. } => (limits.uploads_per_hour, 60 * MINUTE),
            Limit::Verifications { .. } => (limits.verifications_per_ip_per_minute, MINUTE),
            Limit::Redemptions { .. } => (limits.redemptions_per_minute, MINUTE),
            Limit::GuideFeedback { .. } => (limits.feedback_per_ip_per_hour, 60 * MINUTE),
            Limit::Tickets { .. } => (limits.tickets_per_ip_per_hour, 60 * MINUTE),
        }
    }
}

/// How many times a hit may lose the compare-and-set to others before it is refused.
const RACE_ATTEMPTS: u32 = 60;

/// Counts a hit on `key` at `now` unless `max` hits already fell within `window`; when refused,
/// how many microseconds until the oldest hit leaves the window.
async fn hit(pool: &AnyPool, key: &str, max: u32, window: i64, now: i64) -> Result<Result<(), i64>, sqlx::Error> {
    sqlx::query("INSERT INTO rate_limits (key, hits, version, updated_at) VALUES ($1, '', 0, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(now)
        .execute(pool)
        .await?;
    // Compare-and-set: a write that lost to another request reads again, after a pause that
    // grows and is jittered so that the racers spread out (many people may share one address).
    for attempt in 0..RACE_ATTEMPTS {
        if attempt > 0 {
            let pause = u64::from(crate::secrets::random_bytes::<1>()[0] % 4 + 1) * u64::from(attempt.min(10));
            tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
        }
        let row = sqlx::query("SELECT hits, version FROM rate_limits WHERE key = $1").bind(key).fetch_one(pool).await?;
        let version: i64 = row.try_get("version")?;
        let mut times: Vec<i64> =
            row.try_get::<String, _>("hits")?.split(',').filter_map(|t| t.parse().ok()).filter(|t| now - t < window).collect();
        if times.len() >= max as usize {
            return Ok(Err(times[0] + window - now));
        }
        times.push(now);
        let hits = times.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let written =
            sqlx::query("UPDATE rate_limits SET hits = $1, version = version + 1, updated_at = $2 WHERE key = $3 AND version = $4")
                .bind(hits)
                .bind(now)
                .bind(key)
                .bind(version)
                .execute(pool)
                .await?;
        if written.rows_affected() == 1 {
            return Ok(Ok(()));
        }
    }
    // Losing every race for this long is a flood: refuse for a moment rather than spin.
    Ok(Err(SECOND))
}

/// Forgets keys untouched for a day (the longest window is an hour).
pub async fn sweep(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM rate_limits WHERE updated_at < $1").bind(now - 24 * 60 * MINUTE).execute(pool).await?.rows_affected())
}

impl AppState {
    /// Counts a hit on `limit` now; past its number within its window, the error says how many
    /// seconds until another is allowed.
    pub async fn limit(&self, limit: Limit<'_>) -> Result<(), ApiError> {
        let (max, window) = limit.rule(&self.config.auth);
        match hit(&self.pool, &limit.key(), max, window, self.clock.now()).await? {
            Ok(()) => Ok(()),
            Err(wait) => Err(ApiError::RateLimited { retry_after_secs: wait / SECOND + 1 }),
        }
    }
}
