//! The database: SQLite (one embedded file, the default) or PostgreSQL (a
//! shared server for a district or a city), chosen by the URL's scheme.
//!
//! Each backend has its own migrations folder, because the dialects differ
//! (auto-increment keys, timestamp types) even where today's SQL is the same.
//! Queries are written once in the portable subset and run on either pool
//! through [`with_pool!`]; the same server tests run against both.

/// Runs the same body against whichever pool the database holds. The body is
/// compiled once per backend, so a query that one dialect cannot bind fails
/// to build rather than at run time.
macro_rules! with_pool {
    ($database:expr, |$pool:ident| $body:expr) => {
        match $database {
            Database::Sqlite($pool, _) => $body,
            Database::Postgres($pool) => $body,
        }
    };
}

mod audit;
mod invites;
mod members;
mod push;
mod seed;
mod sync;
mod tokens;
mod tx;

pub use audit::{AuditEntry, AuditQuery};
pub use invites::{InviteRow, NewInvite, PAD_LIMIT};
pub use members::Session;
pub use push::PushRecords;
pub use sync::ChangedRecord;
pub use tokens::TokenState;
pub use tx::{DbTx, RecordTx, WriteTurn};

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use linli_core::StorageBackend;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use seed::{DemoCommunity, DEMO_COMMUNITIES};

/// A connection pool to one of the two backends. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Database {
    /// The pool, and the queue for this process's turn to write (see
    /// [`Database::begin_write`]).
    Sqlite(SqlitePool, Arc<tokio::sync::Mutex<()>>),
    Postgres(PgPool),
}

/// Why the database could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL's scheme is neither `sqlite:` nor `postgres:`/`postgresql:`.
    #[error("unsupported database URL (expected sqlite://… or postgres://…): {0}")]
    UnsupportedUrl(String),
    /// The data directory for the SQLite file could not be created.
    #[error("could not create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    /// A migration failed to apply.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database refused a connection or a query.
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// A stored record could not be read back (not JSON).
    #[error("storage: {0}")]
    Storage(String),
}

pub(crate) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Database {
    /// Opens a pool for `url`. For SQLite the file (and `data_dir`) is created
    /// if missing and the journal is WAL, so readers never wait for a writer.
    ///
    /// SQLite's durability is pinned to `synchronous = FULL`: every commit
    /// waits until the write-ahead log is on disk. With `NORMAL` a commit
    /// survives the server process being killed but not the power failing,
    /// and a village office PC has no battery: a change the server
    /// acknowledged, and the device then dropped from its outbox, would be
    /// gone. A push commits once for all its mutations, so the wait is paid
    /// per push, not per change (docs/RELIABILITY.md).
    pub async fn connect(url: &str, data_dir: &Path) -> Result<Self, DbError> {
        if url.starts_with("sqlite:") {
            std::fs::create_dir_all(data_dir).map_err(|source| DbError::DataDir {
                path: data_dir.display().to_string(),
                source,
            })?;
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            Ok(Database::Sqlite(pool, Arc::default()))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Database::Postgres(pool))
        } else {
            Err(DbError::UnsupportedUrl(url.to_owned()))
        }
    }

    /// Which backend this is, for the health answer and the logs.
    pub fn backend(&self) -> StorageBackend {
        match self {
            Database::Sqlite(..) => StorageBackend::Sqlite,
            Database::Postgres(_) => StorageBackend::Postgres,
        }
    }

    /// Applies the migrations this database has not had yet. Safe to run on
    /// every start, and by several servers at once (sqlx takes a lock).
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self {
            Database::Sqlite(pool, _) => SQLITE_MIGRATIONS.run(pool).await?,
            Database::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Closes every connection (a restore, a test that reopens the file).
    pub async fn close(&self) {
        match self {
            Database::Sqlite(pool, _) => pool.close().await,
            Database::Postgres(pool) => pool.close().await,
        }
    }

    /// A round trip to the database, for the health check.
    pub async fn ping(&self) -> Result<(), DbError> {
        with_pool!(self, |pool| sqlx::query("SELECT 1").execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Adds the demo communities that are missing and returns how many it
    /// added; running it again adds none.
    pub async fn seed_communities(&self) -> Result<u64, DbError> {
        let mut added = 0;
        for community in DEMO_COMMUNITIES {
            let result = with_pool!(self, |pool| {
                sqlx::query(
                    "INSERT INTO communities (id, name_zh, name_en, district_zh, district_en) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
                )
                .bind(community.id)
                .bind(community.name_zh)
                .bind(community.name_en)
                .bind(community.district_zh)
                .bind(community.district_en)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
            })?;
            added += result;
        }
        Ok(added)
    }

    /// Adds a community, if there is none with this id; whether it was added.
    pub async fn create_community(&self, id: &str, name_zh: &str, name_en: &str) -> Result<bool, DbError> {
        let added = with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO communities (id, name_zh, name_en, district_zh, district_en) \
                 VALUES ($1, $2, $3, '', '') ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(name_zh)
            .bind(name_en)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(added == 1)
    }

    /// A community's name with its district, in Chinese and English
    /// (`大学东路街道金宇文苑社区`, `Jinyu Wenyuan Community, Daxue East Road
    /// Subdistrict`), if the server holds it.
    pub async fn community_name(&self, id: &str) -> Result<Option<(String, String)>, DbError> {
        let row = with_pool!(self, |pool| {
            sqlx::query_as::<_, (String, String, String, String)>(
                "SELECT name_zh, name_en, district_zh, district_en FROM communities WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(name_zh, name_en, district_zh, district_en)| {
            let en = match (name_en.is_empty(), district_en.is_empty()) {
                (true, _) => String::new(),
                (false, true) => name_en,
                (false, false) => format!("{name_en}, {district_en}"),
            };
            (format!("{district_zh}{name_zh}"), en)
        }))
    }

    /// The ids of the communities this server holds, sorted.
    pub async fn community_ids(&self) -> Result<Vec<String>, DbError> {
        let ids = with_pool!(self, |pool| {
            sqlx::query_scalar::<_, String>("SELECT id FROM communities ORDER BY id")
                .fetch_all(pool)
                .await
        })?;
        Ok(ids)
    }
}
