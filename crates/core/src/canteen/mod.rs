//! The community canteen (社区食堂 / 老年助餐): money in fen, the menu,
//! pricing by rules, meal subscriptions with roll-over, and the balance ledger.
//!
//! Everything here is pure: the browser uses it to show a price before the
//! server has seen the order, and the server recomputes it and refuses a price
//! that differs.

pub mod ledger;
pub mod menu;
pub mod money;
pub mod mutations;
pub mod pricing;
pub mod records;
pub mod subscription;

pub use money::Fen;
