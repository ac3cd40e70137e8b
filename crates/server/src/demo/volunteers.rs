//! The demo grids. 喜悦社区: 124 party members placed in 17 grids ("1+17+N"),
//! households in each category, an activity calendar, and the winter's three
//! visit rounds (三遍走) under way. 大庆路社区: its "four nets" (组织、帮扶、
//! 平安、文明), safety-patrol cases at every step of the chain (巡查—上报—处置—
//! 反馈), the care ledger (帮扶台账) for solitary elders, disabled people and
//! children in difficulty, and an activity under way.
//!
//! Like the village rules, every record is made by the mutation its author
//! would run, at the moment they would have run it.

use linli_core::calendar::{LocalTime, Weekday};
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::time::{DAY_MS, HOUR_MS, MINUTE_MS};
use linli_core::volunteers::cases::CaseAction;
use linli_core::volunteers::mutations::{
    ActivityRef, AddCareEntry, AdvanceCase, LogVisit, PostActivity, RecordCareService, ReportCase,
    SetVolunteerProfile, StampAttendance,
};
use linli_core::volunteers::records::{
    Availability, CareCategory, CaseKind, Grid, GridMember, Household, HouseholdCategory, Part, VisitPlan,
};
use linli_core::volunteers::VolunteersMutation;
use linli_core::{Mutation, Role, Timestamp};

use super::rules::Step;
use crate::secrets::demo_invite_code;

pub const XIYUE: &str = "xiyue";
pub const DAQINGLU: &str = "daqinglu";
/// 喜悦社区's party members, placed in its grids.
pub const PARTY_MEMBERS: usize = 124;
pub const XIYUE_GRIDS: usize = 17;
/// Residents of 大庆路社区 besides the six role members: `daqinglu-r00` …
pub const DAQINGLU_RESIDENTS: usize = 6;

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 23] = [
    "建华", "秀英", "志明", "桂英", "海燕", "国庆", "淑兰", "立新", "春梅", "卫东", "玉兰", "晓军", "丽华",
    "振国", "慧敏", "长青", "雅琴", "红旗", "凤霞", "建军", "美玲", "德明", "素珍",
];

fn name(n: usize) -> String {
    format!("{}{}", SURNAMES[n % SURNAMES.len()], GIVEN[(n * 5) % GIVEN.len()])
}

pub fn party_member_id(n: usize) -> String {
    format!("{XIYUE}-p{n:03}")
}

pub fn grid_worker_id(community: &str, grid: usize) -> String {
    if grid == 1 {
        format!("{community}-grid-worker")
    } else {
        format!("{community}-gw{grid:02}")
    }
}

pub fn daqinglu_resident_id(n: usize) -> String {
    format!("{DAQINGLU}-r{n:02}")
}

fn step(member: &str, roles: &[Role], at: Timestamp, mutation: Mutation) -> Step {
    Step {
        member: member.to_owned(),
        roles: roles.to_vec(),
        mutation,
        at,
    }
}

/// A demo member registered at `now`, not with the history that follows
/// (steps run in order, whatever their times), so that their fixed code
/// works for a year from the seeding.
fn register(admin: &str, id: &str, name: String, role: Role, now: Timestamp) -> Step {
    step(
        admin,
        &[Role::Admin],
        now,
        Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
            id: id.parse().expect("a valid id"),
            name,
            roles: vec![role],
            invite_code: demo_invite_code(id),
            invite_id: None,
            valid_days: Some(linli_core::members::invites::MAX_VALID_DAYS),
        })),
    )
}

fn member(id: &str) -> linli_core::MemberId {
    id.parse().expect("a valid id")
}

/// A moment `hours` after midnight, `days` days from today, in Hohhot.
fn day_at(now: Timestamp, days: i64, hours: i64) -> Timestamp {
    let today = LocalTime::of(now).date;
    Timestamp(
        LocalTime {
            date: today,
            minute: 0,
        }
        .timestamp()
        .millis()
            + days * DAY_MS
            + hours * HOUR_MS,
    )
}

/// 喜悦社区, relative to `now`.
pub fn xiyue_steps(now: Timestamp) -> Vec<Step> {
    let admin = format!("{XIYUE}-admin");
    let officer = format!("{XIYUE}-officer");
    let long_ago = Timestamp(now.millis() - 400 * DAY_MS);
    let mut steps = Vec::new();
    for grid in 2..=XIYUE_GRIDS {
        steps.push(register(
            &admin,
            &grid_worker_id(XIYUE, grid),
            name(200 + grid),
            Role::GridWorker,
            now,
        ));
    }
    for n in 0..PARTY_MEMBERS {
        let role = if n % 3 == 0 {
            Role::Volunteer
        } else {
            Role::Resident
        };
        steps.push(register(&admin, &party_member_id(n), name(n), role, now));
    }
    for grid in 1..=XIYUE_GRIDS {
        steps.push(step(
            &officer,
            &[Role::Officer],
            long_ago,
            Mutation::Volunteers(VolunteersMutation::UpsertGrid(Grid {
                id: format!("g{grid:02}"),
                name: format!("第{grid}网格"),
                area: format!("喜悦小区{}—{}号楼", grid * 3 - 2, grid * 3),
                worker: Some(member(&grid_worker_id(XIYUE, grid))),
            })),
        ));
    }
    // 124 party members in 17 grids: 7 or 8 each, the first a building
    // head, the second a household head (联户长), every third a volunteer.
    for n in 0..PARTY_MEMBERS {
        let grid = 1 + n % XIYUE_GRIDS;
        let mut parts = vec![Part::PartyMember];
        match n / XIYUE_GRIDS {
            0 => parts.push(Part::BuildingHead),
            1 => parts.push(Part::HouseholdHead),
            _ => {}
        }
        if n % 3 == 0 {
            parts.push(Part::Volunteer);
        }
        steps.push(step(
            &officer,
            &[Role::Officer],
            long_ago,
            Mutation::Volunteers(VolunteersMutation::AssignToGrid(GridMember {
                member: member(&party_member_id(n)),
                grid: format!("g{grid:02}"),
                parts,
            })),
        ));
    }
    let volunteer = format!("{XIYUE}-volunteer");
    steps.push(step(
        &officer,
        &[Role::Officer],
        long_ago,
        Mutation::Volunteers(VolunteersMutation::AssignToGrid(GridMember {
            member: member(&volunteer),
            grid: "g01".into(),
            parts: vec![Part::Volunteer],
        })),
    ));
    steps.push(step(
        &volunteer,
        &[Role::Volunteer],
        long_ago,
        Mutation::Volunteers(VolunteersMutation::SetVolunteerProfile(SetVolunteerProfile {
            skills: vec!["理发".into(), "陪同就医".into(), "智能手机教学".into()],
            availability: vec![
                Availability {
                    weekday: Weekday::Tuesday,
                    from: 14 * 60,
                    until: 17 * 60,
                },
                Availability {
                    weekday: Weekday::Saturday,
                    from: 9 * 60,
                    until: 12 * 60,
                },
            ],
        })),
    ));
    // Households: in each grid two key, five general and one in difficulty.
    let plan_start = Timestamp(now.millis() - 10 * DAY_MS);
    for grid in 1..=XIYUE_GRIDS {
        let runner = grid_worker_id(XIYUE, grid);
        for n in 0..8 {
            let category = match n {
                0 | 1 => HouseholdCategory::Key,
                7 => HouseholdCategory::Difficulty,
                _ => HouseholdCategory::General,
            };
            steps.push(step(
                &runner,
                &[Role::GridWorker],
                long_ago,
                Mutation::Volunteers(VolunteersMutation::AddHousehold(Household {
                    id: format!("h{grid:02}{n}"),
                    grid: format!("g{grid:02}"),
                    address: format!("喜悦小区{}号楼{}单元{}01", grid * 3 - 2 + n % 3, 1 + n % 2, 1 + n),
                    head: name(300 + grid * 8 + n),
                    category,
                })),
            ));
        }
    }
    steps.push(step(
        &officer,
        &[Role::Officer],
        plan_start,
        Mutation::Volunteers(VolunteersMutation::SetVisitPlan(VisitPlan {
            id: "winter".into(),
            grid: None,
            name: "冬季三遍走".into(),
            start: LocalTime::of(plan_start).date,
            round_days: [7, 14, 14],
        })),
    ));
    // Round one (key households) is over: most were visited, grid 5's were
    // not; round two has begun in the first grids.
    for grid in 1..=XIYUE_GRIDS {
        let runner = grid_worker_id(XIYUE, grid);
        let visited: &[usize] = match grid {
            5 => &[],
            1..=4 => &[0, 1, 2, 3],
            _ => &[0, 1],
        };
        for &n in visited {
            let days_ago = if n < 2 { 8 } else { 2 };
            steps.push(step(
                &runner,
                &[Role::GridWorker],
                Timestamp(now.millis() - days_ago * DAY_MS),
                Mutation::Volunteers(VolunteersMutation::LogVisit(LogVisit {
                    id: format!("winter-{n}"),
                    household: format!("h{grid:02}{n}"),
                    date: LocalTime::of(Timestamp(now.millis() - days_ago * DAY_MS)).date,
                    found: [
                        "暖气不太热，老人穿着棉袄",
                        "家中一切正常",
                        "楼道灯不亮",
                        "想办老年卡，不会网上申请",
                    ][n % 4]
                        .into(),
                    done: [
                        "联系物业调试暖气",
                        "送去冬季防火提示",
                        "报物业维修",
                        "约好周三上门代办",
                    ][n % 4]
                        .into(),
                })),
            ));
        }
    }
    // The activity calendar.
    let activities = [
        ("haircut", "义务理发进社区", -20, 9, 3, "社区客厅", 6),
        ("phone-class", "教老人用智能手机", -12, 14, 2, "社区客厅", 10),
        ("snow", "冬季扫雪除冰", -1, 7, 3, "各楼栋出入口", 30),
        ("festival", "常青树老年文艺队排练", 3, 15, 2, "多功能社区客厅", 20),
        ("health", "家庭医生上门随访", 6, 9, 4, "第1—4网格", 8),
    ];
    for (id, title, days, hour, hours, place, slots) in activities {
        steps.push(step(
            &officer,
            &[Role::Officer],
            Timestamp(now.millis() - 30 * DAY_MS),
            Mutation::Volunteers(VolunteersMutation::PostActivity(PostActivity {
                id: id.into(),
                title: title.into(),
                starts_at: day_at(now, days, hour),
                ends_at: day_at(now, days, hour + hours),
                place: place.into(),
                slots,
                skills: Vec::new(),
                grid: None,
            })),
        ));
    }
    // 陈静 signed up for the calendar and served at the two past activities:
    // 2 h 50 (counts 3) and 1 h 20 (counts 1.5).
    for (activity, days, hour, minutes) in [("haircut", -20, 9, 170), ("phone-class", -12, 14, 80)] {
        steps.push(step(
            &volunteer,
            &[Role::Volunteer],
            Timestamp(now.millis() - 25 * DAY_MS),
            sign_up(activity),
        ));
        let signed_in = day_at(now, days, hour);
        let signed_out = Timestamp(signed_in.millis() + minutes * MINUTE_MS);
        steps.push(step(
            &officer,
            &[Role::Officer],
            signed_in,
            stamp(activity, &volunteer, signed_in, true),
        ));
        steps.push(step(
            &officer,
            &[Role::Officer],
            signed_out,
            stamp(activity, &volunteer, signed_out, false),
        ));
    }
    for activity in ["festival", "health"] {
        steps.push(step(
            &volunteer,
            &[Role::Volunteer],
            Timestamp(now.millis() - DAY_MS),
            sign_up(activity),
        ));
    }
    for n in (0..PARTY_MEMBERS).step_by(3).take(12) {
        steps.push(step(
            &party_member_id(n),
            &[Role::Volunteer],
            Timestamp(now.millis() - 2 * DAY_MS),
            sign_up("festival"),
        ));
    }
    steps
}

fn sign_up(activity: &str) -> Mutation {
    Mutation::Volunteers(VolunteersMutation::SignUp(ActivityRef {
        activity: activity.into(),
    }))
}

fn stamp(activity: &str, volunteer: &str, at: Timestamp, signing_in: bool) -> Mutation {
    let stamp = StampAttendance {
        activity: activity.into(),
        member: member(volunteer),
        at,
    };
    if signing_in {
        Mutation::Volunteers(VolunteersMutation::SignIn(stamp))
    } else {
        Mutation::Volunteers(VolunteersMutation::SignOut(stamp))
    }
}

/// 大庆路社区, relative to `now`.
pub fn daqinglu_steps(now: Timestamp) -> Vec<Step> {
    let admin = format!("{DAQINGLU}-admin");
    let officer = format!("{DAQINGLU}-officer");
    let worker = grid_worker_id(DAQINGLU, 1);
    let long_ago = Timestamp(now.millis() - 400 * DAY_MS);
    let mut steps = Vec::new();
    steps.push(register(
        &admin,
        &grid_worker_id(DAQINGLU, 2),
        "乌云".into(),
        Role::GridWorker,
        now,
    ));
    for n in 0..DAQINGLU_RESIDENTS {
        steps.push(register(
            &admin,
            &daqinglu_resident_id(n),
            name(400 + n),
            Role::Resident,
            now,
        ));
    }
    let grids = [
        ("g01", "第一网格", "新华西路1—6号楼"),
        ("g02", "第二网格", "新华西路7—12号楼及沿街商铺"),
    ];
    for (n, (id, grid_name, area)) in grids.into_iter().enumerate() {
        steps.push(step(
            &officer,
            &[Role::Officer],
            long_ago,
            Mutation::Volunteers(VolunteersMutation::UpsertGrid(Grid {
                id: id.into(),
                name: grid_name.into(),
                area: area.into(),
                worker: Some(member(&grid_worker_id(DAQINGLU, n + 1))),
            })),
        ));
    }
    for (n, resident) in (0..DAQINGLU_RESIDENTS).map(daqinglu_resident_id).enumerate() {
        let parts = if n == 0 {
            vec![Part::BuildingHead]
        } else {
            Vec::new()
        };
        steps.push(step(
            &officer,
            &[Role::Officer],
            long_ago,
            Mutation::Volunteers(VolunteersMutation::AssignToGrid(GridMember {
                member: member(&resident),
                grid: "g01".into(),
                parts,
            })),
        ));
    }
    for (n, (address, head, category)) in [
        ("新华西路1号楼1单元101", "马奶奶", HouseholdCategory::Key),
        ("新华西路1号楼2单元302", "白大爷", HouseholdCategory::Key),
        ("新华西路2号楼1单元502", "刘家", HouseholdCategory::General),
        ("新华西路3号楼3单元201", "海家", HouseholdCategory::General),
        ("新华西路5号楼1单元601", "张家", HouseholdCategory::Difficulty),
    ]
    .into_iter()
    .enumerate()
    {
        steps.push(step(
            &worker,
            &[Role::GridWorker],
            long_ago,
            Mutation::Volunteers(VolunteersMutation::AddHousehold(Household {
                id: format!("dq-h{n}"),
                grid: "g01".into(),
                address: address.into(),
                head: head.into(),
                category,
            })),
        ));
    }
    let plan_start = Timestamp(now.millis() - 3 * DAY_MS);
    steps.push(step(
        &worker,
        &[Role::GridWorker],
        plan_start,
        Mutation::Volunteers(VolunteersMutation::SetVisitPlan(VisitPlan {
            id: "dq-winter".into(),
            grid: Some("g01".into()),
            name: "第一网格冬季走访".into(),
            start: LocalTime::of(plan_start).date,
            round_days: [7, 10, 10],
        })),
    ));
    // Safety patrol cases, one at each step of the chain.
    let reporter = daqinglu_resident_id(1);
    let cases: [(&str, CaseKind, &str, &str, &[CaseAction]); 5] = [
        (
            "dq-clutter",
            CaseKind::Hazard,
            "3号楼2单元楼道",
            "楼道里堆了旧家具和纸箱，挡住了一半通道。",
            &[],
        ),
        (
            "dq-wires",
            CaseKind::Hazard,
            "5号楼楼下",
            "有人从二楼窗户拉电线下来给电动车充电。",
            &[CaseAction::Accept],
        ),
        (
            "dq-exit",
            CaseKind::Hazard,
            "沿街商铺后门",
            "消防通道被货车堵住。",
            &[CaseAction::Accept, CaseAction::Handle],
        ),
        (
            "dq-noise",
            CaseKind::Dispute,
            "2号楼",
            "楼上装修晚上十点还在打钻。",
            &[CaseAction::Accept, CaseAction::Handle, CaseAction::Feedback],
        ),
        (
            "dq-roof",
            CaseKind::Request,
            "6号楼顶层",
            "楼顶漏水，需要维修基金，网格解决不了。",
            &[CaseAction::Escalate],
        ),
    ];
    for (n, (id, kind, place, text, actions)) in cases.into_iter().enumerate() {
        let reported = Timestamp(now.millis() - (10 - n as i64) * DAY_MS);
        steps.push(step(
            &reporter,
            &[Role::Resident],
            reported,
            Mutation::Volunteers(VolunteersMutation::ReportCase(ReportCase {
                id: id.into(),
                kind,
                grid: "g01".into(),
                place: place.into(),
                text: text.into(),
            })),
        ));
        for (k, action) in actions.iter().enumerate() {
            let note = match action {
                CaseAction::Accept => "已受理，今天下午去看".to_owned(),
                CaseAction::Handle => "已联系物业和住户，现场清理完毕".to_owned(),
                CaseAction::Feedback => "已和住户约定晚八点后不施工，请您监督".to_owned(),
                CaseAction::Escalate => "涉及维修基金，报社区统一协调".to_owned(),
            };
            steps.push(step(
                &worker,
                &[Role::GridWorker],
                Timestamp(reported.millis() + (k as i64 + 1) * HOUR_MS),
                Mutation::Volunteers(VolunteersMutation::AdvanceCase(AdvanceCase {
                    case: id.into(),
                    action: *action,
                    note,
                })),
            ));
        }
    }
    // The care ledger of grid 1, and one entry of grid 2.
    let care = [
        (
            "g01",
            "care-ma",
            "马奶奶(87岁，独居)",
            CareCategory::SolitaryElder,
            "腿脚不便，需要代买药和入户认证",
        ),
        (
            "g01",
            "care-bai",
            "白大爷(残疾，独居)",
            CareCategory::Disabled,
            "每月代缴水电费，轮椅需要检修",
        ),
        (
            "g01",
            "care-zhang",
            "张家小孩(困境儿童)",
            CareCategory::ChildInDifficulty,
            "父母在外打工，跟奶奶生活，需要课业辅导",
        ),
        (
            "g02",
            "care-hai",
            "海奶奶(82岁，空巢)",
            CareCategory::SolitaryElder,
            "子女在外地，需要每周电话问候",
        ),
    ];
    for (grid, id, person, category, needs) in care {
        let runner = if grid == "g01" {
            worker.clone()
        } else {
            grid_worker_id(DAQINGLU, 2)
        };
        steps.push(step(
            &runner,
            &[Role::GridWorker],
            Timestamp(now.millis() - 20 * DAY_MS),
            Mutation::Volunteers(VolunteersMutation::AddCareEntry(AddCareEntry {
                id: id.into(),
                grid: grid.into(),
                person: person.into(),
                category,
                needs: needs.into(),
                next_visit: Some(LocalTime::of(Timestamp(now.millis() + 5 * DAY_MS)).date),
            })),
        ));
    }
    steps.push(step(
        &worker,
        &[Role::GridWorker],
        Timestamp(now.millis() - 6 * DAY_MS),
        Mutation::Volunteers(VolunteersMutation::RecordCareService(RecordCareService {
            grid: "g01".into(),
            id: "care-ma".into(),
            kind: "入户认证".into(),
            note: "养老金资格认证已完成".into(),
            next_visit: Some(LocalTime::of(Timestamp(now.millis() + 4 * DAY_MS)).date),
        })),
    ));
    // An activity under way since yesterday, organised by the grid worker.
    steps.push(step(
        &worker,
        &[Role::GridWorker],
        Timestamp(now.millis() - 3 * DAY_MS),
        Mutation::Volunteers(VolunteersMutation::PostActivity(PostActivity {
            id: "dq-patrol".into(),
            title: "楼道安全隐患排查".into(),
            starts_at: day_at(now, -1, 8),
            ends_at: day_at(now, 2, 18),
            place: "第一网格各楼栋".into(),
            slots: 12,
            skills: vec!["消防知识".into()],
            grid: Some("g01".into()),
        })),
    ));
    steps
}
