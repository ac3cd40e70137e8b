//! The key-value transaction that every mutation runs in.
//!
//! The trait is async so that the server can implement it straight over a
//! database transaction (a read goes to SQLite or PostgreSQL), while the
//! browser implements it over the records it holds in memory, where every
//! call is ready at once and [`now_or_never`] runs the whole mutation
//! synchronously in an event handler. One apply function serves both.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use serde_json::Value;

/// Why a transaction's read or write did not happen.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    /// Not a rule the mutation broke, but the database or the browser's
    /// storage failing. The caller retries later.
    #[error("storage failed: {0}")]
    Storage(String),
    /// A mutation tried to write at a key that no record may have (see
    /// [`crate::keys::check_key`]): its arguments are at fault, so
    /// [`crate::Mutation::apply`] refuses it as `invalid_args`, and a retry
    /// would only fail again.
    #[error("not a record key: {0:?}")]
    InvalidKey(String),
}

/// Reads and writes of one mutation, all applied or none.
///
/// Keys are `kind/id[/more]` strings (see [`crate::keys`]); values are JSON.
#[allow(async_fn_in_trait)] // both implementations are used where they are defined, never sent across threads by the core
pub trait Tx {
    /// The record at `key`, if there is one.
    async fn get(&mut self, key: &str) -> Result<Option<Value>, TxError>;
    /// Creates or replaces the record at `key`.
    async fn put(&mut self, key: &str, value: Value) -> Result<(), TxError>;
    /// Deletes the record at `key`; deleting a missing key is not an error.
    async fn del(&mut self, key: &str) -> Result<(), TxError>;
    /// Every record whose key starts with `prefix`, in key order.
    async fn scan(&mut self, prefix: &str) -> Result<Vec<(String, Value)>, TxError>;
}

/// What a transaction changed: the record's new value, or `None` for a delete.
pub type Changes = BTreeMap<String, Option<Value>>;

/// A transaction over an in-memory map: reads see the map with this
/// transaction's own writes on top; the writes are collected in
/// [`MemTx::changes`] and touch the map only when the caller applies them.
///
/// ## Usage
/// ```
/// use linli_core::tx::{now_or_never, MemTx, Tx};
/// let records = std::collections::BTreeMap::new();
/// let mut tx = MemTx::new(&records);
/// now_or_never(tx.put("notice/n1", serde_json::json!({"title": "停水通知"}))).unwrap().unwrap();
/// assert_eq!(tx.changes().len(), 1);
/// ```
pub struct MemTx<'a> {
    base: &'a BTreeMap<String, Value>,
    changes: Changes,
}

impl<'a> MemTx<'a> {
    pub fn new(base: &'a BTreeMap<String, Value>) -> Self {
        Self {
            base,
            changes: Changes::new(),
        }
    }

    /// The writes made so far.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    pub fn into_changes(self) -> Changes {
        self.changes
    }
}

impl Tx for MemTx<'_> {
    async fn get(&mut self, key: &str) -> Result<Option<Value>, TxError> {
        Ok(match self.changes.get(key) {
            Some(changed) => changed.clone(),
            None => self.base.get(key).cloned(),
        })
    }

    async fn put(&mut self, key: &str, value: Value) -> Result<(), TxError> {
        crate::keys::check_key(key)?;
        self.changes.insert(key.to_owned(), Some(value));
        Ok(())
    }

    async fn del(&mut self, key: &str) -> Result<(), TxError> {
        crate::keys::check_key(key)?;
        self.changes.insert(key.to_owned(), None);
        Ok(())
    }

    async fn scan(&mut self, prefix: &str) -> Result<Vec<(String, Value)>, TxError> {
        let mut merged: BTreeMap<&str, &Value> = under_prefix(self.base, prefix)
            .map(|(key, value)| (key.as_str(), value))
            .collect();
        for (key, change) in under_prefix(&self.changes, prefix) {
            match change {
                Some(value) => merged.insert(key, value),
                None => merged.remove(key.as_str()),
            };
        }
        Ok(merged
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value.clone()))
            .collect())
    }
}

/// The entries of `records` whose key starts with `prefix`, in key order,
/// found by a range lookup rather than a full scan.
///
/// ```
/// use linli_core::tx::under_prefix;
/// let records: std::collections::BTreeMap<String, u8> =
///     [("ack/n1/m1".into(), 1), ("ack/n2/m1".into(), 2), ("notice/n1".into(), 3)].into();
/// assert_eq!(under_prefix(&records, "ack/n1/").count(), 1);
/// ```
pub fn under_prefix<'a, V>(
    records: &'a BTreeMap<String, V>,
    prefix: &'a str,
) -> impl Iterator<Item = (&'a String, &'a V)> + 'a {
    records
        .range::<str, _>((std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded))
        .take_while(move |(key, _)| key.starts_with(prefix))
}

/// Every record under `prefix` that decodes as `T`, in key order; records
/// that do not decode (from a newer or broken writer) are skipped.
pub async fn scan_records<T: serde::de::DeserializeOwned>(
    tx: &mut impl Tx,
    prefix: &str,
) -> Result<Vec<T>, TxError> {
    Ok(tx
        .scan(prefix)
        .await?
        .into_iter()
        .filter_map(|(_, value)| serde_json::from_value(value).ok())
        .collect())
}

/// Applies `changes` to `records`.
pub fn apply_changes(records: &mut BTreeMap<String, Value>, changes: Changes) {
    for (key, change) in changes {
        match change {
            Some(value) => records.insert(key, value),
            None => records.remove(&key),
        };
    }
}

/// Polls `future` once and returns its output if it was ready. Everything in
/// the core over a [`MemTx`] is ready at once, so this runs a mutation
/// synchronously without an executor.
pub fn now_or_never<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run<F: Future>(future: F) -> F::Output {
        now_or_never(future).expect("in-memory transactions are always ready")
    }

    #[test]
    fn reads_see_the_transactions_own_writes_and_the_base_stays_untouched() {
        let mut base = BTreeMap::new();
        base.insert("notice/a".to_owned(), json!(1));
        base.insert("notice/b".to_owned(), json!(2));
        base.insert("other/x".to_owned(), json!(0));
        let mut tx = MemTx::new(&base);
        run(tx.put("notice/c", json!(3))).unwrap();
        run(tx.del("notice/a")).unwrap();
        assert_eq!(run(tx.get("notice/a")).unwrap(), None);
        assert_eq!(run(tx.get("notice/c")).unwrap(), Some(json!(3)));
        let scanned: Vec<String> = run(tx.scan("notice/"))
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(scanned, ["notice/b", "notice/c"]);
        assert_eq!(
            base.len(),
            3,
            "the base changes only when the caller applies the changes"
        );

        let changes = tx.into_changes();
        apply_changes(&mut base, changes);
        assert_eq!(
            base.keys().collect::<Vec<_>>(),
            ["notice/b", "notice/c", "other/x"]
        );
    }
}
