//! The IndexedDB store in a real browser: the outbox, pulls and sign-out.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` (headless Chromium).

#![cfg(target_arch = "wasm32")]

use linli::store::local_db::{DeviceMeta, LocalDb};
use linli::store::StoreError;
use linli_core::mutation::WireMutation;
use linli_core::notices::NoticesMutation;
use linli_core::notices::PostNotice;
use linli_core::protocol::Cookie;
use linli_core::replica::{PullOutcome, Replica};
use linli_core::{Actor, Mutation, Role, Timestamp};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn meta(next: u64) -> DeviceMeta {
    DeviceMeta {
        client_id: "c1".into(),
        client_group_id: "g1".into(),
        next_mutation_id: next,
        cookie: None,
        session: None,
        last_synced_at: None,
        invite_pad: Vec::new(),
    }
}

fn replica() -> Replica {
    Replica::new(
        "c1".parse().unwrap(),
        "g1".parse().unwrap(),
        Actor::new("m1".parse().unwrap(), [Role::Officer]),
    )
}

fn post(id: &str) -> Mutation {
    Mutation::Notices(NoticesMutation::PostNotice(PostNotice {
        id: id.parse().unwrap(),
        title: format!("通知 {id}"),
        body: String::new(),
    }))
}

/// The confirmed records after `outcome` over `before`, as the replica
/// holds them when the page is saved.
fn confirmed_after(before: &BTreeMap<String, Value>, outcome: &PullOutcome) -> BTreeMap<String, Value> {
    let mut confirmed = if outcome.cleared {
        BTreeMap::new()
    } else {
        before.clone()
    };
    for (key, change) in &outcome.confirmed_changes {
        match change {
            Some(value) => confirmed.insert(key.clone(), value.clone()),
            None => confirmed.remove(key),
        };
    }
    confirmed
}

async fn fresh_db() -> LocalDb {
    let db = LocalDb::open().await.expect("IndexedDB opens in Chromium");
    db.clear().await.expect("clearing works");
    db
}

#[wasm_bindgen_test]
async fn queued_mutations_come_back_in_order_after_a_restart() {
    let db = fresh_db().await;
    let mut replica = replica();
    for id in ["n1", "n2", "n3"] {
        let pending = replica.plan(post(id), Timestamp(1)).unwrap();
        db.queue(&pending, &meta(pending.id + 1)).await.unwrap();
        replica.accept(pending);
    }
    let stored = LocalDb::open().await.unwrap().load().await.unwrap();
    let ids: Vec<u64> = stored.outbox.iter().map(|pending| pending.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(stored.outbox[1].mutation, WireMutation::from(&post("n2")));
    assert_eq!(stored.outbox, replica.pending(), "with their effects");
    assert_eq!(stored.meta.unwrap().next_mutation_id, 4);
}

#[wasm_bindgen_test]
async fn a_saved_pull_replaces_confirmed_records_and_drops_confirmed_mutations() {
    let db = fresh_db().await;
    let mut replica = replica();
    for id in ["n1", "n2"] {
        let pending = replica.plan(post(id), Timestamp(1)).unwrap();
        db.queue(&pending, &meta(pending.id + 1)).await.unwrap();
        replica.accept(pending);
    }
    let outcome = PullOutcome {
        cleared: true,
        confirmed_changes: [
            ("notice/n1".to_owned(), Some(json!({"title": "通知 n1"}))),
            ("member/m1".to_owned(), Some(json!({"name": "徐敬波"}))),
        ]
        .into(),
        confirmed_ids: vec![1],
    };
    let mut after = meta(3);
    after.cookie = Some(Cookie { order: 9, readers: 7 });
    // The mutation left, with the effects its replay gave.
    let mut left = replica.pending()[1].clone();
    left.effects = [("notice/n2".to_owned(), Some(json!({"title": "replayed"})))].into();
    db.save_pull(
        &confirmed_after(&BTreeMap::new(), &outcome),
        &outcome,
        std::slice::from_ref(&left),
        &after,
    )
    .await
    .unwrap();

    let stored = db.load().await.unwrap();
    assert_eq!(stored.confirmed.len(), 2);
    assert_eq!(stored.confirmed["member/m1"], json!({"name": "徐敬波"}));
    assert_eq!(stored.outbox, [left]);
    assert_eq!(stored.meta.unwrap().cookie, Some(Cookie { order: 9, readers: 7 }));
}

/// The first member's database, opened past the store's own code.
async fn open_raw() -> idb::Database {
    idb::Factory::new()
        .unwrap()
        .open("linli", Some(1))
        .unwrap()
        .await
        .unwrap()
}

/// The keys of the object store `store`, read past the store's own code.
async fn raw_keys(store: &str) -> Vec<String> {
    let raw = open_raw().await;
    let tx = raw.transaction(&[store], idb::TransactionMode::ReadOnly).unwrap();
    let keys = tx
        .object_store(store)
        .unwrap()
        .get_all_keys(None, None)
        .unwrap()
        .await
        .unwrap();
    raw.close();
    keys.iter().filter_map(|key| key.as_string()).collect()
}

/// Writes `text` under `key` in the object store `store`, past the store's own code.
async fn put_raw(store: &str, key: wasm_bindgen::JsValue, text: &str) {
    let raw = open_raw().await;
    let tx = raw
        .transaction(&[store], idb::TransactionMode::ReadWrite)
        .unwrap();
    tx.object_store(store)
        .unwrap()
        .put(&text.into(), Some(&key))
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    raw.close();
}

/// Writes `text` where outbox entry 1 belongs.
async fn put_raw_outbox_entry(text: &str) {
    put_raw("outbox", wasm_bindgen::JsValue::from_f64(1.0), text).await;
}

#[wasm_bindgen_test]
async fn a_confirmed_record_that_does_not_read_back_is_skipped_and_the_rest_load() {
    let db = fresh_db().await;
    let mut synced = meta(1);
    synced.cookie = Some(Cookie { order: 4, readers: 1 });
    let outcome = PullOutcome {
        cleared: true,
        confirmed_changes: [
            ("notice/n1".to_owned(), Some(json!({"title": "停水"}))),
            (
                "notice/n3".to_owned(),
                Some(json!({"title": "停电", "at": [1, 2]})),
            ),
        ]
        .into(),
        confirmed_ids: Vec::new(),
    };
    db.save_pull(
        &confirmed_after(&BTreeMap::new(), &outcome),
        &outcome,
        &[],
        &synced,
    )
    .await
    .unwrap();
    let stored = db.load().await.unwrap();
    assert_eq!(stored.confirmed.len(), 2);
    assert_eq!(
        stored.confirmed["notice/n3"],
        json!({"title": "停电", "at": [1, 2]})
    );
    assert_eq!(stored.meta.unwrap().cookie, synced.cookie);

    // Garbage beside the chunks, as a tab of the first version (one record
    // per entry) left open could have written.
    put_raw("confirmed", "notice/n2".into(), "{not json").await;
    let stored = db.load().await.unwrap();
    assert_eq!(
        stored.confirmed.keys().collect::<Vec<_>>(),
        ["notice/n1", "notice/n3"],
        "the unreadable record is left out, its neighbours are not"
    );
    assert_eq!(stored.confirmed["notice/n1"], json!({"title": "停水"}));
    assert_eq!(
        stored.meta.unwrap().cookie,
        None,
        "both kinds of entry at once: the next pull starts afresh"
    );
}

/// A first pull of 200 notices and 50 members, and the records it left.
async fn first_page(db: &LocalDb) -> BTreeMap<String, Value> {
    let notices = (0..200).map(|n| {
        (
            format!("notice/n{n}"),
            Some(json!({"title": format!("通知 {n}")})),
        )
    });
    let members = (0..50).map(|n| (format!("member/m{n}"), Some(json!({"name": format!("居民{n}")}))));
    let outcome = PullOutcome {
        cleared: true,
        confirmed_changes: notices.chain(members).collect(),
        confirmed_ids: Vec::new(),
    };
    let confirmed = confirmed_after(&BTreeMap::new(), &outcome);
    let mut saved = meta(1);
    saved.cookie = Some(Cookie { order: 5, readers: 1 });
    db.save_pull(&confirmed, &outcome, &[], &saved).await.unwrap();
    confirmed
}

#[wasm_bindgen_test]
async fn records_are_stored_in_a_few_chunks_and_a_later_page_changes_only_its_records() {
    let db = fresh_db().await;
    let before = first_page(&db).await;
    let chunks = raw_keys("confirmed").await;
    assert!(
        chunks
            .iter()
            .all(|key| key.starts_with("#notice#") || key.starts_with("#member#")),
        "every entry is a chunk: {chunks:?}"
    );
    assert!(
        chunks.len() <= 2 * 64,
        "250 records in at most 64 chunks per module: {}",
        chunks.len()
    );

    let outcome = PullOutcome {
        cleared: false,
        confirmed_changes: [
            ("notice/n3".to_owned(), None),
            ("notice/n5".to_owned(), Some(json!({"title": "改期"}))),
            ("visit/v1".to_owned(), Some(json!({"found": "暖气不热"}))),
        ]
        .into(),
        confirmed_ids: Vec::new(),
    };
    let after = confirmed_after(&before, &outcome);
    db.save_pull(&after, &outcome, &[], &meta(1)).await.unwrap();
    let stored = db.load().await.unwrap();
    assert_eq!(
        stored.confirmed, after,
        "what the replica held is what comes back"
    );
    assert!(!stored.confirmed.contains_key("notice/n3"));
    assert_eq!(stored.confirmed["notice/n5"], json!({"title": "改期"}));
    assert_eq!(stored.confirmed.len(), 250);

    // Every record of a prefix deleted: its chunks go with them.
    let outcome = PullOutcome {
        cleared: false,
        confirmed_changes: [("visit/v1".to_owned(), None)].into(),
        confirmed_ids: Vec::new(),
    };
    let last = confirmed_after(&after, &outcome);
    db.save_pull(&last, &outcome, &[], &meta(1)).await.unwrap();
    assert!(!raw_keys("confirmed")
        .await
        .iter()
        .any(|key| key.starts_with("#visit#")));
    assert_eq!(db.load().await.unwrap().confirmed, last);
}

#[wasm_bindgen_test]
async fn records_the_first_version_stored_one_per_entry_load_and_the_next_pull_moves_them_into_chunks() {
    let db = fresh_db().await;
    put_raw("confirmed", "notice/n1".into(), r#"{"title":"停水"}"#).await;
    put_raw("confirmed", "member/m1".into(), r#"{"name":"徐敬波"}"#).await;

    let stored = db.load().await.unwrap();
    assert_eq!(stored.confirmed["notice/n1"], json!({"title": "停水"}));
    assert_eq!(stored.confirmed["member/m1"], json!({"name": "徐敬波"}));

    // A page that changes one record rewrites them all.
    let outcome = PullOutcome {
        cleared: false,
        confirmed_changes: [("notice/n2".to_owned(), Some(json!({"title": "停电"})))].into(),
        confirmed_ids: Vec::new(),
    };
    let after = confirmed_after(&stored.confirmed, &outcome);
    db.save_pull(&after, &outcome, &[], &meta(1)).await.unwrap();
    let keys = raw_keys("confirmed").await;
    assert!(
        keys.iter().all(|key| key.starts_with('#')),
        "moved into chunks: {keys:?}"
    );
    assert_eq!(
        db.load().await.unwrap().confirmed,
        after,
        "and they load from there"
    );
}

#[wasm_bindgen_test]
async fn a_chunk_that_does_not_read_back_costs_its_records_and_the_cookie_not_the_rest() {
    let db = fresh_db().await;
    first_page(&db).await;
    let member_chunk = raw_keys("confirmed")
        .await
        .into_iter()
        .find(|key| key.starts_with("#member#"))
        .unwrap();
    put_raw("confirmed", member_chunk.as_str().into(), "{not json").await;

    let stored = db.load().await.unwrap();
    let notices = stored
        .confirmed
        .keys()
        .filter(|key| key.starts_with("notice/"))
        .count();
    let members = stored
        .confirmed
        .keys()
        .filter(|key| key.starts_with("member/"))
        .count();
    assert_eq!(notices, 200, "the other chunks load");
    assert!(
        members < 50 && members > 0,
        "only that chunk's members are missing: {members}"
    );
    assert_eq!(
        stored.meta.unwrap().cookie,
        None,
        "the next pull brings every record again"
    );
}

#[wasm_bindgen_test]
async fn an_outbox_entry_written_by_the_previous_version_still_loads() {
    let db = fresh_db().await;
    // The earlier build's entry: the typed mutation flattened beside its effects.
    put_raw_outbox_entry(
        r#"{"id":1,"mutation":{"name":"postNotice","args":{"id":"n1","title":"停水","body":""}},"timestamp":5,"effects":{"notice/n1":{"title":"停水"}}}"#,
    )
    .await;
    let stored = db.load().await.unwrap();
    assert_eq!(stored.outbox.len(), 1);
    assert_eq!(stored.outbox[0].mutation.parse().unwrap().name(), "postNotice");
    assert_eq!(
        stored.outbox[0].effects["notice/n1"],
        Some(json!({"title": "停水"}))
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_outbox_entry_stops_loading_instead_of_being_dropped() {
    let db = fresh_db().await;
    // Garbage where an outbox entry belongs, as a broken build could write.
    put_raw_outbox_entry("{not json").await;

    assert!(matches!(db.load().await, Err(StoreError::Corrupt(_))));
    db.clear().await.unwrap();
    assert!(db.load().await.unwrap().outbox.is_empty());
}

#[wasm_bindgen_test]
async fn sign_out_clears_every_store() {
    let db = fresh_db().await;
    let replica = replica();
    let pending = replica.plan(post("n1"), Timestamp(1)).unwrap();
    db.queue(&pending, &meta(2)).await.unwrap();
    db.clear().await.unwrap();
    let stored = db.load().await.unwrap();
    assert!(stored.outbox.is_empty() && stored.confirmed.is_empty() && stored.meta.is_none());
}
