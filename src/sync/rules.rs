//! The domain rules as the sync client runs them: planning a change
//! ([`Replica::plan`]) and replaying the outbox over newly confirmed records
//! ([`Replica::replay`]).
//!
//! They are the largest part of the core's code, and the first screen needs
//! none of them: the device starts from its stored records and each pending
//! change's stored effects. So they are a wasm module of their own, the sync
//! engine, with the exchange with the server (`exchange.rs`):
//! scripts/split-wasm.sh cuts it out at the split points below and there,
//! and it is fetched after the first screen has rendered when a member has
//! joined, or by the first change or sync that needs it, and precached by
//! the service worker like the module screens.
//!
//! ## Usage
//! ```no_run
//! # async fn example(replica: &linli_core::replica::Replica, mutation: linli_core::Mutation) {
//! if let Ok(rules) = linli::sync::rules::load().await {
//!     let planned = (rules.plan)(replica, mutation, linli_core::Timestamp(0));
//! }
//! # }
//! ```

use linli_core::replica::{PendingMutation, Replica};
use linli_core::{ApplyError, Mutation, Timestamp};

use crate::lazy::ModuleUnavailable;

/// The rules, once loaded: plain function pointers into their module.
#[derive(Clone, Copy)]
pub struct Rules {
    pub plan: fn(&Replica, Mutation, Timestamp) -> Result<PendingMutation, ApplyError>,
    pub replay: fn(&mut Replica),
}

// Split only in the app's build (`split`, which index.html asks trunk for):
// a wasm-bindgen test binary keeps this function and would import its loader,
// which only scripts/split-wasm.sh provides. `fallible`: a failed fetch is an
// error to show, where Leptos' `#[lazy]` would panic and stop the app.
// `sync_engine`, the exchange's module too: a member's device needs both at
// once, and each module of its own would add to the chunks the splitter
// shares between modules, each a request of its own.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn rules_module() -> Result<Rules, ModuleUnavailable> {
    Ok(Rules {
        plan: Replica::plan,
        replay: Replica::replay,
    })
}

/// The rules, from their module: fetched the first time, at once after.
pub async fn load() -> Result<Rules, ModuleUnavailable> {
    #[cfg(feature = "split")]
    return rules_module().await;
    #[cfg(not(feature = "split"))]
    return rules_module();
}
