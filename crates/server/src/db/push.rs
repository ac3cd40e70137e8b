//! The records of one community as a push sees them: the rows of its
//! database transaction, under the writes of the mutations it has applied so
//! far.
//!
//! A push applies all its mutations in one database transaction. Each
//! mutation's writes are first kept here, in memory: a mutation a rule
//! refuses is dropped by forgetting them (an in-memory savepoint), one that
//! succeeds joins the push's writes, and [`PushRecords::flush`] writes them
//! all in a few statements before the transaction commits. Nothing is
//! acknowledged before that commit, so a crash loses the whole push, which
//! the client sends again, and never half of it.
//!
//! Reads go to the database only for keys no mutation of this push has
//! written, and each key (and each prefix scanned) is read from it once per
//! push. A push may first be applied in a discovery pass
//! ([`PushRecords::discover`]), which answers every key it has not read as
//! missing and notes it; [`PushRecords::fetch_discovered`] then reads all of
//! them in a few statements, and the real pass finds them there. What the
//! discovery pass could not foresee (a key read only because of a value it
//! did not have) the real pass reads one by one, so the two passes never
//! need to agree for the result to be right.

use std::collections::{BTreeMap, HashMap};

use linli_core::keys::{check_key, Audience};
use linli_core::tx::{Changes, Tx, TxError};
use serde_json::Value;

use super::audit::AuditEntry;
use super::tx::{with_tx, DbTx, RecordTx};
use super::DbError;

/// One record as the push leaves it: its value (`None` when deleted) and the
/// version of the mutation that last wrote it.
#[derive(Clone, Debug)]
struct Written {
    value: Option<Value>,
    version: i64,
}

/// The push's view of one community's records; the core's [`Tx`] for the
/// mutation being applied. See the module documentation.
pub struct PushRecords<'t> {
    tx: &'t mut DbTx,
    community: &'t str,
    /// Writes of the mutations kept so far.
    kept: BTreeMap<String, Written>,
    /// Writes of the mutation being applied.
    staged: Changes,
    /// Rows read from the database in this push (`None`: no such record).
    read: HashMap<String, Option<Value>>,
    /// Prefixes scanned in the database in this push, with what they held.
    scanned: HashMap<String, Vec<(String, Value)>>,
    /// In a discovery pass: the keys asked for that were not read yet.
    discovered: Option<std::collections::BTreeSet<String>>,
    /// The audit log's entries for the mutations processed.
    audit: Vec<AuditEntry>,
    /// The community's version before the push.
    base_version: i64,
    /// The version the mutation being applied writes at.
    version: i64,
}

impl<'t> PushRecords<'t> {
    /// The records of `community` in `tx`, whose version was `version` when
    /// the push locked it.
    pub fn new(tx: &'t mut DbTx, community: &'t str, version: i64) -> Self {
        Self {
            tx,
            community,
            kept: BTreeMap::new(),
            staged: Changes::new(),
            read: HashMap::new(),
            scanned: HashMap::new(),
            discovered: None,
            audit: Vec::new(),
            base_version: version,
            version,
        }
    }

    /// Starts the next mutation: it writes at the next version.
    pub fn begin_mutation(&mut self) -> i64 {
        self.staged.clear();
        self.version += 1;
        self.version
    }

    /// Keeps the current mutation's writes.
    pub fn keep_mutation(&mut self) {
        let version = self.version;
        for (key, value) in std::mem::take(&mut self.staged) {
            self.kept.insert(key, Written { value, version });
        }
    }

    /// Forgets the current mutation's writes (a rule refused it). Its
    /// version stays used: the rejection record is written at it.
    pub fn discard_mutation(&mut self) {
        self.staged.clear();
    }

    /// Starts a discovery pass (see the module documentation).
    pub fn discover(&mut self) {
        self.discovered = Some(Default::default());
    }

    /// Whether this is a discovery pass: nothing it does is kept, and the
    /// server's own tables must not be written.
    pub fn discovering(&self) -> bool {
        self.discovered.is_some()
    }

    /// Ends a discovery pass: reads every key it asked for in a few
    /// statements, and forgets its writes for the real pass.
    pub async fn fetch_discovered(&mut self) -> Result<(), DbError> {
        let wanted: Vec<String> = self.discovered.take().unwrap_or_default().into_iter().collect();
        for chunk in wanted.chunks(500) {
            let placeholders: Vec<String> = (0..chunk.len()).map(|n| format!("${}", n + 2)).collect();
            let sql = format!(
                "SELECT key, value FROM records WHERE community = $1 AND deleted = FALSE AND key IN ({})",
                placeholders.join(", ")
            );
            let community = self.community;
            let rows = with_tx!(self.tx, |conn| {
                let mut query = sqlx::query_as::<_, (String, String)>(&sql).bind(community);
                for key in chunk {
                    query = query.bind(key);
                }
                query.fetch_all(conn).await
            })?;
            for key in chunk {
                self.read.insert(key.clone(), None);
            }
            for (key, json) in rows {
                let value = serde_json::from_str(&json)
                    .map_err(|err| DbError::Storage(format!("record {key} is not JSON: {err}")))?;
                self.read.insert(key, Some(value));
            }
        }
        self.kept.clear();
        self.staged.clear();
        self.audit.clear();
        self.version = self.base_version;
        Ok(())
    }

    /// Notes a processed mutation for the audit log, written with the records.
    pub fn log(&mut self, entry: AuditEntry) {
        if !self.discovering() {
            self.audit.push(entry);
        }
    }

    /// The database transaction, for the server's own tables (members and
    /// invites) that a mutation such as `registerMember` also writes.
    pub fn database(&mut self) -> &mut DbTx {
        self.tx
    }

    /// Writes every kept record and the community's new version. The
    /// transaction is the caller's to commit.
    pub async fn flush(self) -> Result<(), DbError> {
        let community = self.community;
        let mut puts: Vec<(String, String, String, i64)> = Vec::new();
        let mut deletes: Vec<(String, i64)> = Vec::new();
        for (key, written) in self.kept {
            match written.value {
                Some(value) => {
                    let audience = Audience::of_key(&key).tags().join(" ");
                    puts.push((key, value.to_string(), audience, written.version));
                }
                None => deletes.push((key, written.version)),
            }
        }
        // Four parameters a row and the community: well under either
        // backend's limit of parameters per statement.
        for chunk in puts.chunks(500) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|row| {
                    let first = 2 + row * 4;
                    format!(
                        "($1, ${first}, ${}, ${}, ${}, FALSE)",
                        first + 1,
                        first + 2,
                        first + 3
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO records (community, key, value, audience, version, deleted) VALUES {} \
                 ON CONFLICT (community, key) DO UPDATE SET value = excluded.value, \
                 audience = excluded.audience, version = excluded.version, deleted = FALSE",
                rows.join(", ")
            );
            with_tx!(self.tx, |conn| {
                let mut query = sqlx::query(&sql).bind(community);
                for (key, json, audience, version) in chunk {
                    query = query.bind(key).bind(json).bind(audience).bind(version);
                }
                query.execute(conn).await.map(drop)
            })?;
        }
        for (key, version) in deletes {
            // A tombstone, not a DELETE: clients that had the record learn of
            // the deletion from the version it carries.
            with_tx!(self.tx, |conn| {
                sqlx::query(
                    "UPDATE records SET deleted = TRUE, value = 'null', version = $3 \
                     WHERE community = $1 AND key = $2 AND deleted = FALSE",
                )
                .bind(community)
                .bind(&key)
                .bind(version)
                .execute(conn)
                .await
                .map(drop)
            })?;
        }
        if self.version > self.base_version {
            self.tx.set_community_version(community, self.version).await?;
        }
        self.tx.insert_audit(&self.audit).await?;
        Ok(())
    }

    /// The value at `key` before the current mutation: kept writes, then
    /// the database.
    async fn before_mutation(&mut self, key: &str) -> Result<Option<Value>, TxError> {
        if let Some(written) = self.kept.get(key) {
            return Ok(written.value.clone());
        }
        if let Some(row) = self.read.get(key) {
            return Ok(row.clone());
        }
        if let Some(wanted) = &mut self.discovered {
            if check_key(key).is_ok() {
                wanted.insert(key.to_owned());
            }
            return Ok(None);
        }
        let row = RecordTx::new(self.tx, self.community).get(key).await?;
        self.read.insert(key.to_owned(), row.clone());
        Ok(row)
    }
}

impl Tx for PushRecords<'_> {
    async fn get(&mut self, key: &str) -> Result<Option<Value>, TxError> {
        if let Some(change) = self.staged.get(key) {
            return Ok(change.clone());
        }
        self.before_mutation(key).await
    }

    async fn put(&mut self, key: &str, value: Value) -> Result<(), TxError> {
        check_key(key)?;
        self.staged.insert(key.to_owned(), Some(value));
        Ok(())
    }

    async fn del(&mut self, key: &str) -> Result<(), TxError> {
        check_key(key)?;
        self.staged.insert(key.to_owned(), None);
        Ok(())
    }

    async fn scan(&mut self, prefix: &str) -> Result<Vec<(String, Value)>, TxError> {
        let stored = match self.scanned.get(prefix) {
            Some(stored) => stored.clone(),
            None => {
                let stored = RecordTx::new(self.tx, self.community).scan(prefix).await?;
                self.scanned.insert(prefix.to_owned(), stored.clone());
                stored
            }
        };
        let mut merged: BTreeMap<String, Value> = stored.into_iter().collect();
        let layers = linli_core::tx::under_prefix(&self.kept, prefix)
            .map(|(key, written)| (key, &written.value))
            .chain(linli_core::tx::under_prefix(&self.staged, prefix));
        for (key, value) in layers {
            match value {
                Some(value) => merged.insert(key.clone(), value.clone()),
                None => merged.remove(key),
            };
        }
        Ok(merged.into_iter().collect())
    }
}
