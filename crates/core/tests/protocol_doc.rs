//! docs/PROTOCOL.md stays true to the code: its table of records lists
//! exactly the record kinds the modules declare, each with the readers its
//! declaration gives, and its table of mutations exactly the declared
//! mutations, each with who may try it.

use std::collections::BTreeMap;

use linli_core::keys::ALL_RECORD_KINDS;
use linli_core::role::{MayRun, Role};
use linli_core::Mutation;

const PROTOCOL: &str = include_str!("../../../docs/PROTOCOL.md");

/// The rows of a section's table, as lists of cells: the section is the
/// one headed `## <section>`, the table the one whose header row starts
/// with `| <first column> |`.
fn table_rows(section: &str, first_column: &str) -> Vec<Vec<&'static str>> {
    let table = PROTOCOL
        .split(&format!("\n## {section}"))
        .nth(1)
        .unwrap_or_else(|| panic!("a {section} section"))
        .split("\n\n")
        .find(|block| block.starts_with(&format!("| {first_column} |")))
        .unwrap_or_else(|| panic!("the {section} table"));
    table
        .lines()
        .skip(2)
        .map(|row| row.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

/// The records table's rows: the key's prefix (up to its first `<…>` part,
/// or the whole key) and the "who may read it" column.
fn documented_kinds() -> BTreeMap<String, String> {
    table_rows("Records", "key")
        .into_iter()
        .map(|cells| {
            assert_eq!(cells.len(), 3, "a row of three cells: {cells:?}");
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

/// The mutations table's rows: each wire name in the first cell (a row may
/// hold two, `checkIn` / `markDelivered`) with the row's "who" cell.
fn documented_mutations() -> BTreeMap<String, String> {
    let mut rows = BTreeMap::new();
    for cells in table_rows("Mutations", "name") {
        assert_eq!(cells.len(), 4, "a row of four cells: {cells:?}");
        for name in cells[0].split(" / ") {
            let name = name.trim_matches('`').to_owned();
            assert!(
                rows.insert(name.clone(), cells[2].to_owned()).is_none(),
                "{name} twice"
            );
        }
    }
    rows
}

#[test]
fn the_mutations_table_matches_the_declared_mutations() {
    let documented = documented_mutations();
    for name in Mutation::names() {
        let who = documented
            .get(name)
            .unwrap_or_else(|| panic!("docs/PROTOCOL.md's mutations table has no row for `{name}`"));
        let declared = Mutation::may_run_by_name(name).expect("a declared mutation");
        match declared {
            // The gate first; finer rules may follow it.
            MayRun::Holders(_) => assert!(
                who.starts_with(&declared.describe()),
                "`{name}`: the who cell must begin with who may try it, \"{}\": {who}",
                declared.describe()
            ),
            // Any member may try it; the cell says whose records it acts on,
            // and never begins as if a role were the gate.
            MayRun::AnyMember => assert!(
                !Role::ALL.iter().any(|role| who.starts_with(role.holders())),
                "`{name}` is open to any member, but its who cell begins with a role: {who}"
            ),
        }
    }
    for name in documented.keys() {
        assert!(
            Mutation::may_run_by_name(name).is_some(),
            "docs/PROTOCOL.md lists `{name}`, which no module declares"
        );
    }
}
