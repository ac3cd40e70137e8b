//! Linli's shared core: the domain types and rules that the browser app and the
//! server both compile, so that the browser can predict what the server will
//! decide and the server can enforce the very same code.
//!
//! Pure Rust with no browser, database or network dependency: everything here is
//! a plain value or a pure function, which is what lets it run on both sides.
//!
//! - [`tx`]: the key-value transaction every mutation runs in;
//! - [`mutation`]: the named mutations, gathered from the modules'
//!   declarations (`module`: how a module declares itself), and their one
//!   apply function;
//! - [`keys`]: record keys and who may read each record;
//! - [`protocol`]: the push/pull messages (Replicache's protocol, version 1);
//! - [`members`], [`notices`]: the first mutation set;
//! - [`canteen`], [`rules`], [`volunteers`], [`services`], [`village`]: the
//!   modules' records, rules and mutations.

#[macro_use]
mod module;

pub mod api;
pub mod calendar;
pub mod canteen;
pub mod ids;
pub mod keys;
pub mod members;
pub mod mutation;
pub mod notices;
pub mod protocol;
pub mod rejection;
pub mod replica;
pub mod role;
pub mod rules;
pub mod services;
pub mod text;
pub mod time;
pub mod tx;
pub mod validate;
pub mod village;
pub mod volunteers;

pub use api::{HealthResponse, StorageBackend, API_VERSION};
pub use ids::{ClientGroupId, ClientId, CommunityId, MemberId, NoticeId};
pub use mutation::Mutation;
pub use rejection::{ApplyError, Rejection, RejectionCode};
pub use role::{Actor, Role};
pub use time::Timestamp;
