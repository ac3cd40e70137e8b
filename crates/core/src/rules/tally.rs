//! Counting a vote: online ballots and paper counts, turnout, quorum and
//! outcome. Pure, so the browser shows an open vote's live tally with the
//! very function the server counts with.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::records::{Ballot, PaperTally, Vote};
use crate::ids::MemberId;
use crate::time::Timestamp;

/// What the count decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "option", rename_all = "snake_case")]
pub enum Outcome {
    /// Too few took part: nothing is decided.
    NoQuorum,
    /// This option has the most votes (abstentions aside).
    Winner(usize),
    /// Two or more options share the most votes.
    Tie,
}

/// The counts of one vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Per option, from ballots cast in the app by voters not counted on paper.
    pub online: Vec<u32>,
    /// Per option, from paper and show-of-hands meetings.
    pub paper: Vec<u32>,
    /// Voters who took part: online voters plus everyone voting at a meeting.
    pub turnout: u32,
    pub electorate: u32,
    pub quorum_met: bool,
    pub outcome: Outcome,
}

impl Tally {
    /// Online and paper counts together, per option.
    pub fn totals(&self) -> Vec<u32> {
        self.online.iter().zip(&self.paper).map(|(a, b)| a + b).collect()
    }

    /// Turnout as a share of the electorate, in tenths of a percent.
    pub fn turnout_permille(&self) -> u32 {
        if self.electorate == 0 {
            return 0;
        }
        (u64::from(self.turnout) * 1000 / u64::from(self.electorate)) as u32
    }
}

/// `rules/result/<vote>`: the count the server made after the close.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteResult {
    pub vote: String,
    pub tally: Tally,
    pub counted_by: MemberId,
    pub counted_at: Timestamp,
}

/// Counts `vote`. `ballots` holds each online voter's current ballot (the
/// last one they cast; one per voter, as the keys guarantee); a voter who
/// also voted at a meeting is counted there only.
pub fn count(vote: &Vote, ballots: &[Ballot], paper: &[PaperTally]) -> Tally {
    let options = vote.options.len();
    let paper_voters: BTreeSet<&MemberId> = paper.iter().flat_map(|tally| &tally.voters).collect();
    let mut online = vec![0u32; options];
    let mut online_voters = BTreeSet::new();
    for ballot in ballots {
        if ballot.choice < options
            && !paper_voters.contains(&ballot.member)
            && online_voters.insert(&ballot.member)
        {
            online[ballot.choice] += 1;
        }
    }
    let mut paper_counts = vec![0u32; options];
    for tally in paper {
        for (sum, count) in paper_counts.iter_mut().zip(&tally.counts) {
            *sum += count;
        }
    }
    let turnout = online_voters.len() as u32 + paper_voters.len() as u32;
    finish(vote, online, paper_counts, turnout)
}

/// The tally of a secret vote before the server's count: how many took part,
/// from the voted markers, with no counts.
pub fn turnout_only(vote: &Vote, voted: &[MemberId], paper: &[PaperTally]) -> Tally {
    let paper_voters: BTreeSet<&MemberId> = paper.iter().flat_map(|tally| &tally.voters).collect();
    let online = voted
        .iter()
        .filter(|member| !paper_voters.contains(member))
        .count() as u32;
    let zeros = vec![0; vote.options.len()];
    let mut tally = finish(vote, zeros.clone(), zeros, online + paper_voters.len() as u32);
    tally.outcome = Outcome::NoQuorum;
    tally
}

fn finish(vote: &Vote, online: Vec<u32>, paper: Vec<u32>, turnout: u32) -> Tally {
    let electorate = vote.electorate_size;
    let quorum_met = u64::from(turnout) * 100 >= u64::from(vote.quorum_percent) * u64::from(electorate);
    let totals: Vec<u32> = online.iter().zip(&paper).map(|(a, b)| a + b).collect();
    let outcome = if !quorum_met {
        Outcome::NoQuorum
    } else {
        let sides = totals
            .iter()
            .enumerate()
            .filter(|(option, _)| Some(*option) != vote.abstain);
        let best = sides.clone().map(|(_, count)| *count).max().unwrap_or(0);
        let mut leaders = sides.filter(|(_, count)| **count == best);
        match (leaders.next(), leaders.next()) {
            (Some((option, _)), None) => Outcome::Winner(option),
            _ => Outcome::Tie,
        }
    };
    Tally {
        online,
        paper,
        turnout,
        electorate,
        quorum_met,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::records::Electorate;

    pub(crate) fn vote(electorate_size: u32, quorum_percent: u8) -> Vote {
        Vote {
            id: "v1".into(),
            proposal: "p1".into(),
            question: "q".into(),
            options: vec!["for".into(), "against".into(), "abstain".into()],
            abstain: Some(2),
            secret: false,
            electorate: Electorate::Adults,
            quorum_percent,
            opens_at: Timestamp(0),
            closes_at: Timestamp(1000),
            electorate_size,
            opened_by: "officer".parse().unwrap(),
        }
    }

    fn ballot(member: &str, choice: usize) -> Ballot {
        Ballot {
            vote: "v1".into(),
            member: member.parse().unwrap(),
            choice,
            at: Timestamp(1),
        }
    }

    fn paper(counts: Vec<u32>, voters: &[&str]) -> PaperTally {
        PaperTally {
            id: "t1".into(),
            vote: "v1".into(),
            label: "meeting".into(),
            counts,
            voters: voters.iter().map(|voter| voter.parse().unwrap()).collect(),
            entered_by: "officer".parse().unwrap(),
            at: Timestamp(2),
        }
    }

    #[test]
    fn paper_counts_add_and_their_voters_are_not_also_counted_online() {
        let ballots = [ballot("a", 0), ballot("b", 1), ballot("c", 0)];
        let tally = count(&vote(10, 50), &ballots, &[paper(vec![2, 0, 1], &["c", "d", "e"])]);
        assert_eq!(tally.online, vec![1, 1, 0], "c voted at the meeting");
        assert_eq!(tally.paper, vec![2, 0, 1]);
        assert_eq!(tally.totals(), vec![3, 1, 1]);
        assert_eq!(tally.turnout, 5);
        assert!(tally.quorum_met);
        assert_eq!(tally.outcome, Outcome::Winner(0));
    }

    #[test]
    fn quorum_is_a_share_of_the_electorate_reached_exactly_at_the_threshold() {
        let ballots: Vec<Ballot> = (0..5).map(|n| ballot(&format!("m{n}"), 0)).collect();
        assert!(count(&vote(10, 50), &ballots, &[]).quorum_met, "5 of 10 is 50%");
        let short = count(&vote(11, 50), &ballots, &[]);
        assert!(!short.quorum_met, "5 of 11 is under 50%");
        assert_eq!(short.outcome, Outcome::NoQuorum);
    }

    #[test]
    fn abstentions_count_for_turnout_but_never_win() {
        let ballots = [ballot("a", 2), ballot("b", 2), ballot("c", 2), ballot("d", 1)];
        let tally = count(&vote(4, 50), &ballots, &[]);
        assert_eq!(tally.turnout, 4);
        assert_eq!(tally.outcome, Outcome::Winner(1));
        let tied = count(&vote(4, 50), &[ballot("a", 0), ballot("b", 1)], &[]);
        assert_eq!(tied.outcome, Outcome::Tie);
    }

    #[test]
    fn a_secret_votes_turnout_comes_from_the_markers_minus_paper_voters() {
        let voted: Vec<MemberId> = ["a", "b", "c"].iter().map(|m| m.parse().unwrap()).collect();
        let tally = turnout_only(&vote(10, 50), &voted, &[paper(vec![1, 0, 0], &["c", "d"])]);
        assert_eq!(tally.turnout, 4);
        assert_eq!(tally.totals(), vec![0, 0, 0]);
    }
}
