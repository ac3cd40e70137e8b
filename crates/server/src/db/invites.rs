//! Invite codes as the server keeps them: keyed hashes (`secrets.rs`), each
//! either in an officer's pad (issued to them, not yet given to anyone) or
//! bound to a member, until used, withdrawn or expired.

use linli_core::time::DAY_MS;
use linli_core::MemberId;

use super::tx::{with_tx, DbTx};
use super::{Database, DbError};

/// How long a pad code waits to be given to someone.
pub const PAD_CODE_DAYS: i64 = 90;
/// The most unused pad codes one officer holds across their devices.
pub const PAD_LIMIT: i64 = 100;

/// An invite found by its code.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct InviteRow {
    pub code_hash: String,
    pub community: String,
    pub member_id: Option<String>,
    pub invite_id: Option<String>,
    pub expires_at: i64,
    pub withdrawn_at: Option<i64>,
    pub used: bool,
}

impl Database {
    /// How many unused, unexpired pad codes `officer` holds.
    pub async fn pad_codes_held(
        &self,
        community: &str,
        officer: &MemberId,
        now: i64,
    ) -> Result<i64, DbError> {
        Ok(with_pool!(self, |pool| {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM invites WHERE community = $1 AND issued_to = $2 \
                 AND member_id IS NULL AND withdrawn_at IS NULL AND expires_at > $3",
            )
            .bind(community)
            .bind(officer.as_str())
            .bind(now)
            .fetch_one(pool)
            .await
        })?)
    }

    /// Stores codes (their hashes) in `officer`'s pad; when they expire unused.
    pub async fn issue_pad_codes(
        &self,
        community: &str,
        officer: &MemberId,
        code_hashes: &[String],
        now: i64,
    ) -> Result<i64, DbError> {
        let expires_at = now + PAD_CODE_DAYS * DAY_MS;
        let mut tx = self.begin_write().await?;
        for hash in code_hashes {
            with_tx!(&mut tx, |conn| {
                sqlx::query(
                    "INSERT INTO invites (code_hash, community, issued_to, issued_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(hash)
                .bind(community)
                .bind(officer.as_str())
                .bind(now)
                .bind(expires_at)
                .execute(conn)
                .await
                .map(drop)
            })?;
        }
        tx.commit().await?;
        Ok(expires_at)
    }
}

/// An invite being given: a code (by its keyed hash) for a member, under
/// the invite's public id, until `expires_at` (ms).
#[derive(Clone, Copy, Debug)]
pub struct NewInvite<'a> {
    pub community: &'a str,
    pub member: &'a MemberId,
    pub invite_id: &'a str,
    pub code_hash: &'a str,
    pub expires_at: i64,
}

impl DbTx {
    /// The invite with one of these code hashes (the keyed one, or one from
    /// before the server had a key).
    pub async fn find_invite(&mut self, hashes: [&str; 2]) -> Result<Option<InviteRow>, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_as::<_, InviteRow>(
                "SELECT code_hash, community, member_id, invite_id, expires_at, withdrawn_at, \
                 used_at IS NOT NULL AS used FROM invites WHERE code_hash = $1 OR code_hash = $2",
            )
            .bind(hashes[0])
            .bind(hashes[1])
            .fetch_optional(conn)
            .await
        })?)
    }

    /// Marks an invite used and moves it under `keyed_hash`; `false` if a
    /// concurrent join used it first.
    pub async fn use_invite(&mut self, found_hash: &str, keyed_hash: &str) -> Result<bool, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query(
                "UPDATE invites SET used_at = CURRENT_TIMESTAMP, code_hash = $2 \
                 WHERE code_hash = $1 AND used_at IS NULL",
            )
            .bind(found_hash)
            .bind(keyed_hash)
            .execute(conn)
            .await
            .map(|done| done.rows_affected() == 1)
        })?)
    }

    /// Gives a code from `officer`'s pad to the invite's member. `false` if
    /// it is not an unused, unexpired code of theirs: a code the server did
    /// not issue to the actor never joins.
    pub async fn bind_pad_code(
        &mut self,
        invite: &NewInvite<'_>,
        officer: &MemberId,
        now: i64,
    ) -> Result<bool, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query(
                "UPDATE invites SET member_id = $4, invite_id = $5, expires_at = $6 \
                 WHERE code_hash = $3 AND community = $1 AND issued_to = $2 AND member_id IS NULL \
                 AND withdrawn_at IS NULL AND used_at IS NULL AND expires_at > $7",
            )
            .bind(invite.community)
            .bind(officer.as_str())
            .bind(invite.code_hash)
            .bind(invite.member.as_str())
            .bind(invite.invite_id)
            .bind(invite.expires_at)
            .bind(now)
            .execute(conn)
            .await
            .map(|done| done.rows_affected() == 1)
        })?)
    }

    /// Stores a code the server made itself (the demo, the admin command).
    /// `false` if the code is taken.
    pub async fn insert_invite(&mut self, invite: &NewInvite<'_>, now: i64) -> Result<bool, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query(
                "INSERT INTO invites (code_hash, community, member_id, invite_id, issued_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code_hash) DO NOTHING",
            )
            .bind(invite.code_hash)
            .bind(invite.community)
            .bind(invite.member.as_str())
            .bind(invite.invite_id)
            .bind(now)
            .bind(invite.expires_at)
            .execute(conn)
            .await
            .map(|done| done.rows_affected() == 1)
        })?)
    }

    /// Withdraws `member`'s unused invite `invite_id`, or all of them.
    pub async fn withdraw_invites(
        &mut self,
        community: &str,
        member: &MemberId,
        invite_id: Option<&str>,
        now: i64,
    ) -> Result<(), DbError> {
        with_tx!(self, |conn| {
            sqlx::query(
                "UPDATE invites SET withdrawn_at = $4 WHERE community = $1 AND member_id = $2 \
                 AND ($3 = '' OR invite_id = $3) AND used_at IS NULL AND withdrawn_at IS NULL",
            )
            .bind(community)
            .bind(member.as_str())
            .bind(invite_id.unwrap_or_default())
            .bind(now)
            .execute(conn)
            .await
            .map(drop)
        })?;
        Ok(())
    }
}
