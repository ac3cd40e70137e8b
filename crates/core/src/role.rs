//! Roles and the actor a mutation runs for.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::MemberId;

/// What a member may do. A member can hold several roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    CanteenStaff,
    GridWorker,
    Volunteer,
    Officer,
    Admin,
    /// Runs the 萌宝驿站 childcare station; the only role that reads
    /// children's records besides their guardians.
    ChildcareStaff,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Resident,
        Role::CanteenStaff,
        Role::GridWorker,
        Role::Volunteer,
        Role::Officer,
        Role::Admin,
        Role::ChildcareStaff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::CanteenStaff => "canteen_staff",
            Role::GridWorker => "grid_worker",
            Role::Volunteer => "volunteer",
            Role::Officer => "officer",
            Role::Admin => "admin",
            Role::ChildcareStaff => "childcare_staff",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Officers and admins: who keep the community's records (its members, the
/// rules process, the grid registry) and may act on anyone's.
pub const OFFICERS: [Role; 2] = [Role::Officer, Role::Admin];

impl Role {
    /// The role's holders, as docs/PROTOCOL.md's tables name them.
    pub fn holders(self) -> &'static str {
        match self {
            Role::Resident => "residents",
            Role::CanteenStaff => "canteen staff",
            Role::GridWorker => "grid workers",
            Role::Volunteer => "volunteers",
            Role::Officer => "officers",
            Role::Admin => "admins",
            Role::ChildcareStaff => "childcare staff",
        }
    }
}

/// The holders of `roles` as docs/PROTOCOL.md's tables name them:
/// "canteen staff, officers, admins".
pub fn holders_of(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| role.holders())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who may try a mutation at all, as its module declares it; finer rules
/// (the author of a notice, the worker of a grid) are the mutation's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MayRun {
    AnyMember,
    Holders(&'static [Role]),
}

impl MayRun {
    pub fn allows(self, actor: &Actor) -> bool {
        match self {
            MayRun::AnyMember => true,
            MayRun::Holders(roles) => actor.has_any(roles),
        }
    }

    /// "any member", or the holders as docs/PROTOCOL.md's mutations table
    /// begins its "who" cell (a test holds the two together).
    pub fn describe(self) -> String {
        match self {
            MayRun::AnyMember => "any member".to_owned(),
            MayRun::Holders(roles) => holders_of(roles),
        }
    }
}

/// The name is not one of the roles.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(name: &str) -> Result<Self, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
            .ok_or_else(|| UnknownRole(name.to_owned()))
    }
}

/// Who runs a mutation: the signed-in member and the roles the server holds
/// for them. On the server the roles come from its own records, never from
/// the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub member: MemberId,
    pub roles: BTreeSet<Role>,
}

impl Actor {
    pub fn new(member: MemberId, roles: impl IntoIterator<Item = Role>) -> Self {
        Self {
            member,
            roles: roles.into_iter().collect(),
        }
    }

    /// Holds at least one of `roles`.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|role| self.roles.contains(role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
        assert!("mayor".parse::<Role>().is_err());
    }
}
