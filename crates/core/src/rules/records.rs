//! The village rules' records and their keys.
//!
//! Everything is the community's to read except three kinds
//! ([`RECORD_KINDS`](super::RECORD_KINDS)): a secret ballot (`rules/secret/<member>/<vote>`) is
//! read by its voter alone, no role included; a register entry
//! (`rules/voter/<member>`, with a birth date) by its member and the
//! officers; and a secret vote's meeting counts by no device at all.

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::ids::MemberId;
use crate::time::Timestamp;

pub const RULES_PREFIX: &str = "rules/";
pub const PROPOSAL_PREFIX: &str = "rules/proposal/";
pub const MEETING_PREFIX: &str = "rules/meeting/";
pub const VOTE_PREFIX: &str = "rules/vote/";
pub const CHARTER_PREFIX: &str = "rules/charter/";
pub const VOTER_PREFIX: &str = "rules/voter/";
pub const SECRET_BALLOT_PREFIX: &str = "rules/secret/";
pub const SETTINGS_KEY: &str = "rules/settings";
pub const SUPPORT_PREFIX: &str = "rules/support/";
pub const COMMENT_PREFIX: &str = "rules/comment/";
pub const OPEN_BALLOT_PREFIX: &str = "rules/ballot/";
pub const VOTED_PREFIX: &str = "rules/voted/";
pub const PAPER_PREFIX: &str = "rules/paper/";
pub const SEALED_COUNT_PREFIX: &str = "rules/papercount/";
pub const ELECTORATE_PREFIX: &str = "rules/electorate/";
pub const RESULT_PREFIX: &str = "rules/result/";
pub const PLEDGE_PREFIX: &str = "rules/pledge/";

pub fn proposal(id: &str) -> String {
    format!("{PROPOSAL_PREFIX}{id}")
}

pub fn support(proposal: &str, member: &MemberId) -> String {
    format!("{SUPPORT_PREFIX}{proposal}/{member}")
}

pub fn supports_of(proposal: &str) -> String {
    format!("{SUPPORT_PREFIX}{proposal}/")
}

pub fn comment(proposal: &str, id: &str) -> String {
    format!("{COMMENT_PREFIX}{proposal}/{id}")
}

pub fn comments_of(proposal: &str) -> String {
    format!("{COMMENT_PREFIX}{proposal}/")
}

pub fn meeting(id: &str) -> String {
    format!("{MEETING_PREFIX}{id}")
}

pub fn vote(id: &str) -> String {
    format!("{VOTE_PREFIX}{id}")
}

/// An open ballot: everyone sees who chose what.
pub fn open_ballot(vote: &str, member: &MemberId) -> String {
    format!("{OPEN_BALLOT_PREFIX}{vote}/{member}")
}

pub fn open_ballots_of(vote: &str) -> String {
    format!("{OPEN_BALLOT_PREFIX}{vote}/")
}

/// A secret ballot: the member's id comes first so that the audience (the
/// member alone) can be read off the key.
pub fn secret_ballot(member: &MemberId, vote: &str) -> String {
    format!("{SECRET_BALLOT_PREFIX}{member}/{vote}")
}

/// That a member has cast a secret ballot, without the choice: what the
/// turnout is counted from before the server counts the ballots.
pub fn voted(vote: &str, member: &MemberId) -> String {
    format!("{VOTED_PREFIX}{vote}/{member}")
}

pub fn voted_of(vote: &str) -> String {
    format!("{VOTED_PREFIX}{vote}/")
}

pub fn paper_tally(vote: &str, id: &str) -> String {
    format!("{PAPER_PREFIX}{vote}/{id}")
}

pub fn paper_tallies_of(vote: &str) -> String {
    format!("{PAPER_PREFIX}{vote}/")
}

/// A secret vote's meeting count: kept by the server, read by no device.
pub fn sealed_count(vote: &str, tally: &str) -> String {
    format!("{SEALED_COUNT_PREFIX}{vote}/{tally}")
}

pub fn sealed_counts_of(vote: &str) -> String {
    format!("{SEALED_COUNT_PREFIX}{vote}/")
}

/// Who may vote in a vote, fixed when it opens.
pub fn electorate(vote: &str) -> String {
    format!("{ELECTORATE_PREFIX}{vote}")
}

pub fn result(vote: &str) -> String {
    format!("{RESULT_PREFIX}{vote}")
}

/// Versions sort by key: the number is zero-padded.
pub fn charter(version: u32) -> String {
    format!("{CHARTER_PREFIX}{version:04}")
}

pub fn pledge(version: u32, member: &MemberId) -> String {
    format!("{PLEDGE_PREFIX}{version:04}/{member}")
}

pub fn pledges_of(version: u32) -> String {
    format!("{PLEDGE_PREFIX}{version:04}/")
}

pub fn voter(member: &MemberId) -> String {
    format!("{VOTER_PREFIX}{member}")
}

/// How the village runs its process.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesSettings {
    /// Supporters a collecting proposal needs to move to deliberation.
    pub support_threshold: u32,
}

impl Default for RulesSettings {
    fn default() -> Self {
        Self {
            support_threshold: 10,
        }
    }
}

/// Where a proposal stands. The order is the path a proposal takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Collecting,
    Deliberating,
    Drafting,
    Review,
    Voting,
    Adopted,
    Rejected,
    Withdrawn,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Collecting,
        Stage::Deliberating,
        Stage::Drafting,
        Stage::Review,
        Stage::Voting,
        Stage::Adopted,
        Stage::Rejected,
        Stage::Withdrawn,
    ];

    /// Adopted, rejected and withdrawn proposals are closed for good.
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Adopted | Stage::Rejected | Stage::Withdrawn)
    }

    /// Whether an officer may move a proposal from here to `to` by hand.
    /// Voting starts only by opening a vote and ends only by counting it, so
    /// nobody can skip the ballot.
    pub fn officer_may_move_to(self, to: Stage) -> bool {
        use Stage::*;
        match (self, to) {
            (Collecting, Deliberating) | (Deliberating, Drafting) | (Drafting, Review) => true,
            // A review that finds a problem sends the text back.
            (Review, Drafting) => true,
            (from, Withdrawn) => !from.is_final() && from != Voting,
            _ => false,
        }
    }
}

/// Where a proposal came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A member proposed it in the app.
    Online,
    /// A suggestion collected at a fireside meeting.
    Meeting { meeting: String, suggestion: usize },
}

/// One numbered article of a draft or of the charter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub number: u32,
    pub title: String,
    /// In a draft, empty text repeals the article with this number.
    pub text: String,
}

/// The finding of the review before a vote (e.g. the township's legality review).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub reviewer: String,
    pub finding: String,
    pub passed: bool,
    pub recorded_by: MemberId,
    pub at: Timestamp,
}

/// `rules/proposal/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub id: String,
    pub title: String,
    pub text: String,
    pub origin: Origin,
    pub author: MemberId,
    pub stage: Stage,
    /// The drafted articles: each replaces, adds or (empty text) repeals the
    /// charter's article with its number.
    pub articles: Vec<Article>,
    pub review: Option<Review>,
    pub vote: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// `rules/support/<proposal>/<member>`: one member's support, once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Support {
    pub member: MemberId,
    pub at: Timestamp,
}

/// Why and by whom a comment was hidden; shown in its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hidden {
    pub by: MemberId,
    pub reason: String,
    pub at: Timestamp,
}

/// `rules/comment/<proposal>/<id>`. Comments are never edited; hiding one
/// removes its text from the record, so it no longer reaches any device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub id: String,
    pub proposal: String,
    pub author: MemberId,
    pub text: String,
    pub at: Timestamp,
    pub hidden: Option<Hidden>,
}

/// A suggestion collected at a fireside meeting, and the proposal it became or joined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub text: String,
    pub proposal: Option<String>,
}

/// `rules/meeting/<id>`: a fireside meeting (乡村夜话) as an officer recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: String,
    pub date: Date,
    pub place: String,
    pub attendance: u32,
    pub suggestions: Vec<Suggestion>,
    pub minutes: String,
    pub recorded_by: MemberId,
    pub at: Timestamp,
}

/// Who may vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Electorate {
    /// Every registered villager aged 18 or over.
    Adults,
    /// One vote per household, cast by its registered head.
    Households,
}

/// `rules/vote/<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vote {
    pub id: String,
    pub proposal: String,
    pub question: String,
    /// The first option adopts the proposal (for / against / abstain by default).
    pub options: Vec<String>,
    /// The option that counts for turnout but for no side, if any.
    pub abstain: Option<usize>,
    pub secret: bool,
    pub electorate: Electorate,
    /// The share of the electorate that must take part, in percent.
    pub quorum_percent: u8,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    /// The register's eligible voters when the vote was opened.
    pub electorate_size: u32,
    pub opened_by: MemberId,
}

/// `rules/ballot/<vote>/<member>` (open) or `rules/secret/<member>/<vote>`
/// (secret): the member's current choice; a new ballot replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ballot {
    pub vote: String,
    pub member: MemberId,
    pub choice: usize,
    pub at: Timestamp,
}

/// `rules/voted/<vote>/<member>`: that the member voted in a secret vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Voted {
    pub member: MemberId,
}

/// `rules/paper/<vote>/<id>`: a paper or show-of-hands meeting's part in a
/// vote, entered by an officer with the voters who took part there. Its
/// counts are public for an open vote; for a secret vote they are sealed
/// (kept in a [`SealedCount`] that only the server reads) and `counts` is
/// empty, because a meeting's count is a subtotal that would let anyone
/// subtract it from the totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaperTally {
    pub id: String,
    pub vote: String,
    /// Which meeting, e.g. "三组村民会议 举手表决".
    pub label: String,
    /// Per option, in the vote's order; empty when sealed.
    pub counts: Vec<u32>,
    /// Blank or spoiled papers; 0 when sealed.
    #[serde(default)]
    pub blank: u32,
    /// The counts are in a [`SealedCount`] (a secret vote).
    #[serde(default)]
    pub sealed: bool,
    /// Who voted at the meeting: one paper or raised hand each, and never
    /// also a ballot in the app.
    pub voters: Vec<MemberId>,
    pub entered_by: MemberId,
    pub at: Timestamp,
}

/// `rules/papercount/<vote>/<tally>`: a secret vote's meeting count, which
/// the server reads when it counts the vote and no device ever receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SealedCount {
    pub vote: String,
    pub tally: String,
    pub counts: Vec<u32>,
    pub blank: u32,
}

/// `rules/electorate/<vote>`: the register's eligible voters when the vote
/// opened, the list the village posts before a vote. Who registers or
/// leaves the register afterwards neither votes in it nor moves its quorum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElectorateList {
    pub vote: String,
    /// Sorted.
    pub members: Vec<MemberId>,
}

/// `rules/voter/<member>`: the member's entry in the village register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Voter {
    pub member: MemberId,
    pub birth_date: Date,
    pub household: String,
    pub household_head: bool,
}

/// The age from which a villager votes.
pub const VOTING_AGE: i32 = 18;

impl Voter {
    /// Whether this villager is in `electorate` on `day`.
    pub fn eligible(&self, electorate: Electorate, day: Date) -> bool {
        let adult = self.birth_date.age_on(day) >= VOTING_AGE;
        match electorate {
            Electorate::Adults => adult,
            Electorate::Households => adult && self.household_head,
        }
    }
}

/// `rules/charter/<version>`: one version of the charter, kept for good.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CharterVersion {
    pub version: u32,
    pub title: String,
    pub articles: Vec<Article>,
    /// The proposal whose adoption made it, if any.
    pub proposal: Option<String>,
    pub adopted_at: Timestamp,
}

/// `rules/pledge/<version>/<member>`: the member signed the pledge (承诺书).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pledge {
    pub member: MemberId,
    pub version: u32,
    pub at: Timestamp,
}
