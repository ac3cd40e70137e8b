//! Who holds the device: joining with an invite code, switching between the
//! members on a shared device, locking it back to the chooser, following
//! another tab that did, and signing a member out, each keeping the list of
//! members (`store::device_members`) and the held database in step.
//!
//! Part of the sync engine (`engine.rs`), the wasm module the first screen
//! does without: each of these needs the network or comes after a member
//! has acted, and the list's reading and writing code stays off the first
//! download. Every step that swaps the held database first waits for a
//! running sync to end, so a pull for one member never lands in another's.

use leptos::prelude::*;

use super::api;
use super::{device_name, random_id, request_persistent_storage, Community, SyncProblem, HANDS};
use crate::store::device_members::{DeviceMember, DeviceMembers};
use crate::store::local_db::{DeviceMeta, SessionInfo};
use crate::store::StoreError;

impl Community {
    /// Keeps the list current for the member held now: adds them if the
    /// list lacks them (a device from before it could hold several), and
    /// their name as their community knows it and how many changes wait to
    /// be sent, for the chooser. After every change and sync.
    pub(super) fn remember_active(self) {
        let (Some(session), Some(database)) = (
            self.session.get_untracked(),
            self.db
                .with_value(|db| db.as_ref().map(|db| db.name().to_owned())),
        ) else {
            return;
        };
        let name = self
            .replica
            .with_value(|replica| {
                let replica = replica.as_ref()?;
                let record = replica
                    .view()
                    .get(&linli_core::keys::member(&replica.actor.member))?;
                record.get("name")?.as_str().map(str::to_owned)
            })
            .unwrap_or_default();
        let pending = self.status.pending.get_untracked();
        let mut members = DeviceMembers::load();
        if members.by_database(&database).is_none() {
            members.members.push(DeviceMember::new(
                &database,
                &session.member_id,
                &session.community,
            ));
            members.active = Some(database.clone());
        }
        let Some(entry) = members.by_database(&database) else {
            return;
        };
        let name = if name.is_empty() { entry.name.clone() } else { name };
        // Both languages: this runs outside any view, where the language
        // (a context) cannot be read; the chooser picks one.
        let community_name = session.community_name;
        let unchanged =
            entry.pending == pending && entry.name == name && entry.community_name == community_name;
        entry.pending = pending;
        entry.name = name;
        entry.community_name = community_name;
        if !unchanged {
            let _ = members.save();
        }
        self.holds_members.set(true);
        self.members.set(members);
    }

    pub(super) async fn switch_to_now(self, database: String) -> Result<(), SyncProblem> {
        self.sync_finished().await;
        let mut members = DeviceMembers::load();
        if members.by_database(&database).is_none() {
            return Err(SyncProblem::Store(StoreError::Unavailable));
        }
        members.active = Some(database.clone());
        members.save().map_err(SyncProblem::Store)?;
        self.members.set(members);
        self.hold(&database).await.map_err(SyncProblem::Store)?;
        self.remember_active();
        self.tell_other_tabs(HANDS);
        self.schedule(300.0);
        Ok(())
    }

    /// The active member's screens close at once; their records leave
    /// memory once a sync sending their changes ends.
    pub(super) async fn lock_now(self) {
        // The chooser shows how many of their changes wait.
        self.remember_active();
        let mut members = DeviceMembers::load();
        if members.active.is_none() && self.session.get_untracked().is_none() {
            return;
        }
        members.active = None;
        let _ = members.save();
        self.members.set(members);
        self.session.set(None);
        self.tell_other_tabs(HANDS);
        let hands = self.hands.get_value();
        self.sync_finished().await;
        if self.hands.get_value() == hands {
            self.let_go();
        }
    }

    /// Another tab switched member or locked: this one follows.
    pub(super) async fn follow_other_tab_now(self) {
        let members = DeviceMembers::load();
        let active = members.active.clone();
        let held = self
            .db
            .with_value(|db| db.as_ref().map(|db| db.name().to_owned()));
        self.holds_members.set(!members.members.is_empty());
        self.members.set(members);
        if active == held && (active.is_none() || self.session.get_untracked().is_some()) {
            return;
        }
        self.sync_finished().await;
        match active {
            Some(database) => match self.hold(&database).await {
                // The elected tab sends what the member left unsent.
                Ok(_) => self.schedule(300.0),
                Err(err) => self.status.problem.set(Some(SyncProblem::Store(err))),
            },
            None => self.let_go(),
        }
    }

    /// The server gives this device a token for the code's member, who is
    /// added to the device (beside any already on it) and becomes the
    /// active one. The same member joining again a device that was signed
    /// out keeps what it had not sent, and sends it now.
    pub(super) async fn join_now(self, code: String) -> Result<(), SyncProblem> {
        let joined = api::join(&code, &device_name()).await.map_err(SyncProblem::Api)?;
        self.sync_finished().await;
        let mut members = DeviceMembers::load();
        let known = members
            .find(&joined.community, &joined.member_id)
            .map(|member| member.database.clone());
        let database = known
            .clone()
            .unwrap_or_else(|| members.new_database(&random_id("m")));
        if known.is_none() {
            members
                .members
                .push(DeviceMember::new(&database, &joined.member_id, &joined.community));
        }
        members.active = Some(database.clone());
        let db = self
            .switch_database(&database)
            .await
            .map_err(SyncProblem::Store)?;
        let stored_meta = db.load().await.ok().and_then(|stored| stored.meta);
        let session = SessionInfo {
            token: joined.token,
            community: joined.community,
            member_id: joined.member_id,
            roles: joined.roles,
            device_id: joined.device_id,
            community_name: joined.community_name,
        };
        let same_member = |meta: &DeviceMeta| {
            meta.session
                .as_ref()
                .is_some_and(|old| old.member_id == session.member_id && old.community == session.community)
        };
        let meta = match stored_meta.filter(same_member) {
            Some(mut meta) => {
                meta.session = Some(session);
                meta
            }
            None => {
                db.clear().await.map_err(SyncProblem::Store)?;
                DeviceMeta {
                    client_id: random_id("c"),
                    client_group_id: random_id("g"),
                    next_mutation_id: 1,
                    cookie: None,
                    session: Some(session),
                    last_synced_at: None,
                    invite_pad: Vec::new(),
                }
            }
        };
        db.save_meta(&meta).await.map_err(SyncProblem::Store)?;
        members.save().map_err(SyncProblem::Store)?;
        self.members.set(members);
        self.holds_members.set(true);
        self.hold(&database).await.map_err(SyncProblem::Store)?;
        self.remember_active();
        self.tell_other_tabs(HANDS);
        request_persistent_storage(self.status.storage_kept);
        self.sync_now().await;
        Ok(())
    }

    /// Forgets the active member's token on the server (if reachable) and
    /// deletes their database; the other members on the device keep theirs.
    pub(super) async fn sign_out_now(self) -> Result<(), SyncProblem> {
        self.sync_finished().await;
        if let Some(session) = self.session.get_untracked() {
            // Best effort: offline, the token simply stays unused.
            let _ = api::logout(&session.token).await;
        }
        let mut members = DeviceMembers::load();
        if let Some(db) = self.db.get_value() {
            let database = db.name().to_owned();
            self.db.set_value(None);
            self.let_go();
            db.delete().await.map_err(SyncProblem::Store)?;
            members.members.retain(|member| member.database != database);
        }
        members.active = None;
        members.save().map_err(SyncProblem::Store)?;
        self.holds_members.set(!members.members.is_empty());
        self.members.set(members);
        self.tell_other_tabs(HANDS);
        Ok(())
    }
}
