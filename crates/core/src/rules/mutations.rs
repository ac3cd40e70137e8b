//! The village rules' mutations: one function each, run by the browser to
//! show the result at once and by the server to decide with its own clock.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::charter::amend;
use super::records::{
    self, Article, Ballot, CharterVersion, Comment, Electorate, ElectorateList, Hidden, Meeting, Origin,
    PaperTally, Pledge, Proposal, Review, RulesSettings, SealedCount, Stage, Suggestion, Support, Vote,
    Voted, Voter,
};
use super::tally::{count, MeetingCount, Outcome, VoteResult};
use crate::calendar::{Date, LocalTime};
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, Rejection, RejectionCode};
use crate::role::Actor;
use crate::role::OFFICERS;
use crate::text;
use crate::time::Timestamp;
use crate::time::DAY_MS;
use crate::tx::{scan_records, Tx};

pub const TITLE_MAX_CHARS: usize = 80;
pub const TEXT_MAX_CHARS: usize = 4000;
pub const COMMENT_MAX_CHARS: usize = 1000;
pub const MAX_OPTIONS: usize = 6;
pub const MAX_ARTICLES: usize = 60;
pub const MAX_SUGGESTIONS: usize = 50;
pub const MAX_ATTENDANCE: u32 = 100_000;
/// How long before the server's clock a vote may say it opened (an officer
/// who opened it offline), how far ahead it may open, and how long it may run.
pub const VOTE_LATE_OPEN_MS: i64 = 30 * DAY_MS;
pub const VOTE_OPENS_AHEAD_MS: i64 = 366 * DAY_MS;
pub const VOTE_MAX_LENGTH_MS: i64 = 366 * DAY_MS;

/// `createProposal`: a member proposes; an officer may file it from a
/// fireside meeting's suggestion, which then points at it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateProposal {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub from_meeting: Option<SuggestionRef>,
}

/// One suggestion of a fireside meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestionRef {
    pub meeting: String,
    pub suggestion: usize,
}

/// `linkSuggestion`: a meeting's suggestion joins an existing proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkSuggestion {
    pub meeting: String,
    pub suggestion: usize,
    pub proposal: String,
}

/// `supportProposal`, `withdrawProposal` and the like: the proposal acted on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProposalRef {
    pub proposal: String,
}

/// `moveProposal`: an officer moves a proposal along (see [`Stage::officer_may_move_to`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveProposal {
    pub proposal: String,
    pub to: Stage,
}

/// `recordMeeting`: a fireside meeting, entered by an officer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordMeeting {
    pub id: String,
    pub date: Date,
    pub place: String,
    pub attendance: u32,
    pub suggestions: Vec<String>,
    pub minutes: String,
}

/// `addComment`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddComment {
    pub id: String,
    pub proposal: String,
    pub text: String,
}

/// `hideComment`: by an officer, with a reason everyone sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HideComment {
    pub proposal: String,
    pub id: String,
    pub reason: String,
}

/// `setDraft`: the proposal's text as numbered articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetDraft {
    pub proposal: String,
    pub articles: Vec<Article>,
}

/// `recordReview`: the finding of the review before the vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordReview {
    pub proposal: String,
    pub reviewer: String,
    pub finding: String,
    pub passed: bool,
}

/// `openVote`: puts a reviewed proposal to the vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenVote {
    pub id: String,
    pub proposal: String,
    pub question: String,
    /// Empty for the usual for / against / abstain.
    #[serde(default)]
    pub options: Vec<String>,
    pub secret: bool,
    pub electorate: Electorate,
    pub quorum_percent: u8,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
}

/// `castBallot`: the member's choice, replacing any earlier one until the close.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CastBallot {
    pub vote: String,
    pub choice: usize,
}

/// `enterPaperTally`: counts from a paper or show-of-hands meeting, with
/// every voter who took part there: one count or blank paper each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnterPaperTally {
    pub id: String,
    pub vote: String,
    pub label: String,
    pub counts: Vec<u32>,
    /// Blank or spoiled papers: they count for turnout only.
    #[serde(default)]
    pub blank: u32,
    pub voters: Vec<MemberId>,
}

/// `countVote`: after the close, the final count; it adopts or rejects the proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CountVote {
    pub vote: String,
}

/// `signPledge`: for the charter's current version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignPledge {
    pub version: u32,
}

fn is_officer(actor: &Actor) -> bool {
    actor.has_any(&OFFICERS)
}

/// The charter's latest version, if the village has one.
pub async fn current_charter(tx: &mut impl Tx) -> Result<Option<CharterVersion>, ApplyError> {
    Ok(scan_records::<CharterVersion>(tx, records::CHARTER_PREFIX)
        .await?
        .into_iter()
        .max_by_key(|charter| charter.version))
}

async fn proposal(tx: &mut impl Tx, id: &str) -> Result<(String, Proposal), ApplyError> {
    valid_id(id, records::PROPOSAL_PREFIX)?;
    let key = records::proposal(id);
    let proposal = read(tx, &key).await?;
    Ok((key, proposal))
}

pub async fn create_proposal(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CreateProposal,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::proposal(&args.id);
    valid_id(&args.id, &key)?;
    let title = text::required(&args.title, TITLE_MAX_CHARS, &key)?;
    let body = text::optional(&args.text, TEXT_MAX_CHARS, &key)?;
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let origin = match &args.from_meeting {
        None => Origin::Online,
        Some(from) => {
            // Filing a meeting's suggestion is the recording officer's work.
            if !is_officer(actor) {
                return Err(rejected(RejectionCode::Forbidden, &key));
            }
            link_suggestion(tx, &from.meeting, from.suggestion, &args.id).await?;
            Origin::Meeting {
                meeting: from.meeting.clone(),
                suggestion: from.suggestion,
            }
        }
    };
    let proposal = Proposal {
        id: args.id.clone(),
        title,
        text: body,
        origin,
        author: actor.member.clone(),
        stage: Stage::Collecting,
        articles: Vec::new(),
        review: None,
        vote: None,
        created_at: now,
        updated_at: now,
    };
    tx.put(&key, to_value(&proposal)).await?;
    Ok(())
}

async fn link_suggestion(
    tx: &mut impl Tx,
    meeting: &str,
    index: usize,
    proposal: &str,
) -> Result<(), ApplyError> {
    valid_id(meeting, records::MEETING_PREFIX)?;
    let key = records::meeting(meeting);
    let mut record: Meeting = read(tx, &key).await?;
    let suggestion = record
        .suggestions
        .get_mut(index)
        .ok_or_else(|| rejected(RejectionCode::NotFound, &key))?;
    if suggestion.proposal.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    suggestion.proposal = Some(proposal.to_owned());
    tx.put(&key, to_value(&record)).await?;
    Ok(())
}

pub async fn link_existing(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &LinkSuggestion,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, target) = proposal(tx, &args.proposal).await?;
    if target.stage.is_final() {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    link_suggestion(tx, &args.meeting, args.suggestion, &args.proposal).await
}

pub async fn record_meeting(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RecordMeeting,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::meeting(&args.id);
    valid_id(&args.id, &key)?;
    let place = text::required(&args.place, TITLE_MAX_CHARS, &key)?;
    let minutes = text::optional(&args.minutes, TEXT_MAX_CHARS, &key)?;
    let suggestions = args
        .suggestions
        .iter()
        .filter(|text| !text.trim().is_empty())
        .map(|text| {
            Ok(Suggestion {
                text: text::required(text, COMMENT_MAX_CHARS, &key)?,
                proposal: None,
            })
        })
        .collect::<Result<Vec<_>, Rejection>>()?;
    if args.suggestions.len() > MAX_SUGGESTIONS
        || !(1..=MAX_ATTENDANCE).contains(&args.attendance)
        || args.date > LocalTime::of(now).date
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let meeting = Meeting {
        id: args.id.clone(),
        date: args.date,
        place,
        attendance: args.attendance,
        suggestions,
        minutes,
        recorded_by: actor.member.clone(),
        at: now,
    };
    tx.put(&key, to_value(&meeting)).await?;
    Ok(())
}

pub async fn support_proposal(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &ProposalRef,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut target) = proposal(tx, &args.proposal).await?;
    if !matches!(target.stage, Stage::Collecting | Stage::Deliberating) {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    let support_key = records::support(&args.proposal, &actor.member);
    if tx.get(&support_key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let support = Support {
        member: actor.member.clone(),
        at: now,
    };
    tx.put(&support_key, to_value(&support)).await?;
    let supporters = tx.scan(&records::supports_of(&args.proposal)).await?.len() as u32;
    let settings: RulesSettings = tx
        .get(records::SETTINGS_KEY)
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    if target.stage == Stage::Collecting && supporters >= settings.support_threshold {
        target.stage = Stage::Deliberating;
        target.updated_at = now;
        tx.put(&key, to_value(&target)).await?;
    }
    Ok(())
}

pub async fn move_proposal(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &MoveProposal,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut target) = proposal(tx, &args.proposal).await?;
    // The author may withdraw their own; every other move is an officer's.
    let authors_withdrawal = args.to == Stage::Withdrawn && target.author == actor.member;
    if !is_officer(actor) && !authors_withdrawal {
        return Err(rejected(RejectionCode::Forbidden, &key));
    }
    if !target.stage.officer_may_move_to(args.to) {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if args.to == Stage::Review && target.articles.is_empty() {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if args.to == Stage::Drafting {
        // A text sent back from review is reviewed again.
        target.review = None;
    }
    target.stage = args.to;
    target.updated_at = now;
    tx.put(&key, to_value(&target)).await?;
    Ok(())
}

pub async fn add_comment(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AddComment,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::comment(&args.proposal, &args.id);
    valid_id(&args.id, &key)?;
    let body = text::required(&args.text, COMMENT_MAX_CHARS, &key)?;
    let (proposal_key, target) = proposal(tx, &args.proposal).await?;
    if target.stage.is_final() {
        return Err(rejected(RejectionCode::WrongStage, &proposal_key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let comment = Comment {
        id: args.id.clone(),
        proposal: args.proposal.clone(),
        author: actor.member.clone(),
        text: body,
        at: now,
        hidden: None,
    };
    tx.put(&key, to_value(&comment)).await?;
    Ok(())
}

pub async fn hide_comment(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &HideComment,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::comment(&args.proposal, &args.id);
    let reason = text::required(&args.reason, TITLE_MAX_CHARS, &key)?;
    let mut comment: Comment = read(tx, &key).await?;
    if comment.hidden.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    comment.text.clear();
    comment.hidden = Some(Hidden {
        by: actor.member.clone(),
        reason,
        at: now,
    });
    tx.put(&key, to_value(&comment)).await?;
    Ok(())
}

pub async fn set_draft(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &SetDraft,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut target) = proposal(tx, &args.proposal).await?;
    if target.stage != Stage::Drafting {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    if args.articles.is_empty() || args.articles.len() > MAX_ARTICLES {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let mut numbers = BTreeSet::new();
    let mut articles = Vec::with_capacity(args.articles.len());
    for article in &args.articles {
        if article.number == 0 || !numbers.insert(article.number) {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
        articles.push(Article {
            number: article.number,
            title: text::required(&article.title, TITLE_MAX_CHARS, &key)?,
            text: text::optional(&article.text, TEXT_MAX_CHARS, &key)?,
        });
    }
    articles.sort_by_key(|article| article.number);
    target.articles = articles;
    target.updated_at = now;
    tx.put(&key, to_value(&target)).await?;
    Ok(())
}

pub async fn record_review(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &RecordReview,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let (key, mut target) = proposal(tx, &args.proposal).await?;
    if target.stage != Stage::Review {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    target.review = Some(Review {
        reviewer: text::required(&args.reviewer, TITLE_MAX_CHARS, &key)?,
        finding: text::required(&args.finding, TEXT_MAX_CHARS, &key)?,
        passed: args.passed,
        recorded_by: actor.member.clone(),
        at: now,
    });
    target.updated_at = now;
    tx.put(&key, to_value(&target)).await?;
    Ok(())
}

/// The register's entries eligible for `electorate` on `day`, without the
/// members who have left.
async fn eligible_voters(
    tx: &mut impl Tx,
    electorate: Electorate,
    day: Date,
) -> Result<Vec<Voter>, ApplyError> {
    let departed = crate::members::departed_members(tx).await?;
    Ok(scan_records::<Voter>(tx, records::VOTER_PREFIX)
        .await?
        .into_iter()
        .filter(|voter| voter.eligible(electorate, day) && !departed.contains(&voter.member))
        .collect())
}

pub const DEFAULT_OPTIONS: [&str; 3] = ["赞成", "反对", "弃权"];

pub async fn open_vote(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &OpenVote,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::vote(&args.id);
    valid_id(&args.id, &key)?;
    let question = text::required(&args.question, TEXT_MAX_CHARS, &key)?;
    if args.options.len() > MAX_OPTIONS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let (options, abstain) = if args.options.is_empty() {
        (
            DEFAULT_OPTIONS
                .iter()
                .map(|option| (*option).to_owned())
                .collect(),
            Some(2),
        )
    } else {
        let options = args
            .options
            .iter()
            .map(|option| text::required(option, TITLE_MAX_CHARS, &key))
            .collect::<Result<Vec<_>, _>>()?;
        (options, None)
    };
    let (opens, closes) = (args.opens_at.millis(), args.closes_at.millis());
    if !(2..=MAX_OPTIONS).contains(&options.len())
        || !(1..=100).contains(&args.quorum_percent)
        || closes <= opens
        || closes - opens > VOTE_MAX_LENGTH_MS
        || args.closes_at <= now
        || opens < now.millis() - VOTE_LATE_OPEN_MS
        || opens > now.millis() + VOTE_OPENS_AHEAD_MS
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let (proposal_key, mut target) = proposal(tx, &args.proposal).await?;
    if target.stage != Stage::Review || !target.review.as_ref().is_some_and(|review| review.passed) {
        return Err(rejected(RejectionCode::WrongStage, &proposal_key));
    }
    let mut members: Vec<MemberId> = eligible_voters(tx, args.electorate, LocalTime::of(args.opens_at).date)
        .await?
        .into_iter()
        .map(|voter| voter.member)
        .collect();
    members.sort();
    members.dedup();
    if members.is_empty() {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let electorate_size = members.len() as u32;
    let list = ElectorateList {
        vote: args.id.clone(),
        members,
    };
    tx.put(&records::electorate(&args.id), to_value(&list)).await?;
    let vote = Vote {
        id: args.id.clone(),
        proposal: args.proposal.clone(),
        question,
        options,
        abstain,
        secret: args.secret,
        electorate: args.electorate,
        quorum_percent: args.quorum_percent,
        opens_at: args.opens_at,
        closes_at: args.closes_at,
        electorate_size,
        opened_by: actor.member.clone(),
    };
    tx.put(&key, to_value(&vote)).await?;
    target.stage = Stage::Voting;
    target.vote = Some(args.id.clone());
    target.updated_at = now;
    tx.put(&proposal_key, to_value(&target)).await?;
    Ok(())
}

/// Whether the vote is taking ballots at `now`: opened, not closed, not counted.
async fn open_for_ballots(tx: &mut impl Tx, vote_id: &str, now: Timestamp) -> Result<Vote, ApplyError> {
    let key = records::vote(vote_id);
    let vote: Vote = read(tx, &key).await?;
    if now >= vote.closes_at || tx.get(&records::result(vote_id)).await?.is_some() {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    if now < vote.opens_at {
        return Err(rejected(RejectionCode::VoteNotOpen, &key));
    }
    Ok(vote)
}

async fn paper_tallies(tx: &mut impl Tx, vote: &str) -> Result<Vec<PaperTally>, ApplyError> {
    Ok(scan_records(tx, &records::paper_tallies_of(vote)).await?)
}

/// Whether `member` may vote in `vote`: on the list fixed when it opened.
/// A vote opened before the list was kept falls back to the register as it
/// is now, read for the opening day.
async fn in_electorate(tx: &mut impl Tx, vote: &Vote, member: &MemberId) -> Result<bool, ApplyError> {
    let list: Option<ElectorateList> = tx
        .get(&records::electorate(&vote.id))
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    if let Some(list) = list {
        return Ok(list.members.binary_search(member).is_ok());
    }
    let voter: Option<Voter> = tx
        .get(&records::voter(member))
        .await?
        .and_then(|value| serde_json::from_value(value).ok());
    Ok(voter.is_some_and(|voter| voter.eligible(vote.electorate, LocalTime::of(vote.opens_at).date)))
}

/// Whether `member` has cast a ballot in the app in `vote`: for a secret
/// vote, the public marker says so without the choice.
async fn voted_online(tx: &mut impl Tx, vote: &Vote, member: &MemberId) -> Result<bool, ApplyError> {
    let key = if vote.secret {
        records::voted(&vote.id, member)
    } else {
        records::open_ballot(&vote.id, member)
    };
    Ok(tx.get(&key).await?.is_some())
}

pub async fn cast_ballot(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CastBallot,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::vote(&args.vote);
    valid_id(&args.vote, records::VOTE_PREFIX)?;
    let vote = open_for_ballots(tx, &args.vote, now).await?;
    if args.choice >= vote.options.len() {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if !in_electorate(tx, &vote, &actor.member).await? {
        return Err(rejected(RejectionCode::NotEligible, &key));
    }
    let counted_on_paper = paper_tallies(tx, &args.vote)
        .await?
        .iter()
        .any(|tally| tally.voters.contains(&actor.member));
    if counted_on_paper {
        // The member is told on their own device (the rejection record):
        // their paper at the meeting is what counts.
        return Err(rejected(RejectionCode::AlreadyVoted, &key));
    }
    let ballot = Ballot {
        vote: args.vote.clone(),
        member: actor.member.clone(),
        choice: args.choice,
        at: now,
    };
    if vote.secret {
        tx.put(
            &records::secret_ballot(&actor.member, &args.vote),
            to_value(&ballot),
        )
        .await?;
        let marker = records::voted(&args.vote, &actor.member);
        // Written once: a changed ballot leaves the public marker untouched,
        // so nobody can watch a choice change.
        if tx.get(&marker).await?.is_none() {
            let voted = Voted {
                member: actor.member.clone(),
            };
            tx.put(&marker, to_value(&voted)).await?;
        }
    } else {
        tx.put(
            &records::open_ballot(&args.vote, &actor.member),
            to_value(&ballot),
        )
        .await?;
    }
    Ok(())
}

/// A meeting's counts join the vote only when they account for exactly the
/// voters listed, none of whom has a ballot in the app, so that no paper
/// tally can take an online ballot out of the count: that would discard it
/// without its voter knowing, and a tally naming every online voter but one
/// would leave that one's secret choice as the online subtotal.
pub async fn enter_paper_tally(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &EnterPaperTally,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.vote, records::VOTE_PREFIX)?;
    let key = records::paper_tally(&args.vote, &args.id);
    valid_id(&args.id, &key)?;
    let label = text::required(&args.label, TITLE_MAX_CHARS, &key)?;
    let vote: Vote = read(tx, &records::vote(&args.vote)).await?;
    // Counted once: after the count no meeting can be added.
    if tx.get(&records::result(&args.vote)).await?.is_some() {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    let unique: BTreeSet<&MemberId> = args.voters.iter().collect();
    let papers = args.counts.iter().map(|count| u64::from(*count)).sum::<u64>() + u64::from(args.blank);
    if args.counts.len() != vote.options.len()
        || args.voters.is_empty()
        || args.voters.len() > vote.electorate_size as usize
        || unique.len() != args.voters.len()
        || papers != args.voters.len() as u64
    {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    for voter in &unique {
        if !in_electorate(tx, &vote, voter).await? {
            return Err(rejected(RejectionCode::NotEligible, &key));
        }
        if voted_online(tx, &vote, voter).await? {
            return Err(rejected(RejectionCode::AlreadyVoted, &key));
        }
    }
    let already = paper_tallies(tx, &args.vote)
        .await?
        .iter()
        .any(|tally| tally.voters.iter().any(|voter| unique.contains(voter)));
    if already {
        return Err(rejected(RejectionCode::AlreadyVoted, &key));
    }
    let mut tally = PaperTally {
        id: args.id.clone(),
        vote: args.vote.clone(),
        label,
        counts: args.counts.clone(),
        blank: args.blank,
        sealed: false,
        voters: args.voters.clone(),
        entered_by: actor.member.clone(),
        at: now,
    };
    if vote.secret {
        let sealed = SealedCount {
            vote: args.vote.clone(),
            tally: args.id.clone(),
            counts: std::mem::take(&mut tally.counts),
            blank: std::mem::take(&mut tally.blank),
        };
        tally.sealed = true;
        tx.put(&records::sealed_count(&args.vote, &args.id), to_value(&sealed))
            .await?;
    }
    tx.put(&key, to_value(&tally)).await?;
    Ok(())
}

/// The current ballots of `vote` this transaction can see. For a secret vote
/// only the server sees them all; a device sees its member's own.
async fn ballots_of(tx: &mut impl Tx, vote: &Vote) -> Result<Vec<Ballot>, ApplyError> {
    if !vote.secret {
        return Ok(scan_records(tx, &records::open_ballots_of(&vote.id)).await?);
    }
    Ok(scan_records::<Ballot>(tx, records::SECRET_BALLOT_PREFIX)
        .await?
        .into_iter()
        .filter(|ballot| ballot.vote == vote.id)
        .collect())
}

pub async fn count_vote(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &CountVote,
    now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.vote, records::VOTE_PREFIX)?;
    let key = records::vote(&args.vote);
    let vote: Vote = read(tx, &key).await?;
    if now < vote.closes_at {
        return Err(rejected(RejectionCode::VoteStillOpen, &key));
    }
    let result_key = records::result(&args.vote);
    if tx.get(&result_key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let ballots = ballots_of(tx, &vote).await?;
    let tallies = paper_tallies(tx, &vote.id).await?;
    let sealed: Vec<SealedCount> = scan_records(tx, &records::sealed_counts_of(&vote.id)).await?;
    if vote.secret {
        let voted = tx.scan(&records::voted_of(&vote.id)).await?.len();
        let sealed_missing = tallies
            .iter()
            .any(|tally| tally.sealed && !sealed.iter().any(|count| count.tally == tally.id));
        if ballots.len() < voted || sealed_missing {
            // A device, not the server: it cannot see the others' secret
            // ballots nor the meetings' sealed counts, so it leaves the
            // count to the server.
            return Ok(());
        }
    }
    let meetings: Vec<MeetingCount> = tallies
        .iter()
        .map(|tally| {
            match sealed
                .iter()
                .find(|count| tally.sealed && count.tally == tally.id)
            {
                Some(count) => MeetingCount {
                    tally,
                    counts: &count.counts,
                    blank: count.blank,
                },
                None => MeetingCount {
                    tally,
                    counts: &tally.counts,
                    blank: tally.blank,
                },
            }
        })
        .collect();
    let tally = count(&vote, &ballots, &meetings);
    let adopted = tally.outcome == Outcome::Winner(0);
    let result = VoteResult {
        vote: vote.id.clone(),
        tally,
        counted_by: actor.member.clone(),
        counted_at: now,
    };
    tx.put(&result_key, to_value(&result)).await?;
    let (proposal_key, mut target) = proposal(tx, &vote.proposal).await?;
    if target.stage != Stage::Voting {
        return Ok(());
    }
    target.stage = if adopted { Stage::Adopted } else { Stage::Rejected };
    target.updated_at = now;
    if adopted {
        let current = current_charter(tx).await?;
        let version = current.as_ref().map_or(1, |charter| charter.version + 1);
        let before = current.map(|charter| charter.articles).unwrap_or_default();
        let charter = CharterVersion {
            version,
            title: target.title.clone(),
            articles: amend(&before, &target.articles),
            proposal: Some(target.id.clone()),
            adopted_at: now,
        };
        tx.put(&records::charter(version), to_value(&charter)).await?;
    }
    tx.put(&proposal_key, to_value(&target)).await?;
    Ok(())
}

pub async fn sign_pledge(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &SignPledge,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::pledge(args.version, &actor.member);
    let current = current_charter(tx).await?;
    if current.is_none_or(|charter| charter.version != args.version) {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let pledge = Pledge {
        member: actor.member.clone(),
        version: args.version,
        at: now,
    };
    tx.put(&key, to_value(&pledge)).await?;
    Ok(())
}

pub async fn set_voter(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &Voter,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::voter(&args.member);
    let household = text::required(&args.household, TITLE_MAX_CHARS, &key)?;
    // A member who has left is not put on the register again.
    crate::members::active_member(tx, &args.member).await?;
    let voter = Voter {
        household,
        ..args.clone()
    };
    tx.put(&key, to_value(&voter)).await?;
    Ok(())
}

pub async fn set_settings(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &RulesSettings,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    if args.support_threshold == 0 {
        return Err(rejected(RejectionCode::InvalidArgs, records::SETTINGS_KEY));
    }
    tx.put(records::SETTINGS_KEY, to_value(args)).await?;
    Ok(())
}
