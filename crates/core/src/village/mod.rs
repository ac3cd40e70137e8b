//! Village governance beyond the vote (村务): the collective economy and
//! its public accounts (村务公开), dividends and insurance subsidies paid
//! to households, questionnaires, fire-safety patrols, and the committee's
//! figures. Like every module, each change is a core mutation a phone or a
//! meeting's tablet makes with no network and the server decides the same way.
//!
//! - this file: the module's declaration, its records' readers and its
//!   mutations (who may run each, the rule that applies it, an example);
//! - [`ledger`]: land parcels, transfer contracts, the append-only ledger
//!   and its published months; [`dividends`]: distributions, subsidies and
//!   households' lines; [`questionnaires`]; [`patrols`]; [`figures`]: what
//!   the committee reports, computed from the records.

pub mod dividends;
pub mod figures;
pub mod ledger;
pub mod patrols;
pub mod questionnaires;

use crate::keys::{Readers, RecordKind};
use crate::role::{MayRun, Role, OFFICERS};
use dividends::{AcknowledgeLine, DistributionRef, DraftDistribution, MarkKeyHousehold, PaySubsidy};
use figures::RefreshFigures;
use ledger::{Contract, Parcel, PublishPeriod, RecordEntry, RemoveParcel, WithdrawDraft};
use patrols::{AddPatrolItem, RecordPatrol};
use questionnaires::{
    AnswerQuestionnaire, CloseQuestionnaire, LinkQuestionnaireSuggestion, PublishQuestionnaire,
};

/// Who walks a grid's patrol: its worker (checked against the grid) and officers.
pub const PATROLLERS: [Role; 3] = [Role::GridWorker, Role::Officer, Role::Admin];

/// Who reads each of the village's records.
pub const RECORD_KINDS: &[RecordKind] = &[
    RecordKind::new(ledger::CONTRACT_PREFIX, Readers::Community),
    RecordKind::new(ledger::DRAFT_PREFIX, Readers::Roles(&OFFICERS)),
    RecordKind::new(ledger::ENTRY_PREFIX, Readers::Community),
    RecordKind::new(ledger::PERIOD_PREFIX, Readers::Community),
    RecordKind::new(ledger::PARCEL_PREFIX, Readers::Household),
    RecordKind::new(dividends::DISTRIBUTION_PREFIX, Readers::Community),
    RecordKind::new(dividends::SUBSIDY_PREFIX, Readers::Community),
    RecordKind::new(dividends::LINE_PREFIX, Readers::Household),
    RecordKind::new(dividends::HOUSEHOLD_PREFIX, Readers::Household),
    RecordKind::new(questionnaires::QUESTIONNAIRE_PREFIX, Readers::Community),
    RecordKind::new(questionnaires::ANSWER_PREFIX, Readers::Member(&OFFICERS)),
    RecordKind::new(questionnaires::DONE_PREFIX, Readers::Member(&[])),
    RecordKind::new(questionnaires::TALLY_PREFIX, Readers::Roles(&OFFICERS)),
    RecordKind::new(questionnaires::SEALED_PREFIX, Readers::Server),
    RecordKind::new(questionnaires::RESULT_PREFIX, Readers::Community),
    RecordKind::new(patrols::CHECKLIST_PREFIX, Readers::Grid),
    RecordKind::new(patrols::PATROL_PREFIX, Readers::Grid),
    RecordKind::new(figures::OFFICERS_KEY, Readers::Roles(&OFFICERS)),
    RecordKind::new(figures::PUBLIC_KEY, Readers::Community),
];

declare_module! {
    /// The village's mutations: the ledger and land, dividends and
    /// subsidies, questionnaires, patrols and the figures.
    module "village" as VillageMutation;
    records: RECORD_KINDS;
    mutations {
        SaveContract(Contract) = "saveContract" {
            who: MayRun::Holders(&OFFICERS),
            run: ledger::save_contract,
            example: {"id": "k1", "transferee": "蒙草农业公司", "area": 300000, "pricePerMu": 80000,
                      "fromYear": 2023, "untilYear": 2037, "signedOn": "2023-01-05", "note": ""},
        }
        SaveParcel(Parcel) = "saveParcel" {
            who: MayRun::Holders(&OFFICERS),
            run: ledger::save_parcel,
            example: {"id": "l1", "household": "1组1号", "name": "东滩地", "area": 850, "contract": "k1"},
        }
        RemoveParcel(RemoveParcel) = "removeParcel" {
            who: MayRun::Holders(&OFFICERS),
            run: ledger::remove_parcel,
            example: {"household": "1组1号", "id": "l1"},
        }
        RecordEntry(RecordEntry) = "recordEntry" {
            who: MayRun::Holders(&OFFICERS),
            run: ledger::record_entry,
            example: {"id": "e1", "date": "2026-01-10", "category": "land_transfer", "amount": 240000000,
                      "note": "2026年流转费", "contract": "k1"},
        }
        WithdrawDraft(WithdrawDraft) = "withdrawDraft" {
            who: MayRun::Holders(&OFFICERS),
            run: ledger::withdraw_draft,
            example: {"id": "e1"},
        }
        PublishPeriod(PublishPeriod) = "publishPeriod" {
            who: MayRun::Holders(&OFFICERS),
            run: ledger::publish_period,
            example: {"month": "2026-01"},
        }
        DraftDistribution(DraftDistribution) = "draftDistribution" {
            who: MayRun::Holders(&OFFICERS),
            run: dividends::draft_distribution,
            example: {"id": "d1", "title": "年度分红", "year": 2026, "total": 60000000, "rule": "per_member"},
        }
        ApproveDistribution(DistributionRef) = "approveDistribution" {
            who: MayRun::Holders(&OFFICERS),
            run: dividends::approve_distribution,
            example: {"id": "d1"},
        }
        PayDistribution(DistributionRef) = "payDistribution" {
            who: MayRun::Holders(&OFFICERS),
            run: dividends::pay_distribution,
            example: {"id": "d1"},
        }
        MarkKeyHousehold(MarkKeyHousehold) = "markKeyHousehold" {
            who: MayRun::Holders(&OFFICERS),
            run: dividends::mark_key_household,
            example: {"household": "1组1号", "key": true},
        }
        PaySubsidy(PaySubsidy) = "paySubsidy" {
            who: MayRun::Holders(&OFFICERS),
            run: dividends::pay_subsidy,
            example: {"id": "s1", "kind": "medical_insurance", "year": 2026, "each": 10000},
        }
        AcknowledgeLine(AcknowledgeLine) = "acknowledgeLine" {
            who: MayRun::AnyMember,
            run: dividends::acknowledge_line,
            example: {"source": "d1"},
        }
        PublishQuestionnaire(PublishQuestionnaire) = "publishQuestionnaire" {
            who: MayRun::Holders(&OFFICERS),
            run: questionnaires::publish_questionnaire,
            example: {"id": "q1", "title": "垃圾分类", "intro": "", "anonymous": true,
                      "opens": "2026-03-01", "closes": "2026-03-15",
                      "questions": [{"text": "您家会分类吗？", "kind": "single", "options": ["会", "不会"]}]},
        }
        AnswerQuestionnaire(AnswerQuestionnaire) = "answerQuestionnaire" {
            who: MayRun::AnyMember,
            run: questionnaires::answer_questionnaire,
            example: {"questionnaire": "q1", "answers": [{"choices": [0], "text": ""}]},
        }
        CloseQuestionnaire(CloseQuestionnaire) = "closeQuestionnaire" {
            who: MayRun::Holders(&OFFICERS),
            run: questionnaires::close_questionnaire,
            example: {"id": "q1"},
        }
        LinkQuestionnaireSuggestion(LinkQuestionnaireSuggestion) = "linkQuestionnaireSuggestion" {
            who: MayRun::Holders(&OFFICERS),
            run: questionnaires::link_suggestion,
            example: {"questionnaire": "q1", "question": 0, "text": 0, "proposal": "p1"},
        }
        AddPatrolItem(AddPatrolItem) = "addPatrolItem" {
            who: MayRun::Holders(&OFFICERS),
            run: patrols::add_patrol_item,
            example: {"grid": "g01", "id": "gas", "label": "燃气软管老化"},
        }
        RecordPatrol(RecordPatrol) = "recordPatrol" {
            who: MayRun::Holders(&PATROLLERS),
            run: patrols::record_patrol,
            example: {"grid": "g01", "id": "pt1", "date": "2026-03-02",
                      "units": [{"building": "3号楼", "unit": "2单元",
                                 "results": [{"item": "stairwell_clutter", "finding": true, "note": "三楼堆放纸箱"}]}]},
        }
        RefreshFigures(RefreshFigures) = "refreshFigures" {
            who: MayRun::Holders(&OFFICERS),
            run: figures::refresh_figures,
            example: {"public": false},
        }
    }
}
