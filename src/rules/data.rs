//! Reading the village rules' records out of the member's view, typed.

use linli_core::rules::records::{
    self, Ballot, CharterVersion, Comment, ElectorateList, Meeting, PaperTally, Proposal, RulesSettings,
    Vote, Voted, Voter,
};
use linli_core::rules::tally::{count, turnout_only, MeetingCount, Tally, VoteResult};
use linli_core::tx::under_prefix;
use linli_core::{MemberId, Timestamp};

pub use crate::view::{all, local_time, member_name, members_by_name, now, one, View};

/// Newest first.
pub fn proposals(view: &View) -> Vec<Proposal> {
    let mut proposals: Vec<Proposal> = all(view, records::PROPOSAL_PREFIX);
    proposals.sort_by_key(|proposal| std::cmp::Reverse(proposal.updated_at));
    proposals
}

pub fn supporters(view: &View, proposal: &str) -> usize {
    under_prefix(view, &records::supports_of(proposal)).count()
}

pub fn comments(view: &View, proposal: &str) -> Vec<Comment> {
    let mut comments: Vec<Comment> = all(view, &records::comments_of(proposal));
    comments.sort_by_key(|comment| comment.at);
    comments
}

pub fn settings(view: &View) -> RulesSettings {
    one(view, records::SETTINGS_KEY).unwrap_or_default()
}

/// Newest first.
pub fn meetings(view: &View) -> Vec<Meeting> {
    let mut meetings: Vec<Meeting> = all(view, records::MEETING_PREFIX);
    meetings.sort_by_key(|meeting| std::cmp::Reverse(meeting.date));
    meetings
}

/// Open votes first, then by closing time, latest first.
pub fn votes(view: &View, now: Timestamp) -> Vec<Vote> {
    let mut votes: Vec<Vote> = all(view, records::VOTE_PREFIX);
    votes.sort_by_key(|vote| (vote.closes_at <= now, std::cmp::Reverse(vote.closes_at)));
    votes
}

pub fn paper_tallies(view: &View, vote: &str) -> Vec<PaperTally> {
    all(view, &records::paper_tallies_of(vote))
}

pub fn open_ballots(view: &View, vote: &str) -> Vec<Ballot> {
    all(view, &records::open_ballots_of(vote))
}

/// The key of the member's own ballot in `vote`, open or secret.
pub fn my_ballot_key(vote: &Vote, me: &MemberId) -> String {
    if vote.secret {
        records::secret_ballot(me, &vote.id)
    } else {
        records::open_ballot(&vote.id, me)
    }
}

/// The member's own current ballot, open or secret.
pub fn my_ballot(view: &View, vote: &Vote, me: &MemberId) -> Option<Ballot> {
    one(view, &my_ballot_key(vote, me))
}

pub fn result(view: &View, vote: &str) -> Option<VoteResult> {
    one(view, &records::result(vote))
}

/// The counted result, or what this device can count now: an open vote's
/// live tally, or a secret vote's turnout alone.
pub fn tally(view: &View, vote: &Vote) -> (Tally, bool) {
    if let Some(result) = result(view, &vote.id) {
        return (result.tally, true);
    }
    let paper = paper_tallies(view, &vote.id);
    if vote.secret {
        let voted: Vec<MemberId> = all::<Voted>(view, &records::voted_of(&vote.id))
            .into_iter()
            .map(|voted| voted.member)
            .collect();
        (turnout_only(vote, &voted, &paper), false)
    } else {
        let meetings: Vec<MeetingCount> = paper
            .iter()
            .map(|tally| MeetingCount {
                tally,
                counts: &tally.counts,
                blank: tally.blank,
            })
            .collect();
        (count(vote, &open_ballots(view, &vote.id), &meetings), false)
    }
}

/// Who may still vote at a meeting: on the vote's list (the register as it
/// was when the vote opened; the register itself for a vote opened before
/// lists were kept), neither counted at another meeting nor voted in the app.
pub fn may_vote_at_meeting(view: &View, vote: &Vote) -> Vec<MemberId> {
    let listed: Option<ElectorateList> = one(view, &records::electorate(&vote.id));
    let electorate: Vec<MemberId> = match listed {
        Some(list) => list.members,
        None => {
            let day = linli_core::calendar::LocalTime::of(vote.opens_at).date;
            register(view)
                .into_iter()
                .filter(|voter| voter.eligible(vote.electorate, day))
                .map(|voter| voter.member)
                .collect()
        }
    };
    let on_paper: std::collections::BTreeSet<MemberId> = paper_tallies(view, &vote.id)
        .into_iter()
        .flat_map(|tally| tally.voters)
        .collect();
    electorate
        .into_iter()
        .filter(|member| !on_paper.contains(member))
        .filter(|member| {
            let online = if vote.secret {
                records::voted(&vote.id, member)
            } else {
                records::open_ballot(&vote.id, member)
            };
            !view.contains_key(&online)
        })
        .collect()
}

/// Oldest first.
pub fn charters(view: &View) -> Vec<CharterVersion> {
    all(view, records::CHARTER_PREFIX)
}

pub fn pledges(view: &View, version: u32) -> usize {
    under_prefix(view, &records::pledges_of(version)).count()
}

/// Members who have not left.
pub fn member_count(view: &View) -> usize {
    members_by_name(view).len()
}

/// The register as this device sees it (all of it for an officer), without
/// the members who have left.
pub fn register(view: &View) -> Vec<Voter> {
    let departed = crate::view::departed(view);
    let mut voters: Vec<Voter> = all(view, records::VOTER_PREFIX);
    voters.retain(|voter| !departed.contains(&voter.member));
    voters
}

/// A vote's options as the member reads them: the three a vote gets when
/// its officer names none (赞成, 反对, 弃权, stored as the core writes them)
/// in the member's language; any other option as it was written.
pub fn shown_options(t: &super::i18n::Texts, options: &[String]) -> Vec<String> {
    if options
        .iter()
        .map(String::as_str)
        .eq(linli_core::rules::mutations::DEFAULT_OPTIONS)
    {
        t.default_options
            .iter()
            .map(|option| (*option).to_owned())
            .collect()
    } else {
        options.to_vec()
    }
}
