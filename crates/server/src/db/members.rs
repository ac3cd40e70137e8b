//! Members, invites, device tokens and sync clients: the server's own tables
//! around the records.

use linli_core::{Actor, MemberId, Role};

use super::tx::{with_tx, DbTx};
use super::{Database, DbError};

/// A signed-in device: the member, their community and their roles as the
/// server holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub community: String,
    pub actor: Actor,
}

fn parse_roles(roles: &str) -> Vec<Role> {
    // A role name the server does not know (from a newer release) grants nothing.
    roles
        .split_whitespace()
        .filter_map(|name| name.parse().ok())
        .collect()
}

fn session(community: String, member: String, roles: String) -> Option<Session> {
    let member: MemberId = member.parse().ok()?;
    Some(Session {
        community,
        actor: Actor::new(member, parse_roles(&roles)),
    })
}

impl Database {
    /// The session a device token belongs to, if the token is known.
    pub async fn session_for_token(&self, token_hash: &str) -> Result<Option<Session>, DbError> {
        let row = with_pool!(self, |pool| {
            sqlx::query_as::<_, (String, String, String)>(
                "SELECT m.community, m.id, m.roles FROM tokens t \
                 JOIN members m ON m.community = t.community AND m.id = t.member_id \
                 WHERE t.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.and_then(|(community, member, roles)| session(community, member, roles)))
    }

    /// The community and member a client group belongs to, if the server knows the group.
    pub async fn client_group_owner(&self, group: &str) -> Result<Option<(String, String)>, DbError> {
        Ok(with_pool!(self, |pool| {
            sqlx::query_as::<_, (String, String)>(
                "SELECT community, member_id FROM client_groups WHERE id = $1",
            )
            .bind(group)
            .fetch_optional(pool)
            .await
        })?)
    }

    /// Forgets a device token (sign-out).
    pub async fn delete_token(&self, token_hash: &str) -> Result<(), DbError> {
        with_pool!(self, |pool| {
            sqlx::query("DELETE FROM tokens WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// Uses an invite once: marks it used and stores the new device token's
    /// hash, in one transaction. `None` if the code is unknown or used.
    pub async fn redeem_invite(&self, code_hash: &str, token_hash: &str) -> Result<Option<Session>, DbError> {
        let mut tx = self.begin_write().await?;
        let redeemed = with_tx!(&mut tx, |conn| {
            sqlx::query_as::<_, (String, String)>(
                "UPDATE invites SET used_at = CURRENT_TIMESTAMP \
                 WHERE code_hash = $1 AND used_at IS NULL RETURNING community, member_id",
            )
            .bind(code_hash)
            .fetch_optional(conn)
            .await
        })?;
        let Some((community, member)) = redeemed else {
            tx.rollback().await?;
            return Ok(None);
        };
        with_tx!(&mut tx, |conn| {
            sqlx::query("INSERT INTO tokens (token_hash, community, member_id) VALUES ($1, $2, $3)")
                .bind(token_hash)
                .bind(&community)
                .bind(&member)
                .execute(conn)
                .await
                .map(drop)
        })?;
        let roles = with_tx!(&mut tx, |conn| {
            sqlx::query_scalar::<_, String>("SELECT roles FROM members WHERE community = $1 AND id = $2")
                .bind(&community)
                .bind(&member)
                .fetch_one(conn)
                .await
        })?;
        tx.commit().await?;
        Ok(session(community, member, roles))
    }
}

impl DbTx {
    /// Adds a member with their roles and an unused invite (its code's
    /// hash). `false`, with nothing written, if the id or the code is taken:
    /// the caller refuses the mutation. Conflicts are answered, not raised,
    /// because an error inside a PostgreSQL transaction would abort the
    /// whole push.
    pub async fn insert_member(
        &mut self,
        community: &str,
        member: &MemberId,
        roles: &[Role],
        invite_code_hash: &str,
    ) -> Result<bool, DbError> {
        let roles = roles
            .iter()
            .map(|role| role.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.savepoint().await?;
        let member_added = with_tx!(self, |conn| {
            sqlx::query(
                "INSERT INTO members (community, id, roles) VALUES ($1, $2, $3) \
                 ON CONFLICT (community, id) DO NOTHING",
            )
            .bind(community)
            .bind(member.as_str())
            .bind(&roles)
            .execute(conn)
            .await
            .map(|done| done.rows_affected() == 1)
        })?;
        let invite_added = member_added
            && with_tx!(self, |conn| {
                sqlx::query(
                    "INSERT INTO invites (code_hash, community, member_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (code_hash) DO NOTHING",
                )
                .bind(invite_code_hash)
                .bind(community)
                .bind(member.as_str())
                .execute(conn)
                .await
                .map(|done| done.rows_affected() == 1)
            })?;
        if !invite_added {
            self.rollback_to_savepoint().await?;
        }
        Ok(invite_added)
    }

    /// Adds a client group for `member`; `false` if the id was taken meanwhile.
    pub async fn insert_client_group(
        &mut self,
        group: &str,
        community: &str,
        member: &str,
    ) -> Result<bool, DbError> {
        let inserted = with_tx!(self, |conn| {
            sqlx::query(
                "INSERT INTO client_groups (id, community, member_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(group)
            .bind(community)
            .bind(member)
            .execute(conn)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(inserted == 1)
    }

    /// The owners (community, member) of those of `groups` the server knows.
    pub async fn client_group_owners(
        &mut self,
        groups: &[&str],
    ) -> Result<std::collections::BTreeMap<String, (String, String)>, DbError> {
        let mut owners = std::collections::BTreeMap::new();
        for chunk in groups.chunks(500) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
            let sql = format!(
                "SELECT id, community, member_id FROM client_groups WHERE id IN ({})",
                placeholders.join(", ")
            );
            let rows = with_tx!(self, |conn| {
                let mut query = sqlx::query_as::<_, (String, String, String)>(&sql);
                for group in chunk {
                    query = query.bind(*group);
                }
                query.fetch_all(conn).await
            })?;
            for (id, community, member) in rows {
                owners.insert(id, (community, member));
            }
        }
        Ok(owners)
    }

    /// A client's group and last processed mutation id, if the server knows it.
    pub async fn client(&mut self, client: &str) -> Result<Option<(String, i64)>, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT client_group_id, last_mutation_id FROM clients WHERE id = $1",
            )
            .bind(client)
            .fetch_optional(conn)
            .await
        })?)
    }

    /// Moves `client`'s last processed mutation from `from` to `to`, at
    /// community `version`; `from` is 0 for a client the server has not seen.
    /// `false` if the stored counter was not `from` (or the client id is
    /// another group's): a concurrent writer got there first, and the
    /// caller must not commit.
    pub async fn advance_client(
        &mut self,
        client: &str,
        group: &str,
        from: i64,
        to: i64,
        version: i64,
    ) -> Result<bool, DbError> {
        let moved = with_tx!(self, |conn| {
            if from == 0 {
                sqlx::query(
                    "INSERT INTO clients (id, client_group_id, last_mutation_id, version) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(client)
                .bind(group)
                .bind(to)
                .bind(version)
                .execute(conn)
                .await
            } else {
                sqlx::query(
                    "UPDATE clients SET last_mutation_id = $3, version = $4 \
                     WHERE id = $1 AND client_group_id = $2 AND last_mutation_id = $5",
                )
                .bind(client)
                .bind(group)
                .bind(to)
                .bind(version)
                .bind(from)
                .execute(conn)
                .await
            }
            .map(|done| done.rows_affected() == 1)
        })?;
        Ok(moved)
    }
}
