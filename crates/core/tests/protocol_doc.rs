//! docs/PROTOCOL.md stays true to the code: its table of records lists
//! exactly the record kinds the modules declare, each with the readers its
//! declaration gives.

use std::collections::BTreeMap;

use linli_core::keys::ALL_RECORD_KINDS;

const PROTOCOL: &str = include_str!("../../../docs/PROTOCOL.md");

/// The records table's rows: the key's prefix (up to its first `<…>` part,
/// or the whole key) and the "who may read it" column.
fn documented_kinds() -> BTreeMap<String, String> {
    let table = PROTOCOL
        .split("## Records")
        .nth(1)
        .expect("a Records section")
        .split("\n\n")
        .find(|block| block.starts_with("| key |"))
        .expect("the records table");
    table
        .lines()
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 3, "a row of three cells: {row}");
            let key = cells[0].trim_matches('`');
            let prefix = key.split('<').next().unwrap_or(key).to_owned();
            (prefix, cells[2].to_owned())
        })
        .collect()
}

#[test]
fn the_records_table_matches_the_declared_kinds() {
    let documented = documented_kinds();
    let declared: BTreeMap<String, String> = ALL_RECORD_KINDS
        .iter()
        .flat_map(|kinds| kinds.iter())
        .map(|kind| (kind.prefix.to_owned(), kind.readers.describe()))
        .collect();
    for (prefix, readers) in &declared {
        assert_eq!(
            documented.get(prefix),
            Some(readers),
            "docs/PROTOCOL.md's row for `{prefix}…` must say who reads it: {readers}"
        );
    }
    for prefix in documented.keys() {
        assert!(
            declared.contains_key(prefix),
            "docs/PROTOCOL.md lists `{prefix}…`, which no module declares"
        );
    }
}
