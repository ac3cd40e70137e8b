//! `linli-server`: serves the built Linli app and its `/api/v1/` API, over an
//! embedded SQLite file by default or PostgreSQL at scale.
//!
//! Run it through the README's run command, which builds the app first; or
//! by hand: `cargo run -p linli-server -- --help` lists every flag and its
//! environment variable.

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        // Colours only for a person at a terminal, not in log files.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn")),
        )
        .init();
    let config = linli_server::Config::parse();
    linli_server::serve(config).await
}
