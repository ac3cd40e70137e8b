//! Volunteers and grids (网格 / 志愿者): the grid registry and who belongs
//! where, activities with sign-in and service hours, household visit rounds
//! (三遍走), the case chain (巡查—上报—处置—反馈) and the care ledger (帮扶台账).
//!
//! Care-ledger entries are filed under their grid (`vol/care/<grid>/…`): only
//! that grid's worker, officers and admins ever receive them (see
//! `keys::Audience::Grid`).

pub mod cases;
pub mod hours;
pub mod mutations;
pub mod records;
pub mod visits;

/// Who runs the registry, posts activities and sees every grid.
pub const GRID_OFFICERS: [crate::role::Role; 2] = [crate::role::Role::Officer, crate::role::Role::Admin];
