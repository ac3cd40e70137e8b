//! The device's copy of its community in IndexedDB, through the `idb` crate.
//!
//! Three object stores:
//! - `confirmed`: the records as the server last confirmed them (key → JSON);
//! - `outbox`: pending mutations by number, each with the changes it makes to
//!   the view (from when the member acted, or from its replay after the last
//!   pull), which is how the view is rebuilt at start without the rules;
//! - `meta`: this device's sync state and session under one key.
//!
//! Every write is one IndexedDB transaction, so a crash or a closed tab leaves
//! either all of a change or none of it.

use std::collections::BTreeMap;

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
    pub meta: Option<DeviceMeta>,
    pub confirmed: BTreeMap<String, Value>,
    pub outbox: Vec<PendingMutation>,
}

/// The open database.
#[derive(Clone)]
pub struct LocalDb {
    database: std::rc::Rc<Database>,
    name: std::rc::Rc<str>,
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
        request.on_upgrade_needed(|event| {
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
        })
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
        for (key, value) in keys.iter().zip(values.iter()) {
            // A record that does not read back is skipped, not fatal: the
            // next full sync replaces it.
            if let (Some(key), Some(value)) = (key.as_string(), record_value(value)) {
                confirmed.insert(key, value);
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
        let meta = meta_value.as_ref().and_then(from_json::<DeviceMeta>);
        Ok(Stored {
            meta,
            confirmed,
            outbox,
        })
    }

    /// Writes the device state alone.
    pub async fn save_meta(&self, meta: &DeviceMeta) -> Result<(), StoreError> {
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
    pub async fn save_pull(
        &self,
        outcome: &PullOutcome,
        outbox_left: &[PendingMutation],
        meta: &DeviceMeta,
    ) -> Result<(), StoreError> {
        let tx = self
            .database
            .transaction(&[CONFIRMED, OUTBOX, META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let confirmed = tx.object_store(CONFIRMED).map_err(failed)?;
        if outcome.cleared {
            confirmed.clear().map_err(failed)?;
        }
        for (key, change) in &outcome.confirmed_changes {
            let key = JsValue::from_str(key);
            match change {
                Some(value) => {
                    // Already a `Value`: written as its text, not copied through `json`.
                    confirmed
                        .put(&JsValue::from_str(&value.to_string()), Some(&key))
                        .map_err(failed)?;
                }
                None => {
                    confirmed.delete(key).map_err(failed)?;
                }
            }
        }
        let outbox = tx.object_store(OUTBOX).map_err(failed)?;
        for id in &outcome.confirmed_ids {
            outbox.delete(JsValue::from_f64(*id as f64)).map_err(failed)?;
        }
        for pending in outbox_left {
            put_pending(&outbox, pending)?;
        }
        put_meta(&tx, meta)?;
        finish(tx).await
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
