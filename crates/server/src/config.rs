//! The server's configuration: every setting is a flag and an environment
//! variable (`linli-server --help` lists them).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgAction, Parser};

/// How to run the server.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "linli-server",
    version,
    about = "Serves the Linli app and its sync API"
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "LINLI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Directory for the embedded SQLite database and other server files.
    #[arg(long, env = "LINLI_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite://path/to/file.db` or `postgres://user:password@host/db`.
    /// Defaults to `sqlite://<data-dir>/linli.db`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory of the built app (trunk's `dist/`).
    #[arg(long, env = "LINLI_DIST_DIR", default_value = "./dist")]
    pub dist_dir: PathBuf,

    /// Seed the demo communities on start (only adds what is missing).
    #[arg(long, env = "LINLI_SEED", default_value_t = true, action = ArgAction::Set)]
    pub seed: bool,

    /// Largest accepted request body in bytes; larger ones get 413.
    #[arg(long, env = "LINLI_BODY_LIMIT", default_value_t = crate::http::DEFAULT_BODY_LIMIT)]
    pub body_limit: usize,

    /// Records per pull page (a large first sync comes in pages of this size).
    #[arg(long, env = "LINLI_PULL_PAGE_SIZE", default_value_t = crate::http::DEFAULT_PULL_PAGE_SIZE)]
    pub pull_page_size: u32,
}

impl Config {
    /// The database URL in force: the one given, or the SQLite file under the data directory.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("linli.db").display()))
    }

    /// The database URL with any password replaced, for logs and error messages.
    pub fn redacted_database_url(&self) -> String {
        redact_password(&self.database_url())
    }
}

/// `postgres://user:secret@host/db` becomes `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        Config::try_parse_from(std::iter::once("linli-server").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn defaults_serve_loopback_port_8080_with_sqlite_under_data() {
        let config = parse(&[]);
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url(), "sqlite://./data/linli.db");
        assert!(config.seed);
    }

    #[test]
    fn flags_override_the_defaults() {
        let config = parse(&[
            "--bind",
            "0.0.0.0:9000",
            "--data-dir",
            "/srv/linli",
            "--database-url",
            "postgres://linli:pw@db/linli",
            "--seed",
            "false",
        ]);
        assert_eq!(config.bind.port(), 9000);
        assert_eq!(config.database_url(), "postgres://linli:pw@db/linli");
        assert!(!config.seed);
    }

    #[test]
    fn the_data_dir_moves_the_default_sqlite_file() {
        assert_eq!(
            parse(&["--data-dir", "/srv/linli"]).database_url(),
            "sqlite:///srv/linli/linli.db"
        );
    }

    #[test]
    fn a_bad_bind_address_is_refused_with_a_message() {
        let err = Config::try_parse_from(["linli-server", "--bind", "not-an-address"]).unwrap_err();
        assert!(err.to_string().contains("--bind"), "{err}");
    }

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            redact_password("postgres://linli:secret@db:5432/linli"),
            "postgres://linli:***@db:5432/linli"
        );
        assert_eq!(
            redact_password("postgres://linli@db/linli"),
            "postgres://linli@db/linli"
        );
        assert_eq!(
            redact_password("sqlite://./data/linli.db"),
            "sqlite://./data/linli.db"
        );
    }
}
