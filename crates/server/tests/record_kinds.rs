//! Read access is closed by default: every record the demo writes is of a
//! kind its module declared, and is filed under the readers that
//! declaration gives (docs/PROTOCOL.md's table is held to the declarations
//! by the core's tests).

mod common;

use std::collections::BTreeMap;

use common::TestApp;
use linli_core::keys::{check_key, kind_of, Audience, Readers};
use linli_server::Database;

async fn every_demo_record_is_of_a_declared_kind_with_its_audience(database: Database) {
    let _app = TestApp::seeded(database.clone()).await;
    let sql = "SELECT key, audience FROM records";
    let rows: Vec<(String, String)> = match &database {
        Database::Sqlite(pool, _) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
        Database::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
    };
    assert!(
        rows.len() > 500,
        "the demo writes its communities' records: {}",
        rows.len()
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, audience) in &rows {
        assert!(check_key(key).is_ok(), "{key} is a key");
        let kind = kind_of(key).unwrap_or_else(|| panic!("{key}: no module declares its kind"));
        *kinds.entry(kind.prefix).or_default() += 1;
        assert_eq!(audience, &Audience::of_key(key).tags().join(" "), "{key}");
        // Only what its kind keeps from every device (an anonymous
        // questionnaire's count, gone when it closes) has no reader.
        if kind.readers != Readers::Server {
            assert_ne!(audience, "", "{key}: the demo writes nothing no member reads");
        }
    }
    assert!(kinds.len() >= 30, "the demo writes most kinds: {kinds:?}");
}

on_both_backends!(every_demo_record_is_of_a_declared_kind_with_its_audience);
