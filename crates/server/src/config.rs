//! The server's configuration: every setting is a flag and an environment
//! variable (`linli-server --help` lists them), and the commands beside
//! serving (`linli-server admin --help`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

/// How to run the server.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "linli-server",
    version,
    about = "Serves the Linli app and its sync API",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Serving, when no command is given.
    #[command(flatten)]
    pub serve: Config,
}

/// What to do instead of serving.
#[derive(Clone, Debug, Subcommand)]
// Parsed once at start: the size of the serve variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Serve the app and the API (what happens without a command).
    Serve(Config),
    /// Set up a community's first administrator (or another one): registers
    /// the member and prints the one invite code their phone joins with. The
    /// way into a new community on a server started for real.
    Admin(AdminArgs),
    /// Copy the live SQLite database to a file, consistently, while the
    /// server runs.
    Backup(BackupArgs),
    /// Put a backup in place of the SQLite database (with the server
    /// stopped); every device then starts its sync over, keeping what it
    /// had not sent.
    Restore(BackupArgs),
    /// Make a certificate authority for a village office with no domain,
    /// and a certificate for this computer's names and addresses under it
    /// (in `<data-dir>/tls/`); phones install the authority from `/ca`.
    LocalCa(LocalCaArgs),
}

/// Where the server keeps its data: shared by serving and the commands.
#[derive(Clone, Debug, Args)]
pub struct Storage {
    /// Directory for the embedded SQLite database, the server key and other server files.
    #[arg(long, env = "LINLI_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite://path/to/file.db` or `postgres://user:password@host/db`.
    /// Defaults to `sqlite://<data-dir>/linli.db`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// The server key that tokens and invite codes are stored under (made on
    /// first start). Several servers over one database must share it.
    /// Defaults to `<data-dir>/secret.key`.
    #[arg(long, env = "LINLI_SECRET_KEY_FILE")]
    pub secret_key_file: Option<PathBuf>,
}

impl Storage {
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

    pub fn secret_key_file(&self) -> PathBuf {
        self.secret_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("secret.key"))
    }
}

/// How to serve.
#[derive(Clone, Debug, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "LINLI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    #[command(flatten)]
    pub storage: Storage,

    /// Directory of the built app (trunk's `dist/`). A release binary built
    /// with `scripts/build-release.sh` carries the app inside and needs none;
    /// this still overrides it.
    #[arg(long, env = "LINLI_DIST_DIR")]
    pub dist_dir: Option<PathBuf>,

    #[command(flatten)]
    pub tls: TlsArgs,

    /// Back up the SQLite database into this folder on a schedule.
    #[arg(long, env = "LINLI_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,

    /// Hours between scheduled backups (the first is made at start).
    #[arg(long, env = "LINLI_BACKUP_EVERY_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=8760))]
    pub backup_every_hours: u32,

    /// How many scheduled backups to keep (the oldest go first).
    #[arg(long, env = "LINLI_BACKUP_KEEP", default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub backup_keep: u32,

    /// Seed the demo communities (only adds what is missing) and log their
    /// members' invite codes. For looking around only: the demo's codes are
    /// public (README.md). A server started for real leaves this off and is
    /// set up with `linli-server admin`.
    #[arg(long, env = "LINLI_DEMO", default_value_t = false, action = ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    pub demo: bool,

    /// Largest accepted request body in bytes; larger ones get 413.
    #[arg(long, env = "LINLI_BODY_LIMIT", default_value_t = crate::http::DEFAULT_BODY_LIMIT)]
    pub body_limit: usize,

    /// Records per pull page (a large first sync comes in pages of this size).
    #[arg(long, env = "LINLI_PULL_PAGE_SIZE", default_value_t = crate::http::DEFAULT_PULL_PAGE_SIZE)]
    pub pull_page_size: u32,

    /// Connections served at once; more wait to be accepted.
    #[arg(long, env = "LINLI_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,

    /// The limits on how often a device may sync and an address join
    /// (docs/PROTOCOL.md). Off only to measure the server's own capacity.
    #[arg(long, env = "LINLI_RATE_LIMITS", default_value_t = true, action = ArgAction::Set)]
    pub rate_limits: bool,

    /// Take clients' addresses (for the limits on joining) from the
    /// `X-Forwarded-For` header a reverse proxy in front sets. Only behind
    /// such a proxy: otherwise any client could claim any address.
    #[arg(long, env = "LINLI_TRUST_FORWARDED_FOR", default_value_t = false, action = ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    pub trust_forwarded_for: bool,
}

/// HTTPS: certificate files, or a certificate obtained for a domain.
#[derive(Clone, Debug, Default, Args)]
pub struct TlsArgs {
    /// PEM certificate chain to serve HTTPS with (from `linli-server
    /// local-ca`, or any authority). Read again when the file changes.
    #[arg(long, env = "LINLI_TLS_CERT", requires = "tls_key", conflicts_with = "domain")]
    pub tls_cert: Option<PathBuf>,

    /// The PEM private key of `--tls-cert`.
    #[arg(long, env = "LINLI_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Public domain names to obtain and renew a certificate for, over ACME
    /// (Let's Encrypt by default). Needs `--http-bind` on port 80 for the
    /// authority's check. Kept in `<data-dir>/acme/`.
    #[arg(long, env = "LINLI_DOMAIN", value_delimiter = ',')]
    pub domain: Vec<String>,

    /// An e-mail address the certificate authority may write to about the
    /// certificates (expiry, problems).
    #[arg(long, env = "LINLI_ACME_CONTACT")]
    pub acme_contact: Option<String>,

    /// The ACME directory to ask.
    #[arg(long, env = "LINLI_ACME_DIRECTORY", default_value = LETS_ENCRYPT)]
    pub acme_directory: String,

    /// A PEM root certificate to trust for the ACME directory itself (a
    /// test authority such as pebble; Let's Encrypt needs none).
    #[arg(long, env = "LINLI_ACME_ROOT")]
    pub acme_root: Option<PathBuf>,

    /// With HTTPS, also listen for plain HTTP here (port 80): it answers the
    /// authority's checks, serves `/ca` for a local authority, and sends
    /// everything else to HTTPS.
    #[arg(long, env = "LINLI_HTTP_BIND")]
    pub http_bind: Option<SocketAddr>,
}

/// Let's Encrypt's production directory.
pub const LETS_ENCRYPT: &str = "https://acme-v02.api.letsencrypt.org/directory";

impl TlsArgs {
    /// Whether the server serves HTTPS.
    pub fn enabled(&self) -> bool {
        self.tls_cert.is_some() || !self.domain.is_empty()
    }
}

/// `linli-server backup` and `restore`.
#[derive(Clone, Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub storage: Storage,

    /// The backup file.
    pub file: PathBuf,
}

/// `linli-server local-ca`.
#[derive(Clone, Debug, Args)]
pub struct LocalCaArgs {
    #[command(flatten)]
    pub storage: Storage,

    /// A name phones reach this computer by (repeatable), e.g. `linli.lan`.
    #[arg(long = "name")]
    pub names: Vec<String>,

    /// An address phones reach this computer at (repeatable), e.g.
    /// `192.168.1.20`.
    #[arg(long = "address")]
    pub addresses: Vec<std::net::IpAddr>,

    /// Days the computer's certificate lasts (the authority lasts 20
    /// years); at most 825, which Apple's devices accept.
    #[arg(long, default_value_t = 730, value_parser = clap::value_parser!(u32).range(1..=825))]
    pub days: u32,
}

/// `linli-server admin`.
#[derive(Clone, Debug, Args)]
pub struct AdminArgs {
    #[command(flatten)]
    pub storage: Storage,

    /// The community's id (letters, digits, `-`), made if it is new.
    #[arg(long)]
    pub community: String,

    /// The community's name, for a new community (e.g. 连家营村).
    #[arg(long)]
    pub community_name: Option<String>,

    /// The administrator's name as members will see it.
    #[arg(long)]
    pub name: String,

    /// Days the invite code works for.
    #[arg(long, default_value_t = linli_core::members::invites::DEFAULT_VALID_DAYS)]
    pub valid_days: u16,
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
        let cli = Cli::try_parse_from(std::iter::once("linli-server").chain(args.iter().copied())).unwrap();
        match cli.command {
            Some(Command::Serve(config)) => config,
            None => cli.serve,
            Some(other) => panic!("not serving: {other:?}"),
        }
    }

    #[test]
    fn defaults_serve_loopback_port_8080_with_sqlite_under_data_and_no_demo() {
        let config = parse(&[]);
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(config.storage.database_url(), "sqlite://./data/linli.db");
        assert_eq!(
            config.storage.secret_key_file(),
            PathBuf::from("./data/secret.key")
        );
        assert!(!config.demo, "a server started for real seeds nothing");
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
            "--demo",
        ]);
        assert_eq!(config.bind.port(), 9000);
        assert_eq!(config.storage.database_url(), "postgres://linli:pw@db/linli");
        assert!(config.demo);
        assert!(parse(&["serve", "--demo", "false"])
            .storage
            .database_url()
            .starts_with("sqlite://"));
    }

    #[test]
    fn the_data_dir_moves_the_default_sqlite_file_and_key() {
        let config = parse(&["--data-dir", "/srv/linli"]);
        assert_eq!(config.storage.database_url(), "sqlite:///srv/linli/linli.db");
        assert_eq!(
            config.storage.secret_key_file(),
            PathBuf::from("/srv/linli/secret.key")
        );
    }

    #[test]
    fn the_admin_command_takes_its_community_and_name() {
        let cli = Cli::try_parse_from([
            "linli-server",
            "admin",
            "--community",
            "lianjiaying",
            "--name",
            "吴明",
        ])
        .unwrap();
        let Some(Command::Admin(args)) = cli.command else {
            panic!("the admin command");
        };
        assert_eq!(
            (args.community.as_str(), args.name.as_str()),
            ("lianjiaying", "吴明")
        );
        assert_eq!(args.valid_days, 30);
    }

    #[test]
    fn a_bad_bind_address_is_refused_with_a_message() {
        let err = Cli::try_parse_from(["linli-server", "--bind", "not-an-address"]).unwrap_err();
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
