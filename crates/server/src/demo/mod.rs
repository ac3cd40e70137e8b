//! Seeds the demo communities (README.md, "Demo members") on a server's first start:
//! their members (one per role, each with a fixed invite code that the README
//! lists) and a first notice. Everything goes through the same mutations as
//! the app's own changes. Running it again adds only what is missing.

mod canteen;
pub mod rules;
pub mod services;
pub mod village;
pub mod volunteers;

use linli_core::calendar::LocalTime;
use linli_core::canteen::mutations::{order_price, pricing_time};
use linli_core::canteen::CanteenMutation;
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::notices::NoticesMutation;
use linli_core::notices::PostNotice;
use linli_core::{Actor, Mutation, RejectionCode, Role, Timestamp};

use crate::db::{Database, Session, DEMO_COMMUNITIES};
use crate::secrets::demo_invite_code;
use crate::secrets::ServerKey;
use crate::sync::{apply_directly, SyncError};

/// What a seed run added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub communities: u64,
    pub members: u64,
}

/// Adds what is missing of the demo, at `now`.
pub async fn seed(database: &Database, key: &ServerKey, now: Timestamp) -> Result<SeedReport, SyncError> {
    let mut report = SeedReport {
        communities: database.seed_communities().await?,
        members: 0,
    };
    for community in &DEMO_COMMUNITIES {
        // The seed acts as the community's administration.
        let registrar = Session {
            community: community.id.to_owned(),
            actor: Actor::new(
                community.member_id(Role::Admin).parse().map_err(invalid)?,
                [Role::Admin],
            ),
            device: String::new(),
        };
        for (role, name) in community.members {
            let id = community.member_id(role);
            let register = Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
                id: id.parse().map_err(invalid)?,
                name: name.to_owned(),
                roles: vec![role],
                invite_code: demo_invite_code(&id),
                invite_id: None,
                valid_days: Some(linli_core::members::invites::MAX_VALID_DAYS),
            }));
            match apply_directly(database, key, &registrar, &register, now).await? {
                Ok(()) => report.members += 1,
                Err(rejection) if rejection.code == RejectionCode::AlreadyExists => {}
                Err(rejection) => {
                    tracing::warn!(member = %id, ?rejection, "demo member not seeded")
                }
            }
        }
        let officer = Session {
            community: community.id.to_owned(),
            actor: Actor::new(
                community.member_id(Role::Officer).parse().map_err(invalid)?,
                [Role::Officer],
            ),
            device: String::new(),
        };
        let (title, body) = community.notice;
        let notice = Mutation::Notices(NoticesMutation::PostNotice(PostNotice {
            id: "welcome".parse().map_err(invalid)?,
            title: title.to_owned(),
            body: body.to_owned(),
        }));
        // AlreadyExists on a later start is the expected outcome.
        let _ = apply_directly(database, key, &officer, &notice, now).await?;
        if matches!(community.id, "jinyu-wenyuan" | "jinqiao") {
            seed_canteen(database, key, community, now).await?;
        }
        let steps = match community.id {
            rules::COMMUNITY => Some((linli_core::rules::records::SETTINGS_KEY, rules::steps(now))),
            volunteers::XIYUE => Some(("vol/grid/g01", volunteers::xiyue_steps(now))),
            volunteers::DAQINGLU => Some(("vol/grid/g01", volunteers::daqinglu_steps(now))),
            _ => None,
        };
        if let Some((seeded_marker, steps)) = steps {
            seed_steps(database, key, community.id, seeded_marker, steps).await?;
        }
        if let Some(seeded_marker) = services::seeded_marker(community.id) {
            let steps = services::steps(community.id, now);
            seed_steps(database, key, community.id, seeded_marker, steps).await?;
        }
        if let Some(seeded_marker) = village::seeded_marker(community.id) {
            let steps = village::steps(community.id, now);
            seed_steps(database, key, community.id, seeded_marker, steps).await?;
        }
    }
    Ok(report)
}

/// The canteen of a demo community, once: its menu, rules, plans and a week
/// of daily menus, then its diners' profiles, top-ups, a subscription and a
/// week of orders, each by the demo member whose role may make it.
async fn seed_canteen(
    database: &Database,
    key: &ServerKey,
    community: &crate::db::DemoCommunity,
    now: Timestamp,
) -> Result<(), SyncError> {
    if has_record(database, community.id, "canteen/settings").await? {
        return Ok(());
    }
    let today = LocalTime::of(now).date;
    let mutations = canteen::canteen_mutations(community.id, today)
        .into_iter()
        .chain(canteen::diner_mutations(community.id, today));
    for (role, mut mutation) in mutations {
        let session = Session {
            community: community.id.to_owned(),
            actor: Actor::new(community.member_id(role).parse().map_err(invalid)?, [role]),
            device: String::new(),
        };
        if let Mutation::Canteen(CanteenMutation::PlaceOrder(order)) = &mut mutation {
            // The price the member's app would have shown.
            let mut read = database.begin_read().await?;
            let at = pricing_time(order.date, order.meal, now);
            let bill = order_price(
                &mut read.records(community.id),
                &session.actor.member,
                &order.lines,
                order.mode,
                at,
            )
            .await;
            read.rollback().await?;
            if let Ok(bill) = bill {
                order.expected_total = bill.total;
            }
        }
        if let Err(rejection) = apply_directly(database, key, &session, &mutation, now).await? {
            tracing::warn!(
                community = community.id,
                mutation = mutation.name(),
                ?rejection,
                "demo canteen record not seeded"
            );
        }
    }
    Ok(())
}

/// Whether the community already holds the record at `key`: how a seed
/// step knows it ran on an earlier start.
async fn has_record(database: &Database, community: &str, key: &str) -> Result<bool, SyncError> {
    let mut check = database.begin_read().await?;
    let found = linli_core::tx::Tx::get(&mut check.records(community), key)
        .await
        .map_err(|err| SyncError::Db(crate::db::DbError::Storage(err.to_string())))?
        .is_some();
    check.rollback().await?;
    Ok(found)
}

/// A module's demo steps (see [`rules`], [`volunteers`]), once: not if the
/// community already has the record at `seeded_marker`, which they make.
async fn seed_steps(
    database: &Database,
    key: &ServerKey,
    community: &str,
    seeded_marker: &str,
    steps: Vec<rules::Step>,
) -> Result<(), SyncError> {
    if has_record(database, community, seeded_marker).await? {
        return Ok(());
    }
    for step in steps {
        let session = Session {
            community: community.to_owned(),
            actor: Actor::new(step.member.parse().map_err(invalid)?, step.roles),
            device: String::new(),
        };
        if let Err(rejection) = apply_directly(database, key, &session, &step.mutation, step.at).await? {
            tracing::warn!(
                community,
                mutation = step.mutation.name(),
                ?rejection,
                "demo record not seeded"
            );
        }
    }
    Ok(())
}

/// The invite codes of every demo member, for the README and the start-up log.
pub fn demo_invites() -> Vec<(String, &'static str, Role, String)> {
    DEMO_COMMUNITIES
        .iter()
        .flat_map(|community| {
            community.members.iter().map(|(role, name)| {
                let id = community.member_id(*role);
                let code = demo_invite_code(&id);
                (id, *name, *role, code)
            })
        })
        .collect()
}

fn invalid(err: linli_core::ids::InvalidId) -> SyncError {
    SyncError::Db(crate::db::DbError::Storage(err.to_string()))
}
