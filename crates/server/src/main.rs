//! `linli-server`: serves the built Linli app and its `/api/v1/` API, over an
//! embedded SQLite file by default or PostgreSQL at scale.
//!
//! Run it through the README's run command, which builds the app first and
//! serves the demo; or by hand: `cargo run -p linli-server -- --help` lists
//! every flag and its environment variable, `… -- admin --help` how to set
//! up a community's first administrator.

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
    linli_server::run(linli_server::Cli::parse()).await
}
