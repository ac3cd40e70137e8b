//! Named mutations: every change to a community's records is one of these,
//! applied by the same function in the browser (to predict) and on the server
//! (to decide).
//!
//! On the wire a mutation is `{"name": "postNotice", "args": {...}}`, the
//! shape of Replicache's push; the names are the JS mutator names a Replicache
//! client would register. Each module declares its own mutations
//! (`declare_module!` in its folder, see [`crate::module`]); this file only
//! lists the modules.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canteen::CanteenMutation;
use crate::keys::RecordKind;
use crate::members::MembersMutation;
use crate::notices::NoticesMutation;
use crate::rejection::{ApplyError, Rejection, RejectionCode};
use crate::role::{Actor, MayRun};
use crate::rules::RulesMutation;
use crate::services::ServicesMutation;
use crate::time::Timestamp;
use crate::tx::{Tx, TxError};
use crate::village::VillageMutation;
use crate::volunteers::VolunteersMutation;

/// Gathers the modules' declarations into [`Mutation`]: one variant per
/// module, each holding that module's own enum.
///
/// Reading is written out rather than derived: serde's derive for an
/// adjacently tagged enum of this size also reads every variant's arguments
/// from a buffered copy (for `args` sent before `name`), which made the
/// derived reader the largest function in the browser's wasm. Here the
/// arguments are read once, from the JSON value, for the mutation the name picks.
macro_rules! modules {
    ($($module:ident($enum:ident),)*) => {
        /// Every mutation the server accepts, by module, with its typed arguments.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[serde(untagged)]
        pub enum Mutation {
            $($module($enum),)*
        }

        $(impl From<$enum> for Mutation {
            fn from(mutation: $enum) -> Mutation {
                Mutation::$module(mutation)
            }
        })*

        /// Each module with its mutations' wire names.
        const MODULES: &[(&str, &[&str])] = &[$(($enum::MODULE, $enum::NAMES),)*];

        /// Every declared kind of record, module by module, after the one
        /// every community has whatever its modules.
        pub const ALL_RECORD_KINDS: &[&[RecordKind]] = &[crate::keys::RECORD_KINDS, $($enum::RECORD_KINDS,)*];

        impl Mutation {
            /// Reads a mutation from its wire name and arguments.
            pub fn parse(name: &str, args: &Value) -> Result<Mutation, ParseMutationError> {
                let bad_args = |err: serde_json::Error| ParseMutationError::BadArgs {
                    name: name.to_owned(),
                    reason: err.to_string(),
                };
                $(if let Some(parsed) = $enum::parse(name, args) {
                    return parsed.map(Mutation::$module).map_err(bad_args);
                })*
                Err(ParseMutationError::UnknownName(name.to_owned()))
            }

            /// The wire name.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Mutation::$module(mutation) => mutation.name(),)*
                }
            }

            /// The module the mutation belongs to, as the audit log files it.
            pub fn module(&self) -> &'static str {
                match self {
                    $(Mutation::$module(_) => $enum::MODULE,)*
                }
            }

            /// Who may try this mutation at all, as its module declares it.
            /// Finer rules (an author editing their own notice) are checked in apply.
            pub fn may_run(&self) -> MayRun {
                match self {
                    $(Mutation::$module(mutation) => mutation.may_run(),)*
                }
            }

            /// Who may try the mutation named `name`; `None` for no mutation.
            pub fn may_run_by_name(name: &str) -> Option<MayRun> {
                None$(.or_else(|| $enum::may_run_by_name(name)))*
            }

            /// The mutation's own rules.
            async fn run(&self, tx: &mut impl Tx, actor: &Actor, now: Timestamp) -> Result<(), ApplyError> {
                match self {
                    $(Mutation::$module(mutation) => mutation.run(tx, actor, now).await,)*
                }
            }
        }

        /// Each mutation's wire name with the example of its arguments its
        /// module declares: what the round-trip test reads back, and what the
        /// server's role matrix and fuzz harness send.
        pub fn example_args() -> Vec<(&'static str, Value)> {
            let mut examples = Vec::new();
            $(examples.extend($enum::examples());)*
            examples
        }
    };
}

modules! {
    Members(MembersMutation),
    Notices(NoticesMutation),
    Canteen(CanteenMutation),
    Rules(RulesMutation),
    Volunteers(VolunteersMutation),
    Services(ServicesMutation),
    Village(VillageMutation),
}

/// A mutation as it travels and is stored, `{"name": …, "args": …}`: read
/// as a [`Mutation`] only where the rules run ([`WireMutation::parse`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireMutation {
    pub name: String,
    pub args: Value,
}

impl WireMutation {
    pub fn parse(&self) -> Result<Mutation, ParseMutationError> {
        Mutation::parse(&self.name, &self.args)
    }
}

impl From<&Mutation> for WireMutation {
    fn from(mutation: &Mutation) -> Self {
        WireMutation {
            name: mutation.name().to_owned(),
            args: mutation.args(),
        }
    }
}

/// The wire form, the keys in either order, read through [`Mutation::parse`].
impl<'de> Deserialize<'de> for Mutation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        WireMutation::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// `args` without the fields no log may keep: invite codes, ballots' choices
/// and questionnaires' answers.
pub fn strip_secrets(mut args: Value) -> Value {
    if let Value::Object(fields) = &mut args {
        for secret in ["inviteCode", "choice", "answers"] {
            fields.remove(secret);
        }
    }
    args
}

/// Why a `(name, args)` pair is not a mutation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseMutationError {
    /// No mutation has this name: a client from another version of the app.
    #[error("unknown mutation {0:?}")]
    UnknownName(String),
    /// The name is known but the arguments do not fit it.
    #[error("bad arguments for {name}: {reason}")]
    BadArgs { name: String, reason: String },
}

impl Mutation {
    /// The wire names of every mutation, module by module.
    pub fn names() -> impl Iterator<Item = &'static str> {
        MODULES.iter().flat_map(|(_, names)| names.iter().copied())
    }

    /// The wire arguments.
    pub fn args(&self) -> Value {
        match serde_json::to_value(self) {
            Ok(Value::Object(mut tagged)) => tagged.remove("args").unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }

    /// Every module with its mutations' wire names, as the audit log files
    /// them (for its filters and labels).
    pub fn modules() -> &'static [(&'static str, &'static [&'static str])] {
        MODULES
    }

    /// The module of the mutation named `name` ("unknown" for no mutation).
    pub fn module_of(name: &str) -> &'static str {
        MODULES
            .iter()
            .find(|(_, names)| names.contains(&name))
            .map_or("unknown", |(module, _)| *module)
    }

    /// The arguments as the server's audit log may keep them: everything but
    /// a secret (an invite code), a choice (a ballot's, which for a secret
    /// vote no one but the voter may know) or a questionnaire's answers
    /// (which for an anonymous one no one may join to the member).
    pub fn audit_args(&self) -> Value {
        strip_secrets(self.args())
    }

    /// Whether the actor's roles let them try this mutation; the UI uses it to
    /// offer only what will not be refused.
    pub fn permitted(&self, actor: &Actor) -> bool {
        self.may_run().allows(actor)
    }

    /// Applies the mutation for `actor` at `now`. Pure and deterministic: the
    /// same records, actor, mutation and time give the same changes, which is
    /// what lets the browser's prediction match the server's decision.
    pub async fn apply(&self, tx: &mut impl Tx, actor: &Actor, now: Timestamp) -> Result<(), ApplyError> {
        if !self.permitted(actor) {
            return Err(Rejection::new(RejectionCode::Forbidden, None).into());
        }
        crate::validate::check_args(&self.args())
            .map_err(|_| Rejection::new(RejectionCode::InvalidArgs, None))?;
        match self.run(tx, actor, now).await {
            // A key no record may have comes from the arguments: a refusal
            // like any other, never a storage failure to retry forever.
            Err(ApplyError::Storage(TxError::InvalidKey(_))) => {
                Err(Rejection::new(RejectionCode::InvalidArgs, None).into())
            }
            outcome => outcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys;
    use crate::notices::DismissRejection;
    use crate::replica::run;
    use crate::role::Role;
    use crate::rules::mutations::CastBallot;
    use serde_json::json;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn every_example_parses_back_to_its_mutation() {
        let examples = example_args();
        let names: Vec<&str> = Mutation::names().collect();
        assert_eq!(
            examples.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
            names,
            "one example for every mutation, in the declarations' order"
        );
        for (name, args) in examples {
            let mutation = Mutation::parse(name, &args).unwrap();
            assert_eq!(mutation.name(), name);
            assert_eq!(mutation.args(), args);
            assert_eq!(
                serde_json::to_value(&mutation).unwrap(),
                json!({"name": name, "args": args})
            );
            assert_eq!(Mutation::may_run_by_name(name), Some(mutation.may_run()));
        }
        assert!(matches!(
            Mutation::parse("nope", &json!({})),
            Err(ParseMutationError::UnknownName(_))
        ));
        assert!(matches!(
            Mutation::parse("postNotice", &json!({"id": "n1"})),
            Err(ParseMutationError::BadArgs { .. })
        ));
    }

    #[test]
    fn the_wire_form_reads_back_with_its_keys_in_either_order() {
        let mutation = Mutation::from(RulesMutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 1,
        }));
        let wire = serde_json::to_value(&mutation).unwrap();
        assert_eq!(
            wire,
            json!({"name": "castBallot", "args": {"vote": "v1", "choice": 1}})
        );
        assert_eq!(serde_json::from_value::<Mutation>(wire).unwrap(), mutation);
        let args_first = r#"{"args": {"vote": "v1", "choice": 1}, "name": "castBallot"}"#;
        assert_eq!(serde_json::from_str::<Mutation>(args_first).unwrap(), mutation);

        let unknown = serde_json::from_str::<Mutation>(r#"{"name": "castBallots", "args": {}}"#);
        assert!(unknown.unwrap_err().to_string().contains("unknown mutation"));
        let bad = serde_json::from_str::<Mutation>(r#"{"name": "castBallot", "args": {"vote": "v1"}}"#);
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("bad arguments for castBallot"));
        assert!(serde_json::from_str::<Mutation>(r#"{"name": "castBallot"}"#).is_err());
    }

    #[test]
    fn every_wire_name_belongs_to_exactly_one_module() {
        let names: Vec<&str> = Mutation::names().collect();
        let distinct: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(distinct.len(), names.len(), "no two mutations share a wire name");
        for name in names {
            let mutation = Mutation::parse(
                name,
                &example_args().into_iter().find(|(n, _)| *n == name).unwrap().1,
            )
            .unwrap();
            assert_eq!(Mutation::module_of(name), mutation.module(), "{name}");
        }
    }

    #[test]
    fn every_declared_record_kind_has_its_own_prefix() {
        let prefixes: Vec<&str> = ALL_RECORD_KINDS
            .iter()
            .flat_map(|kinds| kinds.iter())
            .map(|kind| kind.prefix)
            .collect();
        let distinct: BTreeSet<&str> = prefixes.iter().copied().collect();
        assert_eq!(
            distinct.len(),
            prefixes.len(),
            "two modules declare the same kind of record"
        );
    }

    #[test]
    fn the_audit_log_keeps_no_invite_code_and_no_ballot_choice() {
        let ballot = Mutation::from(RulesMutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 1,
        }));
        assert_eq!(ballot.audit_args(), json!({"vote": "v1"}));
        assert_eq!(ballot.module(), "rules");
        let (name, args) = &example_args()[0];
        let register = Mutation::parse(name, args).unwrap();
        assert!(register.audit_args().get("inviteCode").is_none());
        assert_eq!(register.audit_args()["name"], "新人");
    }

    #[test]
    fn a_member_dismisses_only_their_own_rejections() {
        let me = Actor::new("m1".parse().unwrap(), [Role::Resident]);
        let mine = keys::rejection(&me.member, &"c1".parse().unwrap(), 3);
        let theirs = keys::rejection(&"m2".parse().unwrap(), &"c1".parse().unwrap(), 3);
        let records: BTreeMap<String, Value> =
            [(mine.clone(), json!({})), (theirs.clone(), json!({}))].into();
        let dismiss = Mutation::from(NoticesMutation::DismissRejection(DismissRejection {
            client_id: "c1".parse().unwrap(),
            mutation_id: 3,
        }));
        let changes = run(&records, &me, &dismiss, Timestamp(0)).unwrap();
        assert_eq!(changes.get(&mine), Some(&None));
        assert!(!changes.contains_key(&theirs));
        let other = Actor::new("m3".parse().unwrap(), [Role::Admin]);
        assert!(
            run(&records, &other, &dismiss, Timestamp(0)).is_err(),
            "an admin has none to dismiss"
        );
    }
}
