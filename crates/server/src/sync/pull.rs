//! `POST /api/v1/pull`: what changed for the member since the cookie.

use linli_core::keys::{grid_tag, household_key, household_tag, reader_tags, readers_fingerprint, Audience};
use linli_core::protocol::{Cookie, PatchOp, PullRequest, PullResponse, PULL_VERSION};

use super::{check_schema, claim_client_group, SyncError};
use crate::db::{ChangedRecord, Database, DbError, Session};

/// About how much of the reader's records' JSON one page carries: on a slow
/// link the round trip, not the bytes, is what a page costs, so a page is
/// sized by what it carries (10,000 records of a village's size take two)
/// while staying small enough that a dropped link loses little.
pub const PAGE_BYTES: usize = 2 * 1024 * 1024;

/// `POST /api/v1/pull`: one page of changes. `page_size` bounds the records
/// read per page and [`PAGE_BYTES`] what of them the reader receives; one
/// mutation's writes are never split across pages.
pub async fn pull(
    database: &Database,
    session: &Session,
    request: &PullRequest,
    page_size: u32,
) -> Result<PullResponse, SyncError> {
    if request.pull_version != PULL_VERSION {
        return Err(SyncError::VersionNotSupported("pull"));
    }
    check_schema(&request.schema_version)?;
    let group = request.client_group_id.as_str();
    let new_group = claim_client_group(database, session, group).await?;
    if new_group && request.cookie.is_some() {
        return Err(SyncError::ClientStateNotFound);
    }

    let mut tx = database.begin_read().await?;
    let current = tx.community_version(&session.community).await?.unwrap_or(0);
    let mut readers = reader_tags(&session.actor);
    readers.extend(grids_run_by(&mut tx, session).await?);
    readers.extend(household_of(&mut tx, session).await?);
    let fingerprint = readers_fingerprint(&readers);
    // A cookie from a future this server never had (its data was reset), or
    // past i64 (from no server this could be), whatever tags it was read with.
    let from_the_future = request
        .cookie
        .is_some_and(|cookie| i64::try_from(cookie.order).map_or(true, |order| order > current));
    if from_the_future {
        tx.rollback().await?;
        return Err(SyncError::ClientStateNotFound);
    }
    // A cookie read with other tags (a role or grid changed since) starts
    // the member's copy afresh: see `readers_fingerprint`.
    let cookie = request.cookie.filter(|cookie| cookie.readers == fingerprint);
    let after = cookie.map_or(0, |cookie| cookie.order as i64);

    let limit = i64::from(page_size.max(1));
    let mut rows = tx
        .changed_records(&session.community, after, current, limit + 1)
        .await?;
    let left_out_by_count = (rows.len() as i64 > limit).then(|| rows[limit as usize].version);
    let left_out = match (left_out_by_count, first_version_over(&rows, &readers, PAGE_BYTES)) {
        (Some(by_count), Some(by_bytes)) => Some(by_count.min(by_bytes)),
        (by_count, by_bytes) => by_count.or(by_bytes),
    };
    let (upto, more) = if let Some(first_left_out) = left_out {
        rows.retain(|row| row.version < first_left_out);
        if rows.is_empty() {
            // One mutation wrote more than a page: send all of it.
            rows = tx.records_at_version(&session.community, first_left_out).await?;
            (first_left_out, first_left_out < current)
        } else {
            (first_left_out - 1, true)
        }
    } else {
        (current, false)
    };

    let mut patch = Vec::with_capacity(rows.len() + 1);
    if cookie.is_none() {
        patch.push(PatchOp::Clear);
    }
    patch.extend(rows.into_iter().filter_map(|row| patch_op(row, &readers)));
    let last_mutation_id_changes = tx
        .clients_changed(group, after, upto)
        .await?
        .into_iter()
        .filter_map(|(client, last)| Some((client.parse().ok()?, u64::try_from(last).ok()?)))
        .collect();
    let remaining = tx.count_changed(&session.community, upto, current).await?;
    tx.rollback().await?;

    Ok(PullResponse {
        cookie: Cookie {
            order: upto as u64,
            readers: fingerprint,
        },
        last_mutation_id_changes,
        patch,
        more,
        remaining: remaining as u64,
    })
}

/// The tags of the grids the session's member works as grid worker, read
/// from the grid records at the time of the pull.
async fn grids_run_by(tx: &mut crate::db::DbTx, session: &Session) -> Result<Vec<String>, SyncError> {
    if !session.actor.has_any(&[linli_core::Role::GridWorker]) {
        return Ok(Vec::new());
    }
    let grids = linli_core::tx::Tx::scan(
        &mut tx.records(&session.community),
        linli_core::volunteers::records::GRID_PREFIX,
    )
    .await
    .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))?;
    Ok(grids
        .into_iter()
        .filter_map(|(_, value)| serde_json::from_value::<linli_core::volunteers::records::Grid>(value).ok())
        .filter(|grid| grid.is_worked_by(&session.actor))
        .map(|grid| grid_tag(&grid.id))
        .collect())
}

/// The tag of the household the session's member is in by the village
/// register at the time of the pull (none for a member not on it).
async fn household_of(tx: &mut crate::db::DbTx, session: &Session) -> Result<Option<String>, SyncError> {
    let entry = linli_core::tx::Tx::get(
        &mut tx.records(&session.community),
        &linli_core::rules::records::voter(&session.actor.member),
    )
    .await
    .map_err(|err| SyncError::Db(DbError::Storage(err.to_string())))?;
    Ok(entry
        .and_then(|value| serde_json::from_value::<linli_core::rules::records::Voter>(value).ok())
        .map(|voter| household_tag(&household_key(&voter.household))))
}

/// The version of the first row that would take the reader's share of the
/// page past `budget` bytes, if any: rows from that version on wait for the
/// next page.
fn first_version_over(rows: &[ChangedRecord], readers: &[String], budget: usize) -> Option<i64> {
    let mut carried = 0usize;
    for row in rows {
        if is_visible(row, readers) {
            carried += row.key.len() + row.value.len();
            if carried > budget {
                return Some(row.version);
            }
        }
    }
    None
}

/// Whether the reader with these tags may see the row.
fn is_visible(row: &ChangedRecord, readers: &[String]) -> bool {
    row.audience
        .split_whitespace()
        .any(|tag| readers.iter().any(|r| r == tag))
}

/// The patch operation for one changed record, or `None` if this reader may
/// not see it. The audience follows from the key and never changes, so a
/// record a reader may not see was never sent to them, not even as a deletion.
fn patch_op(row: ChangedRecord, readers: &[String]) -> Option<PatchOp> {
    let visible = is_visible(&row, readers);
    debug_assert_eq!(row.audience, Audience::of_key(&row.key).tags().join(" "));
    if !visible {
        return None;
    }
    if row.deleted {
        return Some(PatchOp::Del { key: row.key });
    }
    match serde_json::from_str(&row.value) {
        Ok(value) => Some(PatchOp::Put { key: row.key, value }),
        Err(err) => {
            tracing::error!(key = %row.key, %err, "stored record is not JSON; not sent");
            None
        }
    }
}
