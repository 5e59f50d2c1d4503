use tongban_server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_env_filter(EnvFilter::try_from_env("TONGBAN_LOG").unwrap_or_else(|_| EnvFilter::new("info"))).init();
    if let Err(message) = run().await {
        tracing::error!("{message}");
        std::process::exit(1);
    }
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
