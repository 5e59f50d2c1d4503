//! Tongban reference server: the JSON API under `/api/v1` and the built web app.

pub mod applications;
pub mod audit;
pub mod bank;
pub mod calendar;
pub mod catalogue;
pub mod client_addr;
pub mod clock;
pub mod companies;
pub mod config;
pub mod cookies;
pub mod csrf;
pub mod data_uses;
pub mod db;
pub mod decisions;
pub mod delivery;
pub mod demo_people;
pub mod error;
pub mod feedback;
pub mod health;
pub mod identity;
pub mod licences;
pub mod outbox;
pub mod payments;
pub mod rate_limit;
pub mod ratings;
pub mod sandbox;
pub mod seals;
pub mod secrets;
pub mod sms;
pub mod staff;
pub mod tickets;
pub mod wallet;
pub mod web;
pub mod words;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::routing::get;
use axum::{middleware, Router};
use sqlx::AnyPool;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::bank::{BankCardVerifier, SandboxBank};
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::error::ApiError;
use crate::sms::{SandboxSms, SmsSender};

#[derive(Clone)]
pub struct AppState {
    pub pool: AnyPool,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub sms: Arc<dyn SmsSender>,
    pub bank: Arc<dyn BankCardVerifier>,
    pub webauthn: Arc<webauthn_rs::Webauthn>,
    pub catalogue: Arc<catalogue::index::CatalogueIndex>,
    pub seals: Arc<seals::Seals>,
    pub journal: audit::Journal,
    pub channels: Arc<payments::Channels>,
    pub courier: Arc<dyn delivery::Courier>,
    /// The sandbox channels' own site (cashier pages, gateway), served beside the portal.
    pub sandbox: Router,
}

impl AppState {
    /// Puts `action` by `actor` on the audit log.
    pub async fn audit(&self, actor: audit::Actor<'_>, action: audit::AuditAction, detail: &str) -> Result<(), error::ApiError> {
        self.journal.record(actor, action, detail).await?;
        Ok(())
    }
}

/// Where outside systems tell the portal what happened: the payment channels' and the courier's
/// notify endpoints. Outside `/api/v1`, since they send no CSRF token (they sign instead).
pub fn notify_routes() -> OpenApiRouter<AppState> {
    payments::notify_routes().merge(delivery::notify_routes())
}

/// The notify endpoints alone, as the sandbox reaches them in-process.
pub fn notify_router(state: AppState) -> Router {
    let (router, _) = notify_routes().split_for_parts();
    router.with_state(state)
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Tongban 通办 API", description = "The city's one-network government service portal."),
    components(schemas(tongban_api::Lang)),
    tags(
        (name = "catalogue", description = "Services, guides, departments and themes"),
        (name = "identity", description = "Registration, sign-in, sessions and the account centre"),
        (name = "companies", description = "Companies acting through their representative and agents"),
        (name = "applications", description = "Application forms, drafts, declarations and submissions"),
        (name = "staff", description = "The window officer's console"),
        (name = "decisions", description = "The public register of licences issued to companies"),
        (name = "tickets", description = "One customer service: consultations, complaints and suggestions routed to departments"),
        (name = "ratings", description = "好差评: rating each handling, the follow-up of bad ratings, and the published counts"),
        (name = "payments", description = "Fees and paying them through payment channels: orders in GOV.UK Pay's states, \
            single-use addresses to the cashier and back, and the channels' signed asynchronous notifications"),
        (name = "wallet", description = "E-licences: the holder's wallet, sealed codes that show a licence, and verifying them. \
            A code is `TB1.<payload>.<signature>`: the payload is base64url (no padding) of the JSON `PresentationClaims`; \
            the signature is base64url of the 64-byte SM2 signature r‖s (SM3, distinguishing ID 1234567812345678) over \
            the ASCII bytes `TB1.<payload>`, by the key `kid` names in /.well-known/tongban/keys.json"),
    )
)]
struct ApiDoc;

/// Connects, migrates and seeds the database named by `config`.
pub async fn prepare(config: Config) -> Result<AppState, String> {
    prepare_with_clock(config, Arc::new(SystemClock)).await
}

pub async fn prepare_with_clock(config: Config, clock: Arc<dyn Clock>) -> Result<AppState, String> {
    if config.production && !config.allow_sandbox_sms {
        return Err("refusing to start in production with the sandbox SMS sender: connect a real gateway, \
                    or set TONGBAN_ALLOW_SANDBOX_SMS=true to accept that no SMS leaves the server \
                    (TONGBAN_ENV=development runs the demo)"
            .into());
    }
    if config.production && !config.allow_sandbox_bank {
        return Err("refusing to start in production with the sandbox bank: connect a real card check, \
                    or set TONGBAN_ALLOW_SANDBOX_BANK=true to accept that bank cards are checked against demo data"
            .into());
    }
    if config.production && !config.allow_sandbox_payments {
        return Err("refusing to start in production with the sandbox payment channels: connect the real channels, \
                    or set TONGBAN_ALLOW_SANDBOX_PAYMENTS=true to accept that fees are paid to a sandbox and no money moves"
            .into());
    }
    if config.production && !config.allow_sandbox_courier {
        return Err("refusing to start in production with the sandbox courier: connect a real courier, \
                    or set TONGBAN_ALLOW_SANDBOX_COURIER=true to accept that results chosen by post go to a sandbox and are never delivered, \
                    and that anyone with its published key can report a posted result delivered"
            .into());
    }
    if config.production && config.seal_keys_dir.is_none() {
        return Err("refusing to start in production without the departments' seal keys: set TONGBAN_SEAL_KEYS_DIR \
                    to a directory holding <department>.key for each department and for the fiscal bureau (cz.key) \
                    (TONGBAN_ENV=development makes its own)"
            .into());
    }
    let pool = db::connect(&config).await.map_err(|e| format!("database {}: {e}", config.database_url))?;
    catalogue::seed::seed(&pool, config.synthetic_services).await?;
    applications::seed_forms(&pool).await?;
    let sms = Arc::new(SandboxSms::new(pool.clone(), clock.clone()));
    let bank = Arc::new(SandboxBank::new(pool.clone()));
    let webauthn = identity::relying_party(&config.public_origin, config.production)?;
    let index = catalogue::index::CatalogueIndex::load(&pool).await.map_err(|e| format!("loading the catalogue: {e}"))?;
    if config.production {
        refuse_demo_data(&pool).await?;
    }
    let seals = seals::Seals::load(&pool, clock.as_ref(), config.seal_keys_dir.as_deref()).await?;
    let journal = audit::Journal::start(pool.clone(), clock.clone());
    let sandbox = sandbox::router(sandbox::SandboxState {
        pool: pool.clone(),
        clock: clock.clone(),
        scale: config.sandbox_time_scale,
        origin: config.public_origin.clone(),
    });
    let alipay = payments::alipay::Alipay {
        app_id: sandbox::ALIPAY_APP_ID.into(),
        seller_id: sandbox::ALIPAY_SELLER_ID.into(),
        app_key: sandbox::KEYS.alipay_app.0.clone(),
        platform_key: sandbox::KEYS.alipay_platform.1.clone(),
        gateway: payments::transport::InProcess(sandbox.clone()),
        public_origin: config.public_origin.clone(),
        fresh: config.notify_fresh_secs * clock::SECOND,
        clock: clock.clone(),
    };
    let wechat = payments::wechat::Wechat {
        app_id: sandbox::WECHAT_APP_ID.into(),
        mch_id: sandbox::WECHAT_MCH_ID.into(),
        merchant_serial: sandbox::WECHAT_MERCHANT_SERIAL.into(),
        merchant_key: sandbox::KEYS.wechat_merchant.0.clone(),
        platform_serial: sandbox::WECHAT_PLATFORM_SERIAL.into(),
        platform_key: sandbox::KEYS.wechat_platform.1.clone(),
        api_v3_key: *sandbox::WECHAT_API_V3_KEY,
        api: payments::transport::InProcess(sandbox.clone()),
        public_origin: config.public_origin.clone(),
        fresh: config.notify_fresh_secs * clock::SECOND,
        clock: clock.clone(),
    };
    let courier = delivery::Ems {
        partner: sandbox::EMS_PARTNER.into(),
        partner_key: sandbox::KEYS.ems_partner.0.clone(),
        platform_key: sandbox::KEYS.ems_platform.1.clone(),
        api: payments::transport::InProcess(sandbox.clone()),
        public_origin: config.public_origin.clone(),
        fresh: config.notify_fresh_secs * clock::SECOND,
        clock: clock.clone(),
    };
    let state = AppState {
        channels: Arc::new(payments::Channels { alipay: Arc::new(alipay), wechat: Arc::new(wechat) }),
        courier: Arc::new(courier),
        sandbox,
        pool,
        config: Arc::new(config),
        clock,
        sms,
        bank,
        webauthn,
        catalogue: Arc::new(index),
        seals: Arc::new(seals),
        journal,
    };
    if !state.config.production {
        sqlx::query("INSERT INTO deployment_marks (name, at) VALUES ('demo data', $1) ON CONFLICT (name) DO NOTHING")
            .bind(state.clock.now())
            .execute(&state.pool)
            .await
            .map_err(|e| format!("marking the demo database: {e}"))?;
    }
    // The registers stand in for the government's own systems; accounts, bindings and officers
    // with a published password exist only in development.
    demo_people::seed(&state, !state.config.production).await?;
    if !state.config.production {
        staff::seed(&state).await?;
    }
    licences::seed(&state.pool).await?;
    Ok(state)
}

/// Production never serves a database that development filled with demo accounts and officers
/// (published password), nor officers from before second factors (no work phone).
async fn refuse_demo_data(pool: &AnyPool) -> Result<(), String> {
    use sqlx::Row;
    let db = |e: sqlx::Error| format!("checking the database: {e}");
    let demo = sqlx::query("SELECT COUNT(*) AS n FROM deployment_marks WHERE name = 'demo data'").fetch_one(pool).await.map_err(db)?;
    if demo.try_get::<i64, _>("n").map_err(db)? > 0 {
        return Err("refusing to start in production on a database that holds the demo accounts and officers \
                    (it was started with TONGBAN_ENV=development): use a new database"
            .into());
    }
    let phoneless = sqlx::query("SELECT COUNT(*) AS n FROM staff WHERE phone = ''").fetch_one(pool).await.map_err(db)?;
    if phoneless.try_get::<i64, _>("n").map_err(db)? > 0 {
        return Err("refusing to start in production: some officers have no work phone for their second factor; \
                    give each one with `tongban-server reset-officer STAFF_NUMBER WORK_PHONE`"
            .into());
    }
    Ok(())
}

/// The whole application: API, health check, OpenAPI document and the web app.
pub fn router(state: AppState) -> Router {
    let (mut api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(catalogue::routes())
        .merge(identity::routes())
        .merge(identity::verification_routes())
        .merge(identity::passkey_routes())
        .merge(companies::routes())
        .merge(applications::routes())
        .merge(staff::routes())
        .merge(decisions::routes())
        .merge(wallet::routes())
        .merge(data_uses::listing::routes())
        .merge(feedback::routes())
        .merge(ratings::routes())
        .merge(tickets::routes())
        .merge(payments::routes())
        .merge(delivery::routes())
        .split_for_parts();
    if !state.config.production {
        api = api
            .route("/api/v1/dev/outbox", get(sms::outbox))
            .route("/api/v1/dev/bench/payments", axum::routing::post(sandbox::bench::prepare).get(sandbox::bench::settled));
    }
    let (notify, notify_doc) = notify_routes().split_for_parts();
    let mut openapi = openapi;
    openapi.merge(notify_doc);
    let openapi = openapi.to_pretty_json().unwrap_or_default();
    let frontend = web::Frontend::load(&state.config.dist_dir);
    let timeout = state.config.request_timeout;
    let state_production = state.config.production;
    let trusted_proxies = Arc::new(state.config.trusted_proxies.clone());

    let api = api
        .route("/api/v1/openapi.json", get(|| async move { ([("content-type", "application/json")], openapi) }))
        .route("/api/v1/{*rest}", axum::routing::any(|| async { ApiError::NotFound }))
        .layer(middleware::from_fn(csrf::require_token))
        .layer(middleware::from_fn(web::no_store));

    Router::new()
        .merge(api)
        .route("/healthz", get(health::healthz))
        .route(seals::KEYS_PATH, get(seals::published_keys))
        .merge(payments::pages())
        .merge(notify)
        .with_state(state.clone())
        .merge(state.sandbox.clone())
        .merge(frontend.router(state))
        .layer(middleware::from_fn(error::localize))
        .layer(middleware::from_fn_with_state(frontend.security_headers(state_production), web::security_headers))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(middleware::from_fn_with_state(trusted_proxies, client_addr::resolve_client))
        .layer(TraceLayer::new_for_http())
}
