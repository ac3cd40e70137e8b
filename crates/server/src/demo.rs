//! Seeds the demo communities of DESIGN.md §5 on a server's first start:
//! their members (one per role, each with a fixed invite code that the README
//! lists) and a first notice. Everything goes through the same mutations as
//! the app's own changes. Running it again adds only what is missing.

use linli_core::members::RegisterMember;
use linli_core::notices::PostNotice;
use linli_core::{Actor, Mutation, RejectionCode, Role, Timestamp};

use crate::db::{Database, Session, DEMO_COMMUNITIES};
use crate::secrets::demo_invite_code;
use crate::sync::{apply_directly, SyncError};

/// What a seed run added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub communities: u64,
    pub members: u64,
}

/// Adds what is missing of the demo, at `now`.
pub async fn seed(database: &Database, now: Timestamp) -> Result<SeedReport, SyncError> {
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
        };
        for (role, name) in community.members {
            let id = community.member_id(role);
            let register = Mutation::RegisterMember(RegisterMember {
                id: id.parse().map_err(invalid)?,
                name: name.to_owned(),
                roles: vec![role],
                invite_code: demo_invite_code(&id),
            });
            match apply_directly(database, &registrar, &register, now).await? {
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
        };
        let (title, body) = community.notice;
        let notice = Mutation::PostNotice(PostNotice {
            id: "welcome".parse().map_err(invalid)?,
            title: title.to_owned(),
            body: body.to_owned(),
        });
        // AlreadyExists on a later start is the expected outcome.
        let _ = apply_directly(database, &officer, &notice, now).await?;
    }
    Ok(report)
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
