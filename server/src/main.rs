use tongban_server::config::Config;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage:
  tongban-server                      serve the portal (settings from the environment; see the README)
  tongban-server add-officer STAFF_NUMBER NAME DEPARTMENT WORK_PHONE [WINDOW]
                                      add a window officer; prints a one-time password they replace at first sign-in";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter(EnvFilter::try_from_env("TONGBAN_LOG").unwrap_or_else(|_| EnvFilter::new("info"))).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => run().await,
        Some("add-officer") if (5..=6).contains(&args.len()) => add_officer(&args[1..]).await,
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

/// An administrator adds an officer from the server's own console: the only way officers come
/// to exist in production.
async fn add_officer(args: &[String]) -> Result<(), String> {
    let state = tongban_server::prepare(Config::from_env()?).await?;
    let one_time =
        tongban_server::staff::add_officer(&state, &args[0], &args[1], &args[2], &args[3], args.get(4).map(String::as_str)).await?;
    println!("Officer {} added. One-time password (shown once; they choose their own at first sign-in): {one_time}", args[0]);
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
