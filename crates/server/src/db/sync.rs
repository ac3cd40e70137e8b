//! The reads a pull makes: what changed in a community after a version.

use super::tx::{with_tx, DbTx};
use super::DbError;

/// A record row as a pull sees it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ChangedRecord {
    pub key: String,
    pub value: String,
    pub audience: String,
    pub version: i64,
    pub deleted: bool,
}

impl DbTx {
    /// The community's current version; `None` if there is no such community.
    pub async fn community_version(&mut self, community: &str) -> Result<Option<i64>, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_scalar::<_, i64>("SELECT version FROM communities WHERE id = $1")
                .bind(community)
                .fetch_optional(conn)
                .await
        })?)
    }

    /// Records changed after version `after` up to `upto`, oldest change
    /// first, at most `limit` of them.
    pub async fn changed_records(
        &mut self,
        community: &str,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<ChangedRecord>, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_as::<_, ChangedRecord>(
                "SELECT key, value, audience, version, deleted FROM records \
                 WHERE community = $1 AND version > $2 AND version <= $3 ORDER BY version, key LIMIT $4",
            )
            .bind(community)
            .bind(after)
            .bind(upto)
            .bind(limit)
            .fetch_all(conn)
            .await
        })?)
    }

    /// Every record a single version changed (one mutation's writes).
    pub async fn records_at_version(
        &mut self,
        community: &str,
        version: i64,
    ) -> Result<Vec<ChangedRecord>, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_as::<_, ChangedRecord>(
                "SELECT key, value, audience, version, deleted FROM records \
                 WHERE community = $1 AND version = $2 ORDER BY key",
            )
            .bind(community)
            .bind(version)
            .fetch_all(conn)
            .await
        })?)
    }

    /// How many records changed after `after` up to `upto`.
    pub async fn count_changed(&mut self, community: &str, after: i64, upto: i64) -> Result<i64, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM records WHERE community = $1 AND version > $2 AND version <= $3",
            )
            .bind(community)
            .bind(after)
            .bind(upto)
            .fetch_one(conn)
            .await
        })?)
    }

    /// The clients of `group` whose last processed mutation changed in the
    /// versions after `after` up to `upto`, with that mutation's id.
    pub async fn clients_changed(
        &mut self,
        group: &str,
        after: i64,
        upto: i64,
    ) -> Result<Vec<(String, i64)>, DbError> {
        Ok(with_tx!(self, |conn| {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT id, last_mutation_id FROM clients \
                 WHERE client_group_id = $1 AND version > $2 AND version <= $3",
            )
            .bind(group)
            .bind(after)
            .bind(upto)
            .fetch_all(conn)
            .await
        })?)
    }
}
