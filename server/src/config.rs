//! Every tunable of the server, read once from the environment, each with its default here.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    /// `TONGBAN_ADDR`: where to listen. Default `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`. Default `sqlite://data/tongban.db`.
    pub database_url: String,
    /// `TONGBAN_DB_MAX_CONNECTIONS`: pool size. Default 8.
    pub db_max_connections: u32,
    /// `TONGBAN_DIST`: the built web app (Trunk's dist/). Default `dist`.
    pub dist_dir: PathBuf,
    /// `TONGBAN_REQUEST_TIMEOUT_SECS`: a request taking longer is answered 408. Default 15.
    pub request_timeout: Duration,
    /// `TONGBAN_SYNTHETIC_SERVICES`: add this many generated services to the seed, for load
    /// measurements. Default 0.
    pub synthetic_services: u32,
    /// `TONGBAN_ENV`: `production` (default: safe unless told otherwise) or `development`, which
    /// seeds demo accounts, companies and officers with a published password.
    pub production: bool,
    /// `TONGBAN_ALLOW_SANDBOX_SMS`: in production, start even though SMS only go to the sandbox
    /// outbox. Default false.
    pub allow_sandbox_sms: bool,
    /// `TONGBAN_ALLOW_SANDBOX_BANK`: in production, start even though bank-card checks only reach
    /// the sandbox bank. Default false.
    pub allow_sandbox_bank: bool,
    /// `TONGBAN_ALLOW_SANDBOX_PAYMENTS`: in production, start even though fees are paid only to
    /// the sandbox channels (no money moves). Default false.
    pub allow_sandbox_payments: bool,
    /// `TONGBAN_ALLOW_SANDBOX_COURIER`: in production, start even though results "posted" go only
    /// to the sandbox courier (nothing is delivered). Default false.
    pub allow_sandbox_courier: bool,
    /// `TONGBAN_PAYMENT_EXPIRY_SECS`: how long a payment order can be paid. Default 1800.
    pub payment_expiry_secs: i64,
    /// `TONGBAN_NOTIFY_FRESH_SECS`: how old a channel's signed notification may be. Default 300.
    pub notify_fresh_secs: i64,
    /// `TONGBAN_SANDBOX_TIME_SCALE`: the sandbox channels' delays and retry schedules are divided
    /// by this, so tests see a day of retries in seconds. Default 1.
    pub sandbox_time_scale: u32,
    /// `TONGBAN_PAYMENT_SWEEP_SECS`: how often unfinished payments past their time are asked about
    /// and ended. Default 60.
    pub payment_sweep_secs: u64,
    /// `TONGBAN_OUTBOX_TICK_MS`: how often the worker looks for due texts and notifications. Default 2000.
    pub outbox_tick_ms: u64,
    /// `TONGBAN_COOKIE_SECURE`: mark cookies Secure (HTTPS only). Default: on in production.
    pub cookie_secure: bool,
    /// `TONGBAN_PUBLIC_ORIGIN`: the address people open the portal at, like
    /// `https://zwdt.sh.gov.cn`; passkeys are bound to its host. Default `http://localhost:<port>`.
    pub public_origin: String,
    /// `TONGBAN_TRUSTED_PROXIES`: comma-separated addresses or CIDRs of reverse proxies whose
    /// `X-Forwarded-For` names the client. Default none: the peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `TONGBAN_SEAL_KEYS_DIR`: where each sealing department's SM2 secret key is, as
    /// `<department>.key` (64 hex characters). Required in production; development makes its own.
    pub seal_keys_dir: Option<PathBuf>,
    pub auth: AuthLimits,
}

/// Session, lockout, one-time-code and rate-limit settings, in seconds unless named otherwise.
/// Defaults follow login.gov's published configuration.
#[derive(Clone, Debug)]
pub struct AuthLimits {
    /// `TONGBAN_SESSION_IDLE_SECS`: a session unused this long ends. Default 900 (15 min).
    pub session_idle_secs: i64,
    /// `TONGBAN_SESSION_WARNING_SECS`: warn this long before the idle end. Default 120.
    pub session_warning_secs: i64,
    /// `TONGBAN_SESSION_ABSOLUTE_SECS`: no session lives longer. Default 43200 (12 h).
    pub session_absolute_secs: i64,
    /// `TONGBAN_LOCKOUT_FAILURES`: wrong passwords that lock an account… Default 5.
    pub lockout_failures: i64,
    /// `TONGBAN_LOCKOUT_WINDOW_SECS`: …within this long. Default 60.
    pub lockout_window_secs: i64,
    /// `TONGBAN_LOCKOUT_SECS`: how long the lock lasts. Default 600.
    pub lockout_secs: i64,
    /// `TONGBAN_LOCKOUT_LONG_FAILURES`: wrong passwords over the long window that lock until the
    /// oldest of them leaves it, against slow guessing. Default 20.
    pub lockout_long_failures: i64,
    /// `TONGBAN_LOCKOUT_LONG_WINDOW_SECS`: the long window. Default 86400 (24 h).
    pub lockout_long_window_secs: i64,
    /// `TONGBAN_PROOF_FRESH_SECS`: how long a password or code given counts as proof for a
    /// sensitive change (passkeys, companies, agents). Default 300.
    pub proof_fresh_secs: i64,
    /// `TONGBAN_CODE_TTL_SECS`: a one-time code's life. Default 300.
    pub code_ttl_secs: i64,
    /// `TONGBAN_CODE_MAX_ATTEMPTS`: tries per code. Default 5.
    pub code_max_attempts: i64,
    /// `TONGBAN_CODE_RESEND_SECS`: wait between two codes to one phone. Default 60.
    pub code_resend_secs: i64,
    /// `TONGBAN_SIGN_IN_PER_IP_PER_MINUTE`: default 30.
    pub sign_in_per_ip_per_minute: u32,
    /// `TONGBAN_REGISTER_PER_IP_PER_HOUR`: default 20.
    pub register_per_ip_per_hour: u32,
    /// `TONGBAN_CODES_PER_IP_PER_HOUR`: SMS codes requested from one address. Default 20.
    pub codes_per_ip_per_hour: u32,
    /// `TONGBAN_PASSKEY_OPTIONS_PER_TEN_MINUTES`: passkey registrations begun by one account. Default 20.
    pub passkey_options_per_ten_minutes: u32,
    /// `TONGBAN_UPLOADS_PER_HOUR`: files uploaded by one account. Default 60.
    pub uploads_per_hour: u32,
    /// `TONGBAN_VERIFICATIONS_PER_IP_PER_MINUTE`: shown codes checked from one address. Default 30.
    pub verifications_per_ip_per_minute: u32,
    /// `TONGBAN_REDEMPTIONS_PER_MINUTE`: use codes tried by one officer or one person acting for a
    /// company. Default 10: an 8-character code cannot be guessed at that pace.
    pub redemptions_per_minute: u32,
    /// `TONGBAN_FEEDBACK_PER_IP_PER_HOUR`: "Is this page useful?" answers from one address. Default 20.
    pub feedback_per_ip_per_hour: u32,
    /// `TONGBAN_TICKETS_PER_IP_PER_HOUR`: "Contact us" tickets filed from one address. Default 10.
    pub tickets_per_ip_per_hour: u32,
    /// `TONGBAN_UPLOAD_QUOTA_MB`: what one account's stored files may add up to. Default 200.
    pub upload_quota_mb: u32,
}

impl Default for AuthLimits {
    fn default() -> Self {
        AuthLimits {
            session_idle_secs: 900,
            session_warning_secs: 120,
            session_absolute_secs: 43_200,
            lockout_failures: 5,
            lockout_window_secs: 60,
            lockout_secs: 600,
            lockout_long_failures: 20,
            lockout_long_window_secs: 86_400,
            proof_fresh_secs: 300,
            code_ttl_secs: 300,
            code_max_attempts: 5,
            code_resend_secs: 60,
            sign_in_per_ip_per_minute: 30,
            register_per_ip_per_hour: 20,
            codes_per_ip_per_hour: 20,
            passkey_options_per_ten_minutes: 20,
            uploads_per_hour: 60,
            verifications_per_ip_per_minute: 30,
            redemptions_per_minute: 10,
            feedback_per_ip_per_hour: 20,
            tickets_per_ip_per_hour: 10,
            upload_quota_mb: 200,
        }
    }
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let parse = |name: &str, default: u64| -> Result<u64, String> {
            var(name).map_or(Ok(default), |v| v.trim().parse().map_err(|_| format!("{name} must be a whole number, got {v:?}")))
        };
        let addr = var("TONGBAN_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let production = match var("TONGBAN_ENV").as_deref() {
            Some("development") => false,
            None | Some("production") => true,
            Some(other) => return Err(format!("TONGBAN_ENV must be development or production, got {other:?}")),
        };
        let flag = |name: &str, default: bool| -> Result<bool, String> {
            match var(name).as_deref() {
                None => Ok(default),
                Some("1" | "true" | "yes") => Ok(true),
                Some("0" | "false" | "no") => Ok(false),
                Some(other) => Err(format!("{name} must be true or false, got {other:?}")),
            }
        };
        let d = AuthLimits::default();
        let auth = AuthLimits {
            session_idle_secs: parse("TONGBAN_SESSION_IDLE_SECS", d.session_idle_secs as u64)? as i64,
            session_warning_secs: parse("TONGBAN_SESSION_WARNING_SECS", d.session_warning_secs as u64)? as i64,
            session_absolute_secs: parse("TONGBAN_SESSION_ABSOLUTE_SECS", d.session_absolute_secs as u64)? as i64,
            lockout_failures: parse("TONGBAN_LOCKOUT_FAILURES", d.lockout_failures as u64)? as i64,
            lockout_window_secs: parse("TONGBAN_LOCKOUT_WINDOW_SECS", d.lockout_window_secs as u64)? as i64,
            lockout_secs: parse("TONGBAN_LOCKOUT_SECS", d.lockout_secs as u64)? as i64,
            lockout_long_failures: parse("TONGBAN_LOCKOUT_LONG_FAILURES", d.lockout_long_failures as u64)? as i64,
            lockout_long_window_secs: parse("TONGBAN_LOCKOUT_LONG_WINDOW_SECS", d.lockout_long_window_secs as u64)? as i64,
            proof_fresh_secs: parse("TONGBAN_PROOF_FRESH_SECS", d.proof_fresh_secs as u64)? as i64,
            code_ttl_secs: parse("TONGBAN_CODE_TTL_SECS", d.code_ttl_secs as u64)? as i64,
            code_max_attempts: parse("TONGBAN_CODE_MAX_ATTEMPTS", d.code_max_attempts as u64)? as i64,
            code_resend_secs: parse("TONGBAN_CODE_RESEND_SECS", d.code_resend_secs as u64)? as i64,
            sign_in_per_ip_per_minute: parse("TONGBAN_SIGN_IN_PER_IP_PER_MINUTE", d.sign_in_per_ip_per_minute.into())? as u32,
            register_per_ip_per_hour: parse("TONGBAN_REGISTER_PER_IP_PER_HOUR", d.register_per_ip_per_hour.into())? as u32,
            codes_per_ip_per_hour: parse("TONGBAN_CODES_PER_IP_PER_HOUR", d.codes_per_ip_per_hour.into())? as u32,
            passkey_options_per_ten_minutes: parse("TONGBAN_PASSKEY_OPTIONS_PER_TEN_MINUTES", d.passkey_options_per_ten_minutes.into())?
                as u32,
            uploads_per_hour: parse("TONGBAN_UPLOADS_PER_HOUR", d.uploads_per_hour.into())? as u32,
            verifications_per_ip_per_minute: parse("TONGBAN_VERIFICATIONS_PER_IP_PER_MINUTE", d.verifications_per_ip_per_minute.into())?
                as u32,
            redemptions_per_minute: parse("TONGBAN_REDEMPTIONS_PER_MINUTE", d.redemptions_per_minute.into())? as u32,
            feedback_per_ip_per_hour: parse("TONGBAN_FEEDBACK_PER_IP_PER_HOUR", d.feedback_per_ip_per_hour.into())? as u32,
            tickets_per_ip_per_hour: parse("TONGBAN_TICKETS_PER_IP_PER_HOUR", d.tickets_per_ip_per_hour.into())? as u32,
            upload_quota_mb: parse("TONGBAN_UPLOAD_QUOTA_MB", d.upload_quota_mb.into())? as u32,
        };
        if auth.session_warning_secs >= auth.session_idle_secs {
            return Err("TONGBAN_SESSION_WARNING_SECS must be shorter than TONGBAN_SESSION_IDLE_SECS".into());
        }
        let addr: SocketAddr = addr.parse().map_err(|_| format!("TONGBAN_ADDR is not host:port: {addr:?}"))?;
        let trusted_proxies = var("TONGBAN_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<ipnet::IpNet>()
                    .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("TONGBAN_TRUSTED_PROXIES: {p:?} is not an address or CIDR"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Config {
            public_origin: var("TONGBAN_PUBLIC_ORIGIN").unwrap_or_else(|| format!("http://localhost:{}", addr.port())),
            trusted_proxies,
            seal_keys_dir: var("TONGBAN_SEAL_KEYS_DIR").map(PathBuf::from),
            allow_sandbox_sms: flag("TONGBAN_ALLOW_SANDBOX_SMS", false)?,
            allow_sandbox_bank: flag("TONGBAN_ALLOW_SANDBOX_BANK", false)?,
            allow_sandbox_payments: flag("TONGBAN_ALLOW_SANDBOX_PAYMENTS", false)?,
            allow_sandbox_courier: flag("TONGBAN_ALLOW_SANDBOX_COURIER", false)?,
            payment_expiry_secs: parse("TONGBAN_PAYMENT_EXPIRY_SECS", 1800)? as i64,
            notify_fresh_secs: parse("TONGBAN_NOTIFY_FRESH_SECS", 300)? as i64,
            sandbox_time_scale: (parse("TONGBAN_SANDBOX_TIME_SCALE", 1)? as u32).max(1),
            outbox_tick_ms: parse("TONGBAN_OUTBOX_TICK_MS", 2000)?.max(10),
            payment_sweep_secs: parse("TONGBAN_PAYMENT_SWEEP_SECS", 60)?.max(1),
            cookie_secure: flag("TONGBAN_COOKIE_SECURE", production)?,
            auth,
            addr,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/tongban.db".into()),
            db_max_connections: parse("TONGBAN_DB_MAX_CONNECTIONS", 8)? as u32,
            dist_dir: var("TONGBAN_DIST").unwrap_or_else(|| "dist".into()).into(),
            request_timeout: Duration::from_secs(parse("TONGBAN_REQUEST_TIMEOUT_SECS", 15)?),
            synthetic_services: parse("TONGBAN_SYNTHETIC_SERVICES", 0)? as u32,
            production,
        })
    }

    /// The defaults, with the given database: what tests start from.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.into(),
            db_max_connections: 4,
            dist_dir: "dist".into(),
            request_timeout: Duration::from_secs(15),
            synthetic_services: 0,
            production: false,
            allow_sandbox_sms: false,
            allow_sandbox_bank: false,
            allow_sandbox_payments: false,
            allow_sandbox_courier: false,
            payment_expiry_secs: 1800,
            notify_fresh_secs: 300,
            sandbox_time_scale: 1,
            outbox_tick_ms: 2000,
            payment_sweep_secs: 60,
            cookie_secure: false,
            public_origin: "http://localhost".into(),
            trusted_proxies: Vec::new(),
            seal_keys_dir: None,
            auth: AuthLimits::default(),
        }
    }
}
