//! One database transaction on either backend, and the core's [`Tx`] over it:
//! the server applies every mutation through this, inside the transaction
//! that also advances the client's mutation counter.

use linli_core::keys::Audience;
use linli_core::tx::{Tx, TxError};
use serde_json::Value;
use sqlx::{Postgres, Sqlite, Transaction};

use super::{Database, DbError};

/// An open transaction on the database's backend.
pub enum DbTx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs the same body on whichever transaction is open (compiled per backend).
macro_rules! with_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx {
            DbTx::Sqlite(transaction) => {
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
    /// Begins a transaction that will write. On SQLite it takes the write lock
    /// at once (`BEGIN IMMEDIATE`), so two writers queue instead of failing
    /// when both try to upgrade a read lock.
    pub async fn begin_write(&self) -> Result<DbTx, DbError> {
        Ok(match self {
            Database::Sqlite(pool) => DbTx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Database::Postgres(pool) => DbTx::Postgres(pool.begin().await?),
        })
    }

    /// Begins a read-only transaction.
    pub async fn begin_read(&self) -> Result<DbTx, DbError> {
        Ok(match self {
            Database::Sqlite(pool) => DbTx::Sqlite(pool.begin().await?),
            Database::Postgres(pool) => DbTx::Postgres(pool.begin().await?),
        })
    }
}

impl DbTx {
    pub async fn commit(self) -> Result<(), DbError> {
        match self {
            DbTx::Sqlite(tx) => tx.commit().await?,
            DbTx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), DbError> {
        match self {
            DbTx::Sqlite(tx) => tx.rollback().await?,
            DbTx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }

    /// Marks a point to return to with [`DbTx::rollback_to_savepoint`]: a
    /// rejected mutation's partial writes are undone while the transaction,
    /// which still advances the client's counter, goes on.
    pub async fn savepoint(&mut self) -> Result<(), DbError> {
        with_tx!(self, |conn| sqlx::query("SAVEPOINT mutation")
            .execute(conn)
            .await
            .map(drop))?;
        Ok(())
    }

    pub async fn rollback_to_savepoint(&mut self) -> Result<(), DbError> {
        with_tx!(self, |conn| sqlx::query("ROLLBACK TO SAVEPOINT mutation")
            .execute(conn)
            .await
            .map(drop))?;
        Ok(())
    }

    /// Advances the community's version and returns the new one. The row
    /// lock this takes orders the community's writers, so versions commit in
    /// the order they are handed out and a pull never skips one.
    pub async fn next_version(&mut self, community: &str) -> Result<i64, DbError> {
        let version = with_tx!(self, |conn| {
            sqlx::query_scalar::<_, i64>(
                "UPDATE communities SET version = version + 1 WHERE id = $1 RETURNING version",
            )
            .bind(community)
            .fetch_one(conn)
            .await
        })?;
        Ok(version)
    }

    /// The core's transaction over this community's records, writing at `version`.
    pub fn records<'t>(&'t mut self, community: &'t str, version: i64) -> RecordTx<'t> {
        RecordTx {
            tx: self,
            community,
            version,
        }
    }
}

/// The records of one community inside a [`DbTx`].
pub struct RecordTx<'t> {
    tx: &'t mut DbTx,
    community: &'t str,
    version: i64,
}

fn storage(err: sqlx::Error) -> TxError {
    TxError(err.to_string())
}

fn decode(key: &str, json: &str) -> Result<Value, TxError> {
    serde_json::from_str(json).map_err(|err| TxError(format!("record {key} is not JSON: {err}")))
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

    async fn put(&mut self, key: &str, value: Value) -> Result<(), TxError> {
        let (community, version) = (self.community, self.version);
        let audience = Audience::of_key(key).tags().join(" ");
        let json = value.to_string();
        with_tx!(self.tx, |conn| {
            sqlx::query(
                "INSERT INTO records (community, key, value, audience, version, deleted) \
                 VALUES ($1, $2, $3, $4, $5, FALSE) \
                 ON CONFLICT (community, key) DO UPDATE SET value = excluded.value, \
                 audience = excluded.audience, version = excluded.version, deleted = FALSE",
            )
            .bind(community)
            .bind(key)
            .bind(&json)
            .bind(&audience)
            .bind(version)
            .execute(conn)
            .await
            .map(drop)
        })
        .map_err(storage)
    }

    async fn del(&mut self, key: &str) -> Result<(), TxError> {
        let (community, version) = (self.community, self.version);
        // A tombstone, not a DELETE: clients that had the record learn of the
        // deletion from the version it carries.
        with_tx!(self.tx, |conn| {
            sqlx::query(
                "UPDATE records SET deleted = TRUE, value = 'null', version = $3 \
                 WHERE community = $1 AND key = $2 AND deleted = FALSE",
            )
            .bind(community)
            .bind(key)
            .bind(version)
            .execute(conn)
            .await
            .map(drop)
        })
        .map_err(storage)
    }

    async fn scan(&mut self, prefix: &str) -> Result<Vec<(String, Value)>, TxError> {
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
