//! Devices' tokens: one per device that joined, stored keyed with the
//! server's key (`secrets.rs`), revoked when the device is signed out.

use linli_core::MemberId;

use super::members::{parse_roles, Session};
use super::tx::{with_tx, DbTx};
use super::{Database, DbError};
use linli_core::Actor;

/// What a token says about the device that sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenState {
    /// Signed in; when it last synced (ms).
    Active { session: Session, last_seen_at: i64 },
    /// Signed out (by the member, by the committee, or the member has left).
    SignedOut,
    /// No such token.
    Unknown,
}

type TokenRow = (String, String, String, bool, String, Option<i64>, i64);

impl Database {
    /// The device behind a token, looked up by its keyed hash. A token from
    /// before the server had a key (`legacy_hash`) is found by that and
    /// moved under the key, so devices stay signed in across the upgrade.
    pub async fn token_state(&self, token_hash: &str, legacy_hash: &str) -> Result<TokenState, DbError> {
        let lookup = |hash: String| async move {
            with_pool!(self, |pool| {
                sqlx::query_as::<_, TokenRow>(
                    "SELECT m.community, m.id, m.roles, m.active, t.device_id, t.revoked_at, t.last_seen_at \
                     FROM tokens t JOIN members m ON m.community = t.community AND m.id = t.member_id \
                     WHERE t.token_hash = $1",
                )
                .bind(hash)
                .fetch_optional(pool)
                .await
            })
        };
        let mut row = lookup(token_hash.to_owned()).await?;
        if row.is_none() {
            row = lookup(legacy_hash.to_owned()).await?;
            if row.is_some() {
                with_pool!(self, |pool| {
                    sqlx::query("UPDATE tokens SET token_hash = $1 WHERE token_hash = $2")
                        .bind(token_hash)
                        .bind(legacy_hash)
                        .execute(pool)
                        .await
                        .map(drop)
                })?;
            }
        }
        let Some((community, member, roles, active, device, revoked_at, last_seen_at)) = row else {
            return Ok(TokenState::Unknown);
        };
        let Ok(member) = member.parse::<MemberId>() else {
            return Ok(TokenState::Unknown);
        };
        if revoked_at.is_some() || !active {
            return Ok(TokenState::SignedOut);
        }
        Ok(TokenState::Active {
            session: Session {
                community,
                actor: Actor::new(member, parse_roles(&roles)),
                device,
            },
            last_seen_at,
        })
    }

    /// Notes that the device synced at `now`.
    pub async fn touch_token(&self, token_hash: &str, now: i64) -> Result<(), DbError> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE tokens SET last_seen_at = $2 WHERE token_hash = $1")
                .bind(token_hash)
                .bind(now)
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok(())
    }

    /// Forgets a device token (the device's own sign-out).
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
}

impl DbTx {
    /// Stores a new device's token.
    pub async fn insert_token(
        &mut self,
        token_hash: &str,
        session: &Session,
        device_name: &str,
        now: i64,
    ) -> Result<(), DbError> {
        with_tx!(self, |conn| {
            sqlx::query(
                "INSERT INTO tokens (token_hash, community, member_id, device_id, device_name, joined_at, last_seen_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(token_hash)
            .bind(&session.community)
            .bind(session.actor.member.as_str())
            .bind(&session.device)
            .bind(device_name)
            .bind(now)
            .execute(conn)
            .await
            .map(drop)
        })?;
        Ok(())
    }

    /// Revokes the tokens of `member`'s device `device`, or of all their
    /// devices: their next request is refused as signed out.
    pub async fn revoke_tokens(
        &mut self,
        community: &str,
        member: &MemberId,
        device: Option<&str>,
        now: i64,
    ) -> Result<(), DbError> {
        with_tx!(self, |conn| {
            sqlx::query(
                "UPDATE tokens SET revoked_at = $4 \
                 WHERE community = $1 AND member_id = $2 AND ($3 = '' OR device_id = $3) AND revoked_at IS NULL",
            )
            .bind(community)
            .bind(member.as_str())
            .bind(device.unwrap_or_default())
            .bind(now)
            .execute(conn)
            .await
            .map(drop)
        })?;
        Ok(())
    }
}
