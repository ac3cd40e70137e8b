//! Backups of the embedded SQLite database, made while the server runs, and
//! putting one back.
//!
//! A backup is `VACUUM INTO`: SQLite copies the database as one read
//! transaction sees it, so the copy is consistent while pushes go on (they
//! commit after the snapshot and are simply not in it). It is a plain
//! SQLite file: `linli-server restore` takes it, and so does `sqlite3`.
//!
//! Restoring puts the file in place of the database (the old one is moved
//! aside, not deleted) and forgets every device's sync position: each
//! device's next pull is answered `ClientStateNotFound`, and it starts over
//! under new client ids with its unsent changes kept (the app's
//! `restart_client`). Without that, a device that had synced past the
//! backup would take the restored versions for ones it has seen. What was
//! saved after the backup and is no longer on any device is lost: the
//! reason to back up often (`--backup-every-hours`).
//!
//! PostgreSQL is backed up with its own tools (`pg_dump`; docs/DEPLOY.md).
//!
//! ## Usage
//! ```no_run
//! # async fn example(database: linli_server::Database) -> anyhow::Result<()> {
//! use std::path::Path;
//! linli_server::backup::backup_to(&database, Path::new("/srv/backups/linli.db")).await?;
//! linli_server::backup::restore(Path::new("/srv/linli/linli.db"), Path::new("/srv/backups/linli.db")).await?;
//! # Ok(())
//! # }
//! ```

use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection};

use crate::db::Database;

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "this server keeps its data in PostgreSQL: back it up with pg_dump and restore with \
         psql or pg_restore (docs/DEPLOY.md)"
    )]
    Postgres,
    #[error("{0} exists already: a backup never overwrites a file")]
    Exists(PathBuf),
    #[error("{0} is not a Linli backup: {1}")]
    NotABackup(PathBuf, String),
    #[error("a linli-server is running on this data directory: stop it first (systemctl stop linli)")]
    ServerRunning,
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("the backup could not be brought up to this release's schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |err| BackupError::Io(path.to_owned(), err)
}

/// The SQLite file of a `sqlite://` URL (without its `?options`).
pub fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Writes a consistent copy of the live database to `file` (which must not
/// exist; its folder is made). Its size in bytes.
pub async fn backup_to(database: &Database, file: &Path) -> Result<u64, BackupError> {
    let Database::Sqlite(pool, _) = database else {
        return Err(BackupError::Postgres);
    };
    if file.exists() {
        return Err(BackupError::Exists(file.to_owned()));
    }
    if let Some(folder) = file.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(io(folder))?;
    }
    // Written under a temporary name and renamed, so a backup folder never
    // holds half a file under a backup's name.
    let partial = file.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    sqlx::query("VACUUM INTO $1")
        .bind(partial.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    std::fs::rename(&partial, file).map_err(io(file))?;
    Ok(std::fs::metadata(file).map_err(io(file))?.len())
}

/// Checks that `file` is a whole SQLite database with Linli's tables.
async fn check_backup(file: &Path) -> Result<(), BackupError> {
    let not_a_backup = |why: String| BackupError::NotABackup(file.to_owned(), why);
    if !file.is_file() {
        return Err(not_a_backup("no such file".into()));
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", file.display()))?
        .read_only(true)
        .immutable(true);
    let mut connection = options
        .connect()
        .await
        .map_err(|err| not_a_backup(err.to_string()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .map_err(|err| not_a_backup(err.to_string()))?;
    if integrity != "ok" {
        return Err(not_a_backup(format!("damaged ({integrity})")));
    }
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
         AND name IN ('_sqlx_migrations', 'communities', 'records', 'members')",
    )
    .fetch_one(&mut connection)
    .await?;
    connection.close().await?;
    if tables != 4 {
        return Err(not_a_backup("it has not Linli's tables".into()));
    }
    Ok(())
}

/// Takes the lock a serving process holds on its database (see
/// [`ServerLock`]); fails if a server holds it.
fn lock_out_servers(database_file: &Path) -> Result<ServerLock, BackupError> {
    ServerLock::take(database_file)?.ok_or(BackupError::ServerRunning)
}

/// Puts `backup` in place of the SQLite database at `database_file`, with
/// the server stopped. The database it replaces is moved aside (its path is
/// returned); every device starts its sync over (see the module docs).
pub async fn restore(database_file: &Path, backup: &Path) -> Result<Option<PathBuf>, BackupError> {
    let _lock = lock_out_servers(database_file)?;
    check_backup(backup).await?;
    let folder = database_file
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(io(folder))?;

    let incoming = database_file.with_extension("restoring");
    std::fs::copy(backup, &incoming).map_err(io(&incoming))?;
    forget_sync_positions(&incoming).await?;

    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let aside = database_file.with_extension(format!("db.before-restore-{stamp}"));
    let moved = if database_file.exists() {
        std::fs::rename(database_file, &aside).map_err(io(database_file))?;
        Some(aside.clone())
    } else {
        None
    };
    // The old write-ahead log belongs to the old file: it goes with it.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", database_file.display()));
        if side.exists() {
            let kept = PathBuf::from(format!("{}{suffix}", aside.display()));
            std::fs::rename(&side, &kept).map_err(io(&side))?;
        }
    }
    std::fs::rename(&incoming, database_file).map_err(io(database_file))?;
    Ok(moved)
}

/// Retires every client group of the file at `path` and forgets its
/// clients (see migrations/*/0004_restore.sql), after bringing a backup
/// from an older release up to this one's schema.
async fn forget_sync_positions(path: &Path) -> Result<(), BackupError> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .journal_mode(SqliteJournalMode::Delete)
        .busy_timeout(Duration::from_secs(5));
    let mut connection = options.connect().await?;
    crate::db::SQLITE_MIGRATIONS.run(&mut connection).await?;
    let mut tx = connection.begin().await?;
    sqlx::query(RETIRE_CLIENT_GROUPS).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM clients").execute(&mut *tx).await?;
    sqlx::query("DELETE FROM client_groups").execute(&mut *tx).await?;
    tx.commit().await?;
    connection.close().await?;
    Ok(())
}

/// docs/DEPLOY.md gives the same statements for a PostgreSQL restore.
const RETIRE_CLIENT_GROUPS: &str =
    "INSERT INTO retired_client_groups (id) SELECT id FROM client_groups WHERE true ON CONFLICT (id) DO NOTHING";

/// Held by a serving process for as long as it runs, on the file
/// `<database>.lock` beside its SQLite database: `restore` refuses to run
/// while a server holds it. The operating system drops it when the
/// process ends, however it ends.
#[derive(Debug)]
pub struct ServerLock {
    _file: File,
}

impl ServerLock {
    /// The lock, or `None` if another process holds it.
    pub fn take(database_file: &Path) -> Result<Option<ServerLock>, BackupError> {
        let path = PathBuf::from(format!("{}.lock", database_file.display()));
        if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(io(folder))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ServerLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(err)) => Err(BackupError::Io(path, err)),
        }
    }
}

/// Backups made by the server itself, on a schedule.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub folder: PathBuf,
    pub every: Duration,
    /// How many of the newest backups to keep.
    pub keep: usize,
}

/// A scheduled backup's file name for a time (ms since the epoch), in
/// China Standard Time: `linli-2026-12-01-093000.db`, so names sort by age.
pub fn scheduled_name(at_ms: i64) -> String {
    let local = linli_core::calendar::LocalTime::of(linli_core::Timestamp(at_ms));
    let seconds = at_ms.div_euclid(1000).rem_euclid(60);
    format!(
        "linli-{}-{:02}{:02}{seconds:02}.db",
        local.date,
        local.minute / 60,
        local.minute % 60
    )
}

impl Schedule {
    /// Makes one backup now and removes the oldest beyond `keep`. The new
    /// file's path.
    pub async fn run_once(&self, database: &Database, now_ms: i64) -> Result<PathBuf, BackupError> {
        let file = self.folder.join(scheduled_name(now_ms));
        backup_to(database, &file).await?;
        let mut kept: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .map_err(io(&self.folder))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("linli-") && name.ends_with(".db"))
            })
            .collect();
        kept.sort();
        let surplus = kept.len().saturating_sub(self.keep.max(1));
        for old in &kept[..surplus] {
            std::fs::remove_file(old).map_err(io(old))?;
        }
        Ok(file)
    }

    /// Backs up every `every`, for as long as the server runs. A failed
    /// backup is logged and tried again at the next turn.
    pub async fn run(self, database: Database) {
        let mut ticks = tokio::time::interval(self.every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is at once: a server just started has a backup.
        loop {
            ticks.tick().await;
            let now = (crate::http::system_clock())().millis();
            match self.run_once(&database, now).await {
                Ok(file) => tracing::info!(file = %file.display(), "backup made"),
                Err(err) => tracing::error!(%err, "the scheduled backup failed"),
            }
        }
    }
}
