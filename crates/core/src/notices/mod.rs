//! The community notice board: officers, admins and grid workers post
//! notices; every member reads them and can acknowledge one ("收到"), so the
//! grid worker knows who has seen it. A member also dismisses here the
//! notices about their own refused changes (`rejection/…`).

use serde::{Deserialize, Serialize};

use crate::ids::ClientId;
use crate::ids::{MemberId, NoticeId};
use crate::keys;
use crate::members::{read, to_value};
use crate::rejection::{ApplyError, Rejection, RejectionCode};
use crate::role::{Actor, MayRun, Role};
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const TITLE_MAX_CHARS: usize = 80;
pub const BODY_MAX_CHARS: usize = 2000;

/// Who may post a notice, and edit or delete anyone's.
pub const NOTICE_EDITORS: [Role; 3] = [Role::Officer, Role::Admin, Role::GridWorker];

/// The notice board's records: the whole community reads them.
pub const RECORD_KINDS: &[keys::RecordKind] = &[
    keys::RecordKind::new(keys::NOTICE_PREFIX, keys::Readers::Community),
    keys::RecordKind::new(keys::ACK_PREFIX, keys::Readers::Community),
];

declare_module! {
    /// The notice board's mutations, and dismissing a notice about a refused change.
    module "notices" as NoticesMutation;
    records: RECORD_KINDS;
    mutations {
        PostNotice(PostNotice) = "postNotice" {
            who: MayRun::Holders(&NOTICE_EDITORS),
            run: post_notice,
            example: {"id": "n1", "title": "t", "body": ""},
        }
        EditNotice(EditNotice) = "editNotice" {
            who: MayRun::AnyMember,
            run: edit_notice,
            example: {"id": "n1", "title": "t", "body": ""},
        }
        DeleteNotice(DeleteNotice) = "deleteNotice" {
            who: MayRun::AnyMember,
            run: delete_notice,
            example: {"id": "n1"},
        }
        AcknowledgeNotice(AcknowledgeNotice) = "acknowledgeNotice" {
            who: MayRun::AnyMember,
            run: acknowledge_notice,
            example: {"id": "n1"},
        }
        DismissRejection(DismissRejection) = "dismissRejection" {
            who: MayRun::AnyMember,
            run: dismiss_rejection,
            example: {"clientID": "c1", "mutationID": 3},
        }
    }
}

/// The `notice/<id>` record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub id: NoticeId,
    pub title: String,
    pub body: String,
    pub author: MemberId,
    pub posted_at: Timestamp,
    pub edited_at: Option<Timestamp>,
}

/// The `ack/<notice>/<member>` record: this member has read the notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ack {
    pub notice: NoticeId,
    pub member: MemberId,
    pub at: Timestamp,
}

/// `postNotice`. The id is chosen by the posting device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PostNotice {
    pub id: NoticeId,
    pub title: String,
    pub body: String,
}

/// `editNotice`: new title and body for an existing notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EditNotice {
    pub id: NoticeId,
    pub title: String,
    pub body: String,
}

/// `deleteNotice`, with its acknowledgements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteNotice {
    pub id: NoticeId,
}

/// `acknowledgeNotice`: the member has read it. Acknowledging twice keeps the first time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcknowledgeNotice {
    pub id: NoticeId,
}

pub async fn post_notice(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PostNotice,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::notice(&args.id);
    let title = text::required(&args.title, TITLE_MAX_CHARS, &key)?;
    let body = text::optional(&args.body, BODY_MAX_CHARS, &key)?;
    if tx.get(&key).await?.is_some() {
        return Err(Rejection::new(RejectionCode::AlreadyExists, key).into());
    }
    let notice = Notice {
        id: args.id.clone(),
        title,
        body,
        author: actor.member.clone(),
        posted_at: now,
        edited_at: None,
    };
    tx.put(&key, to_value(&notice)).await?;
    Ok(())
}

pub async fn edit_notice(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &EditNotice,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::notice(&args.id);
    let mut notice: Notice = read(tx, &key).await?;
    ensure_may_change(actor, &notice, &key)?;
    notice.title = text::required(&args.title, TITLE_MAX_CHARS, &key)?;
    notice.body = text::optional(&args.body, BODY_MAX_CHARS, &key)?;
    notice.edited_at = Some(now);
    tx.put(&key, to_value(&notice)).await?;
    Ok(())
}

pub async fn delete_notice(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &DeleteNotice,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::notice(&args.id);
    let notice: Notice = read(tx, &key).await?;
    ensure_may_change(actor, &notice, &key)?;
    for (ack_key, _) in tx.scan(&keys::acks_of(&args.id)).await? {
        tx.del(&ack_key).await?;
    }
    tx.del(&key).await?;
    Ok(())
}

pub async fn acknowledge_notice(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AcknowledgeNotice,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let notice_key = keys::notice(&args.id);
    if tx.get(&notice_key).await?.is_none() {
        return Err(Rejection::new(RejectionCode::NotFound, notice_key).into());
    }
    let key = keys::ack(&args.id, &actor.member);
    if tx.get(&key).await?.is_none() {
        let ack = Ack {
            notice: args.id.clone(),
            member: actor.member.clone(),
            at: now,
        };
        tx.put(&key, to_value(&ack)).await?;
    }
    Ok(())
}

/// Whether `actor` may edit or delete `notice`: its author, and the
/// officers and admins who moderate the board; nobody else. The app offers
/// the buttons by the same rule.
pub fn may_change(actor: &Actor, notice: &Notice) -> bool {
    notice.author == actor.member || actor.has_any(&crate::role::OFFICERS)
}

fn ensure_may_change(actor: &Actor, notice: &Notice, key: &str) -> Result<(), Rejection> {
    if may_change(actor, notice) {
        Ok(())
    } else {
        Err(Rejection::new(RejectionCode::Forbidden, key.to_owned()))
    }
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

/// Only one's own: the key names the actor.
pub async fn dismiss_rejection(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &DismissRejection,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = keys::rejection(&actor.member, &args.client_id, args.mutation_id);
    if tx.get(&key).await?.is_none() {
        return Err(Rejection::new(RejectionCode::NotFound, key).into());
    }
    tx.del(&key).await?;
    Ok(())
}
