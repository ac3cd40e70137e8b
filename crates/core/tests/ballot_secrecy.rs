//! Secret means secret, for officers and admins too: whatever mutations any
//! role makes (ballots, changed ballots, paper tallies true or false,
//! register changes mid-vote, counts at any time), the records a member may
//! read never tell two worlds apart that differ only in how members voted
//! while the final totals stay the same.
//!
//! A model-based property over the real mutations (the code the server runs):
//! a random script runs in world A; world B runs the same script with one
//! secret choice moved, in one of two ways that keep the totals: two online
//! voters swap their choices, or an online voter and a voter at a meeting
//! swap theirs (the teller's count of that meeting changes, so the teller,
//! who counted it, is the one member allowed to tell the worlds apart).
//! Every other member (each role; the voters involved excluded) must read
//! exactly the same records in both worlds. And no ballot is ever dropped
//! without its voter being told: every online ballot counts, or its voter
//! has a rejection saying why.

use std::collections::{BTreeMap, BTreeSet};

use linli_core::keys::may_read;
use linli_core::replica::run;
use linli_core::rules::mutations::{CastBallot, CountVote, EnterPaperTally, OpenVote};
use linli_core::rules::records::{self, Electorate, Proposal, Review, Stage, Voter};
use linli_core::rules::tally::VoteResult;
use linli_core::rules::RulesMutation;
use linli_core::time::DAY_MS;
use linli_core::tx::apply_changes;
use linli_core::{Actor, ApplyError, MemberId, Mutation, Role, Timestamp};
use proptest::prelude::*;
use serde_json::{json, Value};

const VOTERS: usize = 10;
const OPENS: i64 = 1_700_000_000_000;
const CLOSES: i64 = OPENS + DAY_MS;
/// Options for / against / abstain, and 3 for a blank paper.
const BLANK: usize = 3;

fn voter(n: usize) -> MemberId {
    format!("v{n}").parse().unwrap()
}

fn teller(n: usize) -> Actor {
    Actor::new(format!("officer{n}").parse().unwrap(), [Role::Officer])
}

/// Everyone who might be the adversary: each voter, both officers, an
/// admin, a resident who is not on the register, and a late registrant.
fn members() -> Vec<Actor> {
    let mut members: Vec<Actor> = (0..VOTERS)
        .map(|n| Actor::new(voter(n), [Role::Resident]))
        .collect();
    members.extend([teller(0), teller(1)]);
    members.push(Actor::new("admin".parse().unwrap(), [Role::Admin]));
    members.push(Actor::new(
        "outsider".parse().unwrap(),
        [Role::Resident, Role::GridWorker],
    ));
    members.push(Actor::new("newcomer".parse().unwrap(), [Role::Resident]));
    members
}

#[derive(Clone, Debug)]
enum Event {
    Cast {
        voter: usize,
        choice: usize,
    },
    /// A teller enters a meeting: its voters and each one's paper (or
    /// BLANK); `fudge` makes the counts disagree with the papers.
    Paper {
        teller: usize,
        papers: Vec<(usize, usize)>,
        fudge: bool,
    },
    /// The newcomer is put on the register, then tries to vote.
    RegisterAndCast {
        choice: usize,
    },
    /// Anyone tries to count, before or after the close.
    Count {
        by: usize,
        after_close: bool,
    },
    /// A ballot after the close.
    LateCast {
        voter: usize,
        choice: usize,
    },
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        6 => (0..VOTERS, 0..3usize).prop_map(|(voter, choice)| Event::Cast { voter, choice }),
        2 => (0..2usize, proptest::collection::btree_map(0..VOTERS, 0..4usize, 1..6), proptest::bool::weighted(0.2))
            .prop_map(|(teller, papers, fudge)| Event::Paper { teller, papers: papers.into_iter().collect(), fudge }),
        1 => (0..3usize).prop_map(|choice| Event::RegisterAndCast { choice }),
        1 => (0..15usize, any::<bool>()).prop_map(|(by, after_close)| Event::Count { by, after_close }),
        1 => (0..VOTERS, 0..3usize).prop_map(|(voter, choice)| Event::LateCast { voter, choice }),
    ]
}

/// One world: the records, and what the model knows happened.
#[derive(Clone, Debug, Default)]
struct World {
    records: BTreeMap<String, Value>,
    /// Each online voter's last accepted choice, and the step that cast it.
    online: BTreeMap<usize, usize>,
    last_cast: BTreeMap<usize, usize>,
    /// Voters counted at a meeting, with the meeting's index in the script.
    on_paper: BTreeMap<usize, usize>,
    refused: usize,
}

impl World {
    fn new() -> World {
        let mut records = BTreeMap::new();
        for member in members() {
            records.insert(
                linli_core::keys::member(&member.member),
                json!({"id": member.member, "name": member.member.to_string(), "roles": member.roles}),
            );
        }
        for n in 0..VOTERS {
            let entry = Voter {
                member: voter(n),
                birth_date: "1960-06-01".parse().unwrap(),
                household: format!("h{n}"),
                household_head: true,
            };
            records.insert(records::voter(&voter(n)), serde_json::to_value(entry).unwrap());
        }
        let proposal = Proposal {
            id: "p1".into(),
            title: "婚宴10桌".into(),
            text: String::new(),
            origin: records::Origin::Online,
            author: voter(0),
            stage: Stage::Review,
            articles: vec![],
            review: Some(Review {
                reviewer: "镇司法所".into(),
                finding: "合法".into(),
                passed: true,
                recorded_by: teller(0).member,
                at: Timestamp(OPENS),
            }),
            vote: None,
            created_at: Timestamp(OPENS),
            updated_at: Timestamp(OPENS),
        };
        records.insert(records::proposal("p1"), serde_json::to_value(proposal).unwrap());
        let mut world = World {
            records,
            ..World::default()
        };
        let open = Mutation::Rules(RulesMutation::OpenVote(OpenVote {
            id: "v1".into(),
            proposal: "p1".into(),
            question: "是否通过?".into(),
            options: vec![],
            secret: true,
            electorate: Electorate::Adults,
            quorum_percent: 20,
            opens_at: Timestamp(OPENS),
            closes_at: Timestamp(CLOSES),
        }));
        assert!(world.apply(&teller(0), &open, OPENS, 0));
        world
    }

    /// Applies `mutation` as the server would: its changes, or a rejection
    /// record for its actor. Whether it was accepted.
    fn apply(&mut self, actor: &Actor, mutation: &Mutation, now: i64, step: usize) -> bool {
        match run(&self.records, actor, mutation, Timestamp(now)) {
            Ok(changes) => {
                apply_changes(&mut self.records, changes);
                true
            }
            Err(ApplyError::Rejected(rejection)) => {
                let key = format!("rejection/{}/c/{step}", actor.member);
                self.records
                    .insert(key, json!({"code": rejection.code, "target": rejection.target}));
                self.refused += 1;
                false
            }
            Err(ApplyError::Storage(err)) => panic!("in memory: {err}"),
        }
    }

    fn play(script: &[Event]) -> World {
        let mut world = World::new();
        for (step, event) in script.iter().enumerate() {
            let step = step + 1;
            let now = OPENS + step as i64 * 60_000;
            let cast = |choice: usize| {
                Mutation::Rules(RulesMutation::CastBallot(CastBallot {
                    vote: "v1".into(),
                    choice,
                }))
            };
            match event {
                Event::Cast { voter: n, choice } => {
                    if world.apply(
                        &Actor::new(voter(*n), [Role::Resident]),
                        &cast(*choice),
                        now,
                        step,
                    ) {
                        world.online.insert(*n, *choice);
                        world.last_cast.insert(*n, step);
                    }
                }
                Event::LateCast { voter: n, choice } => {
                    let late = CLOSES + step as i64;
                    let accepted = world.apply(
                        &Actor::new(voter(*n), [Role::Resident]),
                        &cast(*choice),
                        late,
                        step,
                    );
                    assert!(!accepted, "a ballot after the close is refused");
                }
                Event::Paper {
                    teller: t,
                    papers,
                    fudge,
                } => {
                    let mut counts = vec![0u32; 3];
                    let mut blank = 0;
                    for (_, paper) in papers {
                        match counts.get_mut(*paper) {
                            Some(count) => *count += 1,
                            None => blank += 1,
                        }
                    }
                    if *fudge {
                        counts[0] += 1;
                    }
                    let tally = Mutation::Rules(RulesMutation::EnterPaperTally(EnterPaperTally {
                        id: format!("m{step}"),
                        vote: "v1".into(),
                        label: format!("会议{step}"),
                        counts,
                        blank,
                        voters: papers.iter().map(|(n, _)| voter(*n)).collect(),
                    }));
                    if world.apply(&teller(*t), &tally, now, step) {
                        for (n, _) in papers {
                            world.on_paper.insert(*n, step);
                        }
                    }
                }
                Event::RegisterAndCast { choice } => {
                    let register = Mutation::Rules(RulesMutation::SetVoter(Voter {
                        member: "newcomer".parse().unwrap(),
                        birth_date: "1980-01-01".parse().unwrap(),
                        household: "new".into(),
                        household_head: true,
                    }));
                    world.apply(&teller(0), &register, now, step);
                    let newcomer = Actor::new("newcomer".parse().unwrap(), [Role::Resident]);
                    let accepted = world.apply(&newcomer, &cast(*choice), now, step);
                    assert!(!accepted, "registered mid-vote: not in this vote");
                }
                Event::Count { by, after_close } => {
                    let actor = members()[*by % members().len()].clone();
                    let at = if *after_close { CLOSES + step as i64 } else { now };
                    world.apply(
                        &actor,
                        &Mutation::Rules(RulesMutation::CountVote(CountVote { vote: "v1".into() })),
                        at,
                        step,
                    );
                }
            }
        }
        // The server's final count, if nobody counted yet.
        world.apply(
            &teller(0),
            &Mutation::Rules(RulesMutation::CountVote(CountVote { vote: "v1".into() })),
            CLOSES + 10_000_000,
            10_000,
        );
        world
    }

    fn view(&self, reader: &Actor) -> BTreeMap<&String, &Value> {
        self.records
            .iter()
            .filter(|(key, _)| may_read(reader, key))
            .collect()
    }

    fn result(&self) -> VoteResult {
        serde_json::from_value(self.records[&records::result("v1")].clone()).expect("counted")
    }
}

/// An online voter and their choice.
type OnlineChoice = (usize, usize);
/// A voter at a meeting, the meeting's step, and their paper.
type PaperChoice = (usize, usize, usize);

/// The script with `voter`'s last accepted ballot (cast at `step`, 1-based)
/// changed to `choice`.
fn with_last_cast(script: &[Event], step: usize, voter: usize, choice: usize) -> Vec<Event> {
    let mut script = script.to_vec();
    assert!(matches!(script[step - 1], Event::Cast { voter: v, .. } if v == voter));
    script[step - 1] = Event::Cast { voter, choice };
    script
}

/// The script with `voter`'s paper at meeting `step` (1-based) changed.
fn with_paper(script: &[Event], step: usize, voter: usize, paper: usize) -> Vec<Event> {
    let mut script = script.to_vec();
    if let Event::Paper { papers, .. } = &mut script[step - 1] {
        for (n, choice) in papers.iter_mut() {
            if *n == voter {
                *choice = paper;
            }
        }
    }
    script
}

fn assert_same_views(a: &World, b: &World, excluded: &BTreeSet<MemberId>) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        a.result().tally.totals,
        b.result().tally.totals,
        "the worlds keep the totals"
    );
    for reader in members()
        .iter()
        .filter(|member| !excluded.contains(&member.member))
    {
        prop_assert_eq!(
            a.view(reader),
            b.view(reader),
            "{} could tell how someone voted",
            reader.member
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn nobody_learns_a_secret_choice_the_totals_do_not_give(
        script in proptest::collection::vec(event(), 1..40),
        pick in any::<usize>(),
    ) {
        let a = World::play(&script);

        // No ballot is dropped without its voter being told: every accepted
        // online ballot counts, a voter counted at a meeting never also online.
        let tally = a.result().tally;
        prop_assert_eq!(tally.online_voters as usize, a.online.len());
        prop_assert_eq!(tally.paper_voters as usize, a.on_paper.len());
        prop_assert!(a.online.keys().all(|n| !a.on_paper.contains_key(n)));
        prop_assert_eq!(tally.electorate as usize, VOTERS, "the register as it stood at the opening");
        prop_assert!(tally.online.is_none() && tally.paper.is_none(), "no subtotal is published");

        // Two online voters with different choices swap them.
        let online: Vec<(usize, usize)> = a.online.iter().map(|(n, c)| (*n, *c)).collect();
        let pairs: Vec<((usize, usize), (usize, usize))> = online
            .iter()
            .flat_map(|x| online.iter().map(move |y| (*x, *y)))
            .filter(|((_, cx), (_, cy))| cx != cy)
            .collect();
        if !pairs.is_empty() {
            let ((x, cx), (y, cy)) = pairs[pick % pairs.len()];
            let swapped = with_last_cast(&with_last_cast(&script, a.last_cast[&x], x, cy), a.last_cast[&y], y, cx);
            let b = World::play(&swapped);
            let excluded: BTreeSet<MemberId> = [voter(x), voter(y)].into();
            assert_same_views(&a, &b, &excluded)?;
        }

        // An online voter and a voter at a meeting swap their choices: only
        // the meeting's teller (who counted it) may see a difference.
        let script_ref = &script;
        let trades: Vec<(OnlineChoice, PaperChoice)> = online
            .iter()
            .flat_map(|x| {
                a.on_paper.iter().filter_map(move |(p, step)| {
                    let Event::Paper { papers, .. } = &script_ref[step - 1] else { return None };
                    let paper = papers.iter().find(|(n, _)| n == p)?.1;
                    (paper < BLANK && paper != x.1).then_some((*x, (*p, *step, paper)))
                })
            })
            .collect();
        if !trades.is_empty() {
            let ((x, cx), (p, step, paper)) = trades[pick % trades.len()];
            let traded = with_paper(&with_last_cast(&script, a.last_cast[&x], x, paper), step, p, cx);
            let b = World::play(&traded);
            let Event::Paper { teller: t, .. } = &script[step - 1] else { unreachable!() };
            let excluded: BTreeSet<MemberId> = [voter(x), voter(p), teller(*t).member].into();
            assert_same_views(&a, &b, &excluded)?;
        }
    }
}

#[test]
fn a_paper_tally_cannot_take_online_ballots_out_of_the_count() {
    // The attack: a tally of no papers naming every online voter but one
    // would leave that one's secret choice as the online subtotal.
    let script: Vec<Event> = (0..5)
        .map(|n| Event::Cast {
            voter: n,
            choice: n % 2,
        })
        .chain([Event::Paper {
            teller: 0,
            papers: (0..4).map(|n| (n, BLANK)).collect(),
            fudge: false,
        }])
        .collect();
    let world = World::play(&script);
    let refusal = &world.records["rejection/officer0/c/6"];
    assert_eq!(refusal["code"], "already_voted");
    assert_eq!(
        world.result().tally.online_voters,
        5,
        "every online ballot counts"
    );
}
