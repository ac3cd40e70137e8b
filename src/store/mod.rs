//! Browser storage, and nothing else: the UI never touches `localStorage` or
//! IndexedDB directly, so that every failure is handled in one place.
//!
//! - [`settings`]: language and large text in `localStorage`;
//! - [`device_members`]: who is on this device and who is active, in
//!   `localStorage`;
//! - [`local_db`]: the community's records, the outbox and the device's sync
//!   state in IndexedDB.

pub mod device_members;
pub mod local_db;
pub mod settings;

/// Why browser storage failed. `Display` is for logs; the member sees the
/// translated sentence for the variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// IndexedDB is missing or refused (private mode, blocked by settings).
    #[error("IndexedDB is unavailable")]
    Unavailable,
    /// The storage quota is used up: nothing new could be saved.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// The transaction was aborted, so nothing of it was saved.
    #[error("the storage transaction was aborted")]
    Aborted,
    /// Stored data cannot be read back.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// Another IndexedDB failure.
    #[error("storage failed: {0}")]
    Failed(String),
}

impl StoreError {
    fn from_idb(err: idb::Error) -> StoreError {
        let text = format!("{err:?}");
        if text.contains("QuotaExceeded") {
            StoreError::QuotaExceeded
        } else {
            StoreError::Failed(text)
        }
    }
}
