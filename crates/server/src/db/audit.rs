//! The audit log: every processed mutation and every join, as officers and
//! admins read it back.

use serde::Serialize;

use super::tx::{with_tx, DbTx};
use super::{Database, DbError};

/// One entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Its place in the log (newest highest); 0 until written.
    pub seq: i64,
    pub community: String,
    /// The server's clock (ms).
    pub at: i64,
    pub member_id: String,
    pub device_id: String,
    pub client_id: String,
    pub mutation_id: i64,
    pub module: String,
    pub name: String,
    /// JSON, as `Mutation::audit_args` leaves it.
    pub args: String,
    /// `applied`, or the rejection's code.
    pub outcome: String,
}

/// Which entries to read.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub member: Option<String>,
    pub module: Option<String>,
    /// Entries older than this place in the log (the next page).
    pub before: Option<i64>,
    pub limit: i64,
}

impl DbTx {
    /// Writes `entries` in a few statements.
    pub async fn insert_audit(&mut self, entries: &[AuditEntry]) -> Result<(), DbError> {
        // Ten values a row: well under either backend's limit per statement.
        for chunk in entries.chunks(300) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|row| {
                    let first = row * 10 + 1;
                    let places: Vec<String> = (first..first + 10).map(|n| format!("${n}")).collect();
                    format!("({})", places.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO audit_log (community, at, member_id, device_id, client_id, mutation_id, module, \
                 name, args, outcome) VALUES {}",
                rows.join(", ")
            );
            with_tx!(self, |conn| {
                let mut query = sqlx::query(&sql);
                for entry in chunk {
                    query = query
                        .bind(&entry.community)
                        .bind(entry.at)
                        .bind(&entry.member_id)
                        .bind(&entry.device_id)
                        .bind(&entry.client_id)
                        .bind(entry.mutation_id)
                        .bind(&entry.module)
                        .bind(&entry.name)
                        .bind(&entry.args)
                        .bind(&entry.outcome);
                }
                query.execute(conn).await.map(drop)
            })?;
        }
        Ok(())
    }
}

impl Database {
    /// A page of `community`'s log, newest first.
    pub async fn audit_log(&self, community: &str, query: &AuditQuery) -> Result<Vec<AuditEntry>, DbError> {
        let sql = "SELECT seq, community, at, member_id, device_id, client_id, mutation_id, module, name, args, outcome \
                   FROM audit_log WHERE community = $1 AND ($2 = '' OR member_id = $2) AND ($3 = '' OR module = $3) \
                   AND seq < $4 ORDER BY seq DESC LIMIT $5";
        Ok(with_pool!(self, |pool| {
            sqlx::query_as::<_, AuditEntry>(sql)
                .bind(community)
                .bind(query.member.as_deref().unwrap_or_default())
                .bind(query.module.as_deref().unwrap_or_default())
                .bind(query.before.unwrap_or(i64::MAX))
                .bind(query.limit.clamp(1, 200))
                .fetch_all(pool)
                .await
        })?)
    }
}
