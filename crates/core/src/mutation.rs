//! Named mutations: every change to a community's records is one of these,
//! applied by the same function in the browser (to predict) and on the server
//! (to decide).
//!
//! On the wire a mutation is `{"name": "postNotice", "args": {...}}`, the
//! shape of Replicache's push; the names are the JS mutator names a Replicache
//! client would register.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canteen::menu::{DailyMenu, Dish};
use crate::canteen::mutations::{
    self as canteen, CancelOrder, PauseSubscription, PlaceOrder, ResumeSubscription, ServeOrder,
    SetDinerProfile, Subscribe, TopUp,
};
use crate::canteen::pricing::PricingRule;
use crate::canteen::records::CanteenSettings;
use crate::canteen::subscription::Plan;
use crate::ids::ClientId;
use crate::keys;
use crate::keys::CANTEEN_STAFF_ROLES;
use crate::members::devices::{self, NameDevice, SignOutDevice, SignOutMember};
use crate::members::invites::{self, InviteMember, WithdrawInvite};
use crate::members::{
    self, DeactivateMember, RegisterMember, SetMemberRoles, UpdateProfile, MEMBER_MANAGERS,
};
use crate::notices::{self, AcknowledgeNotice, DeleteNotice, EditNotice, PostNotice, NOTICE_EDITORS};
use crate::rejection::{ApplyError, Rejection, RejectionCode};
use crate::role::{Actor, Role};
use crate::rules::mutations::{
    self as rules, AddComment, CastBallot, CountVote, CreateProposal, EnterPaperTally, HideComment,
    LinkSuggestion, MoveProposal, OpenVote, ProposalRef, RecordMeeting, RecordReview, SetDraft, SignPledge,
};
use crate::rules::records::{RulesSettings, Voter};
use crate::rules::RULES_OFFICERS;
use crate::time::Timestamp;
use crate::tx::{Tx, TxError};
use crate::volunteers::mutations::{
    self as volunteers, ActivityRef, AddCareEntry, AdvanceCase, LogVisit, PostActivity, RecordCareService,
    ReportCase, SetVolunteerProfile, StampAttendance,
};
use crate::volunteers::records::{Grid, GridMember, Household, VisitPlan};
use crate::volunteers::GRID_OFFICERS;

/// Declares `Mutation` from one list (variant, argument type, wire name), so
/// the enum, its names and its reading from the wire never disagree.
///
/// Reading is written out rather than derived: serde's derive for an
/// adjacently tagged enum of this size also reads every variant's arguments
/// from a buffered copy (for `args` sent before `name`), which made the
/// derived reader the largest function in the browser's wasm. Here the
/// arguments are read once, from the JSON value, for the variant the name picks.
macro_rules! mutations {
    ($($variant:ident($args:ty) = $name:literal,)*) => {
        /// Every mutation the server accepts, with its typed arguments.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[serde(tag = "name", content = "args")]
        pub enum Mutation {
            $(#[serde(rename = $name)] $variant($args),)*
        }

        impl Mutation {
            /// The names of all mutations, as sent on the wire.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// Reads a mutation from its wire name and arguments.
            pub fn parse(name: &str, args: &Value) -> Result<Mutation, ParseMutationError> {
                let bad_args = |err: serde_json::Error| ParseMutationError::BadArgs {
                    name: name.to_owned(),
                    reason: err.to_string(),
                };
                match name {
                    $($name => <$args>::deserialize(args).map(Mutation::$variant).map_err(bad_args),)*
                    _ => Err(ParseMutationError::UnknownName(name.to_owned())),
                }
            }

            /// The wire name.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Mutation::$variant(_) => $name,)*
                }
            }
        }
    };
}

mutations! {
    RegisterMember(RegisterMember) = "registerMember",
    UpdateProfile(UpdateProfile) = "updateProfile",
    SetMemberRoles(SetMemberRoles) = "setMemberRoles",
    DeactivateMember(DeactivateMember) = "deactivateMember",
    InviteMember(InviteMember) = "inviteMember",
    WithdrawInvite(WithdrawInvite) = "withdrawInvite",
    SignOutDevice(SignOutDevice) = "signOutDevice",
    SignOutMember(SignOutMember) = "signOutMember",
    NameDevice(NameDevice) = "nameDevice",
    PostNotice(PostNotice) = "postNotice",
    EditNotice(EditNotice) = "editNotice",
    DeleteNotice(DeleteNotice) = "deleteNotice",
    AcknowledgeNotice(AcknowledgeNotice) = "acknowledgeNotice",
    DismissRejection(DismissRejection) = "dismissRejection",
    UpsertDish(Dish) = "upsertDish",
    SetDailyMenu(DailyMenu) = "setDailyMenu",
    UpsertPricingRule(PricingRule) = "upsertPricingRule",
    UpsertPlan(Plan) = "upsertPlan",
    SetCanteenSettings(CanteenSettings) = "setCanteenSettings",
    SetDinerProfile(SetDinerProfile) = "setDinerProfile",
    TopUp(TopUp) = "topUp",
    PlaceOrder(PlaceOrder) = "placeOrder",
    CancelOrder(CancelOrder) = "cancelOrder",
    CheckIn(ServeOrder) = "checkIn",
    MarkDelivered(ServeOrder) = "markDelivered",
    Subscribe(Subscribe) = "subscribe",
    PauseSubscription(PauseSubscription) = "pauseSubscription",
    ResumeSubscription(ResumeSubscription) = "resumeSubscription",
    CreateProposal(CreateProposal) = "createProposal",
    LinkSuggestion(LinkSuggestion) = "linkSuggestion",
    SupportProposal(ProposalRef) = "supportProposal",
    MoveProposal(MoveProposal) = "moveProposal",
    RecordMeeting(RecordMeeting) = "recordMeeting",
    AddComment(AddComment) = "addComment",
    HideComment(HideComment) = "hideComment",
    SetDraft(SetDraft) = "setDraft",
    RecordReview(RecordReview) = "recordReview",
    OpenVote(OpenVote) = "openVote",
    CastBallot(CastBallot) = "castBallot",
    EnterPaperTally(EnterPaperTally) = "enterPaperTally",
    CountVote(CountVote) = "countVote",
    SignPledge(SignPledge) = "signPledge",
    SetVoter(Voter) = "setVoter",
    SetRulesSettings(RulesSettings) = "setRulesSettings",
    UpsertGrid(Grid) = "upsertGrid",
    AssignToGrid(GridMember) = "assignToGrid",
    SetVolunteerProfile(SetVolunteerProfile) = "setVolunteerProfile",
    PostActivity(PostActivity) = "postActivity",
    SignUp(ActivityRef) = "signUp",
    WithdrawSignup(ActivityRef) = "withdrawSignup",
    SignIn(StampAttendance) = "signIn",
    SignOut(StampAttendance) = "signOut",
    AddHousehold(Household) = "addHousehold",
    SetVisitPlan(VisitPlan) = "setVisitPlan",
    LogVisit(LogVisit) = "logVisit",
    ReportCase(ReportCase) = "reportCase",
    AdvanceCase(AdvanceCase) = "advanceCase",
    AddCareEntry(AddCareEntry) = "addCareEntry",
    RecordCareService(RecordCareService) = "recordCareService",
}

/// A mutation as it travels and is stored, `{"name": …, "args": …}`: read
/// as a [`Mutation`] only where the rules run ([`WireMutation::parse`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireMutation {
    pub name: String,
    pub args: Value,
}

impl WireMutation {
    pub fn parse(&self) -> Result<Mutation, ParseMutationError> {
        Mutation::parse(&self.name, &self.args)
    }
}

impl From<&Mutation> for WireMutation {
    fn from(mutation: &Mutation) -> Self {
        WireMutation {
            name: mutation.name().to_owned(),
            args: mutation.args(),
        }
    }
}

/// The wire form, the keys in either order, read through [`Mutation::parse`].
impl<'de> Deserialize<'de> for Mutation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        WireMutation::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// `args` without the fields no log may keep: invite codes and ballots' choices.
pub fn strip_secrets(mut args: Value) -> Value {
    if let Value::Object(fields) = &mut args {
        for secret in ["inviteCode", "choice"] {
            fields.remove(secret);
        }
    }
    args
}

/// Each module's mutations, by wire name (a test checks that every
/// mutation is in exactly one).
const MODULES: [(&str, &[&str]); 5] = [
    (
        "members",
        &[
            "registerMember",
            "updateProfile",
            "setMemberRoles",
            "deactivateMember",
            "inviteMember",
            "withdrawInvite",
            "signOutDevice",
            "signOutMember",
            "nameDevice",
        ],
    ),
    (
        "notices",
        &[
            "postNotice",
            "editNotice",
            "deleteNotice",
            "acknowledgeNotice",
            "dismissRejection",
        ],
    ),
    (
        "canteen",
        &[
            "upsertDish",
            "setDailyMenu",
            "upsertPricingRule",
            "upsertPlan",
            "setCanteenSettings",
            "setDinerProfile",
            "topUp",
            "placeOrder",
            "cancelOrder",
            "checkIn",
            "markDelivered",
            "subscribe",
            "pauseSubscription",
            "resumeSubscription",
        ],
    ),
    (
        "rules",
        &[
            "createProposal",
            "linkSuggestion",
            "supportProposal",
            "moveProposal",
            "recordMeeting",
            "addComment",
            "hideComment",
            "setDraft",
            "recordReview",
            "openVote",
            "castBallot",
            "enterPaperTally",
            "countVote",
            "signPledge",
            "setVoter",
            "setRulesSettings",
        ],
    ),
    (
        "volunteers",
        &[
            "upsertGrid",
            "assignToGrid",
            "setVolunteerProfile",
            "postActivity",
            "signUp",
            "withdrawSignup",
            "signIn",
            "signOut",
            "addHousehold",
            "setVisitPlan",
            "logVisit",
            "reportCase",
            "advanceCase",
            "addCareEntry",
            "recordCareService",
        ],
    ),
];

/// Who may try the grid mutations; whether they run that grid is checked in apply.
const GRID_RUNNERS: [Role; 3] = [Role::GridWorker, Role::Officer, Role::Admin];

/// `dismissRejection`: the member has read the notice about a refused change
/// and removes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DismissRejection {
    #[serde(rename = "clientID")]
    pub client_id: ClientId,
    #[serde(rename = "mutationID")]
    pub mutation_id: u64,
}

/// Why a `(name, args)` pair is not a mutation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseMutationError {
    /// No mutation has this name: a client from another version of the app.
    #[error("unknown mutation {0:?}")]
    UnknownName(String),
    /// The name is known but the arguments do not fit it.
    #[error("bad arguments for {name}: {reason}")]
    BadArgs { name: String, reason: String },
}

impl Mutation {
    /// The wire arguments.
    pub fn args(&self) -> Value {
        match serde_json::to_value(self) {
            Ok(Value::Object(mut tagged)) => tagged.remove("args").unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }

    /// The roles that may run this mutation at all; `None` means any member.
    /// Finer rules (an author editing their own notice) are checked in apply.
    pub fn allowed_roles(&self) -> Option<&'static [Role]> {
        match self {
            Mutation::RegisterMember(_)
            | Mutation::SetMemberRoles(_)
            | Mutation::DeactivateMember(_)
            | Mutation::InviteMember(_)
            | Mutation::WithdrawInvite(_)
            | Mutation::SignOutMember(_) => Some(&MEMBER_MANAGERS),
            Mutation::PostNotice(_) => Some(NOTICE_EDITORS),
            Mutation::UpsertDish(_)
            | Mutation::SetDailyMenu(_)
            | Mutation::UpsertPricingRule(_)
            | Mutation::UpsertPlan(_)
            | Mutation::SetCanteenSettings(_)
            | Mutation::SetDinerProfile(_)
            | Mutation::TopUp(_)
            | Mutation::CheckIn(_)
            | Mutation::MarkDelivered(_) => Some(&CANTEEN_STAFF_ROLES),
            Mutation::LinkSuggestion(_)
            | Mutation::RecordMeeting(_)
            | Mutation::HideComment(_)
            | Mutation::SetDraft(_)
            | Mutation::RecordReview(_)
            | Mutation::OpenVote(_)
            | Mutation::EnterPaperTally(_)
            | Mutation::CountVote(_)
            | Mutation::SetVoter(_)
            | Mutation::SetRulesSettings(_) => Some(&RULES_OFFICERS),
            Mutation::UpsertGrid(_) => Some(&GRID_OFFICERS),
            Mutation::AssignToGrid(_)
            | Mutation::PostActivity(_)
            | Mutation::AddHousehold(_)
            | Mutation::SetVisitPlan(_)
            | Mutation::AdvanceCase(_)
            | Mutation::AddCareEntry(_)
            | Mutation::RecordCareService(_) => Some(&GRID_RUNNERS),
            Mutation::UpdateProfile(_)
            | Mutation::SignOutDevice(_)
            | Mutation::NameDevice(_)
            | Mutation::EditNotice(_)
            | Mutation::DeleteNotice(_)
            | Mutation::AcknowledgeNotice(_)
            | Mutation::DismissRejection(_)
            | Mutation::PlaceOrder(_)
            | Mutation::CancelOrder(_)
            | Mutation::Subscribe(_)
            | Mutation::PauseSubscription(_)
            | Mutation::ResumeSubscription(_)
            | Mutation::CreateProposal(_)
            | Mutation::SupportProposal(_)
            | Mutation::MoveProposal(_)
            | Mutation::AddComment(_)
            | Mutation::CastBallot(_)
            | Mutation::SignPledge(_)
            | Mutation::SetVolunteerProfile(_)
            | Mutation::SignUp(_)
            | Mutation::WithdrawSignup(_)
            | Mutation::SignIn(_)
            | Mutation::SignOut(_)
            | Mutation::LogVisit(_)
            | Mutation::ReportCase(_) => None,
        }
    }

    /// The module the mutation belongs to, as the audit log files it.
    pub fn module(&self) -> &'static str {
        Mutation::module_of(self.name())
    }

    /// Every module with its mutations' wire names, as the audit log files
    /// them (for its filters and labels).
    pub fn modules() -> &'static [(&'static str, &'static [&'static str])] {
        &MODULES
    }

    /// The module of the mutation named `name` ("unknown" for no mutation).
    pub fn module_of(name: &str) -> &'static str {
        MODULES
            .iter()
            .find(|(_, names)| names.contains(&name))
            .map_or("unknown", |(module, _)| *module)
    }

    /// The arguments as the server's audit log may keep them: everything but
    /// a secret (an invite code) or a choice (a ballot's, which for a secret
    /// vote no one but the voter may know).
    pub fn audit_args(&self) -> Value {
        strip_secrets(self.args())
    }

    /// Whether the actor's roles let them try this mutation; the UI uses it to
    /// offer only what will not be refused.
    pub fn permitted(&self, actor: &Actor) -> bool {
        self.allowed_roles().is_none_or(|roles| actor.has_any(roles))
    }

    /// Applies the mutation for `actor` at `now`. Pure and deterministic: the
    /// same records, actor, mutation and time give the same changes, which is
    /// what lets the browser's prediction match the server's decision.
    pub async fn apply(&self, tx: &mut impl Tx, actor: &Actor, now: Timestamp) -> Result<(), ApplyError> {
        if !self.permitted(actor) {
            return Err(Rejection::new(RejectionCode::Forbidden, None).into());
        }
        crate::validate::check_args(&self.args())
            .map_err(|_| Rejection::new(RejectionCode::InvalidArgs, None))?;
        match self.run(tx, actor, now).await {
            // A key no record may have comes from the arguments: a refusal
            // like any other, never a storage failure to retry forever.
            Err(ApplyError::Storage(TxError::InvalidKey(_))) => {
                Err(Rejection::new(RejectionCode::InvalidArgs, None).into())
            }
            outcome => outcome,
        }
    }

    /// The mutation's own rules.
    async fn run(&self, tx: &mut impl Tx, actor: &Actor, now: Timestamp) -> Result<(), ApplyError> {
        match self {
            Mutation::RegisterMember(args) => members::register_member(tx, actor, args, now).await,
            Mutation::UpdateProfile(args) => members::update_profile(tx, actor, args).await,
            Mutation::SetMemberRoles(args) => members::set_member_roles(tx, actor, args).await,
            Mutation::DeactivateMember(args) => members::deactivate_member(tx, actor, args, now).await,
            Mutation::InviteMember(args) => invites::invite_member(tx, actor, args, now).await,
            Mutation::WithdrawInvite(args) => invites::withdraw_invite(tx, actor, args, now).await,
            Mutation::SignOutDevice(args) => devices::sign_out_device(tx, actor, args, now).await,
            Mutation::SignOutMember(args) => devices::sign_out_member(tx, actor, args, now).await,
            Mutation::NameDevice(args) => devices::name_device(tx, actor, args).await,
            Mutation::PostNotice(args) => notices::post_notice(tx, actor, args, now).await,
            Mutation::EditNotice(args) => notices::edit_notice(tx, actor, args, now).await,
            Mutation::DeleteNotice(args) => notices::delete_notice(tx, actor, args).await,
            Mutation::AcknowledgeNotice(args) => notices::acknowledge_notice(tx, actor, args, now).await,
            Mutation::DismissRejection(args) => {
                // Only one's own: the key names the actor.
                let key = keys::rejection(&actor.member, &args.client_id, args.mutation_id);
                if tx.get(&key).await?.is_none() {
                    return Err(Rejection::new(RejectionCode::NotFound, key).into());
                }
                tx.del(&key).await?;
                Ok(())
            }
            Mutation::UpsertDish(dish) => canteen::upsert_dish(tx, dish).await,
            Mutation::SetDailyMenu(menu) => canteen::set_daily_menu(tx, menu).await,
            Mutation::UpsertPricingRule(rule) => canteen::upsert_rule(tx, rule).await,
            Mutation::UpsertPlan(plan) => canteen::upsert_plan(tx, plan).await,
            Mutation::SetCanteenSettings(settings) => canteen::set_settings(tx, settings).await,
            Mutation::SetDinerProfile(args) => canteen::set_diner_profile(tx, args).await,
            Mutation::TopUp(args) => canteen::top_up(tx, actor, args, now).await,
            Mutation::PlaceOrder(args) => canteen::place_order(tx, actor, args, now).await,
            Mutation::CancelOrder(args) => canteen::cancel_order(tx, actor, args, now).await,
            Mutation::CheckIn(args) => canteen::serve_order(tx, args, false, now).await,
            Mutation::MarkDelivered(args) => canteen::serve_order(tx, args, true, now).await,
            Mutation::Subscribe(args) => canteen::subscribe(tx, actor, args, now).await,
            Mutation::PauseSubscription(args) => canteen::pause_subscription(tx, actor, args, now).await,
            Mutation::ResumeSubscription(args) => canteen::resume_subscription(tx, actor, args, now).await,
            Mutation::CreateProposal(args) => rules::create_proposal(tx, actor, args, now).await,
            Mutation::LinkSuggestion(args) => rules::link_existing(tx, args).await,
            Mutation::SupportProposal(args) => rules::support_proposal(tx, actor, args, now).await,
            Mutation::MoveProposal(args) => rules::move_proposal(tx, actor, args, now).await,
            Mutation::RecordMeeting(args) => rules::record_meeting(tx, actor, args, now).await,
            Mutation::AddComment(args) => rules::add_comment(tx, actor, args, now).await,
            Mutation::HideComment(args) => rules::hide_comment(tx, actor, args, now).await,
            Mutation::SetDraft(args) => rules::set_draft(tx, args, now).await,
            Mutation::RecordReview(args) => rules::record_review(tx, actor, args, now).await,
            Mutation::OpenVote(args) => rules::open_vote(tx, actor, args, now).await,
            Mutation::CastBallot(args) => rules::cast_ballot(tx, actor, args, now).await,
            Mutation::EnterPaperTally(args) => rules::enter_paper_tally(tx, actor, args, now).await,
            Mutation::CountVote(args) => rules::count_vote(tx, actor, args, now).await,
            Mutation::SignPledge(args) => rules::sign_pledge(tx, actor, args, now).await,
            Mutation::SetVoter(args) => rules::set_voter(tx, args).await,
            Mutation::SetRulesSettings(args) => rules::set_settings(tx, args).await,
            Mutation::UpsertGrid(args) => volunteers::upsert_grid(tx, args).await,
            Mutation::AssignToGrid(args) => volunteers::assign_to_grid(tx, actor, args).await,
            Mutation::SetVolunteerProfile(args) => volunteers::set_profile(tx, actor, args).await,
            Mutation::PostActivity(args) => volunteers::post_activity(tx, actor, args, now).await,
            Mutation::SignUp(args) => volunteers::sign_up(tx, actor, args, now).await,
            Mutation::WithdrawSignup(args) => volunteers::withdraw_signup(tx, actor, args).await,
            Mutation::SignIn(args) => volunteers::sign_in(tx, actor, args, now).await,
            Mutation::SignOut(args) => volunteers::sign_out(tx, actor, args, now).await,
            Mutation::AddHousehold(args) => volunteers::add_household(tx, actor, args).await,
            Mutation::SetVisitPlan(args) => volunteers::set_visit_plan(tx, actor, args).await,
            Mutation::LogVisit(args) => volunteers::log_visit(tx, actor, args, now).await,
            Mutation::ReportCase(args) => volunteers::report_case(tx, actor, args, now).await,
            Mutation::AdvanceCase(args) => volunteers::advance_case(tx, actor, args, now).await,
            Mutation::AddCareEntry(args) => volunteers::add_care_entry(tx, actor, args).await,
            Mutation::RecordCareService(args) => volunteers::record_care_service(tx, actor, args, now).await,
        }
    }
}

/// One example of each mutation's arguments, in [`Mutation::NAMES`]'s
/// order: what the round-trip test reads back, and what the server's fuzz
/// harness starts from when it makes up bad arguments.
pub fn example_args() -> Vec<Value> {
    use serde_json::json;
    vec![
        json!({"id": "m9", "name": "新人", "roles": ["resident"], "inviteCode": "ABCDE23456GH"}),
        json!({"name": "新名字"}),
        json!({"member": "m9", "roles": ["resident", "volunteer"]}),
        json!({"member": "m9"}),
        json!({"member": "m9", "inviteId": "i2", "inviteCode": "ABCDE23456GH", "validDays": 7}),
        json!({"member": "m9", "invite": "i2"}),
        json!({"member": "m9", "device": "d1"}),
        json!({"member": "m9"}),
        json!({"device": "d1", "name": "老人机"}),
        json!({"id": "n1", "title": "t", "body": ""}),
        json!({"id": "n1", "title": "t", "body": ""}),
        json!({"id": "n1"}),
        json!({"id": "n1"}),
        json!({"clientID": "c1", "mutationID": 3}),
        json!({"id": "tofu", "nameZh": "家常豆腐", "nameEn": "Home-style tofu", "category": "hot_dish",
               "price": 800, "portion": "standard", "tags": ["soft"], "dailyCapacity": null}),
        json!({"date": "2025-04-07", "meal": "lunch", "dishes": ["tofu"]}),
        json!({"id": "r", "labelZh": "r", "labelEn": "r", "eligibility": {"kind": "age_at_least", "value": 60},
               "modes": ["dine_in"], "weekdays": [], "window": null, "dishes": [],
               "effect": {"kind": "percent_of_price", "value": 60}}),
        json!({"id": "monthly", "nameZh": "包月", "nameEn": "Monthly", "meal": "breakfast", "servedDays": 30,
               "price": 15000, "dailyContents": [["staple", 5]]}),
        json!({"deliveryFee": 300, "creditLimit": 0, "cutoffs": [["lunch", [0, 600]]]}),
        json!({"member": "m1", "birthDate": "1943-05-01", "tags": [], "address": "3号楼2单元"}),
        json!({"id": "t1", "member": "m1", "amount": 5000, "reference": ""}),
        json!({"id": "o1", "member": null, "date": "2025-04-07", "meal": "lunch", "mode": "dine_in",
               "lines": [{"dish": "tofu", "quantity": 1}], "expectedTotal": 480}),
        json!({"id": "o1", "member": null}),
        json!({"id": "o1", "member": "m1"}),
        json!({"id": "o1", "member": "m1"}),
        json!({"id": "s1", "member": null, "plan": "monthly", "start": "2025-04-07"}),
        json!({"id": "s1", "member": null, "from": "2025-04-10", "to": "2025-04-12"}),
        json!({"id": "s1", "member": null, "on": "2025-04-11"}),
        json!({"id": "p1", "title": "t", "text": "", "fromMeeting": {"meeting": "f1", "suggestion": 0}}),
        json!({"meeting": "f1", "suggestion": 1, "proposal": "p1"}),
        json!({"proposal": "p1"}),
        json!({"proposal": "p1", "to": "drafting"}),
        json!({"id": "f1", "date": "2025-03-01", "place": "村委会", "attendance": 40,
               "suggestions": ["垃圾分类"], "minutes": ""}),
        json!({"id": "c1", "proposal": "p1", "text": "好"}),
        json!({"proposal": "p1", "id": "c1", "reason": "人身攻击"}),
        json!({"proposal": "p1", "articles": [{"number": 3, "title": "环境", "text": "..."}]}),
        json!({"proposal": "p1", "reviewer": "镇司法所", "finding": "合法", "passed": true}),
        json!({"id": "v1", "proposal": "p1", "question": "q", "options": [], "secret": true,
               "electorate": "households", "quorumPercent": 50, "opensAt": 0, "closesAt": 10}),
        json!({"vote": "v1", "choice": 0}),
        json!({"id": "t1", "vote": "v1", "label": "三组", "counts": [3, 1, 0], "blank": 0, "voters": ["m1"]}),
        json!({"vote": "v1"}),
        json!({"version": 2}),
        json!({"member": "m1", "birthDate": "1960-01-01", "household": "一组3号", "householdHead": true}),
        json!({"supportThreshold": 5}),
        json!({"id": "g1", "name": "第一网格", "area": "1-3号楼", "worker": "m2"}),
        json!({"member": "m1", "grid": "g1", "parts": ["party_member", "household_head"]}),
        json!({"skills": ["理发"], "availability": [{"weekday": "saturday", "from": 540, "until": 720}]}),
        json!({"id": "a1", "title": "扫雪", "startsAt": 0, "endsAt": 10, "place": "小区", "slots": 10,
               "skills": [], "grid": null}),
        json!({"activity": "a1"}),
        json!({"activity": "a1"}),
        json!({"activity": "a1", "member": "m1", "at": 5}),
        json!({"activity": "a1", "member": "m1", "at": 9}),
        json!({"id": "h1", "grid": "g1", "address": "1号楼1单元101", "head": "王大爷", "category": "key"}),
        json!({"id": "winter", "grid": null, "name": "冬季三遍走", "start": "2026-02-20", "roundDays": [7, 14, 10]}),
        json!({"id": "v1", "household": "h1", "date": "2026-02-21", "found": "暖气不热", "done": "已报修"}),
        json!({"id": "k1", "kind": "hazard", "grid": "g1", "place": "3号楼楼道", "text": "楼道堆放杂物"}),
        json!({"case": "k1", "action": "accept", "note": ""}),
        json!({"id": "c1", "grid": "g1", "person": "李奶奶", "category": "solitary_elder", "needs": "买菜",
               "nextVisit": null}),
        json!({"grid": "g1", "id": "c1", "kind": "代缴电费", "note": "", "nextVisit": "2026-03-01"}),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replica::run;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn every_name_parses_back_to_its_mutation() {
        let samples = example_args();
        assert_eq!(
            samples.len(),
            Mutation::NAMES.len(),
            "an example for every mutation"
        );
        for (name, args) in Mutation::NAMES.iter().zip(samples) {
            let mutation = Mutation::parse(name, &args).unwrap();
            assert_eq!(mutation.name(), *name);
            assert_eq!(mutation.args(), args);
        }
        assert!(matches!(
            Mutation::parse("nope", &json!({})),
            Err(ParseMutationError::UnknownName(_))
        ));
        assert!(matches!(
            Mutation::parse("postNotice", &json!({"id": "n1"})),
            Err(ParseMutationError::BadArgs { .. })
        ));
    }

    #[test]
    fn the_wire_form_reads_back_with_its_keys_in_either_order() {
        let mutation = Mutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 1,
        });
        let wire = serde_json::to_value(&mutation).unwrap();
        assert_eq!(
            wire,
            json!({"name": "castBallot", "args": {"vote": "v1", "choice": 1}})
        );
        assert_eq!(serde_json::from_value::<Mutation>(wire).unwrap(), mutation);
        let args_first = r#"{"args": {"vote": "v1", "choice": 1}, "name": "castBallot"}"#;
        assert_eq!(serde_json::from_str::<Mutation>(args_first).unwrap(), mutation);

        let unknown = serde_json::from_str::<Mutation>(r#"{"name": "castBallots", "args": {}}"#);
        assert!(unknown.unwrap_err().to_string().contains("unknown mutation"));
        let bad = serde_json::from_str::<Mutation>(r#"{"name": "castBallot", "args": {"vote": "v1"}}"#);
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("bad arguments for castBallot"));
        assert!(serde_json::from_str::<Mutation>(r#"{"name": "castBallot"}"#).is_err());
    }

    #[test]
    fn every_mutation_belongs_to_exactly_one_module() {
        for name in Mutation::NAMES {
            let homes = MODULES.iter().filter(|(_, names)| names.contains(name)).count();
            assert_eq!(homes, 1, "{name}");
        }
        let listed: usize = MODULES.iter().map(|(_, names)| names.len()).sum();
        assert_eq!(
            listed,
            Mutation::NAMES.len(),
            "no module lists a name that is not a mutation"
        );
    }

    #[test]
    fn the_audit_log_keeps_no_invite_code_and_no_ballot_choice() {
        let ballot = Mutation::CastBallot(CastBallot {
            vote: "v1".into(),
            choice: 1,
        });
        assert_eq!(ballot.audit_args(), json!({"vote": "v1"}));
        assert_eq!(ballot.module(), "rules");
        let register = Mutation::parse("registerMember", &example_args()[0]).unwrap();
        assert!(register.audit_args().get("inviteCode").is_none());
        assert_eq!(register.audit_args()["name"], "新人");
    }

    #[test]
    fn a_member_dismisses_only_their_own_rejections() {
        let me = Actor::new("m1".parse().unwrap(), [Role::Resident]);
        let mine = keys::rejection(&me.member, &"c1".parse().unwrap(), 3);
        let theirs = keys::rejection(&"m2".parse().unwrap(), &"c1".parse().unwrap(), 3);
        let records: BTreeMap<String, Value> =
            [(mine.clone(), json!({})), (theirs.clone(), json!({}))].into();
        let dismiss = Mutation::DismissRejection(DismissRejection {
            client_id: "c1".parse().unwrap(),
            mutation_id: 3,
        });
        let changes = run(&records, &me, &dismiss, Timestamp(0)).unwrap();
        assert_eq!(changes.get(&mine), Some(&None));
        assert!(!changes.contains_key(&theirs));
        let other = Actor::new("m3".parse().unwrap(), [Role::Admin]);
        assert!(
            run(&records, &other, &dismiss, Timestamp(0)).is_err(),
            "an admin has none to dismiss"
        );
    }
}
