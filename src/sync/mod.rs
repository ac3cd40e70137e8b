//! The sync client: the device's replica of its community, kept in
//! IndexedDB, changed by mutations that show at once and wait in the outbox,
//! and synced with the server by push, then pull (Replicache's protocol,
//! <https://doc.replicache.dev/concepts/how-it-works>).
//!
//! When it syncs: at start, on the browser's `online` event, when the page
//! becomes visible, on a timer (every 30 s, or with exponential backoff and
//! jitter up to 5 minutes after failures), soon after a change, and on "sync
//! now". `navigator.onLine` only decides whether to bother trying. One tab
//! syncs at a time (Web Locks); the others reload from IndexedDB when told
//! through a BroadcastChannel.
//!
//! A device may hold several members (a shared tablet): each has a
//! database of their own (`store::device_members`), one is active at a
//! time, and switching or locking swaps which one this context holds, once
//! no sync is running, so a pull for one member never lands in another's.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! use linli::sync::use_community;
//! let community = use_community();
//! let pending = move || community.status.pending.get();
//! ```

pub mod api;
pub mod engine;
mod exchange;
mod hands;
mod lock;
pub mod restore;
pub mod schedule;

use std::collections::BTreeMap;

use leptos::prelude::*;
use linli_core::replica::Replica;
use linli_core::{Actor, ApplyError, Mutation, Timestamp};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::store::device_members::{self, DeviceMembers, FIRST_DATABASE};
use crate::store::local_db::{DeviceMeta, LocalDb, SessionInfo};
use crate::store::StoreError;
use api::ApiError;

/// What went wrong with syncing or storing, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncProblem {
    Api(ApiError),
    Store(StoreError),
}

/// Signals the status bar shows.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// Changes made on this device that the server has not confirmed.
    pub pending: RwSignal<usize>,
    /// A sync is running now.
    pub syncing: RwSignal<bool>,
    /// When the last sync succeeded (ms since the epoch).
    pub last_synced_at: RwSignal<Option<f64>>,
    /// The last failure, cleared by the next success.
    pub problem: RwSignal<Option<SyncProblem>>,
    /// During a pull with more pages: (records received, records in all).
    pub progress: RwSignal<Option<(u64, u64)>>,
    /// Whether the browser keeps this site's storage under pressure
    /// (`navigator.storage.persist()`); `None` until it has answered.
    pub storage_kept: RwSignal<Option<bool>>,
    /// Minutes this device's clock is off from the server's, when it is off
    /// by more than [`CLOCK_TOLERANCE_MS`] (positive: ahead).
    pub clock_off_minutes: RwSignal<Option<i64>>,
}

/// How far the device's clock may drift from the server's before the member
/// is told: deadlines (cut-offs, a vote's close) are the server's, and the
/// phone predicts them with its own clock.
pub const CLOCK_TOLERANCE_MS: f64 = 2.0 * linli_core::time::MINUTE_MS as f64;

/// The community as this device holds it, shared by context. `Copy`: every
/// part is a handle.
#[derive(Clone, Copy)]
pub struct Community {
    replica: StoredValue<Option<Replica>, LocalStorage>,
    meta: StoredValue<Option<DeviceMeta>, LocalStorage>,
    db: StoredValue<Option<LocalDb>, LocalStorage>,
    tabs: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    failures: StoredValue<u32>,
    /// Only the most recently scheduled timer may start a sync, so timers
    /// never pile up into parallel chains.
    timer_generation: StoredValue<u64>,
    /// Whether this tab is the one that syncs on its own (on a timer, when
    /// the network comes back, after a change): one tab per device is
    /// elected (`lock::claim_leadership`); the others follow its results
    /// through the broadcast channel and sync only when asked to.
    leader: StoredValue<bool>,
    /// Bumped by every switch of member or lock, so a step that waited for
    /// a sync to end knows whether the device changed hands meanwhile.
    hands: StoredValue<u64>,
    /// The members on this device, who is active, when it locks: read
    /// from storage by the parts that need it (the chooser, the account),
    /// and kept by every change of hands.
    pub members: RwSignal<DeviceMembers>,
    /// Whether any member is on this device, read before the first screen:
    /// a locked device shows the chooser, a new one the invite form.
    pub holds_members: RwSignal<bool>,
    /// Bumped whenever the view changes; views read it to re-render.
    pub revision: RwSignal<u64>,
    /// The signed-in member, if any.
    pub session: RwSignal<Option<SessionInfo>>,
    /// IndexedDB has been read (or found unusable).
    pub loaded: RwSignal<bool>,
    pub status: SyncStatus,
}

/// Why a change could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MutateError {
    /// Not signed in.
    SignedOut,
    /// The rules refuse it (the same answer the server would give).
    Rejected(linli_core::Rejection),
    /// It could not be saved on this device; nothing changed.
    Store(StoreError),
    /// The rules (the sync engine, a module of its own) could not be
    /// fetched; nothing changed.
    RulesUnavailable,
    /// What was typed as money does not read (a form's check, before
    /// anything is sent).
    Money(linli_core::canteen::money::YuanError),
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn random_id(prefix: &str) -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let uuid = crypto
        .and_then(|crypto| {
            let random_uuid = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?;
            random_uuid
                .dyn_into::<js_sys::Function>()
                .ok()?
                .call0(&crypto)
                .ok()?
                .as_string()
        })
        .unwrap_or_else(|| {
            format!(
                "{:x}{:x}",
                now_ms() as u64,
                (js_sys::Math::random() * 1e15) as u64
            )
        });
    format!("{prefix}-{uuid}")
}

/// Ids chosen on the device for new things (notices, members).
pub fn new_id(prefix: &str) -> String {
    random_id(prefix)
}

const BROADCAST_NAME: &str = "linli-sync";
/// What a tab posts when it changed the stored replica.
const CHANGED: &str = "changed";
/// What a tab posts when the device changed hands (a switch, a lock, a
/// member added or signed out).
const HANDS: &str = "hands";

impl Community {
    fn new() -> Self {
        Self {
            replica: StoredValue::new_local(None),
            meta: StoredValue::new_local(None),
            db: StoredValue::new_local(None),
            tabs: StoredValue::new_local(None),
            failures: StoredValue::new(0),
            timer_generation: StoredValue::new(0),
            leader: StoredValue::new(false),
            hands: StoredValue::new(0),
            members: RwSignal::new(DeviceMembers::default()),
            holds_members: RwSignal::new(false),
            revision: RwSignal::new(0),
            session: RwSignal::new(None),
            loaded: RwSignal::new(false),
            status: SyncStatus {
                pending: RwSignal::new(0),
                syncing: RwSignal::new(false),
                last_synced_at: RwSignal::new(None),
                problem: RwSignal::new(None),
                progress: RwSignal::new(None),
                storage_kept: RwSignal::new(None),
                clock_off_minutes: RwSignal::new(None),
            },
        }
    }

    /// Reads a value from the view (the member's current picture).
    pub fn with_view<T>(&self, read: impl FnOnce(&BTreeMap<String, Value>) -> T) -> Option<T> {
        self.revision.track();
        self.replica
            .with_value(|replica| replica.as_ref().map(|replica| read(replica.view())))
    }

    /// Whether the shown value at `key` is a change not yet confirmed by the
    /// server. Tracked: a view that asks re-renders when it changes.
    pub fn has_pending(&self, key: &str) -> bool {
        self.revision.track();
        self.replica.with_value(|replica| {
            replica
                .as_ref()
                .is_some_and(|replica| replica.pending_keys().contains(key))
        })
    }

    /// Keys whose shown value is a change not yet confirmed by the server.
    pub fn pending_keys(&self) -> Vec<String> {
        self.replica.with_value(|replica| {
            replica
                .as_ref()
                .map(|replica| replica.pending_keys().iter().cloned().collect())
                .unwrap_or_default()
        })
    }

    /// The signed-in member as the rules see them. Tracked like the view: a
    /// memo that first runs before the replica is open (a page opened
    /// cold) runs again once it is, instead of keeping "no one".
    pub fn actor(&self) -> Option<Actor> {
        self.revision.track();
        self.replica
            .with_value(|replica| replica.as_ref().map(|replica| replica.actor.clone()))
    }

    /// Makes a change: checked by the same rules as on the server, saved to
    /// the outbox, shown at once, and pushed when the network allows.
    pub async fn mutate(&self, mutation: Mutation) -> Result<(), MutateError> {
        let engine = engine::load().await.map_err(|_| MutateError::RulesUnavailable)?;
        let pending = self
            .replica
            .with_value(|replica| {
                replica
                    .as_ref()
                    .map(|replica| (engine.plan)(replica, mutation, Timestamp(now_ms() as i64)))
            })
            .ok_or(MutateError::SignedOut)?
            .map_err(|err| match err {
                ApplyError::Rejected(rejection) => MutateError::Rejected(rejection),
                ApplyError::Storage(err) => MutateError::Store(StoreError::Failed(err.to_string())),
            })?;
        let db = self
            .db
            .get_value()
            .ok_or(MutateError::Store(StoreError::Unavailable))?;
        let mut meta = self.meta.get_value().ok_or(MutateError::SignedOut)?;
        meta.next_mutation_id = pending.id + 1;
        // Stored first: a change that could not be saved must not appear.
        db.queue(&pending, &meta).await.map_err(MutateError::Store)?;
        self.meta.set_value(Some(meta));
        self.replica.update_value(|replica| {
            if let Some(replica) = replica {
                replica.accept(pending);
            }
        });
        self.changed(true);
        (engine.remember_active)(*self);
        self.schedule(300.0);
        Ok(())
    }

    /// After any change to the replica: re-render, count, tell other tabs.
    fn changed(&self, tell_other_tabs: bool) {
        let pending = self
            .replica
            .with_value(|replica| replica.as_ref().map_or(0, |replica| replica.pending().len()));
        self.status.pending.set(pending);
        self.revision.update(|revision| *revision += 1);
        if tell_other_tabs {
            self.tell_other_tabs(CHANGED);
        }
    }

    fn tell_other_tabs(&self, message: &str) {
        self.tabs.with_value(|tabs| {
            if let Some(tabs) = tabs {
                let _ = tabs.post_message(&JsValue::from_str(message));
            }
        });
    }

    /// Waits for a sync running in this tab to end (each request fails or
    /// answers on its own; a dead link fails at once).
    async fn sync_finished(&self) {
        while self.status.syncing.get_untracked() {
            crate::timer::sleep(50).await;
        }
    }

    /// Makes `database` the held one, closing the connection to any other,
    /// with nothing loaded from it yet. The caller has waited for any sync
    /// to end; the session is dropped first, before any wait, so that no
    /// sync starts meanwhile for the member held before.
    async fn switch_database(&self, database: &str) -> Result<LocalDb, StoreError> {
        self.hands.update_value(|hands| *hands += 1);
        if let Some(held) = self.db.get_value().filter(|db| db.name() == database) {
            return Ok(held);
        }
        self.session.set(None);
        self.replica.set_value(None);
        self.meta.set_value(None);
        let db = LocalDb::open_named(database).await?;
        if let Some(old) = self.db.get_value() {
            old.close();
        }
        self.db.set_value(Some(db.clone()));
        Ok(db)
    }

    /// Holds `database`'s member: opens their database and shows their
    /// community. The caller has waited for any sync to end.
    async fn hold(&self, database: &str) -> Result<LocalDb, StoreError> {
        let db = self.switch_database(database).await?;
        self.failures.set_value(0);
        self.status.problem.set(None);
        self.reload_from(&db).await;
        Ok(db)
    }

    /// Lets go of the active member's records in this tab: nothing of
    /// theirs stays readable.
    fn let_go(&self) {
        self.hands.update_value(|hands| *hands += 1);
        self.session.set(None);
        self.replica.set_value(None);
        self.meta.set_value(None);
        if let Some(db) = self.db.get_value() {
            db.close();
        }
        self.db.set_value(None);
        self.status.last_synced_at.set(None);
        self.status.problem.set(None);
        self.status.clock_off_minutes.set(None);
        self.changed(false);
    }

    /// Switches the device to another member on it (the chooser checked
    /// their PIN). Their changes from before are sent at the next sync.
    pub async fn switch_to(&self, database: &str) -> Result<(), SyncProblem> {
        let engine = engine::load()
            .await
            .map_err(|_| SyncProblem::Api(ApiError::Offline))?;
        (engine.switch_to)(*self, database.to_owned()).await
    }

    /// Another tab switched member or locked: follow it (see `hands.rs`).
    async fn follow_other_tab(&self) {
        if let Ok(engine) = engine::load().await {
            (engine.follow_other_tab)(*self).await;
        }
    }

    /// Back to the chooser (see `hands.rs`).
    pub async fn lock(&self) {
        if let Ok(engine) = engine::load().await {
            (engine.lock)(*self).await;
        } else {
            // Without the engine the records still leave the screen.
            self.session.set(None);
        }
    }

    /// Opens the active member's database and loads their replica; a
    /// device locked on the chooser loads none. A device from before
    /// devices could hold several members has no list yet: its one member,
    /// if any, is in the first database, and joins the list once the sync
    /// engine has been fetched, right after the first screen (`hands.rs`).
    async fn load(&self) {
        let stored = device_members::stored_summary();
        self.holds_members.set(stored.has_members);
        let active = match stored.active {
            Some(active) => Some(active),
            None if !stored.has_members => Some(FIRST_DATABASE.to_owned()),
            None => None,
        };
        if let Some(database) = active {
            if let Err(err) = self.hold(&database).await {
                self.status.problem.set(Some(SyncProblem::Store(err)));
            }
        }
        self.loaded.set(true);
        if self.session.get_untracked().is_some() {
            request_persistent_storage(self.status.storage_kept);
        }
    }

    async fn reload_from(&self, db: &LocalDb) {
        let restored = if db.is_new() {
            // A first visit's new database: nothing to read, no reader to fetch.
            Ok(restore::Restored {
                meta: None,
                replica: None,
            })
        } else {
            match self.restore_module(db).await {
                Some(restore) => (restore.read)(db).await,
                None => return,
            }
        };
        match restored {
            Ok(restored) => {
                self.session
                    .set(restored.meta.as_ref().and_then(|meta| meta.session.clone()));
                self.status
                    .last_synced_at
                    .set(restored.meta.as_ref().and_then(|meta| meta.last_synced_at));
                self.meta.set_value(restored.meta);
                self.replica.set_value(restored.replica);
                self.changed(false);
            }
            Err(err) => self.status.problem.set(Some(SyncProblem::Store(err))),
        }
    }

    /// The reader of the stored device (`restore.rs`), a module of its own.
    /// While it cannot be fetched (a first visit whose network dropped before
    /// the service worker had stored it), the status bar says the server is
    /// out of reach, as for a sync, and it is tried again, 2 s doubling up
    /// to a minute apart; `None` once `db` is no longer the one held (its
    /// successor's own reload reads that one).
    async fn restore_module(&self, db: &LocalDb) -> Option<restore::Restore> {
        let mut wait_ms = 2_000;
        let mut failed = false;
        loop {
            if let Ok(restore) = restore::load().await {
                if failed {
                    self.status.problem.set(None);
                }
                return Some(restore);
            }
            failed = true;
            self.status.problem.set(Some(SyncProblem::Api(ApiError::Offline)));
            crate::timer::sleep(wait_ms).await;
            wait_ms = (wait_ms * 2).min(60_000);
            let held = self
                .db
                .with_value(|held| held.as_ref().is_some_and(|held| held.name() == db.name()));
            if !held {
                return None;
            }
        }
    }

    /// Joins with an invite code: the server gives this device a token for
    /// the code's member, who is added to the device beside any already on
    /// it and becomes the active one (see `hands.rs`).
    pub async fn join(&self, code: &str) -> Result<(), SyncProblem> {
        let engine = engine::load()
            .await
            .map_err(|_| SyncProblem::Api(ApiError::Offline))?;
        (engine.join)(*self, code.to_owned()).await
    }

    /// Whether the server has signed this device out: it keeps its data and
    /// what it had not sent until its member joins it again.
    pub fn signed_out_remotely(&self) -> bool {
        matches!(
            self.status.problem.get(),
            Some(SyncProblem::Api(ApiError::SignedOut))
        )
    }

    /// Makes the change `with_code` builds around the next invite code of
    /// this device's pad (a registration, a new code for a member), so it
    /// works with no network; once the change is saved the code leaves the
    /// pad and is given back, to hand out. An empty pad makes no change,
    /// answers `None`, and asks the server for more.
    pub async fn mutate_with_invite_code(
        &self,
        with_code: impl FnOnce(String) -> Mutation,
    ) -> Result<Option<String>, MutateError> {
        let next = self
            .meta
            .with_value(|meta| meta.as_ref().and_then(|meta| meta.invite_pad.first().cloned()));
        let Some(code) = next else {
            let this = *self;
            leptos::task::spawn_local(async move { this.refill_invite_pad().await });
            return Ok(None);
        };
        self.mutate(with_code(code.clone())).await?;
        self.used_invite_code(&code).await;
        Ok(Some(code))
    }

    /// Takes `code` out of the pad once a change used it.
    async fn used_invite_code(&self, code: &str) {
        let Some(mut meta) = self.meta.get_value() else {
            return;
        };
        meta.invite_pad.retain(|kept| kept != code);
        if let Some(db) = self.db.get_value() {
            let _ = db.save_meta(&meta).await;
        }
        self.meta.set_value(Some(meta));
        self.revision.update(|revision| *revision += 1);
    }

    /// Codes left in the pad.
    pub fn invite_codes_left(&self) -> usize {
        self.revision.track();
        self.meta
            .with_value(|meta| meta.as_ref().map_or(0, |meta| meta.invite_pad.len()))
    }

    /// Asks the server for invite codes when the pad runs low, so a
    /// registration at a meeting with no network still has codes to give
    /// (officers keep ten), and any member can give their own other phone a
    /// code offline (everyone else keeps two).
    pub async fn refill_invite_pad(&self) {
        let officer = self
            .actor()
            .is_some_and(|actor| actor.has_any(&linli_core::role::OFFICERS));
        let keep = if officer { 10 } else { 2 };
        let Some(meta) = self.meta.get_value() else {
            return;
        };
        let Some(token) = meta.session.as_ref().map(|session| session.token.clone()) else {
            return;
        };
        if meta.invite_pad.len() >= keep / 2 {
            return;
        }
        let Ok(pad) = api::fill_pad(&token, keep - meta.invite_pad.len()).await else {
            return;
        };
        // Stored before it is used: a code the server gave once is not given again.
        let Some(mut meta) = self.meta.get_value() else {
            return;
        };
        meta.invite_pad.extend(pad.codes);
        if let Some(db) = self.db.get_value() {
            if db.save_meta(&meta).await.is_err() {
                return;
            }
        }
        self.meta.set_value(Some(meta));
        self.revision.update(|revision| *revision += 1);
    }

    /// Signs the active member out of this device; the other members on
    /// it keep their records (see `hands.rs`). The caller has sent or
    /// warned about their unsent changes.
    pub async fn sign_out(&self) -> Result<(), SyncProblem> {
        let engine = engine::load()
            .await
            .map_err(|_| SyncProblem::Api(ApiError::Offline))?;
        (engine.sign_out)(*self).await
    }

    /// Sends what is pending now, for a step that must not leave it behind
    /// (signing out): waits for a sync already running (up to 10 s), then
    /// syncs until nothing is pending or a sync fails. How many changes are
    /// still pending.
    pub async fn send_pending(&self) -> usize {
        for _ in 0..3 {
            let mut waited = 0;
            while self.status.syncing.get_untracked() && waited < 10_000 {
                crate::timer::sleep(100).await;
                waited += 100;
            }
            if self.status.pending.get_untracked() == 0 {
                break;
            }
            self.sync_now().await;
            if self.status.problem.get_untracked().is_some() {
                break;
            }
        }
        self.status.pending.get_untracked()
    }

    /// Push, then pull every page. Skipped while another sync runs here or
    /// in another tab.
    pub async fn sync_now(&self) {
        if self.status.syncing.get_untracked() || self.session.get_untracked().is_none() {
            return;
        }
        self.status.syncing.set(true);
        let this = *self;
        let ran = lock::with_sync_lock(async move {
            // Fetching the sync engine's module is a request like the push:
            // failing, it is the network's failure, retried on schedule.
            let result = match engine::load().await {
                Ok(engine) => (engine.exchange)(this).await,
                Err(_) => Err(SyncProblem::Api(ApiError::Offline)),
            };
            match result {
                Ok(()) => {
                    this.failures.set_value(0);
                    this.status.problem.set(None);
                    this.status.clock_off_minutes.set(
                        api::clock_behind_ms()
                            .filter(|behind| behind.abs() > CLOCK_TOLERANCE_MS)
                            .map(|behind| (-behind / linli_core::time::MINUTE_MS as f64).round() as i64),
                    );
                }
                Err(problem) => {
                    this.failures.update_value(|failures| *failures += 1);
                    this.status.problem.set(Some(problem));
                }
            }
        })
        .await;
        self.status.syncing.set(false);
        self.status.progress.set(None);
        if ran {
            self.changed(true);
        }
        let failures = self.failures.get_value();
        if ran && failures == 0 && self.status.pending.get_untracked() > 0 {
            // Changes made while this sync ran: send them soon.
            self.schedule(1_000.0);
        } else {
            self.schedule(schedule::next_delay_ms(failures, js_sys::Math::random()));
        }
    }

    /// Syncs now if this tab is the elected one; in another tab, does
    /// nothing (the elected tab hears of changes through the channel).
    fn sync_if_leader(&self) {
        if self.leader.get_value() {
            let this = *self;
            leptos::task::spawn_local(async move { this.sync_now().await });
        }
    }

    /// Syncs after `delay_ms`, unless offline by the browser's reckoning.
    fn schedule(&self, delay_ms: f64) {
        let this = *self;
        self.timer_generation.update_value(|generation| *generation += 1);
        let generation = self.timer_generation.get_value();
        set_timeout(
            move || {
                if this.timer_generation.get_value() == generation && window().navigator().on_line() {
                    this.sync_if_leader();
                }
            },
            std::time::Duration::from_millis(delay_ms as u64),
        );
    }
}

/// Creates the community context: loads IndexedDB, starts syncing, and wires
/// the triggers. Call once, at the root.
pub fn provide_community() -> Community {
    let community = Community::new();
    provide_context(community);

    leptos::task::spawn_local(async move {
        community.load().await;
        if community.session.get_untracked().is_some() {
            preload_sync_engine(community);
        }
        // The first tab to open syncs; a later one waits its turn, which
        // comes when the elected tab closes.
        lock::claim_leadership(move || {
            community.leader.set_value(true);
            community.sync_if_leader();
        });
    });

    let _ = window_event_listener(leptos::ev::online, move |_| community.sync_if_leader());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            community.sync_if_leader();
        }
    });

    // Other tabs tell this one when they changed the stored replica.
    if let Ok(channel) = web_sys::BroadcastChannel::new(BROADCAST_NAME) {
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                leptos::task::spawn_local(async move {
                    if event.data().as_string().as_deref() == Some(HANDS) {
                        community.follow_other_tab().await;
                        return;
                    }
                    if let Some(db) = community.db.get_value() {
                        community.reload_from(&db).await;
                    }
                    // A change made in another tab is sent by the elected one.
                    if community.status.pending.get_untracked() > 0 {
                        community.schedule(300.0);
                    }
                });
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Page-lifetime listener.
        on_message.forget();
        community.tabs.set_value(Some(channel));
    }
    community
}

/// The community context.
pub fn use_community() -> Community {
    expect_context::<Community>()
}

/// Fetches the sync engine (the rules and the exchange, one module) off the
/// first screen's path, once there is a member who may change something, so
/// their first change does not wait for it, also in a tab whose syncs
/// another tab makes; then reads the device's list of members with it (for
/// locking, and to add a member from before the list). A visitor who has
/// not joined never needs it.
fn preload_sync_engine(community: Community) {
    leptos::task::spawn_local(async move {
        if let Ok(engine) = engine::load().await {
            (engine.remember_active)(community);
        }
    });
}

/// What this device calls itself in its member's list of devices, until
/// they rename it: its system and browser, as the browser says them.
fn device_name() -> String {
    let agent = window().navigator().user_agent().unwrap_or_default();
    let system = [
        ("HarmonyOS", "HarmonyOS"),
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "Mac"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(marker, _)| agent.contains(marker))
    .map_or("", |(_, name)| name);
    let browser = [
        ("MicroMessenger", "微信"),
        ("HuaweiBrowser", "华为浏览器"),
        ("UCBrowser", "UC"),
        ("Edg/", "Edge"),
        ("Firefox", "Firefox"),
        ("Chrome", "Chrome"),
        ("Safari", "Safari"),
    ]
    .into_iter()
    .find(|(marker, _)| agent.contains(marker))
    .map_or("", |(_, name)| name);
    format!("{system} {browser}").trim().to_owned()
}

/// Asks the browser not to evict this site's storage under pressure, once
/// a member has signed in (their outbox must survive), and says in `kept`
/// whether it agreed. Asking again when already granted costs nothing and
/// answers at once.
fn request_persistent_storage(kept: RwSignal<Option<bool>>) {
    let storage = window().navigator().storage();
    if let Ok(promise) = storage.persist() {
        leptos::task::spawn_local(async move {
            if let Ok(answer) = wasm_bindgen_futures::JsFuture::from(promise).await {
                kept.set(answer.as_bool());
            }
        });
    }
}
