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

/// The fewest ballots a published count of a secret vote may let anyone
/// single out. A secret vote's totals are published only when nobody can
/// subtract what they know (their own ballot; a teller, the meeting they
/// counted) and be left with fewer ballots than this, but more than none;
/// see [`count`] and docs/PROTOCOL.md.
pub const MIN_SECRET_GROUP: u32 = 5;

/// The counts of one vote.
///
/// An open vote publishes everything: per option, the ballots cast in the
/// app and those counted at meetings. A secret vote publishes no subtotal
/// (a subtotal is a smaller group of ballots), and its totals only where
/// [`MIN_SECRET_GROUP`] allows; the outcome, the turnout and who took part
/// (online or at which meeting) are always public.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Per option, every ballot counted; `None` where publishing them would
    /// single out a small group of secret ballots.
    #[serde(default)]
    pub totals: Option<Vec<u32>>,
    /// Per option, from ballots cast in the app: open votes only.
    #[serde(default)]
    pub online: Option<Vec<u32>>,
    /// Per option, from paper and show-of-hands meetings: open votes only.
    #[serde(default)]
    pub paper: Option<Vec<u32>>,
    /// Blank or spoiled papers (turnout, but no option); with the totals.
    #[serde(default)]
    pub blank: Option<u32>,
    /// Voters counted from the app.
    #[serde(default)]
    pub online_voters: u32,
    /// Voters counted at meetings.
    #[serde(default)]
    pub paper_voters: u32,
    /// Voters who took part: online voters plus everyone voting at a meeting.
    pub turnout: u32,
    pub electorate: u32,
    pub quorum_met: bool,
    pub outcome: Outcome,
}

impl Tally {
    /// Per option, online and paper together, where they are published.
    pub fn totals(&self) -> Option<Vec<u32>> {
        self.totals.clone().or_else(|| match (&self.online, &self.paper) {
            // A result counted before totals were kept apart.
            (Some(online), Some(paper)) => Some(online.iter().zip(paper).map(|(a, b)| a + b).collect()),
            _ => None,
        })
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

/// A meeting's count with the voters it covers, whether it is public (an
/// open vote) or kept by the server (a secret vote's sealed count).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingCount<'a> {
    pub tally: &'a PaperTally,
    /// Per option.
    pub counts: &'a [u32],
    pub blank: u32,
}

/// Counts `vote`. `ballots` holds each online voter's current ballot (the
/// last one they cast; one per voter, as the keys guarantee). A voter
/// counted at a meeting never has an online ballot (each side refuses the
/// other), and should one arrive anyway from an older record it counts at
/// the meeting only.
pub fn count(vote: &Vote, ballots: &[Ballot], meetings: &[MeetingCount]) -> Tally {
    let options = vote.options.len();
    let paper_voters: BTreeSet<&MemberId> = meetings
        .iter()
        .flat_map(|meeting| &meeting.tally.voters)
        .collect();
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
    let mut paper = vec![0u32; options];
    let mut blank = 0;
    for meeting in meetings {
        for (sum, count) in paper.iter_mut().zip(meeting.counts) {
            *sum += count;
        }
        blank += meeting.blank;
    }
    let totals: Vec<u32> = online.iter().zip(&paper).map(|(a, b)| a + b).collect();
    let online_count = online_voters.len() as u32;
    let paper_count = paper_voters.len() as u32;
    let turnout = online_count + paper_count;
    let (quorum_met, outcome) = decide(vote, &totals, turnout);
    let mut tally = Tally {
        totals: Some(totals),
        online: Some(online),
        paper: Some(paper),
        blank: Some(blank),
        online_voters: online_count,
        paper_voters: paper_count,
        turnout,
        electorate: vote.electorate_size,
        quorum_met,
        outcome,
    };
    if vote.secret {
        tally.online = None;
        tally.paper = None;
        if !totals_can_be_published(online_count, meetings) {
            tally.totals = None;
            tally.blank = None;
        }
    }
    tally
}

/// Whether a secret vote's totals single out no group of fewer than
/// [`MIN_SECRET_GROUP`] ballots for anyone who knows part of them: a voter
/// knows one ballot, their own; whoever entered a meeting's count knows
/// that meeting's. What is left for each must be none or enough.
fn totals_can_be_published(online_voters: u32, meetings: &[MeetingCount]) -> bool {
    let voters_at = |meeting: &MeetingCount| meeting.tally.voters.len() as u32;
    let turnout = online_voters + meetings.iter().map(voters_at).sum::<u32>();
    let enough = |left: u32| left == 0 || left >= MIN_SECRET_GROUP;
    let tellers: BTreeSet<&MemberId> = meetings.iter().map(|meeting| &meeting.tally.entered_by).collect();
    let for_tellers = tellers.into_iter().all(|teller| {
        let counted_by_teller: u32 = meetings
            .iter()
            .filter(|meeting| &meeting.tally.entered_by == teller)
            .map(voters_at)
            .sum();
        enough(turnout - counted_by_teller)
    });
    // A voter subtracts their own ballot from the totals.
    for_tellers && enough(turnout.saturating_sub(1))
}

/// The tally of a secret vote before the server's count: how many took part,
/// from the voted markers, with no counts.
pub fn turnout_only(vote: &Vote, voted: &[MemberId], paper: &[PaperTally]) -> Tally {
    let paper_voters: BTreeSet<&MemberId> = paper.iter().flat_map(|tally| &tally.voters).collect();
    let online = voted
        .iter()
        .filter(|member| !paper_voters.contains(member))
        .count() as u32;
    let paper_count = paper_voters.len() as u32;
    let turnout = online + paper_count;
    let zeros = vec![0; vote.options.len()];
    let (quorum_met, _) = decide(vote, &zeros, turnout);
    Tally {
        totals: None,
        online: None,
        paper: None,
        blank: None,
        online_voters: online,
        paper_voters: paper_count,
        turnout,
        electorate: vote.electorate_size,
        quorum_met,
        outcome: Outcome::NoQuorum,
    }
}

/// Quorum and outcome from the totals per option and the turnout.
fn decide(vote: &Vote, totals: &[u32], turnout: u32) -> (bool, Outcome) {
    let electorate = vote.electorate_size;
    let quorum_met = u64::from(turnout) * 100 >= u64::from(vote.quorum_percent) * u64::from(electorate);
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
    (quorum_met, outcome)
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

    fn paper(voters: &[&str], entered_by: &str) -> PaperTally {
        PaperTally {
            id: "t1".into(),
            vote: "v1".into(),
            label: "meeting".into(),
            counts: vec![],
            blank: 0,
            sealed: false,
            voters: voters.iter().map(|voter| voter.parse().unwrap()).collect(),
            entered_by: entered_by.parse().unwrap(),
            at: Timestamp(2),
        }
    }

    fn meeting<'a>(tally: &'a PaperTally, counts: &'a [u32], blank: u32) -> MeetingCount<'a> {
        MeetingCount { tally, counts, blank }
    }

    fn ballots(count: usize) -> Vec<Ballot> {
        (0..count).map(|n| ballot(&format!("m{n}"), n % 2)).collect()
    }

    #[test]
    fn paper_counts_add_and_their_voters_are_not_also_counted_online() {
        let ballots = [ballot("a", 0), ballot("b", 1), ballot("c", 0)];
        let tally_c = paper(&["c", "d", "e", "f"], "officer");
        let tally = count(&vote(10, 50), &ballots, &[meeting(&tally_c, &[2, 0, 1], 1)]);
        assert_eq!(tally.online, Some(vec![1, 1, 0]), "c voted at the meeting");
        assert_eq!(tally.paper, Some(vec![2, 0, 1]));
        assert_eq!(tally.totals(), Some(vec![3, 1, 1]));
        assert_eq!(tally.blank, Some(1));
        assert_eq!(
            (tally.online_voters, tally.paper_voters, tally.turnout),
            (2, 4, 6)
        );
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
    fn a_secret_vote_publishes_no_subtotal() {
        let secret = Vote {
            secret: true,
            ..vote(40, 10)
        };
        let tally_m = paper(&["p0", "p1", "p2", "p3", "p4"], "officer");
        let tally = count(&secret, &ballots(6), &[meeting(&tally_m, &[3, 2, 0], 0)]);
        assert_eq!((tally.online, tally.paper), (None, None));
        assert_eq!(
            tally.totals,
            Some(vec![6, 5, 0]),
            "6 online and 5 on paper: no group under 5"
        );
        assert_eq!(
            (tally.online_voters, tally.paper_voters),
            (6, 5),
            "who took part is public"
        );
    }

    #[test]
    fn a_secret_votes_totals_are_withheld_when_they_would_single_out_a_small_group() {
        let secret = Vote {
            secret: true,
            ..vote(60, 10)
        };
        let voters: Vec<String> = (0..40).map(|n| format!("p{n}")).collect();
        let names: Vec<&str> = voters.iter().map(String::as_str).collect();
        let big = paper(&names, "officer");
        // The teller of 40 papers would learn the two online ballots from the totals.
        let two_online = count(&secret, &ballots(2), &[meeting(&big, &[20, 20, 0], 0)]);
        assert_eq!(two_online.totals, None);
        assert_eq!(two_online.turnout, 42, "turnout and outcome stay public");
        // With five online ballots the teller is left with a group of five.
        assert!(count(&secret, &ballots(5), &[meeting(&big, &[20, 20, 0], 0)])
            .totals
            .is_some());
        // Two voters alone: each would know the other's choice.
        assert_eq!(count(&secret, &ballots(2), &[]).totals, None);
        assert!(count(&secret, &ballots(6), &[]).totals.is_some());
        // One voter alone: their choice is the final totals themselves.
        assert!(count(&secret, &ballots(1), &[]).totals.is_some());
    }

    #[test]
    fn a_secret_votes_turnout_comes_from_the_markers_minus_paper_voters() {
        let voted: Vec<MemberId> = ["a", "b", "c"].iter().map(|m| m.parse().unwrap()).collect();
        let tally = turnout_only(&vote(10, 50), &voted, &[paper(&["c", "d"], "officer")]);
        assert_eq!(tally.turnout, 4);
        assert_eq!(tally.totals(), None);
    }
}
