//! The Linli server as a library: [`Config`] from flags and environment,
//! [`serve`] to run it, the commands beside it ([`commands`]: setting up an
//! administrator, backups, a local certificate authority), and [`app`] to
//! build the router without a socket (what the tests use).

pub mod backup;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod http;
pub mod listen;
pub mod secrets;
mod serve;
pub mod sync;
pub mod tls;

pub use commands::add_admin;
pub use config::{AdminArgs, Cli, Command, Config, Storage};
pub use db::Database;
pub use http::{app, AppState};
pub use serve::serve;

use anyhow::Context;

use crate::secrets::ServerKey;

/// Runs what the command line asks for.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None => serve(cli.serve).await,
        Some(Command::Serve(config)) => serve(config).await,
        Some(Command::Admin(args)) => commands::admin(args).await,
        Some(Command::Backup(args)) => commands::backup(args).await,
        Some(Command::Restore(args)) => commands::restore(args).await,
        Some(Command::LocalCa(args)) => commands::local_ca(args),
    }
}

/// Opens the database (running its migrations) and the server key.
pub(crate) async fn open(storage: &Storage) -> anyhow::Result<(Database, ServerKey)> {
    let database = Database::connect(&storage.database_url(), &storage.data_dir)
        .await
        .with_context(|| {
            format!(
                "could not open the database at {}",
                storage.redacted_database_url()
            )
        })?;
    database
        .migrate()
        .await
        .context("could not run the database migrations")?;
    let key = ServerKey::load_or_create(&storage.secret_key_file())?;
    Ok((database, key))
}
