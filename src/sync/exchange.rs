//! One exchange with the server: push the outbox, then pull every page,
//! saving each page as it arrives; and, when the server has lost this
//! device's state, starting again under new client ids.
//!
//! Part of the sync engine (`engine.rs`), the wasm module the first screen
//! does without: `Community::sync_now` runs it, within the sync lock and
//! with the status signals around it.

use leptos::prelude::*;
use linli_core::protocol::PatchOp;
use linli_core::replica::{PendingMutation, Replica};

use super::api::{self, ApiError};
use super::{now_ms, random_id, Community, SyncProblem};
use crate::store::StoreError;

/// Mutations per push request: well under the server's 1 MiB body limit.
const PUSH_BATCH: usize = 100;

impl Community {
    /// Push, then pull; if the server no longer knows this device, start
    /// again so that the next exchange succeeds. A restart that could not
    /// be stored is the problem reported; the next exchange tries it again
    /// (the server still does not know the device, and every pending
    /// change is still in memory).
    pub(super) async fn push_pull_or_restart(self) -> Result<(), SyncProblem> {
        let result = self.push_then_pull().await;
        if result == Err(SyncProblem::Api(ApiError::ClientStateNotFound)) {
            self.restart_client().await.map_err(SyncProblem::Store)?;
        }
        if result.is_ok() {
            self.refill_invite_pad().await;
            self.remember_active();
        }
        result
    }

    async fn push_then_pull(&self) -> Result<(), SyncProblem> {
        let token = self
            .session
            .get_untracked()
            .map(|session| session.token)
            .unwrap_or_default();
        let db = self
            .db
            .get_value()
            .ok_or(SyncProblem::Store(StoreError::Unavailable))?;
        let push = self
            .replica
            .with_value(|replica| replica.as_ref().map(Replica::push_request));
        if let Some(push) = push {
            // In parts, so a long offline spell never makes a body the
            // server refuses as too large.
            for part in push.mutations.chunks(PUSH_BATCH) {
                let request = linli_core::protocol::PushRequest {
                    mutations: part.to_vec(),
                    ..push.clone()
                };
                api::push(&token, &request).await.map_err(SyncProblem::Api)?;
            }
        }
        let mut received = 0u64;
        loop {
            let Some(request) = self
                .replica
                .with_value(|replica| replica.as_ref().map(Replica::pull_request))
            else {
                return Ok(());
            };
            let response = api::pull(&token, &request).await.map_err(SyncProblem::Api)?;
            // The rules replay what is still pending over the new records.
            let Some(outcome) = self
                .replica
                .try_update_value(|replica| replica.as_mut().map(|replica| replica.apply_pull(&response)))
                .flatten()
            else {
                return Ok(());
            };
            let outbox_left: Vec<PendingMutation> = self
                .replica
                .with_value(|replica| replica.as_ref().map(|replica| replica.pending().to_vec()))
                .unwrap_or_default();
            let mut meta = self
                .meta
                .get_value()
                .ok_or(SyncProblem::Store(StoreError::Unavailable))?;
            meta.cookie = Some(response.cookie);
            if !response.more {
                meta.last_synced_at = Some(now_ms());
            }
            // Saved after every page, so a dropped link resumes from here.
            let saved = self
                .replica
                .with_value(|replica| {
                    replica
                        .as_ref()
                        .map(|replica| db.save_pull(replica.confirmed(), &outcome, &outbox_left, &meta))
                })
                .ok_or(SyncProblem::Store(StoreError::Unavailable))?;
            saved.await.map_err(SyncProblem::Store)?;
            self.status.last_synced_at.set(meta.last_synced_at);
            self.meta.set_value(Some(meta));
            // Records, not the `clear` that starts a first pull.
            received += response
                .patch
                .iter()
                .filter(|op| !matches!(op, PatchOp::Clear))
                .count() as u64;
            if !response.more {
                return Ok(());
            }
            self.status
                .progress
                .set(Some((received, received + response.remaining)));
            self.changed(false);
        }
    }

    /// The server lost this device's state: start again under new client ids,
    /// keeping every pending change with its effects, renumbered from 1.
    async fn restart_client(&self) -> Result<(), StoreError> {
        let db = self.db.get_value().ok_or(StoreError::Unavailable)?;
        // Before the device has loaded, there is nothing to restart.
        let (Some(mut meta), Some(replica)) = (self.meta.get_value(), self.replica.get_value()) else {
            return Ok(());
        };
        meta.client_id = random_id("c");
        meta.client_group_id = random_id("g");
        meta.cookie = None;
        // A new client's mutations count from 1, also when none is pending:
        // the server would wait forever for the numbers before a higher one.
        meta.next_mutation_id = 1;
        let mut fresh = Replica::new(
            meta.client_id
                .parse()
                .unwrap_or_else(|_| replica.client_id.clone()),
            meta.client_group_id
                .parse()
                .unwrap_or_else(|_| replica.client_group_id.clone()),
            replica.actor.clone(),
        );
        db.clear().await?;
        for (number, pending) in (1..).zip(replica.pending()) {
            let renumbered = PendingMutation {
                id: number,
                ..pending.clone()
            };
            meta.next_mutation_id = number + 1;
            db.queue(&renumbered, &meta).await?;
            fresh.accept(renumbered);
        }
        db.save_meta(&meta).await?;
        self.meta.set_value(Some(meta));
        self.replica.set_value(Some(fresh));
        Ok(())
    }
}
