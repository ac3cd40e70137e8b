//! Members, client groups and sync clients: the server's own tables around
//! the records (tokens.rs has the devices' tokens, invites.rs the codes).

use linli_core::{Actor, MemberId, Role};

use super::tx::{with_tx, DbTx};
use super::{Database, DbError};

/// A signed-in device: the member, their community and their roles as the
/// server holds them, and which of the member's devices it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub community: String,
    pub actor: Actor,
    /// The device's public id (`device/<member>/<id>`); empty for the
    /// server's own work (the demo seed, the admin command).
    pub device: String,
}

impl Session {
    /// The server acting for `member` of `community` with `roles`, on no device.
    pub fn server(community: &str, member: MemberId, roles: impl IntoIterator<Item = Role>) -> Session {
        Session {
            community: community.to_owned(),
            actor: Actor::new(member, roles),
            device: String::new(),
        }
    }
}

/// Role names as stored: space-separated.
pub(super) fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| role.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn parse_roles(roles: &str) -> Vec<Role> {
    // A role name the server does not know (from a newer release) grants nothing.
    roles
        .split_whitespace()
        .filter_map(|name| name.parse().ok())
        .collect()
}

impl Database {
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
}

impl Database {
    /// Whether a restore retired `group` (migrations/*/0004_restore.sql).
    pub async fn client_group_retired(&self, group: &str) -> Result<bool, DbError> {
        Ok(with_pool!(self, |pool| {
            sqlx::query_scalar::<_, String>("SELECT id FROM retired_client_groups WHERE id = $1")
                .bind(group)
                .fetch_optional(pool)
                .await
                .map(|found| found.is_some())
        })?)
    }
}

impl DbTx {
    /// Whether a restore retired `group`.
    pub async fn client_group_retired(&mut self, group: &str) -> Result<bool, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_scalar::<_, String>("SELECT id FROM retired_client_groups WHERE id = $1")
                .bind(group)
                .fetch_optional(conn)
                .await
                .map(|found| found.is_some())
        })?)
    }

    /// Adds a member with their roles. `false`, with nothing written, if the
    /// id is taken. Conflicts are answered, not raised, because an error
    /// inside a PostgreSQL transaction would abort the whole push.
    pub async fn insert_member(
        &mut self,
        community: &str,
        member: &MemberId,
        roles: &[Role],
    ) -> Result<bool, DbError> {
        let roles = roles_text(roles);
        Ok(with_tx!(self, |conn| {
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
        })?)
    }

    /// Sets a member's roles (read by every request from then on).
    pub async fn set_member_roles(
        &mut self,
        community: &str,
        member: &MemberId,
        roles: &[Role],
    ) -> Result<(), DbError> {
        let roles = roles_text(roles);
        with_tx!(self, |conn| {
            sqlx::query("UPDATE members SET roles = $3 WHERE community = $1 AND id = $2")
                .bind(community)
                .bind(member.as_str())
                .bind(&roles)
                .execute(conn)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// The member has left: no device of theirs is let in again.
    pub async fn deactivate_member(&mut self, community: &str, member: &MemberId) -> Result<(), DbError> {
        with_tx!(self, |conn| {
            sqlx::query("UPDATE members SET active = FALSE WHERE community = $1 AND id = $2")
                .bind(community)
                .bind(member.as_str())
                .execute(conn)
                .await
                .map(drop)
        })?;
        Ok(())
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
