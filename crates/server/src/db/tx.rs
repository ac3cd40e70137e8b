//! One database transaction on either backend, and the core's [`Tx`] over
//! its rows for reading ([`RecordTx`]). Mutations write through
//! [`super::PushRecords`], inside the transaction that also advances the
//! clients' mutation counters.

use linli_core::keys::check_key;
use linli_core::tx::{Tx, TxError};
use serde_json::Value;
use sqlx::{Postgres, Sqlite, Transaction};

use super::{Database, DbError};

/// An open transaction on the database's backend.
pub enum DbTx {
    /// With this process's turn to write, for a write transaction.
    Sqlite(Transaction<'static, Sqlite>, Option<WriteTurn>),
    Postgres(Transaction<'static, Postgres>),
}

/// This process's turn to write to the SQLite file: held for a write
/// transaction's whole life.
pub type WriteTurn = tokio::sync::OwnedMutexGuard<()>;

/// Runs the same body on whichever transaction is open (compiled per backend).
macro_rules! with_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx {
            DbTx::Sqlite(transaction, _) => {
                let $conn = &mut **transaction;
                $body
            }
            DbTx::Postgres(transaction) => {
                let $conn = &mut **transaction;
                $body
            }
        }
    };
}
pub(crate) use with_tx;

impl Database {
    /// Begins a transaction that will write.
    ///
    /// On SQLite, writers first queue for this process's turn, in order and
    /// without polling, then take the file's write lock at once (`BEGIN
    /// IMMEDIATE`), so two writers never both try to upgrade a read lock;
    /// SQLite's own busy handler, which sleeps in growing steps, is left
    /// for other processes (a backup). On PostgreSQL the transaction is READ
    /// COMMITTED: what orders a community's writers is the row lock that
    /// [`DbTx::lock_community`] takes first.
    pub async fn begin_write(&self) -> Result<DbTx, DbError> {
        Ok(match self {
            Database::Sqlite(pool, writers) => {
                let turn = writers.clone().lock_owned().await;
                DbTx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?, Some(turn))
            }
            Database::Postgres(pool) => DbTx::Postgres(pool.begin().await?),
        })
    }

    /// Begins a read-only transaction that sees one snapshot of the
    /// database from its first statement to its last: on PostgreSQL
    /// REPEATABLE READ, on SQLite any read transaction under WAL. A pull
    /// reads the version, the records and the clients' counters in it, so
    /// they always agree.
    pub async fn begin_read(&self) -> Result<DbTx, DbError> {
        Ok(match self {
            Database::Sqlite(pool, _) => DbTx::Sqlite(pool.begin().await?, None),
            Database::Postgres(pool) => DbTx::Postgres(
                pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        })
    }
}

impl DbTx {
    pub async fn commit(self) -> Result<(), DbError> {
        match self {
            DbTx::Sqlite(tx, _turn) => tx.commit().await?,
            DbTx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), DbError> {
        match self {
            DbTx::Sqlite(tx, _turn) => tx.rollback().await?,
            DbTx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }

    /// Marks a point to return to with [`DbTx::rollback_to_savepoint`], for
    /// the server's own tables that a mutation writes besides its records.
    pub async fn savepoint(&mut self) -> Result<(), DbError> {
        with_tx!(self, |conn| sqlx::query("SAVEPOINT server_tables")
            .execute(conn)
            .await
            .map(drop))?;
        Ok(())
    }

    pub async fn rollback_to_savepoint(&mut self) -> Result<(), DbError> {
        with_tx!(self, |conn| sqlx::query("ROLLBACK TO SAVEPOINT server_tables")
            .execute(conn)
            .await
            .map(drop))?;
        Ok(())
    }

    /// Locks the community's row and returns its version. Every writer of
    /// the community takes this lock first, so they run one after another:
    /// whatever a writer reads after it (the clients' counters above all)
    /// includes everything the writers before it committed, and versions
    /// commit in the order they are handed out, so a pull never skips one.
    /// On SQLite the write transaction already excludes every other writer.
    pub async fn lock_community(&mut self, community: &str) -> Result<i64, DbError> {
        let version = with_tx!(self, |conn| {
            sqlx::query_scalar::<_, i64>(
                "UPDATE communities SET version = version WHERE id = $1 RETURNING version",
            )
            .bind(community)
            .fetch_optional(conn)
            .await
        })?;
        version.ok_or_else(|| DbError::Storage(format!("no community {community:?}")))
    }

    /// Sets the community's version after a writer used versions up to `version`.
    pub async fn set_community_version(&mut self, community: &str, version: i64) -> Result<(), DbError> {
        with_tx!(self, |conn| {
            sqlx::query("UPDATE communities SET version = $2 WHERE id = $1")
                .bind(community)
                .bind(version)
                .execute(conn)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// The core's transaction over this community's records, for reading.
    pub fn records<'t>(&'t mut self, community: &'t str) -> RecordTx<'t> {
        RecordTx::new(self, community)
    }
}

/// The records of one community inside a [`DbTx`], as stored: what a pull,
/// a price shown before an order, and [`super::PushRecords`] read. Writing
/// goes through `PushRecords`, so this refuses to write.
pub struct RecordTx<'t> {
    tx: &'t mut DbTx,
    community: &'t str,
}

impl<'t> RecordTx<'t> {
    pub fn new(tx: &'t mut DbTx, community: &'t str) -> Self {
        Self { tx, community }
    }
}

fn storage(err: sqlx::Error) -> TxError {
    TxError::Storage(err.to_string())
}

fn decode(key: &str, json: &str) -> Result<Value, TxError> {
    serde_json::from_str(json).map_err(|err| TxError::Storage(format!("record {key} is not JSON: {err}")))
}

/// The smallest string greater than every string that starts with `prefix`
/// (keys are ASCII, so bumping the last byte is enough).
fn prefix_end(prefix: &str) -> String {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < 0x7f {
            end.push(last + 1);
            return String::from_utf8(end).unwrap_or_default();
        }
    }
    "\u{7f}".repeat(prefix.len() + 1)
}

impl Tx for RecordTx<'_> {
    async fn get(&mut self, key: &str) -> Result<Option<Value>, TxError> {
        if check_key(key).is_err() {
            // No record is ever written at such a key, and PostgreSQL text
            // cannot even hold some of them (NUL).
            return Ok(None);
        }
        let community = self.community;
        let json = with_tx!(self.tx, |conn| {
            sqlx::query_scalar::<_, String>(
                "SELECT value FROM records WHERE community = $1 AND key = $2 AND deleted = FALSE",
            )
            .bind(community)
            .bind(key)
            .fetch_optional(conn)
            .await
        })
        .map_err(storage)?;
        json.map(|json| decode(key, &json)).transpose()
    }

    async fn put(&mut self, key: &str, _value: Value) -> Result<(), TxError> {
        Err(TxError::Storage(format!(
            "{key}: records are written through PushRecords"
        )))
    }

    async fn del(&mut self, key: &str) -> Result<(), TxError> {
        Err(TxError::Storage(format!(
            "{key}: records are written through PushRecords"
        )))
    }

    async fn scan(&mut self, prefix: &str) -> Result<Vec<(String, Value)>, TxError> {
        if check_key(prefix.trim_end_matches('/')).is_err() {
            return Ok(Vec::new());
        }
        let community = self.community;
        let end = prefix_end(prefix);
        let rows = with_tx!(self.tx, |conn| {
            sqlx::query_as::<_, (String, String)>(
                "SELECT key, value FROM records \
                 WHERE community = $1 AND key >= $2 AND key < $3 AND deleted = FALSE ORDER BY key",
            )
            .bind(community)
            .bind(prefix)
            .bind(&end)
            .fetch_all(conn)
            .await
        })
        .map_err(storage)?;
        rows.into_iter()
            .map(|(key, json)| decode(&key, &json).map(|value| (key, value)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_end;

    #[test]
    fn prefix_end_bounds_every_key_with_the_prefix() {
        assert_eq!(prefix_end("notice/"), "notice0");
        assert!("notice/zzz" < prefix_end("notice/").as_str());
        assert!("notice0" >= prefix_end("notice/").as_str());
    }
}
