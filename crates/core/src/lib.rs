//! Linli's shared core: the domain types and rules that the browser app and the
//! server both compile, so that the browser can predict what the server will
//! decide and the server can enforce the very same code.
//!
//! Pure Rust with no browser, database or network dependency: everything here is
//! a plain value or a pure function, which is what lets it run on both sides.
//!
//! The foundation holds the vocabulary that the rest is built on: the API's
//! health answer and the storage backends. The sync engine and the three modules
//! (canteen, village rules, volunteers and grids) add theirs as modules here.

pub mod api;

pub use api::{HealthResponse, StorageBackend, API_VERSION};
