//! Fire-safety patrols (消防安全排查): a checklist per grid — stairwell
//! clutter, "flying-wire" charging of e-bikes, blocked fire lanes, fire
//! equipment, and whatever items officers add — walked building by building
//! and unit by unit. Each item is fine or a finding with a note; every
//! finding opens a hazard case on the grid's case chain, linked back to the
//! patrol, so it is followed up like any case a resident reports.
//!
//! A grid's checklist and patrols are its worker's and the officers' to
//! read (`vil/checklist/<grid>`, `vil/patrol/<grid>/<id>`); the cases they
//! open are the community's, like every case.
//!
//! ## Usage
//! ```
//! use linli_core::village::patrols::{checklist, STANDARD_ITEMS};
//! let items = checklist(None);
//! assert_eq!(items.len(), STANDARD_ITEMS.len());
//! assert_eq!(items[1].id, "flying_wire_charging");
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, LocalTime};
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;
use crate::volunteers::cases::CaseStatus;
use crate::volunteers::mutations::runs_grid;
use crate::volunteers::records::{self as cases, Case, CaseKind, CaseStep, PatrolRef};

pub const CHECKLIST_PREFIX: &str = "vil/checklist/";
pub const PATROL_PREFIX: &str = "vil/patrol/";

/// The items every checklist starts with; their labels are the app's to
/// translate.
pub const STANDARD_ITEMS: [&str; 4] = [
    "stairwell_clutter",
    "flying_wire_charging",
    "blocked_fire_lane",
    "fire_equipment",
];
pub const MAX_ADDED_ITEMS: usize = 20;
pub const MAX_UNITS: usize = 200;
pub const LABEL_MAX_CHARS: usize = 40;
pub const NOTE_MAX_CHARS: usize = 200;

pub fn checklist_key(grid: &str) -> String {
    format!("{CHECKLIST_PREFIX}{grid}")
}

pub fn patrols_of(grid: &str) -> String {
    format!("{PATROL_PREFIX}{grid}/")
}

pub fn patrol(grid: &str, id: &str) -> String {
    format!("{PATROL_PREFIX}{grid}/{id}")
}

/// One item to check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckItem {
    pub id: String,
    /// Empty for a standard item.
    #[serde(default)]
    pub label: String,
}

/// `vil/checklist/<grid>`: the items officers added to a grid's checklist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedItems {
    pub grid: String,
    pub items: Vec<CheckItem>,
}

/// The grid's checklist: the standard items, then the added ones.
pub fn checklist(added: Option<&AddedItems>) -> Vec<CheckItem> {
    STANDARD_ITEMS
        .iter()
        .map(|id| CheckItem {
            id: (*id).to_owned(),
            label: String::new(),
        })
        .chain(added.into_iter().flat_map(|added| added.items.iter().cloned()))
        .collect()
}

/// `addPatrolItem`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddPatrolItem {
    pub grid: String,
    pub id: String,
    pub label: String,
}

/// One item's outcome at one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItemResult {
    pub item: String,
    /// A finding (a hazard); fine when false.
    pub finding: bool,
    #[serde(default)]
    pub note: String,
}

/// One building's unit as walked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitCheck {
    pub building: String,
    pub unit: String,
    pub results: Vec<ItemResult>,
}

/// `recordPatrol`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordPatrol {
    pub grid: String,
    pub id: String,
    pub date: Date,
    pub units: Vec<UnitCheck>,
}

/// `vil/patrol/<grid>/<id>`: a patrol as recorded, with the cases its
/// findings opened (in the order of the findings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patrol {
    pub grid: String,
    pub id: String,
    pub date: Date,
    pub units: Vec<UnitCheck>,
    pub cases: Vec<String>,
    pub by: MemberId,
    pub at: Timestamp,
}

impl Patrol {
    /// The findings, each with its unit and the case it opened.
    pub fn findings(&self) -> impl Iterator<Item = (&UnitCheck, &ItemResult, &String)> {
        findings_in(&self.units)
            .zip(&self.cases)
            .map(|((unit, result), case)| (unit, result, case))
    }
}

/// Each finding of `units` with its unit, in the order walked: the order
/// the cases they open are numbered in.
fn findings_in(units: &[UnitCheck]) -> impl Iterator<Item = (&UnitCheck, &ItemResult)> {
    units.iter().flat_map(|unit| {
        unit.results
            .iter()
            .filter(|result| result.finding)
            .map(move |result| (unit, result))
    })
}

/// The id of the case a patrol's `n`th finding opens.
pub fn finding_case(patrol: &str, n: usize) -> String {
    format!("{patrol}-f{}", n + 1)
}

pub async fn add_patrol_item(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &AddPatrolItem,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.grid, CHECKLIST_PREFIX)?;
    let key = checklist_key(&args.grid);
    valid_id(&args.id, &key)?;
    read::<cases::Grid>(tx, &cases::grid(&args.grid)).await?;
    let mut added: AddedItems = match tx.get(&key).await? {
        Some(value) => serde_json::from_value(value).unwrap_or_default(),
        None => AddedItems::default(),
    };
    added.grid = args.grid.clone();
    let taken =
        STANDARD_ITEMS.contains(&args.id.as_str()) || added.items.iter().any(|item| item.id == args.id);
    if taken {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    if added.items.len() >= MAX_ADDED_ITEMS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    added.items.push(CheckItem {
        id: args.id.clone(),
        label: text::required(&args.label, LABEL_MAX_CHARS, &key)?,
    });
    tx.put(&key, to_value(&added)).await?;
    Ok(())
}

pub async fn record_patrol(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RecordPatrol,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.grid, PATROL_PREFIX)?;
    let key = patrol(&args.grid, &args.id);
    valid_id(&args.id, &key)?;
    if !runs_grid(tx, actor, &args.grid).await? {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let today = LocalTime::of(now).date;
    if args.date > today || args.date.days_until(today) > 31 {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if args.units.is_empty() || args.units.len() > MAX_UNITS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let added: Option<AddedItems> = tx
        .get(&checklist_key(&args.grid))
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    let items = checklist(added.as_ref());
    let mut units = Vec::with_capacity(args.units.len());
    for unit in &args.units {
        let mut results: Vec<ItemResult> = Vec::with_capacity(unit.results.len());
        for result in &unit.results {
            let listed = items.iter().any(|item| item.id == result.item);
            let repeated = results.iter().any(|seen| seen.item == result.item);
            if !listed || repeated {
                return Err(rejected(RejectionCode::InvalidArgs, &key));
            }
            // What was found is written down; a fine item may have a note.
            let note = if result.finding {
                text::required(&result.note, NOTE_MAX_CHARS, &key)?
            } else {
                text::optional(&result.note, NOTE_MAX_CHARS, &key)?
            };
            results.push(ItemResult {
                item: result.item.clone(),
                finding: result.finding,
                note,
            });
        }
        if results.is_empty() {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
        units.push(UnitCheck {
            building: text::required(&unit.building, LABEL_MAX_CHARS, &key)?,
            unit: text::optional(&unit.unit, LABEL_MAX_CHARS, &key)?,
            results,
        });
    }
    // Collected first: an iterator of borrowed closures held across the
    // awaits below would make the server's future not `Send`.
    let findings: Vec<(&UnitCheck, &ItemResult)> = findings_in(&units).collect();
    let mut opened = Vec::new();
    for (unit, result) in findings {
        let id = finding_case(&args.id, opened.len());
        let case_key = cases::case(&id);
        valid_id(&id, &case_key)?;
        if tx.get(&case_key).await?.is_some() {
            return Err(rejected(RejectionCode::AlreadyExists, &case_key));
        }
        let label = items
            .iter()
            .find(|item| item.id == result.item)
            .map(|item| {
                if item.label.is_empty() {
                    item.id.clone()
                } else {
                    item.label.clone()
                }
            })
            .unwrap_or_default();
        let place = format!("{} {}", unit.building, unit.unit).trim().to_owned();
        let case = Case {
            id: id.clone(),
            kind: CaseKind::Hazard,
            grid: args.grid.clone(),
            place,
            text: result.note.clone(),
            reporter: actor.member.clone(),
            status: CaseStatus::Reported,
            timeline: vec![CaseStep {
                action: None,
                by: actor.member.clone(),
                at: now,
                note: result.note.clone(),
            }],
            patrol: Some(PatrolRef {
                grid: args.grid.clone(),
                patrol: args.id.clone(),
                item: label,
            }),
        };
        tx.put(&case_key, to_value(&case)).await?;
        opened.push(id);
    }
    let recorded = Patrol {
        grid: args.grid.clone(),
        id: args.id.clone(),
        date: args.date,
        units,
        cases: opened,
        by: actor.member.clone(),
        at: now,
    };
    tx.put(&key, to_value(&recorded)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::role::Role;
    use crate::tx::{now_or_never, MemTx};
    use crate::volunteers::records::Grid;

    fn records() -> BTreeMap<String, serde_json::Value> {
        let grid = |id: &str, worker: &str| Grid {
            id: id.into(),
            name: id.into(),
            area: String::new(),
            worker: Some(worker.parse().unwrap()),
        };
        [
            (cases::grid("g01"), to_value(&grid("g01", "w1"))),
            (cases::grid("g02"), to_value(&grid("g02", "w2"))),
        ]
        .into()
    }

    fn walk(finding_note: &str) -> RecordPatrol {
        RecordPatrol {
            grid: "g01".into(),
            id: "pt1".into(),
            date: Date::new(2026, 3, 2).unwrap(),
            units: vec![UnitCheck {
                building: "3号楼".into(),
                unit: "2单元".into(),
                results: vec![
                    ItemResult {
                        item: "stairwell_clutter".into(),
                        finding: false,
                        note: String::new(),
                    },
                    ItemResult {
                        item: "flying_wire_charging".into(),
                        finding: true,
                        note: finding_note.into(),
                    },
                ],
            }],
        }
    }

    #[test]
    fn a_finding_opens_a_hazard_case_linked_back_to_its_patrol() {
        let records = records();
        let now = LocalTime {
            date: Date::new(2026, 3, 2).unwrap(),
            minute: 600,
        }
        .timestamp();
        let attempt = |member: &str, args: &RecordPatrol| {
            let worker = Actor::new(member.parse().unwrap(), [Role::GridWorker]);
            let mut tx = MemTx::new(&records);
            now_or_never(record_patrol(&mut tx, &worker, args, now))
                .unwrap()
                .map(|()| tx.into_changes())
        };
        assert!(
            attempt("w2", &walk("五楼飞线充电")).is_err(),
            "another grid's worker"
        );
        assert!(attempt("w1", &walk("")).is_err(), "a finding says what was found");
        let changes = attempt("w1", &walk("五楼飞线充电")).unwrap();
        let case: Case = serde_json::from_value(changes[&cases::case("pt1-f1")].clone().unwrap()).unwrap();
        assert_eq!(
            (case.kind, case.place.as_str(), case.grid.as_str()),
            (CaseKind::Hazard, "3号楼 2单元", "g01")
        );
        assert_eq!(case.patrol.as_ref().map(|from| from.patrol.as_str()), Some("pt1"));
        let recorded: Patrol =
            serde_json::from_value(changes[&patrol("g01", "pt1")].clone().unwrap()).unwrap();
        assert_eq!(recorded.cases, ["pt1-f1"]);
        assert_eq!(recorded.findings().count(), 1);
    }
}
