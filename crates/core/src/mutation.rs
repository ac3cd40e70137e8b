//! Named mutations: every change to a community's records is one of these,
//! applied by the same function in the browser (to predict) and on the server
//! (to decide).
//!
//! On the wire a mutation is `{"name": "postNotice", "args": {...}}`, the
//! shape of Replicache's push; the names are the JS mutator names a Replicache
//! client would register.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::ClientId;
use crate::keys;
use crate::members::{self, RegisterMember, UpdateProfile};
use crate::notices::{self, AcknowledgeNotice, DeleteNotice, EditNotice, PostNotice, NOTICE_EDITORS};
use crate::rejection::{ApplyError, Rejection, RejectionCode};
use crate::role::{Actor, Role};
use crate::time::Timestamp;
use crate::tx::Tx;

/// Every mutation the server accepts, with its typed arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", content = "args", rename_all = "camelCase")]
pub enum Mutation {
    RegisterMember(RegisterMember),
    UpdateProfile(UpdateProfile),
    PostNotice(PostNotice),
    EditNotice(EditNotice),
    DeleteNotice(DeleteNotice),
    AcknowledgeNotice(AcknowledgeNotice),
    DismissRejection(DismissRejection),
}

/// `dismissRejection`: the member has read the notice about a refused change
/// and removes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DismissRejection {
    #[serde(rename = "clientID")]
    pub client_id: ClientId,
    #[serde(rename = "mutationID")]
    pub mutation_id: u64,
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
    /// The names of all mutations, as sent on the wire.
    pub const NAMES: [&'static str; 7] = [
        "registerMember",
        "updateProfile",
        "postNotice",
        "editNotice",
        "deleteNotice",
        "acknowledgeNotice",
        "dismissRejection",
    ];

    /// Reads a mutation from its wire name and arguments.
    pub fn parse(name: &str, args: &Value) -> Result<Mutation, ParseMutationError> {
        if !Self::NAMES.contains(&name) {
            return Err(ParseMutationError::UnknownName(name.to_owned()));
        }
        let tagged = serde_json::json!({ "name": name, "args": args });
        serde_json::from_value(tagged).map_err(|err| ParseMutationError::BadArgs {
            name: name.to_owned(),
            reason: err.to_string(),
        })
    }

    /// The wire name.
    pub fn name(&self) -> &'static str {
        match self {
            Mutation::RegisterMember(_) => "registerMember",
            Mutation::UpdateProfile(_) => "updateProfile",
            Mutation::PostNotice(_) => "postNotice",
            Mutation::EditNotice(_) => "editNotice",
            Mutation::DeleteNotice(_) => "deleteNotice",
            Mutation::AcknowledgeNotice(_) => "acknowledgeNotice",
            Mutation::DismissRejection(_) => "dismissRejection",
        }
    }

    /// The wire arguments.
    pub fn args(&self) -> Value {
        match serde_json::to_value(self) {
            Ok(Value::Object(mut tagged)) => tagged.remove("args").unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }

    /// The roles that may run this mutation at all; `None` means any member.
    /// Finer rules (an author editing their own notice) are checked in apply.
    pub fn allowed_roles(&self) -> Option<&'static [Role]> {
        match self {
            Mutation::RegisterMember(_) => Some(&[Role::Officer, Role::Admin]),
            Mutation::PostNotice(_) => Some(NOTICE_EDITORS),
            Mutation::UpdateProfile(_)
            | Mutation::EditNotice(_)
            | Mutation::DeleteNotice(_)
            | Mutation::AcknowledgeNotice(_)
            | Mutation::DismissRejection(_) => None,
        }
    }

    /// Whether the actor's roles let them try this mutation; the UI uses it to
    /// offer only what will not be refused.
    pub fn permitted(&self, actor: &Actor) -> bool {
        self.allowed_roles().is_none_or(|roles| actor.has_any(roles))
    }

    /// Applies the mutation for `actor` at `now`. Pure and deterministic: the
    /// same records, actor, mutation and time give the same changes, which is
    /// what lets the browser's prediction match the server's decision.
    pub async fn apply(&self, tx: &mut impl Tx, actor: &Actor, now: Timestamp) -> Result<(), ApplyError> {
        if !self.permitted(actor) {
            return Err(Rejection::new(RejectionCode::Forbidden, None).into());
        }
        match self {
            Mutation::RegisterMember(args) => members::register_member(tx, actor, args).await,
            Mutation::UpdateProfile(args) => members::update_profile(tx, actor, args).await,
            Mutation::PostNotice(args) => notices::post_notice(tx, actor, args, now).await,
            Mutation::EditNotice(args) => notices::edit_notice(tx, actor, args, now).await,
            Mutation::DeleteNotice(args) => notices::delete_notice(tx, actor, args).await,
            Mutation::AcknowledgeNotice(args) => notices::acknowledge_notice(tx, actor, args, now).await,
            Mutation::DismissRejection(args) => {
                // Only one's own: the key names the actor.
                let key = keys::rejection(&actor.member, &args.client_id, args.mutation_id);
                if tx.get(&key).await?.is_none() {
                    return Err(Rejection::new(RejectionCode::NotFound, key).into());
                }
                tx.del(&key).await?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::run;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn every_name_parses_back_to_its_mutation() {
        let samples = [
            json!({"id": "m9", "name": "新人", "roles": ["resident"], "inviteCode": "ABCDE23456"}),
            json!({"name": "新名字"}),
            json!({"id": "n1", "title": "t", "body": ""}),
            json!({"id": "n1", "title": "t", "body": ""}),
            json!({"id": "n1"}),
            json!({"id": "n1"}),
            json!({"clientID": "c1", "mutationID": 3}),
        ];
        for (name, args) in Mutation::NAMES.iter().zip(samples) {
            let mutation = Mutation::parse(name, &args).unwrap();
            assert_eq!(mutation.name(), *name);
            assert_eq!(mutation.args(), args);
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
    fn a_member_dismisses_only_their_own_rejections() {
        let me = Actor::new("m1".parse().unwrap(), [Role::Resident]);
        let mine = keys::rejection(&me.member, &"c1".parse().unwrap(), 3);
        let theirs = keys::rejection(&"m2".parse().unwrap(), &"c1".parse().unwrap(), 3);
        let records: BTreeMap<String, Value> =
            [(mine.clone(), json!({})), (theirs.clone(), json!({}))].into();
        let dismiss = Mutation::DismissRejection(DismissRejection {
            client_id: "c1".parse().unwrap(),
            mutation_id: 3,
        });
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
