//! Members over the years, as each member sees their own and as officers
//! and admins manage everyone: signed-in devices (a lost phone signed out
//! from another), roles raised and lowered, new invite codes for new
//! phones, members who leave, and the server's audit log of every change.
//! The rules are `linli_core::members`'; these screens only show them.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! use linli::members::{AuditPage, DevicesCard, MembersPage};
//! # fn example() -> impl IntoView {
//! view! {
//!     <DevicesCard />  // on the settings screen, for every member
//!     <MembersPage />  // `/members`, for officers and admins
//!     <AuditPage />    // `/members/audit`
//! }
//! # }
//! ```

mod audit;
mod devices;
pub mod i18n;
mod roster;

pub use audit::AuditPage;
pub use devices::{devices, DeviceList, DevicesCard};
pub use roster::MembersPage;
