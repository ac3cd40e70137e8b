//! The vote's counting rules, driven through the real mutations: random
//! ballots, changed ballots and paper tallies, then the count after the close.

use std::collections::{BTreeMap, BTreeSet};

use linli_core::replica::run;
use linli_core::rules::mutations::{CastBallot, CountVote, EnterPaperTally, OpenVote};
use linli_core::rules::records::{self, Electorate, Proposal, Stage, Voter};
use linli_core::rules::tally::MIN_SECRET_GROUP;
use linli_core::rules::tally::{Outcome, VoteResult};
use linli_core::rules::RulesMutation;
use linli_core::time::DAY_MS;
use linli_core::tx::apply_changes;
use linli_core::{Actor, MemberId, Mutation, Role, Timestamp};
use proptest::prelude::*;
use serde_json::{json, Value};

const VOTERS: usize = 8;
const OPENS: Timestamp = Timestamp(1_700_000_000_000);
const CLOSES: Timestamp = Timestamp(1_700_000_000_000 + DAY_MS);

fn member(n: usize) -> MemberId {
    format!("v{n}").parse().unwrap()
}

/// Eight registered villagers: v6 is 12 years old, v7 is not a household head.
fn village(secret: bool, quorum_percent: u8) -> BTreeMap<String, Value> {
    village_without(secret, quorum_percent, &[])
}

/// The village with the members numbered in `departed` recorded as having
/// left before the vote opened.
fn village_without(secret: bool, quorum_percent: u8, departed: &[usize]) -> BTreeMap<String, Value> {
    let mut records = BTreeMap::new();
    for n in 0..VOTERS {
        let voter = Voter {
            member: member(n),
            birth_date: if n == 6 { "2011-06-01" } else { "1960-06-01" }.parse().unwrap(),
            household: format!("h{}", n / 2),
            household_head: n != 7,
        };
        records.insert(records::voter(&member(n)), serde_json::to_value(voter).unwrap());
        records.insert(
            linli_core::keys::member(&member(n)),
            json!({
                "id": member(n),
                "name": format!("村民{n}"),
                "roles": ["resident"],
                "active": !departed.contains(&n),
            }),
        );
    }
    let proposal = Proposal {
        id: "p1".into(),
        title: "垃圾分类".into(),
        text: String::new(),
        origin: records::Origin::Online,
        author: member(0),
        stage: Stage::Review,
        articles: vec![records::Article {
            number: 5,
            title: "垃圾分类".into(),
            text: "四分类".into(),
        }],
        review: Some(records::Review {
            reviewer: "镇司法所".into(),
            finding: "合法".into(),
            passed: true,
            recorded_by: "sec".parse().unwrap(),
            at: OPENS,
        }),
        vote: None,
        created_at: OPENS,
        updated_at: OPENS,
    };
    records.insert(records::proposal("p1"), serde_json::to_value(proposal).unwrap());
    let open = Mutation::Rules(RulesMutation::OpenVote(OpenVote {
        id: "v1".into(),
        proposal: "p1".into(),
        question: "是否通过?".into(),
        // The usual for / against / abstain.
        options: vec![],
        secret,
        electorate: Electorate::Adults,
        quorum_percent,
        opens_at: OPENS,
        closes_at: CLOSES,
    }));
    let opened = run(&records, &officer(), &open, OPENS).expect("the vote opens");
    apply_changes(&mut records, opened);
    records
}

fn officer() -> Actor {
    Actor::new("sec".parse().unwrap(), [Role::Officer])
}

#[derive(Clone, Debug)]
enum Step {
    Cast {
        voter: usize,
        choice: usize,
    },
    /// A meeting's papers: each voter's choice (3 is a blank paper); `off`
    /// moves one paper to another option's count, so the counts no longer
    /// match what was cast there, or (past the options) adds one too many.
    Paper {
        voters: Vec<(usize, usize)>,
        off: Option<usize>,
    },
    /// The officer registers a villager after the vote opened.
    Register {
        voter: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..VOTERS + 2, 0..3usize).prop_map(|(voter, choice)| Step::Cast { voter, choice }),
        1 => (proptest::collection::btree_map(0..VOTERS, 0..4usize, 1..5), proptest::option::weighted(0.2, 0..4usize))
            .prop_map(|(voters, off)| Step::Paper { voters: voters.into_iter().collect(), off }),
        1 => (VOTERS..VOTERS + 2).prop_map(|voter| Step::Register { voter }),
    ]
}

fn result(records: &BTreeMap<String, Value>) -> VoteResult {
    serde_json::from_value(records[&records::result("v1")].clone()).unwrap()
}

/// The count as the server makes it after the close.
fn count_now(records: &BTreeMap<String, Value>) -> VoteResult {
    let changes = run(
        records,
        &officer(),
        &Mutation::Rules(RulesMutation::CountVote(CountVote { vote: "v1".into() })),
        CLOSES,
    )
    .expect("the server counts after the close");
    let mut counted = records.clone();
    apply_changes(&mut counted, changes);
    result(&counted)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_voter_counts_once_and_the_counts_decide(
        steps in proptest::collection::vec(step(), 0..30),
        secret in any::<bool>(),
        quorum in 1..=100u8,
    ) {
        let mut records = village(secret, quorum);
        let mut online: BTreeMap<usize, usize> = BTreeMap::new();
        let mut on_paper: BTreeSet<usize> = BTreeSet::new();
        let mut paper_sums = [0u32; 3];
        let mut blank = 0u32;
        let mut tellers = 0;
        for (n, step) in steps.iter().enumerate() {
            let now = Timestamp(OPENS.millis() + n as i64 * 1000);
            let (actor, mutation) = match step {
                Step::Cast { voter, choice } => (
                    Actor::new(member(*voter), [Role::Resident]),
                    Mutation::Rules(RulesMutation::CastBallot(CastBallot { vote: "v1".into(), choice: *choice })),
                ),
                Step::Paper { voters, off } => {
                    let mut counts = vec![0u32; 3];
                    let mut blank_papers = 0;
                    for (_, choice) in voters {
                        match counts.get_mut(*choice) {
                            Some(count) => *count += 1,
                            None => blank_papers += 1,
                        }
                    }
                    match off {
                        Some(option) if *option < 3 => counts[*option] += 1,
                        Some(_) => blank_papers += 1,
                        None => {}
                    }
                    (
                        officer(),
                        Mutation::Rules(RulesMutation::EnterPaperTally(EnterPaperTally {
                            id: format!("t{n}"),
                            vote: "v1".into(),
                            label: "村民会议".into(),
                            counts,
                            blank: blank_papers,
                            voters: voters.iter().map(|(voter, _)| member(*voter)).collect(),
                        })),
                    )
                }
                Step::Register { voter } => (
                    officer(),
                    Mutation::Rules(RulesMutation::SetVoter(Voter {
                        member: member(*voter),
                        birth_date: "1970-01-01".parse().unwrap(),
                        household: format!("h{voter}"),
                        household_head: true,
                    })),
                ),
            };
            if let Step::Register { voter } = step {
                records.insert(
                    linli_core::keys::member(&member(*voter)),
                    json!({"id": member(*voter), "name": format!("新村民{voter}"), "roles": ["resident"]}),
                );
            }
            let turnout_before = count_now(&records).tally.turnout;
            let Ok(changes) = run(&records, &actor, &mutation, now) else {
                if let Step::Paper { voters, off: None } = step {
                    let eligible = voters.iter().all(|(voter, _)| *voter != 6);
                    let fresh = voters.iter().all(|(voter, _)| !on_paper.contains(voter) && !online.contains_key(voter));
                    prop_assert!(!(eligible && fresh), "a consistent tally of eligible, uncounted voters is taken");
                }
                continue;
            };
            apply_changes(&mut records, changes);
            match step {
                Step::Cast { voter, choice } => {
                    prop_assert!(*voter != 6, "a minor's ballot is refused");
                    prop_assert!(*voter < VOTERS, "registered after the opening: not in this vote");
                    prop_assert!(!on_paper.contains(voter), "a paper voter cannot vote online");
                    let changed = online.insert(*voter, *choice).is_some();
                    if changed {
                        prop_assert_eq!(count_now(&records).tally.turnout, turnout_before,
                            "changing a ballot never changes the turnout");
                    }
                }
                Step::Paper { voters, off } => {
                    prop_assert!(off.is_none(), "counts that do not match the papers are refused");
                    prop_assert!(voters.iter().all(|(voter, _)| *voter != 6 && !on_paper.contains(voter)));
                    prop_assert!(voters.iter().all(|(voter, _)| !online.contains_key(voter)),
                        "a meeting never takes an online ballot out of the count");
                    tellers = 1;
                    for (voter, choice) in voters {
                        on_paper.insert(*voter);
                        match paper_sums.get_mut(*choice) {
                            Some(sum) => *sum += 1,
                            None => blank += 1,
                        }
                    }
                }
                Step::Register { .. } => {}
            }
        }
        let tally = count_now(&records).tally;
        let mut expected_online = [0u32; 3];
        for choice in online.values() {
            expected_online[*choice] += 1;
        }
        let expected_totals: Vec<u32> = expected_online.iter().zip(&paper_sums).map(|(a, b)| a + b).collect();
        let turnout = (online.len() + on_paper.len()) as u32;
        prop_assert_eq!(tally.turnout, turnout);
        prop_assert_eq!(tally.electorate, 7, "the register as it stood at the opening");
        prop_assert!(tally.turnout <= tally.electorate, "nobody is counted twice");
        prop_assert_eq!(tally.quorum_met, u64::from(tally.turnout) * 100 >= u64::from(quorum) * 7);
        if secret {
            prop_assert_eq!(&tally.online, &None, "a secret vote publishes no subtotal");
            prop_assert_eq!(&tally.paper, &None);
            let enough = |left: u32| left == 0 || left >= MIN_SECRET_GROUP;
            let published = enough(turnout.saturating_sub(1))
                && (tellers == 0 || enough(online.len() as u32));
            prop_assert_eq!(tally.totals.is_some(), published, "totals only where they single out no small group");
        } else {
            prop_assert_eq!(&tally.online, &Some(expected_online.to_vec()), "paper voters are not counted online");
            prop_assert_eq!(&tally.paper, &Some(paper_sums.to_vec()), "paper counts add");
            prop_assert_eq!(tally.blank, Some(blank));
        }
        if let Some(totals) = &tally.totals {
            prop_assert_eq!(totals, &expected_totals);
        }
        let totals = expected_totals;
        match tally.outcome {
            Outcome::NoQuorum => prop_assert!(!tally.quorum_met),
            Outcome::Winner(option) => {
                prop_assert!(tally.quorum_met && option != 2);
                prop_assert!(totals[option] > totals[1 - option]);
            }
            Outcome::Tie => prop_assert!(tally.quorum_met && totals[0] == totals[1]),
        }
        // The count decides the proposal: adopted only when "for" wins.
        let mut counted = records.clone();
        let count = Mutation::Rules(RulesMutation::CountVote(CountVote { vote: "v1".into() }));
        apply_changes(&mut counted, run(&records, &officer(), &count, CLOSES).unwrap());
        let proposal: Proposal = serde_json::from_value(counted[&records::proposal("p1")].clone()).unwrap();
        let adopted = tally.outcome == Outcome::Winner(0);
        prop_assert_eq!(proposal.stage, if adopted { Stage::Adopted } else { Stage::Rejected });
        prop_assert_eq!(counted.contains_key(&records::charter(1)), adopted);
    }
}

#[test]
fn ballots_outside_the_window_or_electorate_are_refused_with_clear_codes() {
    use linli_core::RejectionCode;
    let records = village(false, 50);
    let cast = |voter: usize, at: Timestamp| {
        run(
            &records,
            &Actor::new(member(voter), [Role::Resident]),
            &Mutation::Rules(RulesMutation::CastBallot(CastBallot {
                vote: "v1".into(),
                choice: 0,
            })),
            at,
        )
    };
    let code = |result: Result<_, linli_core::ApplyError>| match result {
        Err(linli_core::ApplyError::Rejected(rejection)) => Some(rejection.code),
        _ => None,
    };
    assert!(cast(0, OPENS).is_ok());
    assert_eq!(
        code(cast(0, CLOSES)),
        Some(RejectionCode::TooLate),
        "at the close exactly"
    );
    assert_eq!(
        code(cast(0, Timestamp(OPENS.millis() - 1))),
        Some(RejectionCode::VoteNotOpen)
    );
    assert_eq!(code(cast(6, OPENS)), Some(RejectionCode::NotEligible), "under 18");
    let outsider = run(
        &records,
        &Actor::new("stranger".parse().unwrap(), [Role::Resident]),
        &Mutation::Rules(RulesMutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 0,
        })),
        OPENS,
    );
    assert_eq!(
        code(outsider),
        Some(RejectionCode::NotEligible),
        "not on the register"
    );
    let early_count = run(
        &records,
        &officer(),
        &Mutation::Rules(RulesMutation::CountVote(CountVote { vote: "v1".into() })),
        OPENS,
    );
    assert_eq!(code(early_count), Some(RejectionCode::VoteStillOpen));
}

#[test]
fn a_member_who_left_before_the_vote_opened_is_not_in_its_electorate() {
    let records = village_without(false, 50, &[2]);
    let list: records::ElectorateList =
        serde_json::from_value(records[&records::electorate("v1")].clone()).unwrap();
    assert!(!list.members.contains(&member(2)));
    assert!(list.members.contains(&member(3)));
    let cast = run(
        &records,
        &Actor::new(member(2), [Role::Resident]),
        &Mutation::Rules(RulesMutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 0,
        })),
        OPENS,
    );
    assert!(matches!(
        cast,
        Err(linli_core::ApplyError::Rejected(rejection)) if rejection.code == linli_core::RejectionCode::NotEligible
    ));
    let again = run(
        &records,
        &officer(),
        &Mutation::Rules(RulesMutation::SetVoter(Voter {
            member: member(2),
            birth_date: "1960-06-01".parse().unwrap(),
            household: "h1".into(),
            household_head: true,
        })),
        OPENS,
    );
    assert!(
        matches!(again, Err(linli_core::ApplyError::Rejected(rejection)) if rejection.code == linli_core::RejectionCode::WrongStage),
        "not put back on the register"
    );
}

#[test]
fn a_device_without_the_others_secret_ballots_leaves_the_count_to_the_server() {
    let mut records = village(true, 10);
    for voter in 0..3 {
        let actor = Actor::new(member(voter), [Role::Resident]);
        let cast = Mutation::Rules(RulesMutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 0,
        }));
        let changes = run(&records, &actor, &cast, OPENS).unwrap();
        apply_changes(&mut records, changes);
    }
    // What the officer's device holds: everything but the others' secret ballots.
    let device: BTreeMap<String, Value> = records
        .iter()
        .filter(|(key, _)| !key.starts_with(records::SECRET_BALLOT_PREFIX))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let count = Mutation::Rules(RulesMutation::CountVote(CountVote { vote: "v1".into() }));
    assert!(
        run(&device, &officer(), &count, CLOSES).unwrap().is_empty(),
        "no guessed result"
    );
    let server = count_now(&records);
    assert_eq!(server.tally.online, None, "a secret vote publishes no subtotal");
    assert_eq!(
        server.tally.totals, None,
        "three ballots: each voter could tell the other two's"
    );
    assert_eq!(server.tally.turnout, 3);
}
