use tongban_server::clock::SystemClock;
use tongban_server::config::Config;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage:
  tongban-server                      serve the portal (settings from the environment; see the README)
  tongban-server add-officer STAFF_NUMBER NAME DEPARTMENT WORK_PHONE [WINDOW]
                                      add a window officer; prints a one-time password they replace at first sign-in
  tongban-server reset-officer STAFF_NUMBER WORK_PHONE
                                      a new one-time password and work phone for an officer; ends their sessions
  tongban-server audit-verify         check the audit log's hash chain; names the first broken link";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter(EnvFilter::try_from_env("TONGBAN_LOG").unwrap_or_else(|_| EnvFilter::new("info"))).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => run().await,
        Some("add-officer") if (5..=6).contains(&args.len()) => add_officer(&args[1..]).await,
        Some("reset-officer") if args.len() == 3 => reset_officer(&args[1..]).await,
        Some("audit-verify") if args.len() == 1 => audit_verify().await,
        Some(_) => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(message) = result {
        tracing::error!("{message}");
        std::process::exit(1);
    }
}

/// The database alone, migrated: the administrator's commands neither seed nor start anything.
async fn database() -> Result<sqlx::AnyPool, String> {
    let config = Config::from_env()?;
    tongban_server::db::connect(&config).await.map_err(|e| format!("database {}: {e}", config.database_url))
}

/// An administrator adds an officer from the server's own console: the only way officers come
/// to exist in production.
async fn add_officer(args: &[String]) -> Result<(), String> {
    let pool = database().await?;
    let number = args[0].trim().to_lowercase();
    let one_time =
        tongban_server::staff::add_officer(&pool, &SystemClock, &number, &args[1], &args[2], &args[3], args.get(4).map(String::as_str))
            .await?;
    println!("Officer {number} added. One-time password (shown once; they choose their own at first sign-in): {one_time}");
    Ok(())
}

async fn audit_verify() -> Result<(), String> {
    use tongban_server::audit::Verdict;
    let pool = database().await?;
    match tongban_server::audit::verify(&pool).await.map_err(|e| e.to_string())? {
        Verdict::Whole { rows, unchained } => {
            println!("The audit log is whole: {rows} chained rows ({unchained} older rows from before the chain began).");
            Ok(())
        }
        Verdict::BrokenAt { seq, id } => {
            Err(format!("the audit log's chain breaks at row {seq} (id {id}): it or a row before it was changed, removed or added"))
        }
        Verdict::Truncated { last_seq, head_seq } => {
            Err(format!("the audit log ends at row {last_seq} but {head_seq} rows were written: rows were removed from its end"))
        }
    }
}

async fn reset_officer(args: &[String]) -> Result<(), String> {
    let pool = database().await?;
    let number = args[0].trim().to_lowercase();
    let one_time = tongban_server::staff::reset_officer(&pool, &SystemClock, &number, &args[1]).await?;
    println!("Officer {number} reset. One-time password (shown once; they choose their own at next sign-in): {one_time}");
    Ok(())
}

async fn run() -> Result<(), String> {
    let config = Config::from_env()?;
    let addr = config.addr;
    let state = tongban_server::prepare(config).await?;
    let housekeeping = state.clone();
    tokio::spawn(async move {
        // Hourly: warn about drafts nearing 30 days untouched, delete those past it.
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match tongban_server::applications::expiry::sweep(&housekeeping).await {
                Ok((warned, deleted)) if warned + deleted > 0 => tracing::info!(warned, deleted, "draft housekeeping"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "draft housekeeping failed"),
            }
            if let Err(e) = tongban_server::applications::remove_unused_files(&housekeeping).await {
                tracing::error!(error = %e, "removing unused uploads failed");
            }
            if let Err(e) = tongban_server::rate_limit::sweep(&housekeeping.pool, housekeeping.clock.now()).await {
                tracing::error!(error = %e, "forgetting old rate-limit counts failed");
            }
        }
    });
    let outbox = state.clone();
    tokio::spawn(async move {
        // Texts that were not taken at once (gateway down, or the server stopped right after a
        // change) are tried again here, with backoff; claims keep several processes from sending twice.
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(outbox.config.outbox_tick_ms));
        loop {
            tick.tick().await;
            if let Err(e) = tongban_server::outbox::deliver_due(&outbox).await {
                tracing::error!(error = %e, "outbox delivery failed");
            }
        }
    });
    let payments = state.clone();
    tokio::spawn(async move {
        // Payments past their time whose end no notification told: asked about, closed, ended.
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(payments.config.payment_sweep_secs));
        loop {
            tick.tick().await;
            match tongban_server::payments::sweep(&payments).await {
                Ok(ended) if ended > 0 => tracing::info!(ended, "payment sweep"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "payment sweep failed"),
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("Tongban is serving on http://{addr}");
    let app = tongban_server::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("server stopped: {e}"))
}
