//! The sync engine: the domain rules as the sync client runs them (planning
//! a change with [`Replica::plan`], replaying the outbox as a pull arrives)
//! and the exchange with the server (`exchange.rs`: push, pull page by page,
//! and a restart when the server lost this device's state), and who holds
//! the device (`hands.rs`: joining, switching member, locking, signing out).
//!
//! The rules are the largest part of the core's code, and the first screen
//! needs none of this: the device starts from its stored records and each
//! pending change's stored effects. So it is a wasm module of its own
//! (scripts/split-wasm.sh cuts it out at the split point below), fetched
//! after the first screen has rendered when a member has joined, or by the
//! first change or sync that needs it, and precached by the service worker
//! like the module screens. If it cannot be fetched, a change is refused with
//! that reason and a sync counts as offline.
//!
//! ## Usage
//! ```no_run
//! # async fn example(replica: &linli_core::replica::Replica, mutation: linli_core::Mutation) {
//! if let Ok(engine) = linli::sync::engine::load().await {
//!     let planned = (engine.plan)(replica, mutation, linli_core::Timestamp(0));
//! }
//! # }
//! ```

use std::future::Future;
use std::pin::Pin;

use linli_core::replica::{PendingMutation, Replica};
use linli_core::{ApplyError, Mutation, Timestamp};

use super::{Community, SyncProblem};
use crate::lazy::ModuleUnavailable;

/// A running exchange with the server.
pub type ExchangeFuture = Pin<Box<dyn Future<Output = Result<(), SyncProblem>>>>;

/// The engine, once loaded: plain function pointers into its module.
#[derive(Clone, Copy)]
pub struct SyncEngine {
    pub plan: fn(&Replica, Mutation, Timestamp) -> Result<PendingMutation, ApplyError>,
    /// Push, then pull every page; on a lost client state, start again.
    pub exchange: fn(Community) -> ExchangeFuture,
    /// Who holds the device (`hands.rs`): joining with a code, switching
    /// member, locking, following another tab, signing out, and keeping
    /// the list of members current.
    pub join: fn(Community, String) -> ExchangeFuture,
    pub switch_to: fn(Community, String) -> ExchangeFuture,
    pub lock: fn(Community) -> StepFuture,
    pub follow_other_tab: fn(Community) -> StepFuture,
    pub sign_out: fn(Community) -> ExchangeFuture,
    pub remember_active: fn(Community),
}

/// A step with no outcome to report.
pub type StepFuture = Pin<Box<dyn Future<Output = ()>>>;

// Split only in the app's build (`split`, which index.html asks trunk for):
// a wasm-bindgen test binary keeps this function and would import its loader,
// which only scripts/split-wasm.sh provides. `fallible`: a failed fetch is an
// error to show, where Leptos' `#[lazy]` would panic and stop the app.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn engine_module() -> Result<SyncEngine, ModuleUnavailable> {
    Ok(SyncEngine {
        plan: Replica::plan,
        exchange: |community| Box::pin(community.push_pull_or_restart()),
        join: |community, code| Box::pin(community.join_now(code)),
        switch_to: |community, database| Box::pin(community.switch_to_now(database)),
        lock: |community| Box::pin(community.lock_now()),
        follow_other_tab: |community| Box::pin(community.follow_other_tab_now()),
        sign_out: |community| Box::pin(community.sign_out_now()),
        remember_active: Community::remember_active,
    })
}

/// The engine, from its module: fetched the first time, at once after.
pub async fn load() -> Result<SyncEngine, ModuleUnavailable> {
    #[cfg(feature = "split")]
    return engine_module().await;
    #[cfg(not(feature = "split"))]
    return engine_module();
}
