//! Browser storage, and nothing else: the UI never touches `localStorage` or
//! IndexedDB directly, so that every failure is handled in one place.
//!
//! The foundation has the small settings; the sync engine adds the IndexedDB
//! record store and outbox here.

pub mod settings;
