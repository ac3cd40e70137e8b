//! A client's copy of its community: the records the server confirmed, the
//! mutations still pending, and the view the member sees (confirmed records
//! with the pending mutations' effects on top).
//!
//! This is the client half of the sync protocol, kept pure so that the
//! browser (which persists it in IndexedDB) and the tests (which drive many of
//! them against the real server) run the same code.
//!
//! Only two operations run the rules: [`Replica::plan`] (a new change) and
//! [`Replica::apply_pull`] (which replays the outbox over newly confirmed
//! records). Everything else, restoring from storage included, works from
//! each pending mutation's stored effects, so the browser can start and show
//! its records without the rules' code, which it loads separately.
//!
//! ## Usage
//! ```
//! use linli_core::replica::Replica;
//! use linli_core::{Actor, Mutation, Role, Timestamp};
//! use linli_core::notices::{NoticesMutation, PostNotice};
//!
//! let actor = Actor::new("m1".parse().unwrap(), [Role::Officer]);
//! let mut replica = Replica::new("c1".parse().unwrap(), "g1".parse().unwrap(), actor);
//! let post = Mutation::from(NoticesMutation::PostNotice(PostNotice {
//!     id: "n1".parse().unwrap(),
//!     title: "周三停水".into(),
//!     body: String::new(),
//! }));
//! replica.mutate(post, Timestamp(0)).unwrap();
//! assert!(replica.view().contains_key("notice/n1"));
//! assert_eq!(replica.push_request().mutations.len(), 1);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::{ClientGroupId, ClientId};
use crate::mutation::{Mutation, WireMutation};
use crate::protocol::{Cookie, PatchOp, PullRequest, PullResponse, PushMutation, PushRequest};
use crate::protocol::{PULL_VERSION, PUSH_VERSION, SCHEMA_VERSION};
use crate::rejection::ApplyError;
use crate::role::Actor;
use crate::time::Timestamp;
use crate::tx::{apply_changes, now_or_never, Changes, MemTx, TxError};

/// A mutation made on this client and not yet confirmed by the server, as
/// the device stores and pushes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingMutation {
    /// This client's mutation number.
    pub id: u64,
    pub mutation: WireMutation,
    /// The client's clock when the member acted.
    pub timestamp: Timestamp,
    /// What the rules changed in the view when the mutation was made, or
    /// when it was last replayed.
    pub effects: Changes,
}

/// What a pull changed, for the browser to persist in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PullOutcome {
    /// The patch cleared the confirmed records first.
    pub cleared: bool,
    /// Confirmed records written (`Some`) or deleted (`None`).
    pub confirmed_changes: Changes,
    /// Pending mutations the server has now processed, to drop from the outbox.
    pub confirmed_ids: Vec<u64>,
}

/// One client's state. See the module documentation.
#[derive(Clone, Debug)]
pub struct Replica {
    pub client_id: ClientId,
    pub client_group_id: ClientGroupId,
    pub actor: Actor,
    confirmed: BTreeMap<String, Value>,
    pending: Vec<PendingMutation>,
    /// The view where pending mutations change it; `None` while they change
    /// nothing, when the view is the confirmed records themselves. A first
    /// sync of 10,000 records then keeps one copy of them, not two, and
    /// saves a page's deep copy of every record.
    view: Option<BTreeMap<String, Value>>,
    /// Keys whose value in the view comes from a pending mutation.
    pending_keys: std::collections::BTreeSet<String>,
    next_mutation_id: u64,
    cookie: Option<Cookie>,
}

impl Replica {
    /// An empty replica, as on a device's first start.
    pub fn new(client_id: ClientId, client_group_id: ClientGroupId, actor: Actor) -> Self {
        Self::restore(
            client_id,
            client_group_id,
            actor,
            BTreeMap::new(),
            Vec::new(),
            1,
            None,
        )
    }

    /// A replica from what the device stored: the confirmed records, the
    /// outbox (in id order), the next mutation id and the cookie.
    pub fn restore(
        client_id: ClientId,
        client_group_id: ClientGroupId,
        actor: Actor,
        confirmed: BTreeMap<String, Value>,
        mut pending: Vec<PendingMutation>,
        next_mutation_id: u64,
        cookie: Option<Cookie>,
    ) -> Self {
        pending.sort_by_key(|pending| pending.id);
        let next_mutation_id = pending
            .last()
            .map_or(next_mutation_id, |last| next_mutation_id.max(last.id + 1));
        let mut replica = Self {
            client_id,
            client_group_id,
            actor,
            view: None,
            pending_keys: Default::default(),
            confirmed,
            pending,
            next_mutation_id,
            cookie,
        };
        replica.take_recorded_roles();
        replica.show_pending();
        replica
    }

    /// The server reads a member's roles from their record on every
    /// request; the replica does too, whenever it has the record: a role
    /// given or taken away on another device holds here from the pull that
    /// brings the change, and a member who has left holds none.
    fn take_recorded_roles(&mut self) {
        if let Some(record) = crate::members::member_record(&self.confirmed, &self.actor.member) {
            let roles = if record.active { record.roles } else { Vec::new() };
            self.actor = Actor::new(self.actor.member.clone(), roles);
        }
    }

    /// What the member sees: confirmed records with pending mutations on top.
    pub fn view(&self) -> &BTreeMap<String, Value> {
        self.view.as_ref().unwrap_or(&self.confirmed)
    }

    /// Keys the pending mutations change: what the UI marks "not synced yet".
    pub fn pending_keys(&self) -> &std::collections::BTreeSet<String> {
        &self.pending_keys
    }

    pub fn confirmed(&self) -> &BTreeMap<String, Value> {
        &self.confirmed
    }

    pub fn pending(&self) -> &[PendingMutation] {
        &self.pending
    }

    pub fn cookie(&self) -> Option<Cookie> {
        self.cookie
    }

    pub fn next_mutation_id(&self) -> u64 {
        self.next_mutation_id
    }

    /// Runs `mutation` on the view now, and queues it for the server. A
    /// mutation the core refuses here is not queued: the member sees why at
    /// once, and the server would refuse it too.
    pub fn mutate(&mut self, mutation: Mutation, now: Timestamp) -> Result<PendingMutation, ApplyError> {
        let pending = self.plan(mutation, now)?;
        self.accept(pending.clone());
        Ok(pending)
    }

    /// The first half of [`Replica::mutate`]: the mutation as it would be
    /// queued, with what it would change, without changing anything. The
    /// browser stores it durably first and [`accept`](Replica::accept)s it
    /// only once stored, so a change that could not be saved never appears.
    pub fn plan(&self, mutation: Mutation, now: Timestamp) -> Result<PendingMutation, ApplyError> {
        let effects = run(self.view(), &self.actor, &mutation, now)?;
        Ok(PendingMutation {
            id: self.next_mutation_id,
            mutation: WireMutation::from(&mutation),
            timestamp: now,
            effects,
        })
    }

    /// The second half of [`Replica::mutate`]: shows and queues a mutation
    /// planned on this replica with nothing in between, or one taken over
    /// from an earlier replica with its effects (the browser's restart under
    /// new client ids).
    pub fn accept(&mut self, pending: PendingMutation) {
        self.pending_keys.extend(pending.effects.keys().cloned());
        show_effects(&mut self.view, &self.confirmed, &pending.effects);
        self.next_mutation_id = self.next_mutation_id.max(pending.id + 1);
        self.pending.push(pending);
    }

    /// The push for every pending mutation, oldest first. Sending it again
    /// is harmless: the server skips what it has processed.
    pub fn push_request(&self) -> PushRequest {
        PushRequest {
            push_version: PUSH_VERSION,
            client_group_id: self.client_group_id.clone(),
            mutations: self
                .pending
                .iter()
                .map(|pending| PushMutation {
                    client_id: self.client_id.clone(),
                    id: pending.id,
                    name: pending.mutation.name.clone(),
                    args: pending.mutation.args.clone(),
                    timestamp: pending.timestamp.millis() as f64,
                })
                .collect(),
            profile_id: String::new(),
            schema_version: SCHEMA_VERSION.to_owned(),
        }
    }

    pub fn pull_request(&self) -> PullRequest {
        PullRequest {
            pull_version: PULL_VERSION,
            client_group_id: self.client_group_id.clone(),
            cookie: self.cookie,
            profile_id: String::new(),
            schema_version: SCHEMA_VERSION.to_owned(),
        }
    }

    /// Takes a pull response: applies the patch to the confirmed records,
    /// drops the mutations the server has processed, and replays the rest on
    /// top. A response older than what this replica has is ignored.
    pub fn apply_pull(&mut self, response: &PullResponse) -> PullOutcome {
        let mut outcome = PullOutcome::default();
        if self.cookie.is_some_and(|cookie| response.cookie < cookie) {
            return outcome;
        }
        for op in &response.patch {
            match op {
                PatchOp::Clear => {
                    self.confirmed.clear();
                    outcome.cleared = true;
                    outcome.confirmed_changes.clear();
                }
                PatchOp::Put { key, value } => {
                    self.confirmed.insert(key.clone(), value.clone());
                    outcome.confirmed_changes.insert(key.clone(), Some(value.clone()));
                }
                PatchOp::Del { key } => {
                    self.confirmed.remove(key);
                    outcome.confirmed_changes.insert(key.clone(), None);
                }
            }
        }
        self.cookie = Some(response.cookie);
        self.take_recorded_roles();
        if let Some(&last) = response.last_mutation_id_changes.get(&self.client_id) {
            outcome.confirmed_ids = self
                .pending
                .iter()
                .filter(|p| p.id <= last)
                .map(|p| p.id)
                .collect();
            self.pending.retain(|pending| pending.id > last);
        }
        self.replay();
        outcome
    }

    /// Runs every pending mutation again, in order, over the confirmed
    /// records, and keeps the effects each has now. A pending mutation the
    /// rules now refuse (its notice was deleted meanwhile), or that these
    /// rules cannot read (made by another version of the app), stays queued
    /// but changes nothing: the server decides it and leaves a rejection
    /// record for the member.
    fn replay(&mut self) {
        let actor = self.actor.clone();
        self.rebuild_view(|view, pending| {
            pending.effects = pending
                .mutation
                .parse()
                .ok()
                .and_then(|mutation| run(view, &actor, &mutation, pending.timestamp).ok())
                .unwrap_or_default();
        });
    }

    /// view = confirmed + every pending mutation's stored effects, in order.
    fn show_pending(&mut self) {
        self.rebuild_view(|_, _| {});
    }

    /// view = confirmed + every pending mutation's effects, in order, each
    /// first given the view so far to update them from (a replay) or not.
    /// Generic, so that `show_pending`'s copy holds none of the rules.
    fn rebuild_view(
        &mut self,
        mut update_effects: impl FnMut(&BTreeMap<String, Value>, &mut PendingMutation),
    ) {
        // Copied from the confirmed records only once a pending mutation
        // changes something: until then they are the view.
        let mut view: Option<BTreeMap<String, Value>> = None;
        let mut pending_keys = std::collections::BTreeSet::new();
        for pending in &mut self.pending {
            update_effects(view.as_ref().unwrap_or(&self.confirmed), pending);
            pending_keys.extend(pending.effects.keys().cloned());
            show_effects(&mut view, &self.confirmed, &pending.effects);
        }
        self.view = view;
        self.pending_keys = pending_keys;
    }
}

/// Puts `effects` on the view, first copying the confirmed records into it
/// if it was still them: a mutation that changes nothing costs no copy.
fn show_effects(
    view: &mut Option<BTreeMap<String, Value>>,
    confirmed: &BTreeMap<String, Value>,
    effects: &Changes,
) {
    if !effects.is_empty() {
        apply_changes(view.get_or_insert_with(|| confirmed.clone()), effects.clone());
    }
}

/// Applies `mutation` over `records` in memory and returns its changes.
pub fn run(
    records: &BTreeMap<String, Value>,
    actor: &Actor,
    mutation: &Mutation,
    now: Timestamp,
) -> Result<Changes, ApplyError> {
    let mut tx = MemTx::new(records);
    let result = now_or_never(mutation.apply(&mut tx, actor, now))
        .unwrap_or_else(|| Err(TxError::Storage("an in-memory transaction was not ready".into()).into()));
    result.map(|()| tx.into_changes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notices::{DeleteNotice, EditNotice, NoticesMutation, PostNotice};
    use crate::protocol::PullResponse;
    use crate::role::Role;
    use serde_json::json;

    fn officer_replica() -> Replica {
        Replica::new(
            "c1".parse().unwrap(),
            "g1".parse().unwrap(),
            Actor::new("m1".parse().unwrap(), [Role::Officer]),
        )
    }

    fn post(id: &str, title: &str) -> Mutation {
        Mutation::Notices(NoticesMutation::PostNotice(PostNotice {
            id: id.parse().unwrap(),
            title: title.into(),
            body: String::new(),
        }))
    }

    fn response(order: u64, patch: Vec<PatchOp>, last: Option<u64>) -> PullResponse {
        PullResponse {
            cookie: Cookie { order, readers: 0 },
            last_mutation_id_changes: last.map(|id| ("c1".parse().unwrap(), id)).into_iter().collect(),
            patch,
            more: false,
            remaining: 0,
        }
    }

    #[test]
    fn mutations_are_numbered_from_one_and_show_at_once() {
        let mut replica = officer_replica();
        assert_eq!(replica.mutate(post("n1", "停水"), Timestamp(1)).unwrap().id, 1);
        assert_eq!(replica.mutate(post("n2", "停电"), Timestamp(2)).unwrap().id, 2);
        assert_eq!(replica.view().len(), 2);
        assert!(replica.confirmed().is_empty());
        let ids: Vec<u64> = replica.push_request().mutations.iter().map(|m| m.id).collect();
        assert_eq!(ids, [1, 2]);
    }

    #[test]
    fn the_view_follows_pulls_and_pending_changes_and_leaves_the_confirmed_records_alone() {
        let mut replica = officer_replica();
        let notice = |title: &str| json!({"id": "n1", "title": title, "body": "", "author": "m1", "postedAt": 5, "editedAt": null});
        let put = |title: &str| PatchOp::Put {
            key: "notice/n1".into(),
            value: notice(title),
        };
        replica.apply_pull(&response(1, vec![PatchOp::Clear, put("停水")], None));
        assert_eq!(
            replica.view(),
            replica.confirmed(),
            "nothing pending: the records as confirmed"
        );

        replica.mutate(post("n2", "停电"), Timestamp(2)).unwrap();
        assert!(replica.view().contains_key("notice/n2"));
        assert!(
            !replica.confirmed().contains_key("notice/n2"),
            "a pending change is not confirmed"
        );

        // A pull that changes n1 while n2 is pending: both show.
        replica.apply_pull(&response(2, vec![put("停水改期")], None));
        assert_eq!(replica.view()["notice/n1"]["title"], "停水改期");
        assert!(replica.view().contains_key("notice/n2"));

        // n2 confirmed: nothing pending, and the view is the confirmed records again.
        let server_n2 =
            json!({"id": "n2", "title": "停电", "body": "", "author": "m1", "postedAt": 6, "editedAt": null});
        replica.apply_pull(&response(
            3,
            vec![PatchOp::Put {
                key: "notice/n2".into(),
                value: server_n2.clone(),
            }],
            Some(1),
        ));
        assert!(replica.pending().is_empty());
        assert_eq!(replica.view(), replica.confirmed());
        assert_eq!(replica.view()["notice/n2"], server_n2);
    }

    #[test]
    fn a_mutation_the_core_refuses_is_not_queued() {
        let mut replica = officer_replica();
        let err = replica.mutate(post("n1", "   "), Timestamp(1)).unwrap_err();
        assert!(matches!(err, ApplyError::Rejected(_)));
        assert!(replica.pending().is_empty());
        assert_eq!(replica.next_mutation_id(), 1, "a refused mutation uses no number");
    }

    #[test]
    fn a_pull_confirms_processed_mutations_and_replays_the_rest() {
        let mut replica = officer_replica();
        replica.mutate(post("n1", "停水"), Timestamp(1)).unwrap();
        replica.mutate(post("n2", "停电"), Timestamp(2)).unwrap();
        let server_n1 =
            json!({"id": "n1", "title": "停水", "body": "", "author": "m1", "postedAt": 5, "editedAt": null});
        let outcome = replica.apply_pull(&response(
            3,
            vec![PatchOp::Put {
                key: "notice/n1".into(),
                value: server_n1.clone(),
            }],
            Some(1),
        ));
        assert_eq!(outcome.confirmed_ids, [1]);
        assert_eq!(replica.pending().len(), 1);
        assert_eq!(
            replica.view()["notice/n1"],
            server_n1,
            "the server's version wins"
        );
        assert!(
            replica.view().contains_key("notice/n2"),
            "still pending, still shown"
        );
        assert_eq!(
            replica.pull_request().cookie,
            Some(Cookie { order: 3, readers: 0 })
        );
    }

    #[test]
    fn a_pending_edit_of_a_notice_deleted_elsewhere_changes_nothing_but_stays_queued() {
        let mut replica = officer_replica();
        replica.mutate(post("n1", "停水"), Timestamp(1)).unwrap();
        let confirmed =
            json!({"id": "n1", "title": "停水", "body": "", "author": "m1", "postedAt": 5, "editedAt": null});
        replica.apply_pull(&response(
            1,
            vec![PatchOp::Put {
                key: "notice/n1".into(),
                value: confirmed,
            }],
            Some(1),
        ));
        replica
            .mutate(
                Mutation::Notices(NoticesMutation::EditNotice(EditNotice {
                    id: "n1".parse().unwrap(),
                    title: "改期".into(),
                    body: String::new(),
                })),
                Timestamp(2),
            )
            .unwrap();
        // Someone else deleted it meanwhile.
        replica.apply_pull(&response(
            2,
            vec![PatchOp::Del {
                key: "notice/n1".into(),
            }],
            None,
        ));
        assert!(!replica.view().contains_key("notice/n1"));
        assert_eq!(
            replica.pending().len(),
            1,
            "the server decides, and leaves a rejection record"
        );
    }

    #[test]
    fn an_older_response_is_ignored() {
        let mut replica = officer_replica();
        replica.apply_pull(&response(
            5,
            vec![PatchOp::Put {
                key: "notice/a".into(),
                value: json!(1),
            }],
            None,
        ));
        replica.apply_pull(&response(4, vec![PatchOp::Clear], None));
        assert!(replica.confirmed().contains_key("notice/a"));
        assert_eq!(replica.cookie(), Some(Cookie { order: 5, readers: 0 }));
    }

    #[test]
    fn restoring_from_storage_shows_the_outbox_by_its_stored_effects() {
        let mut replica = officer_replica();
        replica.mutate(post("n1", "停水"), Timestamp(1)).unwrap();
        replica
            .mutate(
                Mutation::Notices(NoticesMutation::DeleteNotice(DeleteNotice {
                    id: "n1".parse().unwrap(),
                })),
                Timestamp(2),
            )
            .unwrap();
        replica.mutate(post("n2", "停电"), Timestamp(3)).unwrap();
        let restored = Replica::restore(
            replica.client_id.clone(),
            replica.client_group_id.clone(),
            replica.actor.clone(),
            replica.confirmed().clone(),
            replica.pending().iter().rev().cloned().collect(),
            1,
            None,
        );
        assert_eq!(restored.view(), replica.view());
        assert_eq!(restored.next_mutation_id(), 4);
    }

    #[test]
    fn a_stored_mutation_these_rules_cannot_read_is_shown_pushed_and_left_to_the_server() {
        let from_a_newer_app = PendingMutation {
            id: 1,
            mutation: WireMutation {
                name: "renameNotice".into(),
                args: json!({"id": "n1"}),
            },
            timestamp: Timestamp(1),
            effects: [("notice/n1".to_owned(), Some(json!({"title": "新"})))].into(),
        };
        let actor = Actor::new("m1".parse().unwrap(), [Role::Officer]);
        let mut replica = Replica::restore(
            "c1".parse().unwrap(),
            "g1".parse().unwrap(),
            actor,
            BTreeMap::new(),
            vec![from_a_newer_app],
            2,
            None,
        );
        assert!(replica.view().contains_key("notice/n1"), "shown as it was stored");
        assert_eq!(replica.push_request().mutations[0].name, "renameNotice");

        replica.apply_pull(&response(1, vec![], None));
        assert_eq!(
            replica.pending().len(),
            1,
            "still queued for the server to decide"
        );
        assert!(replica.pending()[0].effects.is_empty());
        assert!(!replica.view().contains_key("notice/n1"));
    }

    #[test]
    fn roles_follow_the_member_record_a_pull_brings() {
        let mut replica = officer_replica();
        let record = |roles: &[&str], active: bool| PatchOp::Put {
            key: "member/m1".into(),
            value: json!({"id": "m1", "name": "徐敬波", "roles": roles, "active": active}),
        };
        replica.apply_pull(&response(1, vec![record(&["resident"], true)], None));
        assert!(!replica.actor.has_any(&[Role::Officer]), "lowered elsewhere");
        assert!(
            replica.mutate(post("n1", "停水"), Timestamp(1)).is_err(),
            "predicts the server's refusal"
        );
        replica.apply_pull(&response(2, vec![record(&["resident", "officer"], true)], None));
        assert!(replica.actor.has_any(&[Role::Officer]));
        replica.apply_pull(&response(3, vec![record(&["officer"], false)], None));
        assert!(replica.actor.roles.is_empty(), "a member who left holds no role");
    }
}
