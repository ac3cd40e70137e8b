//! The village rules (村规民约): proposals from villagers and fireside
//! meetings (乡村夜话), deliberation, drafting as numbered articles, review,
//! a vote with quorum against the register, and the charter's versions.
//!
//! Every step is a mutation here, so a tablet at a meeting can record it with
//! no network and the server decides the same way. Only the final count of a
//! secret vote needs the server: no device but the server holds every ballot.

pub mod charter;
pub mod mutations;
pub mod records;
pub mod tally;

/// Who runs the rules process: moves stages, records meetings and reviews,
/// opens and counts votes, keeps the register.
pub const RULES_OFFICERS: [crate::role::Role; 2] = [crate::role::Role::Officer, crate::role::Role::Admin];
