//! Reading a member's device back from IndexedDB: the stored records, the
//! outbox and the device state, made into the replica the screens show.
//!
//! A wasm module of its own (scripts/split-wasm.sh cuts it out at the split
//! point below), because reading the outbox back needs the reader of every
//! module's changes, about a quarter of the shell, and a visitor who has
//! not joined reads nothing. A device with a member fetches it at once
//! (index.html preloads it beside the shell when a member was signed in
//! last time; the service worker keeps it for offline starts).
//!
//! ## Usage
//! ```no_run
//! # async fn example(db: &linli::store::local_db::LocalDb) {
//! if let Ok(restore) = linli::sync::restore::load().await {
//!     let restored = (restore.read)(db).await;
//! }
//! # }
//! ```

use std::future::Future;
use std::pin::Pin;

use linli_core::replica::Replica;
use linli_core::Actor;

use crate::lazy::ModuleUnavailable;
use crate::store::local_db::{DeviceMeta, LocalDb};
use crate::store::StoreError;

/// What a device holds, read back: its state, and the replica when a
/// member's session is in it.
pub struct Restored {
    pub meta: Option<DeviceMeta>,
    pub replica: Option<Replica>,
}

/// A read of the device, running.
pub type Reading<'a> = Pin<Box<dyn Future<Output = Result<Restored, StoreError>> + 'a>>;

/// The module, once loaded: a plain function pointer into it.
#[derive(Clone, Copy)]
pub struct Restore {
    pub read: for<'a> fn(&'a LocalDb) -> Reading<'a>,
}

// Split only in the app's build, as the sync engine is (see `engine.rs`).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(restore, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn restore_module() -> Result<Restore, ModuleUnavailable> {
    Ok(Restore {
        read: |db| Box::pin(read(db)),
    })
}

/// The module: fetched the first time, at once after.
pub async fn load() -> Result<Restore, ModuleUnavailable> {
    #[cfg(feature = "split")]
    return restore_module().await;
    #[cfg(not(feature = "split"))]
    return restore_module();
}

async fn read(db: &LocalDb) -> Result<Restored, StoreError> {
    let stored = db.load().await?;
    let replica = stored.meta.as_ref().and_then(|meta| {
        let session = meta.session.as_ref()?;
        Some(Replica::restore(
            meta.client_id.parse().ok()?,
            meta.client_group_id.parse().ok()?,
            Actor::new(session.member_id.parse().ok()?, session.roles.iter().copied()),
            stored.confirmed,
            stored.outbox,
            meta.next_mutation_id,
            meta.cookie,
        ))
    });
    Ok(Restored {
        meta: stored.meta,
        replica,
    })
}
