//! The device's copy of its community in IndexedDB, through the `idb` crate.
//!
//! Three object stores:
//! - `confirmed`: the records as the server last confirmed them, in chunks:
//!   each entry is one JSON object of the records whose keys share their
//!   module (the first segment: `vol/visit/…` is in `vol`) and a hash
//!   bucket, under `#vol#3f` (see [`chunk_of`]). IndexedDB spends its time
//!   per entry: 10,000 records one per entry took 0.3 s to write and 0.4 s
//!   to read back, in a few dozen chunks a few milliseconds. A change
//!   rewrites the chunks it touches. The first version kept one record per
//!   entry under its own key; such entries are read as before, and the
//!   first pull saved after them rewrites the store as chunks;
//! - `outbox`: pending mutations by number, each with the changes it makes to
//!   the view (from when the member acted, or from its replay after the last
//!   pull), which is how the view is rebuilt at start without the rules;
//! - `meta`: this device's sync state and session under one key.
//!
//! Every write is one IndexedDB transaction, so a crash or a closed tab leaves
//! either all of a change or none of it.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult};
use linli_core::replica::{PendingMutation, PullOutcome};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::StoreError;

const DB_NAME: &str = "linli";
const DB_VERSION: u32 = 1;
const CONFIRMED: &str = "confirmed";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
const META_KEY: &str = "device";
/// Hash buckets per module: the 10,000 records of the volunteers module in
/// the first-sync benchmark make chunks of about 160 records (50 KB), so
/// that a change to one rewrites little, and a module of a few records
/// takes as few entries.
const BUCKETS: u32 = 64;

/// The chunk a record is stored in: its key's first segment (its module,
/// so that a module's records could be read on their own) and a bucket
/// by the key's FNV-1a hash, stable across versions and devices.
fn chunk_of(key: &str) -> (&str, u32) {
    let prefix = key.split('/').next().unwrap_or(key);
    let hash = key.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    (prefix, hash % BUCKETS)
}

/// A chunk's entry key. Record keys never start with `#`, so the first
/// version's one-record entries are told apart by their keys.
fn chunk_key((prefix, bucket): (&str, u32)) -> String {
    format!("#{prefix}#{bucket:x}")
}

/// This device's identity and progress in the sync protocol, and who is signed in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceMeta {
    pub client_id: String,
    pub client_group_id: String,
    pub next_mutation_id: u64,
    pub cookie: Option<linli_core::protocol::Cookie>,
    pub session: Option<SessionInfo>,
    /// When the last sync finished (ms since the epoch).
    pub last_synced_at: Option<f64>,
    /// Invite codes the server gave this officer's device to register
    /// members with when there is no network (its invite pad).
    #[serde(default)]
    pub invite_pad: Vec<String>,
}

/// The signed-in member, as the server told the device when it joined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub token: String,
    pub community: String,
    pub member_id: String,
    pub roles: Vec<linli_core::Role>,
    /// This device's public id (`device/<member>/<id>`).
    #[serde(default)]
    pub device_id: String,
    /// The community's name as the server keeps it (a session from before
    /// the server sent it has none, and screens then name no place).
    #[serde(default)]
    pub community_name: Option<CommunityName>,
}

/// A community's name with its district, in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityName {
    pub zh: String,
    pub en: String,
}

impl CommunityName {
    /// In the member's language; the Chinese name where there is no English one.
    pub fn in_current_lang(&self) -> &str {
        match crate::i18n::current_lang() {
            crate::i18n::Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.zh,
        }
    }
}

/// Everything stored, as loaded at start.
pub struct Stored {
    /// With no cookie when a chunk of records did not read back: the next
    /// pull then brings every record again.
    pub meta: Option<DeviceMeta>,
    pub confirmed: BTreeMap<String, Value>,
    pub outbox: Vec<PendingMutation>,
}

/// The open database.
#[derive(Clone)]
pub struct LocalDb {
    database: std::rc::Rc<Database>,
    name: std::rc::Rc<str>,
    /// Created by this open, and nothing written since (see `is_new`).
    new: std::rc::Rc<std::cell::Cell<bool>>,
    /// The last load found the first version's one-record entries: the
    /// next pull saved rewrites every record as chunks. (Done there, in the
    /// sync engine's module, and not at load, which the first screen runs.)
    holds_first_version: std::rc::Rc<std::cell::Cell<bool>>,
}

fn failed(err: idb::Error) -> StoreError {
    StoreError::from_idb(err)
}

// Typed values go through `serde_json::Value` both ways, and only the Value
// is written as or read from text: each type then needs one serializer and
// one deserializer in the wasm instead of two of each.
fn json<T: Serialize>(value: &T) -> JsValue {
    JsValue::from_str(&serde_json::to_value(value).unwrap_or_default().to_string())
}

fn from_json<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_json::from_value(record_value(value)?).ok()
}

/// A stored record, parsed once: through `from_json` it would be parsed and
/// then rebuilt as a second `Value`, twice the work for every record read
/// at start.
fn record_value(value: &JsValue) -> Option<Value> {
    serde_json::from_str(&value.as_string()?).ok()
}

impl LocalDb {
    /// Opens (and on first use creates) the first member's database.
    pub async fn open() -> Result<LocalDb, StoreError> {
        Self::open_named(DB_NAME).await
    }

    /// Opens (and on first use creates) the database `name`: each member on
    /// a shared device has one (`store::device_members`).
    pub async fn open_named(name: &str) -> Result<LocalDb, StoreError> {
        let factory = Factory::new().map_err(|_| StoreError::Unavailable)?;
        let mut request = factory
            .open(name, Some(DB_VERSION))
            .map_err(|_| StoreError::Unavailable)?;
        let created = std::rc::Rc::new(std::cell::Cell::new(false));
        let created_now = created.clone();
        request.on_upgrade_needed(move |event| {
            created_now.set(event.old_version().is_ok_and(|old| old == 0));
            let Ok(database) = event.database() else { return };
            for store in [CONFIRMED, OUTBOX, META] {
                if !database.store_names().iter().any(|name| name == store) {
                    // Keys are given with each put (out of line).
                    let _ = database.create_object_store(store, ObjectStoreParams::new());
                }
            }
        });
        let database = request.await.map_err(|_| StoreError::Unavailable)?;
        Ok(LocalDb {
            database: std::rc::Rc::new(database),
            name: name.into(),
            new: std::rc::Rc::new(std::cell::Cell::new(created.get())),
            holds_first_version: Default::default(),
        })
    }

    /// Whether this open created the database (a first visit's) and
    /// nothing has been written to it since: there is nothing to read back.
    pub fn is_new(&self) -> bool {
        self.new.get()
    }

    /// The database's name (whose member it holds: `store::device_members`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Lets go of the connection, so that deleting the database elsewhere
    /// is not held up by this one.
    pub fn close(&self) {
        self.database.close();
    }

    /// Reads everything: at start, and when another tab changed it.
    pub async fn load(&self) -> Result<Stored, StoreError> {
        let tx = self
            .database
            .transaction(&[CONFIRMED, OUTBOX, META], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let confirmed_store = tx.object_store(CONFIRMED).map_err(failed)?;
        let keys = confirmed_store
            .get_all_keys(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let values = confirmed_store
            .get_all(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let mut confirmed = BTreeMap::new();
        let mut holds_first_version = false;
        let mut holds_chunks = false;
        let mut chunk_lost = false;
        for (key, value) in keys.iter().zip(values.iter()) {
            let Some(key) = key.as_string() else { continue };
            if key.starts_with('#') {
                holds_chunks = true;
                // Read as a `Value`, whose reader the first load has
                // anyway, not as a map with a reader of its own.
                match record_value(value) {
                    Some(Value::Object(records)) => confirmed.extend(records),
                    _ => chunk_lost = true,
                }
            } else {
                // A record that does not read back is skipped, not fatal:
                // the next full sync replaces it.
                if let Some(record) = record_value(value) {
                    confirmed.insert(key, record);
                }
                holds_first_version = true;
            }
        }
        let outbox_values = tx
            .object_store(OUTBOX)
            .map_err(failed)?
            .get_all(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let mut outbox = Vec::new();
        for value in &outbox_values {
            match from_json::<PendingMutation>(value) {
                Some(pending) => outbox.push(pending),
                // Never drop a queued change silently: refuse to start on it.
                None => return Err(StoreError::Corrupt("an outbox entry cannot be read".into())),
            }
        }
        let meta_value = tx
            .object_store(META)
            .map_err(failed)?
            .get(JsValue::from_str(META_KEY))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let mut meta = meta_value.as_ref().and_then(from_json::<DeviceMeta>);
        // Records are missing that the cookie says this device has; or both
        // kinds of entry are here, which means a tab of the first version
        // still open wrote beside this one, and its deletions never reached
        // the chunks. Either way the next pull starts afresh and repairs it.
        if chunk_lost || (holds_chunks && holds_first_version) {
            if let Some(meta) = meta.as_mut() {
                meta.cookie = None;
            }
        }
        self.holds_first_version.set(holds_first_version);
        Ok(Stored {
            meta,
            confirmed,
            outbox,
        })
    }

    /// Writes the device state alone.
    pub async fn save_meta(&self, meta: &DeviceMeta) -> Result<(), StoreError> {
        self.new.set(false);
        let tx = self
            .database
            .transaction(&[META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        put_meta(&tx, meta)?;
        finish(tx).await
    }

    /// Queues a mutation: its outbox entry (with its effects) and the next
    /// mutation number, in one transaction.
    pub async fn queue(&self, pending: &PendingMutation, meta: &DeviceMeta) -> Result<(), StoreError> {
        self.new.set(false);
        let tx = self
            .database
            .transaction(&[OUTBOX, META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        put_pending(&tx.object_store(OUTBOX).map_err(failed)?, pending)?;
        put_meta(&tx, meta)?;
        finish(tx).await
    }

    /// Saves one pull page: the confirmed changes, the outbox entries the
    /// server has processed, the entries left with the effects their replay
    /// gave, and the new cookie, in one transaction, so a dropped connection
    /// resumes from the last saved page.
    ///
    /// `confirmed` is the replica's confirmed records after the page: the
    /// chunks the page touched are written from it before this returns (so
    /// it need not outlive the call), and the future waits for the commit.
    pub fn save_pull(
        &self,
        confirmed: &BTreeMap<String, Value>,
        outcome: &PullOutcome,
        outbox_left: &[PendingMutation],
        meta: &DeviceMeta,
    ) -> impl Future<Output = Result<(), StoreError>> + 'static {
        self.new.set(false);
        let tx = self
            .database
            .transaction(&[CONFIRMED, OUTBOX, META], TransactionMode::ReadWrite)
            .map_err(failed);
        let rewrite_all = self.holds_first_version.get();
        let written = tx.and_then(|tx| {
            match write_pull(&tx, confirmed, outcome, outbox_left, meta, rewrite_all) {
                Ok(()) => Ok(tx),
                Err(err) => {
                    // Left alone, the writes made so far would commit.
                    let _ = tx.abort();
                    Err(err)
                }
            }
        });
        let holds_first_version = self.holds_first_version.clone();
        async move {
            finish(written?).await?;
            if rewrite_all {
                holds_first_version.set(false);
            }
            Ok(())
        }
    }

    /// Closes this database and deletes it: a member signed out of a shared
    /// device leaves nothing behind. Emptied first, so that even a deletion
    /// another tab holds up leaves no record readable.
    pub async fn delete(self) -> Result<(), StoreError> {
        self.clear().await?;
        self.database.close();
        let factory = Factory::new().map_err(|_| StoreError::Unavailable)?;
        if let Ok(request) = factory.delete(&self.name) {
            // Not awaited: held up by another tab's open connection, it
            // completes when that tab lets go, and the records are gone already.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = request.await;
            });
        }
        Ok(())
    }

    /// Forgets everything in this database (sign-out).
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self
            .database
            .transaction(&[CONFIRMED, OUTBOX, META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        for store in [CONFIRMED, OUTBOX, META] {
            tx.object_store(store).map_err(failed)?.clear().map_err(failed)?;
        }
        finish(tx).await
    }
}

/// One pull page's writes within `tx`: see [`LocalDb::save_pull`]. With
/// `rewrite_all`, every record is written again as chunks, in place of
/// the first version's one-record entries.
fn write_pull(
    tx: &idb::Transaction,
    confirmed: &BTreeMap<String, Value>,
    outcome: &PullOutcome,
    outbox_left: &[PendingMutation],
    meta: &DeviceMeta,
    rewrite_all: bool,
) -> Result<(), StoreError> {
    let confirmed_store = tx.object_store(CONFIRMED).map_err(failed)?;
    if outcome.cleared || rewrite_all {
        confirmed_store.clear().map_err(failed)?;
    }
    let changed = if rewrite_all {
        confirmed.keys().collect::<Vec<_>>()
    } else {
        outcome.confirmed_changes.keys().collect()
    };
    let touched = changed.into_iter().map(|key| chunk_of(key)).collect();
    put_chunks(&confirmed_store, confirmed, touched)?;
    let outbox = tx.object_store(OUTBOX).map_err(failed)?;
    for id in &outcome.confirmed_ids {
        outbox.delete(JsValue::from_f64(*id as f64)).map_err(failed)?;
    }
    for pending in outbox_left {
        put_pending(&outbox, pending)?;
    }
    put_meta(tx, meta)
}

/// Writes each chunk in `touched` whole from `confirmed`, or deletes it
/// when none of its records is left, within the caller's transaction.
fn put_chunks(
    store: &idb::ObjectStore,
    confirmed: &BTreeMap<String, Value>,
    touched: BTreeSet<(&str, u32)>,
) -> Result<(), StoreError> {
    let mut chunks: BTreeMap<(&str, u32), BTreeMap<&str, &Value>> =
        touched.iter().map(|&chunk| (chunk, BTreeMap::new())).collect();
    let prefixes: BTreeSet<&str> = touched.iter().map(|&(prefix, _)| prefix).collect();
    for prefix in prefixes {
        // A prefix's keys sort together, from the prefix itself on.
        let records = confirmed
            .range::<str, _>((std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded))
            .take_while(|(key, _)| key.starts_with(prefix));
        for (key, value) in records {
            if let Some(chunk) = chunks.get_mut(&chunk_of(key)) {
                chunk.insert(key, value);
            }
        }
    }
    for (chunk, records) in chunks {
        let key = JsValue::from_str(&chunk_key(chunk));
        if records.is_empty() {
            store.delete(key).map_err(failed)?;
        } else {
            let text = serde_json::to_string(&records).map_err(|err| StoreError::Failed(err.to_string()))?;
            store.put(&JsValue::from_str(&text), Some(&key)).map_err(failed)?;
        }
    }
    Ok(())
}

/// Writes an outbox entry (a pending mutation with its effects) under its
/// number, within the caller's transaction.
fn put_pending(outbox: &idb::ObjectStore, pending: &PendingMutation) -> Result<(), StoreError> {
    outbox
        .put(&json(pending), Some(&JsValue::from_f64(pending.id as f64)))
        .map_err(failed)?;
    Ok(())
}

/// Writes the device state within `tx`, which must include the meta store:
/// every change that moves it does so in the same transaction as its data.
fn put_meta(tx: &idb::Transaction, meta: &DeviceMeta) -> Result<(), StoreError> {
    tx.object_store(META)
        .map_err(failed)?
        .put(&json(meta), Some(&JsValue::from_str(META_KEY)))
        .map_err(failed)?;
    Ok(())
}

/// Waits for the transaction; an abort (a quota error, say) is an error.
async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    let result = tx.commit().map_err(failed)?.await.map_err(failed)?;
    match result {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(StoreError::Aborted),
    }
}
