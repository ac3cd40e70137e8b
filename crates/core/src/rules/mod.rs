//! The village rules (村规民约): proposals from villagers and fireside
//! meetings (乡村夜话), deliberation, drafting as numbered articles, review,
//! a vote with quorum against the register, and the charter's versions.
//!
//! Every step is a mutation here, so a tablet at a meeting can record it with
//! no network and the server decides the same way. Only the final count of a
//! secret vote needs the server: no device but the server holds every ballot.
//!
//! - this file: the module's declaration, its records' readers and its
//!   mutations (who may run each, the rule that applies it, an example);
//! - [`records`]: the records and their keys; [`mutations`]: the rules;
//! - [`tally`]: counting a vote; [`charter`]: the charter's versions.

pub mod charter;
pub mod mutations;
pub mod records;
pub mod tally;

use crate::keys::{Readers, RecordKind};
use crate::role::{MayRun, OFFICERS};
use mutations::{
    AddComment, CastBallot, CountVote, CreateProposal, EnterPaperTally, HideComment, LinkSuggestion,
    MoveProposal, OpenVote, ProposalRef, RecordMeeting, RecordReview, SetDraft, SignPledge,
};
use records::{RulesSettings, Voter};

/// Who reads each of the village rules' records.
pub const RECORD_KINDS: &[crate::keys::RecordKind] = &[
    RecordKind::new(records::SETTINGS_KEY, Readers::Community),
    RecordKind::new(records::PROPOSAL_PREFIX, Readers::Community),
    RecordKind::new(records::SUPPORT_PREFIX, Readers::Community),
    RecordKind::new(records::COMMENT_PREFIX, Readers::Community),
    RecordKind::new(records::MEETING_PREFIX, Readers::Community),
    RecordKind::new(records::VOTER_PREFIX, Readers::Member(&crate::role::OFFICERS)),
    RecordKind::new(records::VOTE_PREFIX, Readers::Community),
    RecordKind::new(records::ELECTORATE_PREFIX, Readers::Community),
    RecordKind::new(records::OPEN_BALLOT_PREFIX, Readers::Community),
    RecordKind::new(records::SECRET_BALLOT_PREFIX, Readers::Member(&[])),
    RecordKind::new(records::VOTED_PREFIX, Readers::Community),
    RecordKind::new(records::PAPER_PREFIX, Readers::Community),
    RecordKind::new(records::SEALED_COUNT_PREFIX, Readers::Server),
    RecordKind::new(records::RESULT_PREFIX, Readers::Community),
    RecordKind::new(records::CHARTER_PREFIX, Readers::Community),
    RecordKind::new(records::PLEDGE_PREFIX, Readers::Community),
];

declare_module! {
    /// The village rules' mutations: proposals, meetings, deliberation, drafting, review, the
    /// vote and the pledge.
    module "rules" as RulesMutation;
    records: RECORD_KINDS;
    mutations {
        CreateProposal(CreateProposal) = "createProposal" {
            who: MayRun::AnyMember,
            run: mutations::create_proposal,
            example: {"id": "p1", "title": "t", "text": "",
                      "fromMeeting": {"meeting": "f1", "suggestion": 0}},
        }
        LinkSuggestion(LinkSuggestion) = "linkSuggestion" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::link_existing,
            example: {"meeting": "f1", "suggestion": 1, "proposal": "p1"},
        }
        SupportProposal(ProposalRef) = "supportProposal" {
            who: MayRun::AnyMember,
            run: mutations::support_proposal,
            example: {"proposal": "p1"},
        }
        MoveProposal(MoveProposal) = "moveProposal" {
            who: MayRun::AnyMember,
            run: mutations::move_proposal,
            example: {"proposal": "p1", "to": "drafting"},
        }
        RecordMeeting(RecordMeeting) = "recordMeeting" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::record_meeting,
            example: {"id": "f1", "date": "2025-03-01", "place": "村委会", "attendance": 40,
                      "suggestions": ["垃圾分类"], "minutes": ""},
        }
        AddComment(AddComment) = "addComment" {
            who: MayRun::AnyMember,
            run: mutations::add_comment,
            example: {"id": "c1", "proposal": "p1", "text": "好"},
        }
        HideComment(HideComment) = "hideComment" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::hide_comment,
            example: {"proposal": "p1", "id": "c1", "reason": "人身攻击"},
        }
        SetDraft(SetDraft) = "setDraft" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::set_draft,
            example: {"proposal": "p1", "articles": [{"number": 3, "title": "环境", "text": "..."}]},
        }
        RecordReview(RecordReview) = "recordReview" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::record_review,
            example: {"proposal": "p1", "reviewer": "镇司法所", "finding": "合法", "passed": true},
        }
        OpenVote(OpenVote) = "openVote" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::open_vote,
            example: {"id": "v1", "proposal": "p1", "question": "q", "options": [], "secret": true,
                      "electorate": "households", "quorumPercent": 50, "opensAt": 0, "closesAt": 10},
        }
        CastBallot(CastBallot) = "castBallot" {
            who: MayRun::AnyMember,
            run: mutations::cast_ballot,
            example: {"vote": "v1", "choice": 0},
        }
        EnterPaperTally(EnterPaperTally) = "enterPaperTally" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::enter_paper_tally,
            example: {"id": "t1", "vote": "v1", "label": "三组", "counts": [3, 1, 0], "blank": 0,
                      "voters": ["m1"]},
        }
        CountVote(CountVote) = "countVote" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::count_vote,
            example: {"vote": "v1"},
        }
        SignPledge(SignPledge) = "signPledge" {
            who: MayRun::AnyMember,
            run: mutations::sign_pledge,
            example: {"version": 2},
        }
        SetVoter(Voter) = "setVoter" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::set_voter,
            example: {"member": "m1", "birthDate": "1960-01-01", "household": "一组3号", "householdHead": true},
        }
        SetRulesSettings(RulesSettings) = "setRulesSettings" {
            who: MayRun::Holders(&OFFICERS),
            run: mutations::set_settings,
            example: {"supportThreshold": 5},
        }
    }
}
