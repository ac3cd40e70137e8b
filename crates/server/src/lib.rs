//! The Linli server as a library: [`Config`] from flags and environment,
//! [`serve`] to run it, and [`app`] to build the router without a socket
//! (what the tests use).

pub mod config;
pub mod db;
pub mod demo;
pub mod http;
pub mod secrets;
pub mod sync;

pub use config::Config;
pub use db::Database;
pub use http::{app, AppState};

use anyhow::Context;
use tokio::net::TcpListener;

/// Connects to the database, runs the migrations, seeds the demo communities
/// when asked, and serves until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let database_url = config.database_url();
    let database = Database::connect(&database_url, &config.data_dir)
        .await
        .with_context(|| {
            format!(
                "could not open the database at {}",
                config.redacted_database_url()
            )
        })?;
    database
        .migrate()
        .await
        .context("could not run the database migrations")?;
    if config.seed {
        let report = demo::seed(&database, (http::system_clock())())
            .await
            .context("could not seed the demo communities")?;
        tracing::info!(
            communities = report.communities,
            members = report.members,
            "demo seeded"
        );
        if report.members > 0 {
            for (member, name, role, code) in demo::demo_invites() {
                tracing::info!(%member, name, %role, invite_code = %code, "demo invite");
            }
        }
    }

    let mut state = AppState::new(database, config.dist_dir.clone());
    state.body_limit = config.body_limit;
    state.pull_page_size = config.pull_page_size;
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("could not listen on {}", config.bind))?;
    tracing::info!(
        address = %format!("http://{}", listener.local_addr()?),
        storage = state.database.backend().as_str(),
        dist = %config.dist_dir.display(),
        "linli-server listening; stop it with Ctrl-C"
    );
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")
}

/// Resolves on Ctrl-C or SIGTERM, so requests in flight finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
