//! The committee's figures (村务数据): month by month, what the records show
//! of proposals and meetings, ballots and turnout, cases and disputes, visit
//! rounds, volunteer time and the canteen's meals; and, as of now, the
//! charter's pledge rate and the register's size.
//!
//! One pure function, [`compute`], reads them off the records, so an
//! officer's tablet predicts exactly what the server writes. `refreshFigures`
//! stores them for the officers at [`OFFICERS_KEY`] and, when the committee
//! publishes them (村务公开), a copy at [`PUBLIC_KEY`] for every villager.
//! Only counts leave the records: no name, choice or order is in either.
//!
//! ## Usage
//! ```
//! use std::collections::BTreeMap;
//! use linli_core::calendar::LocalTime;
//! use linli_core::village::figures::{compute, Rate};
//! assert_eq!(Rate { count: 3, of: 4 }.permille(), Some(750));
//! assert_eq!(Rate { count: 0, of: 0 }.permille(), None);
//! let records: BTreeMap<String, serde_json::Value> = BTreeMap::new();
//! let now = LocalTime { date: "2026-03-15".parse().unwrap(), minute: 600 }.timestamp();
//! let figures = compute(&records, now);
//! assert_eq!(figures.months.len(), 12);
//! assert_eq!(figures.months[0].month.to_string(), "2025-04");
//! assert_eq!(figures.months[11].month.to_string(), "2026-03");
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::ops::AddAssign;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ledger::Month;
use crate::calendar::{Date, LocalTime};
use crate::canteen::menu::Meal;
use crate::canteen::money::Fen;
use crate::canteen::pricing::{Eligibility, PricingRule};
use crate::canteen::records::{self as canteen, Order, OrderStatus};
use crate::ids::MemberId;
use crate::keys::MEMBER_PREFIX;
use crate::members::{to_value, MemberRecord};
use crate::rejection::ApplyError;
use crate::role::Actor;
use crate::rules::records::{
    self as rules, Ballot, CharterVersion, Electorate, Meeting, PaperTally, Pledge, Proposal, Support, Vote,
    Voted, Voter,
};
use crate::rules::tally::VoteResult;
use crate::time::Timestamp;
use crate::tx::Tx;
use crate::volunteers::cases::{CaseAction, CaseStatus};
use crate::volunteers::hours::half_hours;
use crate::volunteers::records::{self as vol, Attendance, Case, CaseKind, Household, VisitLog, VisitPlan};
use crate::volunteers::visits::rounds;

pub const OFFICERS_KEY: &str = "vil/figures/officers";
pub const PUBLIC_KEY: &str = "vil/figures/public";

/// How many months the figures cover, up to and including the current one.
pub const MONTHS: usize = 12;

/// The age from which a canteen's age rule is the seniors' discount
/// (老年助餐 is for 60 and over); a younger age rule is some other offer.
pub const SENIOR_AGE: u8 = 60;

/// What the figures are read from. Secret ballots (`rules/secret/`) are
/// left out on purpose: an officer's device never holds them, so figures
/// counting them would differ from the server's, and the voted markers
/// tell who took part without the choice.
pub const SCANNED_PREFIXES: [&str; 19] = [
    rules::PROPOSAL_PREFIX,
    rules::SUPPORT_PREFIX,
    rules::MEETING_PREFIX,
    rules::VOTE_PREFIX,
    rules::OPEN_BALLOT_PREFIX,
    rules::VOTED_PREFIX,
    rules::PAPER_PREFIX,
    rules::RESULT_PREFIX,
    rules::CHARTER_PREFIX,
    rules::PLEDGE_PREFIX,
    rules::VOTER_PREFIX,
    MEMBER_PREFIX,
    vol::CASE_PREFIX,
    vol::PLAN_PREFIX,
    vol::HOUSEHOLD_PREFIX,
    vol::VISIT_PREFIX,
    vol::ATTENDANCE_PREFIX,
    canteen::ORDER_PREFIX,
    canteen::RULE_PREFIX,
];

/// `refreshFigures`: recompute; `public` = also publish for every villager
/// (else remove the public copy).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshFigures {
    pub public: bool,
}

/// A share: `count` of `of`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub count: u32,
    pub of: u32,
}

impl Rate {
    /// The share in tenths of a percent; `None` when there was nothing to share.
    pub fn permille(self) -> Option<u32> {
        (self.of > 0).then(|| {
            let permille = u64::from(self.count) * 1000 / u64::from(self.of);
            u32::try_from(permille).unwrap_or(u32::MAX)
        })
    }
}

impl AddAssign for Rate {
    fn add_assign(&mut self, more: Rate) {
        self.count = self.count.saturating_add(more.count);
        self.of = self.of.saturating_add(more.of);
    }
}

/// One month's figures. A record counts in the month (in Hohhot) of the
/// time or date its field names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthFigures {
    pub month: Month,
    /// Proposals created (`createdAt`).
    pub proposals: u32,
    /// Supports given (`at`).
    pub supports: u32,
    /// Fireside meetings held (`date`).
    pub meetings: u32,
    /// Those meetings' total attendance.
    pub attendance: u32,
    /// Ballots cast: open ballots (when last cast), secret votes' voted
    /// markers (which carry no time, so they count in the month their vote
    /// opened) and paper tallies' voters (when the tally was entered).
    pub ballots: u32,
    /// Over the votes that closed this month (by now): who took part (the
    /// count's turnout; before the count, each voter online or on paper
    /// once) of the electorate fixed when each opened.
    pub turnout: Rate,
    /// Cases reported (their timeline's first step).
    pub cases_reported: u32,
    /// Of those, resolved (handled or closed) and never escalated.
    pub resolved_in_grid: u32,
    /// Of those, escalated to the community at some step.
    pub escalated: u32,
    /// Dispute cases reported this month: resolved (handled or closed, as
    /// they stand now) of reported.
    pub disputes: Rate,
    /// The visit rounds (三遍走) due this month: for each plan's round whose
    /// last day falls in the month, each household of the round's category
    /// in the plan's grid (every grid for a village-wide plan) is due, and
    /// done if visited from the plan's start to that last day. The care
    /// ledger cannot tell this: recording a service replaces the entry's
    /// next visit date, so a due date that was met leaves no trace.
    pub visits: Rate,
    /// Volunteer service credited for attendances begun this month and
    /// signed out: the half hours the service hours count, in minutes.
    pub volunteer_minutes: u64,
    /// Canteen meals served (picked up or delivered) by the order's meal
    /// ("breakfast", "lunch", "dinner"), dated by the meal's day, in the
    /// order of the day.
    pub meals: Vec<(String, u32)>,
    /// The discounts those meals had from age rules for [`SENIOR_AGE`] and
    /// over (not charity funds, not free delivery), as a positive amount.
    pub senior_discount: Fen,
}

impl MonthFigures {
    fn empty(month: Month) -> MonthFigures {
        MonthFigures {
            month,
            proposals: 0,
            supports: 0,
            meetings: 0,
            attendance: 0,
            ballots: 0,
            turnout: Rate::default(),
            cases_reported: 0,
            resolved_in_grid: 0,
            escalated: 0,
            disputes: Rate::default(),
            visits: Rate::default(),
            volunteer_minutes: 0,
            meals: Vec::new(),
            senior_discount: Fen::ZERO,
        }
    }
}

/// `vil/figures/officers` and `vil/figures/public`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub computed_at: Timestamp,
    /// The [`MONTHS`] months up to and including the current one, oldest first.
    pub months: Vec<MonthFigures>,
    /// Adults on the register who signed the pledge for the current charter
    /// version, of the adults on the register.
    pub pledge: Rate,
    /// Members on the register (`rules/voter/`). Members who left are off
    /// it, as for a vote's electorate, though their entries stay.
    pub members: u32,
}

/// Records as `(key, record)`.
type Records<'r> = [(&'r str, &'r Value)];

/// The records under `prefix` that decode as `T`; one that does not (from
/// a newer or broken writer) is left out.
fn decoded<T: DeserializeOwned>(records: &Records<'_>, prefix: &str) -> Vec<T> {
    records
        .iter()
        .filter(|(key, _)| key.starts_with(prefix))
        .filter_map(|&(_, value)| T::deserialize(value).ok())
        .collect()
}

fn count(items: usize) -> u32 {
    u32::try_from(items).unwrap_or(u32::MAX)
}

/// The reported months, each with its figures so far.
struct Window(BTreeMap<Month, MonthFigures>);

impl Window {
    fn ending(last: Month) -> Window {
        let mut months = BTreeMap::new();
        let mut month = last;
        for _ in 0..MONTHS {
            months.insert(month, MonthFigures::empty(month));
            // The day before its first is in the month before.
            month = Month::of(month.first_day().add_days(-1));
        }
        Window(months)
    }

    /// Adds to `month`'s figures, if it is reported.
    fn in_month(&mut self, month: Month, add: impl FnOnce(&mut MonthFigures)) {
        if let Some(figures) = self.0.get_mut(&month) {
            add(figures);
        }
    }

    /// Adds to the figures of the month `at` falls in.
    fn on(&mut self, at: Timestamp, add: impl FnOnce(&mut MonthFigures)) {
        self.in_month(Month::of(LocalTime::of(at).date), add);
    }
}

/// The figures the records show at `now`, from `(key, record)` pairs as a
/// `&BTreeMap<String, Value>` or a scan yields them; records outside
/// [`SCANNED_PREFIXES`] are not read.
pub fn compute<'a, K: AsRef<str>>(
    records: impl IntoIterator<Item = (K, &'a Value)>,
    now: Timestamp,
) -> Figures {
    let keyed: Vec<(K, &Value)> = records.into_iter().collect();
    let records: Vec<(&str, &Value)> = keyed.iter().map(|(key, value)| (key.as_ref(), *value)).collect();
    let today = LocalTime::of(now).date;
    let mut window = Window::ending(Month::of(today));
    count_rules(&records, &mut window, now);
    count_cases(&records, &mut window);
    count_visits(&records, &mut window);
    count_meals(&records, &mut window);
    for attendance in decoded::<Attendance>(&records, vol::ATTENDANCE_PREFIX) {
        // Still signed in: how long is not known yet.
        let Some(signed_out) = attendance.signed_out_at else {
            continue;
        };
        let minutes = u64::from(half_hours(attendance.signed_in_at, signed_out)) * 30;
        window.on(attendance.signed_in_at, |month| {
            month.volunteer_minutes = month.volunteer_minutes.saturating_add(minutes);
        });
    }
    let (pledge, members) = pledge_and_register(&records, today);
    Figures {
        computed_at: now,
        months: window.0.into_values().collect(),
        pledge,
        members,
    }
}

fn count_rules(records: &Records<'_>, window: &mut Window, now: Timestamp) {
    for proposal in decoded::<Proposal>(records, rules::PROPOSAL_PREFIX) {
        window.on(proposal.created_at, |month| month.proposals += 1);
    }
    for support in decoded::<Support>(records, rules::SUPPORT_PREFIX) {
        window.on(support.at, |month| month.supports += 1);
    }
    for meeting in decoded::<Meeting>(records, rules::MEETING_PREFIX) {
        window.in_month(Month::of(meeting.date), |month| {
            month.meetings += 1;
            month.attendance = month.attendance.saturating_add(meeting.attendance);
        });
    }
    let votes: Vec<Vote> = decoded(records, rules::VOTE_PREFIX);
    let open_ballots: Vec<Ballot> = decoded(records, rules::OPEN_BALLOT_PREFIX);
    let paper: Vec<PaperTally> = decoded(records, rules::PAPER_PREFIX);
    let results: Vec<VoteResult> = decoded(records, rules::RESULT_PREFIX);
    // A marker holds only its member: the vote is in its key.
    let markers: Vec<(&str, Voted)> = records
        .iter()
        .filter_map(|&(key, value)| {
            let (vote, _) = key.strip_prefix(rules::VOTED_PREFIX)?.split_once('/')?;
            Some((vote, Voted::deserialize(value).ok()?))
        })
        .collect();
    for ballot in &open_ballots {
        window.on(ballot.at, |month| month.ballots += 1);
    }
    for (voted_in, _) in &markers {
        if let Some(vote) = votes.iter().find(|vote| vote.id == *voted_in) {
            window.on(vote.opens_at, |month| month.ballots += 1);
        }
    }
    for tally in &paper {
        let voters = count(tally.voters.len());
        window.on(tally.at, |month| {
            month.ballots = month.ballots.saturating_add(voters)
        });
    }
    // A vote still open has no turnout yet, even one closing this month.
    for vote in votes.iter().filter(|vote| vote.closes_at <= now) {
        let turnout = match results.iter().find(|result| result.vote == vote.id) {
            Some(result) => Rate {
                count: result.tally.turnout,
                of: result.tally.electorate,
            },
            None => {
                let on_paper = paper.iter().filter(|tally| tally.vote == vote.id);
                let online = open_ballots.iter().filter(|ballot| ballot.vote == vote.id);
                let marked = markers.iter().filter(|(voted_in, _)| *voted_in == vote.id);
                let voters: BTreeSet<&MemberId> = on_paper
                    .flat_map(|tally| &tally.voters)
                    .chain(online.map(|ballot| &ballot.member))
                    .chain(marked.map(|(_, marker)| &marker.member))
                    .collect();
                Rate {
                    count: count(voters.len()),
                    of: vote.electorate_size,
                }
            }
        };
        window.on(vote.closes_at, |month| month.turnout += turnout);
    }
}

/// Whether a case was dealt with: handled (only the feedback to the
/// reporter is left, and it can no longer be escalated) or closed.
fn is_resolved(status: CaseStatus) -> bool {
    matches!(status, CaseStatus::Handled | CaseStatus::Closed)
}

fn count_cases(records: &Records<'_>, window: &mut Window) {
    for case in decoded::<Case>(records, vol::CASE_PREFIX) {
        // The report is the timeline's first step.
        let Some(report) = case.timeline.first() else {
            continue;
        };
        let escalated = case.status == CaseStatus::Escalated
            || case
                .timeline
                .iter()
                .any(|step| step.action == Some(CaseAction::Escalate));
        let resolved = is_resolved(case.status);
        let dispute = case.kind == CaseKind::Dispute;
        window.on(report.at, |month| {
            month.cases_reported += 1;
            month.escalated += u32::from(escalated);
            month.resolved_in_grid += u32::from(resolved && !escalated);
            month.disputes += Rate {
                count: u32::from(dispute && resolved),
                of: u32::from(dispute),
            };
        });
    }
}

fn count_visits(records: &Records<'_>, window: &mut Window) {
    let households: Vec<Household> = decoded(records, vol::HOUSEHOLD_PREFIX);
    let mut visited_on: BTreeMap<String, Vec<Date>> = BTreeMap::new();
    for visit in decoded::<VisitLog>(records, vol::VISIT_PREFIX) {
        visited_on.entry(visit.household).or_default().push(visit.date);
    }
    for plan in decoded::<VisitPlan>(records, vol::PLAN_PREFIX) {
        for round in rounds(&plan) {
            let in_round = |household: &&Household| {
                household.category == round.category
                    && plan.grid.as_ref().is_none_or(|grid| *grid == household.grid)
            };
            let mut visits = Rate::default();
            for household in households.iter().filter(in_round) {
                let in_time = visited_on
                    .get(&household.id)
                    .is_some_and(|dates| dates.iter().any(|date| (plan.start..=round.due).contains(date)));
                visits += Rate {
                    count: u32::from(in_time),
                    of: 1,
                };
            }
            window.in_month(Month::of(round.due), |month| month.visits += visits);
        }
    }
}

fn count_meals(records: &Records<'_>, window: &mut Window) {
    let senior_rules: BTreeSet<String> = decoded::<PricingRule>(records, canteen::RULE_PREFIX)
        .into_iter()
        .filter(|rule| matches!(rule.eligibility, Eligibility::AgeAtLeast(age) if age >= SENIOR_AGE))
        .map(|rule| rule.id)
        .collect();
    // By meal within the month, so each month's kinds come in the day's order.
    let mut served: BTreeMap<(Month, Meal), u32> = BTreeMap::new();
    for order in decoded::<Order>(records, canteen::ORDER_PREFIX) {
        if !matches!(order.status, OrderStatus::PickedUp | OrderStatus::Delivered) {
            continue;
        }
        let discount: Fen = order
            .price
            .adjustments
            .iter()
            .filter(|adjustment| senior_rules.contains(&adjustment.rule))
            .map(|adjustment| -adjustment.amount)
            .sum();
        let month = Month::of(order.date);
        *served.entry((month, order.meal)).or_default() += 1;
        window.in_month(month, |figures| {
            figures.senior_discount = figures.senior_discount + discount
        });
    }
    for ((month, meal), meals) in served {
        window.in_month(month, |figures| {
            figures.meals.push((meal.as_str().to_owned(), meals))
        });
    }
}

/// The pledge rate and the register's size on `today`.
fn pledge_and_register(records: &Records<'_>, today: Date) -> (Rate, u32) {
    let departed: BTreeSet<MemberId> = decoded::<MemberRecord>(records, MEMBER_PREFIX)
        .into_iter()
        .filter(|member| !member.active)
        .map(|member| member.id)
        .collect();
    let register: Vec<Voter> = decoded::<Voter>(records, rules::VOTER_PREFIX)
        .into_iter()
        .filter(|voter| !departed.contains(&voter.member))
        .collect();
    let adults: BTreeSet<&MemberId> = register
        .iter()
        .filter(|voter| voter.eligible(Electorate::Adults, today))
        .map(|voter| &voter.member)
        .collect();
    let current = decoded::<CharterVersion>(records, rules::CHARTER_PREFIX)
        .into_iter()
        .map(|charter| charter.version)
        .max();
    let signed: BTreeSet<MemberId> = decoded::<Pledge>(records, rules::PLEDGE_PREFIX)
        .into_iter()
        .filter(|pledge| Some(pledge.version) == current && adults.contains(&pledge.member))
        .map(|pledge| pledge.member)
        .collect();
    let pledge = Rate {
        count: count(signed.len()),
        of: count(adults.len()),
    };
    (pledge, count(register.len()))
}

pub async fn refresh_figures(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &RefreshFigures,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let mut records = Vec::new();
    for prefix in SCANNED_PREFIXES {
        records.extend(tx.scan(prefix).await?);
    }
    let figures = to_value(&compute(
        records.iter().map(|(key, value)| (key.as_str(), value)),
        now,
    ));
    if args.public {
        tx.put(PUBLIC_KEY, figures.clone()).await?;
    } else if tx.get(PUBLIC_KEY).await?.is_some() {
        // Taken down: villagers' devices drop the copy they hold.
        tx.del(PUBLIC_KEY).await?;
    }
    tx.put(OFFICERS_KEY, figures).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canteen::pricing::{demo_rules, Adjustment, MealMode, PriceBreakdown};
    use crate::role::Role;
    use crate::time::MINUTE_MS;
    use crate::tx::{apply_changes, now_or_never, MemTx};
    use crate::volunteers::records::{CaseStep, HouseholdCategory};

    type Map = BTreeMap<String, Value>;

    fn member(id: &str) -> MemberId {
        id.parse().expect("a member id")
    }

    fn day(date: &str) -> Date {
        date.parse().expect("a date")
    }

    /// 10:00 in Hohhot on `date`.
    fn at(date: &str) -> Timestamp {
        LocalTime {
            date: day(date),
            minute: 600,
        }
        .timestamp()
    }

    fn now() -> Timestamp {
        at("2026-03-15")
    }

    fn month<'f>(figures: &'f Figures, month: &str) -> &'f MonthFigures {
        let found = figures
            .months
            .iter()
            .find(|figures| figures.month.to_string() == month);
        found.expect("a reported month")
    }

    /// A case reported on `reported` and taken through `actions` that day.
    fn case(id: &str, kind: CaseKind, reported: &str, actions: &[CaseAction]) -> (String, Value) {
        let step = |action| CaseStep {
            action,
            by: member("w1"),
            at: at(reported),
            note: String::new(),
        };
        let status = actions
            .iter()
            .try_fold(CaseStatus::Reported, |status, action| status.after(*action))
            .expect("a legal chain");
        let timeline = std::iter::once(None)
            .chain(actions.iter().copied().map(Some))
            .map(step);
        let case = Case {
            id: id.into(),
            kind,
            grid: "g1".into(),
            place: "3号楼楼道".into(),
            text: "堆放杂物".into(),
            reporter: member("m1"),
            status,
            timeline: timeline.collect(),
            patrol: None,
        };
        (vol::case(id), to_value(&case))
    }

    #[test]
    fn a_case_resolved_in_the_grid_is_told_from_one_escalated() {
        use CaseAction::*;
        let records: Map = [
            case("k1", CaseKind::Hazard, "2026-03-02", &[Accept, Handle, Feedback]),
            case("k2", CaseKind::Dispute, "2026-03-05", &[Escalate, Accept, Handle]),
            case("k3", CaseKind::Dispute, "2026-03-06", &[Accept]),
            case("k4", CaseKind::Request, "2026-02-10", &[]),
        ]
        .into();
        let figures = compute(&records, now());
        let march = month(&figures, "2026-03");
        assert_eq!(
            (march.cases_reported, march.resolved_in_grid, march.escalated),
            (3, 1, 1)
        );
        assert_eq!(
            march.disputes,
            Rate { count: 1, of: 2 },
            "the escalated one was handled"
        );
        let february = month(&figures, "2026-02");
        assert_eq!((february.cases_reported, february.resolved_in_grid), (1, 0));
    }

    fn meeting(id: &str, date: &str, attendance: u32) -> (String, Value) {
        let meeting = Meeting {
            id: id.into(),
            date: day(date),
            place: "村委会".into(),
            attendance,
            suggestions: vec![],
            minutes: String::new(),
            recorded_by: member("o1"),
            at: at(date),
        };
        (rules::meeting(id), to_value(&meeting))
    }

    fn vote(id: &str, secret: bool, opens: &str, closes: &str, electorate_size: u32) -> (String, Value) {
        let vote = Vote {
            id: id.into(),
            proposal: "p1".into(),
            question: "是否通过？".into(),
            options: vec!["赞成".into(), "反对".into(), "弃权".into()],
            abstain: Some(2),
            secret,
            electorate: Electorate::Adults,
            quorum_percent: 50,
            opens_at: at(opens),
            closes_at: at(closes),
            electorate_size,
            opened_by: member("o1"),
        };
        (rules::vote(id), to_value(&vote))
    }

    #[test]
    fn meetings_and_votes_count_in_their_month_and_the_pledge_by_the_current_charter() {
        let mut records: Map = [
            meeting("f1", "2026-02-28", 40),
            meeting("f2", "2026-03-01", 25),
            meeting("f0", "2025-03-10", 99),
            // Secret, closed in February: two voted in the app, one at a meeting.
            vote("v1", true, "2026-02-01", "2026-02-20", 4),
            // Open and still open: its ballot counts, its turnout not yet.
            vote("v2", false, "2026-03-01", "2026-03-31", 3),
        ]
        .into();
        for marked in ["m1", "m2"] {
            let marker = Voted {
                member: member(marked),
            };
            records.insert(rules::voted("v1", &marker.member), to_value(&marker));
        }
        let paper = PaperTally {
            id: "t1".into(),
            vote: "v1".into(),
            label: "三组村民会议".into(),
            counts: vec![],
            blank: 0,
            sealed: true,
            voters: vec![member("m3")],
            entered_by: member("o1"),
            at: at("2026-02-15"),
        };
        records.insert(rules::paper_tally("v1", "t1"), to_value(&paper));
        let ballot = Ballot {
            vote: "v2".into(),
            member: member("m1"),
            choice: 0,
            at: at("2026-03-02"),
        };
        records.insert(rules::open_ballot("v2", &ballot.member), to_value(&ballot));
        // m3 is a child; m4 has left, her register entry kept.
        for (id, born, pledged) in [
            ("m1", "1960-05-01", 2),
            ("m2", "1970-05-01", 1),
            ("m3", "2015-05-01", 2),
            ("m4", "1980-05-01", 2),
        ] {
            let voter = Voter {
                member: member(id),
                birth_date: day(born),
                household: "一组3号".into(),
                household_head: false,
            };
            let pledge = Pledge {
                member: member(id),
                version: pledged,
                at: at("2026-01-05"),
            };
            records.insert(rules::voter(&voter.member), to_value(&voter));
            records.insert(rules::pledge(pledged, &pledge.member), to_value(&pledge));
        }
        for version in [1, 2] {
            let charter = CharterVersion {
                version,
                title: "村规民约".into(),
                articles: vec![],
                proposal: None,
                adopted_at: at("2025-06-01"),
            };
            records.insert(rules::charter(version), to_value(&charter));
        }
        let left = MemberRecord {
            id: member("m4"),
            name: "王芳".into(),
            roles: vec![Role::Resident],
            active: false,
            left_at: Some(at("2026-02-01")),
        };
        records.insert(crate::keys::member(&left.id), to_value(&left));

        let figures = compute(&records, now());
        let (february, march) = (month(&figures, "2026-02"), month(&figures, "2026-03"));
        assert_eq!((february.meetings, february.attendance), (1, 40));
        assert_eq!((march.meetings, march.attendance), (1, 25));
        let attendance: u32 = figures.months.iter().map(|month| month.attendance).sum();
        assert_eq!(attendance, 65, "a meeting over a year ago is not reported");
        assert_eq!(
            (february.ballots, february.turnout),
            (3, Rate { count: 3, of: 4 })
        );
        assert_eq!((march.ballots, march.turnout), (1, Rate::default()));
        assert_eq!(figures.members, 3, "who left is off the register");
        assert_eq!(
            figures.pledge,
            Rate { count: 1, of: 2 },
            "adults, for the current version"
        );
    }

    #[test]
    fn served_meals_count_by_kind_with_the_seniors_discount_alone() {
        use Meal::*;
        use OrderStatus::*;
        let senior = ("senior-dine-in", -320);
        let order = |id: &str, date: &str, meal: Meal, status: OrderStatus, discounts: &[(&str, i64)]| {
            let adjustments = discounts.iter().map(|&(rule, amount)| Adjustment {
                rule: rule.into(),
                label_zh: String::new(),
                label_en: String::new(),
                amount: Fen(amount),
            });
            let price = PriceBreakdown {
                lines: vec![],
                delivery_fee: Fen::ZERO,
                adjustments: adjustments.collect(),
                total: Fen(480),
            };
            let order = Order {
                id: id.into(),
                member: member("liu"),
                date: day(date),
                meal,
                mode: if status == Delivered {
                    MealMode::Delivery
                } else {
                    MealMode::DineIn
                },
                lines: vec![],
                price,
                status,
                entered_by: member("liu"),
                placed_at: at("2026-02-01"),
                served_at: None,
            };
            (canteen::order(&order.member, id), to_value(&order))
        };
        let mut records: Map = [
            order("o1", "2026-03-03", Lunch, PickedUp, &[senior]),
            order(
                "o2",
                "2026-03-04",
                Lunch,
                Delivered,
                &[senior, ("mobility-free-delivery", -300)],
            ),
            order("o3", "2026-03-04", Breakfast, PickedUp, &[("fund:f1", -500)]),
            order("o4", "2026-03-05", Lunch, Cancelled, &[senior]),
            order("o5", "2026-03-20", Dinner, Placed, &[]),
            order("o6", "2026-02-27", Dinner, PickedUp, &[]),
        ]
        .into();
        for rule in demo_rules() {
            records.insert(canteen::rule(&rule.id), to_value(&rule));
        }
        let figures = compute(&records, now());
        let march = month(&figures, "2026-03");
        assert_eq!(
            march.meals,
            [("breakfast".to_owned(), 1), ("lunch".to_owned(), 2)]
        );
        assert_eq!(
            march.senior_discount,
            Fen(640),
            "not free delivery nor a charity fund"
        );
        let february = month(&figures, "2026-02");
        assert_eq!((february.meals.len(), february.senior_discount), (1, Fen::ZERO));
    }

    #[test]
    fn a_refresh_stores_the_figures_and_publishes_them_only_when_asked() {
        use HouseholdCategory::*;
        let mut records = Map::new();
        // Its rounds are due 2026-02-26 (key), 03-12 (general) and 03-22 (difficulty).
        let plan = VisitPlan {
            id: "winter".into(),
            grid: None,
            name: "冬季三遍走".into(),
            start: day("2026-02-20"),
            round_days: [7, 14, 10],
        };
        records.insert(vol::plan(&plan.id), to_value(&plan));
        for (id, grid, category) in [
            ("h1", "g1", Key),
            ("h2", "g2", Key),
            ("h3", "g1", General),
            ("h4", "g1", Difficulty),
        ] {
            let household = Household {
                id: id.into(),
                grid: grid.into(),
                address: String::new(),
                head: id.into(),
                category,
            };
            records.insert(vol::household(id), to_value(&household));
        }
        // h2 was visited a day after its round; h4 not at all.
        for (household, date) in [("h1", "2026-02-21"), ("h2", "2026-02-27"), ("h3", "2026-03-01")] {
            let visit = VisitLog {
                id: "v1".into(),
                household: household.into(),
                visitor: member("w1"),
                date: day(date),
                found: "一切正常".into(),
                done: String::new(),
                at: at(date),
            };
            records.insert(vol::visit(household, "v1"), to_value(&visit));
        }
        for (volunteer, minutes) in [("m1", Some(140)), ("m2", None)] {
            let attendance = Attendance {
                activity: "a1".into(),
                member: member(volunteer),
                signed_in_at: at("2026-03-07"),
                signed_out_at: minutes.map(|minutes| Timestamp(at("2026-03-07").0 + minutes * MINUTE_MS)),
                recorded_by: member("o1"),
            };
            records.insert(vol::attendance("a1", &attendance.member), to_value(&attendance));
        }

        let officer = Actor::new(member("o1"), [Role::Officer]);
        let refresh = |records: &Map, public| {
            let mut tx = MemTx::new(records);
            let refreshed = now_or_never(refresh_figures(
                &mut tx,
                &officer,
                &RefreshFigures { public },
                now(),
            ));
            refreshed
                .expect("in-memory transactions are always ready")
                .expect("refreshed");
            tx.into_changes()
        };
        let changes = refresh(&records, true);
        let stored = changes[OFFICERS_KEY].clone().expect("the officers' figures");
        assert_eq!(changes[PUBLIC_KEY].as_ref(), Some(&stored));
        let figures: Figures = serde_json::from_value(stored).expect("figures");
        assert_eq!(figures.computed_at, now());
        assert_eq!(month(&figures, "2026-02").visits, Rate { count: 1, of: 2 });
        assert_eq!(month(&figures, "2026-03").visits, Rate { count: 1, of: 2 });
        // 2 h 20 min is two and a half hours of service; one still signed in has none yet.
        assert_eq!(month(&figures, "2026-03").volunteer_minutes, 150);

        apply_changes(&mut records, changes);
        let taken_down = refresh(&records, false);
        assert_eq!(taken_down[PUBLIC_KEY], None, "the public copy is removed");
        assert!(taken_down[OFFICERS_KEY].is_some());
    }
}
