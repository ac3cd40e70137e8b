//! Group commit: pushes that arrive at this server while one transaction
//! runs are applied together in the next, so they share its locks, its
//! reads, its round trips to the database and its one wait for the disk.
//!
//! Each push joins the queue and waits for the writer's turn or its answer,
//! whichever comes first; whoever gets the turn takes every push queued so
//! far and applies them in one transaction on a task of its own (so a
//! client that hangs up cannot stop it halfway), then answers each.
//!
//! The queue is memory of this process only: it orders this server's work
//! and decides nothing another server would need to know. Several servers
//! over one PostgreSQL each have their own, and the communities' row locks
//! order their transactions (taken in the same order by all, so two groups
//! never wait for each other).
//!
//! If the shared transaction fails, each push in it is applied again alone,
//! so one push's failure is never another's.

use std::sync::{Arc, Mutex};

use linli_core::protocol::{PushRequest, PushResponse};
use linli_core::Timestamp;
use tokio::sync::oneshot;

use super::push::{apply_alone, apply_together, PushJob};
use super::SyncError;
use crate::db::{Database, Session};
use crate::secrets::ServerKey;

/// The most pushes one transaction takes.
const MAX_GROUP: usize = 64;

/// Pushes waiting for this server's turn to write.
#[derive(Default)]
pub struct PushQueue {
    waiting: Mutex<Vec<QueuedPush>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

struct QueuedPush {
    session: Session,
    request: PushRequest,
    now: Timestamp,
    key: ServerKey,
    answer: oneshot::Sender<Result<PushResponse, SyncError>>,
}

impl QueuedPush {
    fn job(&self) -> PushJob<'_> {
        PushJob {
            session: &self.session,
            request: &self.request,
            now: self.now,
            key: &self.key,
        }
    }
}

impl PushQueue {
    /// Applies `request` with whatever pushes are queued with it.
    pub async fn apply(
        &self,
        database: &Database,
        key: &ServerKey,
        session: &Session,
        request: &PushRequest,
        now: Timestamp,
    ) -> Result<PushResponse, SyncError> {
        let (answer, answered) = oneshot::channel();
        self.lock_waiting().push(QueuedPush {
            session: session.clone(),
            request: request.clone(),
            now,
            key: key.clone(),
            answer,
        });
        let mut answered = std::pin::pin!(answered);
        // The push may be taken and answered by the turn before this one's.
        let turn = tokio::select! {
            answer = &mut answered => return answer.unwrap_or(Err(SyncError::Conflict)),
            turn = self.turn.clone().lock_owned() => turn,
        };
        let group = std::mem::take(&mut *self.lock_waiting());
        if !group.is_empty() {
            let database = database.clone();
            tokio::spawn(async move {
                apply_group(&database, group).await;
                drop(turn);
            });
        }
        // A dropped answer means the task failed before answering: nothing
        // of this push was committed, and the client tries again.
        answered.await.unwrap_or(Err(SyncError::Conflict))
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<QueuedPush>> {
        // A panic while holding the lock cannot leave the list half-changed.
        self.waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

async fn apply_group(database: &Database, mut group: Vec<QueuedPush>) {
    while !group.is_empty() {
        let rest = group.split_off(group.len().min(MAX_GROUP));
        let jobs: Vec<PushJob> = group.iter().map(QueuedPush::job).collect();
        match apply_together(database, &jobs).await {
            Ok(answers) => {
                for (push, answer) in group.drain(..).zip(answers) {
                    let _ = push.answer.send(answer);
                }
            }
            Err(_) => {
                for push in group.drain(..) {
                    let answer = apply_alone(database, push.job()).await;
                    let _ = push.answer.send(answer);
                }
            }
        }
        group = rest;
    }
}
