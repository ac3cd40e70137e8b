//! The members screens' reading of the view and their labels, in a browser
//! (the app's tests run under wasm-bindgen-test, as the app does).

use std::collections::BTreeMap;

use linli::members::i18n::{EN, ZH};
use linli::view::{departed, everyone_by_name, members_by_name};
use linli_core::members::devices::{device, DeviceRecord};
use linli_core::Mutation;
use linli_core::{MemberId, Timestamp};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_mutation_and_module_has_a_label_in_each_language() {
    for texts in [&ZH, &EN] {
        for (module, names) in Mutation::modules() {
            assert!(
                texts.modules.iter().any(|(wire, _)| wire == module),
                "no label for module {module}"
            );
            for name in names.iter().chain(&["join"]) {
                assert!(
                    texts.actions.iter().any(|(wire, _)| wire == name),
                    "no label for {name}"
                );
            }
        }
        assert_eq!(texts.action_label("unknownThing"), "unknownThing");
    }
}

fn member(id: &str, name: &str, active: bool) -> (String, Value) {
    (
        format!("member/{id}"),
        json!({ "id": id, "name": name, "roles": ["resident"], "active": active }),
    )
}

#[wasm_bindgen_test]
fn members_who_left_are_kept_out_of_pickers_but_not_out_of_the_roster() {
    let view: BTreeMap<String, Value> = [
        member("m-b", "白玉兰", true),
        member("m-a", "阿拉坦", false),
        member("m-c", "陈刚", true),
    ]
    .into_iter()
    .collect();
    let picked: Vec<String> = members_by_name(&view).into_iter().map(|m| m.name).collect();
    assert_eq!(picked, ["白玉兰", "陈刚"]);
    assert_eq!(everyone_by_name(&view).len(), 3);
    let gone: Vec<String> = departed(&view).into_iter().map(|id| id.to_string()).collect();
    assert_eq!(gone, ["m-a"]);
}

#[wasm_bindgen_test]
fn devices_list_signed_in_first_then_newest() {
    let owner: MemberId = "m-1".parse().unwrap();
    let record = |id: &str, joined: i64, signed_out: Option<i64>| {
        let record = DeviceRecord {
            id: id.into(),
            member: owner.clone(),
            name: id.into(),
            joined_at: Timestamp(joined),
            last_synced_at: None,
            signed_out_at: signed_out.map(Timestamp),
            signed_out_by: None,
        };
        (device(&owner, id), serde_json::to_value(record).unwrap())
    };
    let view: BTreeMap<String, Value> = [
        record("old", 1_000, None),
        record("lost", 3_000, Some(4_000)),
        record("new", 2_000, None),
    ]
    .into_iter()
    .collect();
    let order: Vec<String> = linli::members::devices(&view, &owner)
        .into_iter()
        .map(|device| device.id)
        .collect();
    assert_eq!(order, ["new", "old", "lost"]);
}
