//! The village's affairs in the demo, from the seed page: 连家营村 let its
//! 3,000-odd mu to an agricultural company at 800 yuan a mu, invested the
//! income, and for three years has paid its villagers dividends,
//! subsidised their medical insurance and paid anti-poverty insurance for
//! its key households; it asks by questionnaire (垃圾分类, the cultural
//! square) as well as by the fireside. 大庆路社区's grid workers patrol the
//! stairwells for clutter, flying-wire charging, blocked fire lanes and fire
//! equipment, and what they find becomes a case. Each is a step through the
//! same mutations as the app's own.

use linli_core::calendar::{Date, LocalTime};
use linli_core::canteen::Fen;
use linli_core::village::dividends::{
    AcknowledgeLine, DistributionRef, DraftDistribution, MarkKeyHousehold, PaySubsidy, ShareRule, SubsidyKind,
};
use linli_core::village::ledger::{Category, Contract, Month, Mu, Parcel, PublishPeriod, RecordEntry};
use linli_core::village::patrols::{AddPatrolItem, ItemResult, RecordPatrol, UnitCheck};
use linli_core::village::questionnaires::{
    Answer, AnswerQuestionnaire, CloseQuestionnaire, LinkQuestionnaireSuggestion, PublishQuestionnaire,
    Question, QuestionKind,
};
use linli_core::village::VillageMutation;
use linli_core::volunteers::cases::CaseAction;
use linli_core::volunteers::mutations::AdvanceCase;
use linli_core::volunteers::VolunteersMutation;
use linli_core::{Mutation, Role, Timestamp};

use super::rules::{villager_id, Step, VILLAGERS};

pub const CONTRACT: &str = "land-2024";
/// The open questionnaire a villager answers in the demo.
pub const SQUARE_QUESTIONNAIRE: &str = "square-2026";

/// The record whose presence says a community's village affairs are seeded.
pub fn seeded_marker(community: &str) -> Option<&'static str> {
    match community {
        "lianjiaying" => Some("vil/contract/land-2024"),
        "daqinglu" => Some("vil/checklist/g01"),
        _ => None,
    }
}

fn step(member: &str, roles: &[Role], at: Timestamp, mutation: VillageMutation) -> Step {
    Step {
        member: member.to_owned(),
        roles: roles.to_vec(),
        mutation: Mutation::Village(mutation),
        at,
    }
}

fn on(date: Date) -> Timestamp {
    LocalTime {
        date,
        minute: 10 * 60,
    }
    .timestamp()
}

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("a valid date")
}

fn yuan(yuan: i64) -> Fen {
    Fen(yuan * 100)
}

/// The steps for `community`, at `now`.
pub fn steps(community: &str, now: Timestamp) -> Vec<Step> {
    match community {
        "lianjiaying" => lianjiaying(now),
        "daqinglu" => daqinglu(now),
        _ => Vec::new(),
    }
}

/// The households as the rules' seed registers them: 40 members, three to a
/// household, the first of each its head ("1组1号" …).
fn household_of(n: usize) -> String {
    format!("{}组{}号", 1 + n / 12, 1 + n / 3)
}

/// The head of the `n`th household: the register lists the six demo
/// members first (the resident and the volunteer head the first two
/// households), then the villagers.
fn household_head(community: &str, n: usize) -> String {
    match n {
        0 => format!("{community}-resident"),
        1 => format!("{community}-volunteer"),
        _ => villager_id(n * 3 - 6),
    }
}

fn lianjiaying(now: Timestamp) -> Vec<Step> {
    let community = "lianjiaying";
    let officer = format!("{community}-officer");
    let admin = format!("{community}-admin");
    let today = LocalTime::of(now).date;
    let this_year = today.year();
    let first_year = this_year - 2;
    let mut steps = Vec::new();
    let by_officer = |at: Timestamp, mutation| step(&officer, &[Role::Officer], at, mutation);
    let registered = 6 + VILLAGERS;
    let households: Vec<String> = (0..registered).step_by(3).map(household_of).collect();

    steps.push(by_officer(
        on(date(first_year - 1, 12, 20)),
        VillageMutation::SaveContract(Contract {
            id: CONTRACT.into(),
            transferee: "绿野农业科技有限公司".into(),
            area: Mu(301_600),
            price_per_mu: yuan(800),
            from_year: first_year,
            until_year: first_year + 14,
            signed_on: date(first_year - 1, 12, 20),
            note: "小田变大田：全村土地整体流转，每年1月付清当年流转费。".into(),
        }),
    ));
    for (n, household) in households.iter().enumerate() {
        steps.push(by_officer(
            on(date(first_year - 1, 12, 21)),
            VillageMutation::SaveParcel(Parcel {
                id: format!("plot-{n:02}"),
                household: household.clone(),
                name: format!("东滩地{}号", n + 1),
                area: Mu(850 + (n as u32 * 137) % 900),
                contract: Some(CONTRACT.into()),
            }),
        ));
    }
    // Two key households (防贫监测户).
    for household in [&households[5], &households[11]] {
        steps.push(by_officer(
            on(date(first_year - 1, 12, 22)),
            VillageMutation::MarkKeyHousehold(MarkKeyHousehold {
                household: household.clone(),
                key: true,
            }),
        ));
    }

    // Three years of the ledger, each month published once it is over.
    let mut entry_number = 0;
    let mut entry = |on_day: Date, category: Category, amount: Fen, note: &str, contract: bool| {
        entry_number += 1;
        by_officer(
            on(on_day),
            VillageMutation::RecordEntry(RecordEntry {
                id: format!("e{entry_number:03}"),
                date: on_day,
                category,
                amount,
                note: note.into(),
                contract: contract.then(|| CONTRACT.to_owned()),
                corrects: None,
            }),
        )
    };
    for year in first_year..=this_year {
        let dated = |month: u8, day: u8| Some(date(year, month, day)).filter(|day| *day < today);
        let mut year_steps: Vec<(Date, Step)> = Vec::new();
        let mut add = |month: u8, day: u8, make: &mut dyn FnMut(Date) -> Step| {
            if let Some(day) = dated(month, day) {
                year_steps.push((day, make(day)));
            }
        };
        add(1, 15, &mut |day| {
            entry(
                day,
                Category::LandTransfer,
                yuan(2_412_800),
                "当年土地流转费",
                true,
            )
        });
        add(3, 10, &mut |day| {
            entry(
                day,
                Category::PublicWorks,
                yuan(420_000),
                "人居环境提升：村道硬化",
                false,
            )
        });
        add(4, 18, &mut |day| {
            entry(
                day,
                Category::PublicWorks,
                yuan(300_000),
                "农田水利：灌渠维修",
                false,
            )
        });
        add(6, 30, &mut |day| {
            entry(
                day,
                Category::Investment,
                yuan(360_000),
                "投入新型农业经营主体的年度分红",
                false,
            )
        });
        add(9, 12, &mut |day| {
            entry(
                day,
                Category::PublicWorks,
                yuan(80_000),
                "乡风文明建设：文化广场",
                false,
            )
        });
        add(11, 5, &mut |day| {
            entry(day, Category::Administration, yuan(60_000), "村务管理费用", false)
        });
        for (_, made) in year_steps {
            steps.push(made);
        }
        // Medical insurance in February, anti-poverty insurance in March,
        // dividends in December (this year: a week ago, still to be
        // acknowledged by some heads).
        let subsidies = [
            (
                date(year, 2, 20),
                SubsidyKind::MedicalInsurance,
                yuan(100),
                "medical",
            ),
            (date(year, 3, 20), SubsidyKind::AntiPoverty, yuan(150), "poverty"),
        ];
        for (day, kind, each, name) in subsidies {
            if day < today {
                steps.push(by_officer(
                    on(day),
                    VillageMutation::PaySubsidy(PaySubsidy {
                        id: format!("{name}-{year}"),
                        kind,
                        year,
                        each,
                    }),
                ));
            }
        }
        let paid_on = if year == this_year {
            today.add_days(-7)
        } else {
            date(year, 12, 18)
        };
        let dividend = format!("dividend-{year}");
        steps.push(by_officer(
            on(paid_on.add_days(-3)),
            VillageMutation::DraftDistribution(DraftDistribution {
                id: dividend.clone(),
                title: format!("{year}年集体经济分红"),
                year,
                total: yuan(20_000),
                rule: ShareRule::PerMember,
            }),
        ));
        steps.push(step(
            &admin,
            &[Role::Admin],
            on(paid_on.add_days(-2)),
            VillageMutation::ApproveDistribution(DistributionRef { id: dividend.clone() }),
        ));
        steps.push(by_officer(
            on(paid_on),
            VillageMutation::PayDistribution(DistributionRef { id: dividend.clone() }),
        ));
        // The heads confirm; this year the demo's resident (head of 1组1号)
        // and two others have not yet.
        for n in 0..households.len() {
            if year == this_year && n % 5 == 0 {
                continue;
            }
            steps.push(step(
                &household_head(community, n),
                &[Role::Resident],
                on(paid_on.add_days(1)),
                VillageMutation::AcknowledgeLine(AcknowledgeLine {
                    source: dividend.clone(),
                }),
            ));
        }
    }
    // Publish every month from the first entry up to last month.
    let mut month = Month::of(date(first_year - 1, 12, 1));
    let this_month = Month::of(today);
    while month < this_month {
        let next = Month::of(month.first_day().add_days(32));
        steps.push(by_officer(
            on(next.first_day().add_days(1).min(today)),
            VillageMutation::PublishPeriod(PublishPeriod { month }),
        ));
        month = next;
    }
    steps.extend(questionnaires(community, today));
    // The committee publishes its figures for everyone, as the seed page does.
    steps.push(by_officer(
        now,
        VillageMutation::RefreshFigures(linli_core::village::figures::RefreshFigures { public: true }),
    ));
    sort_by_time(steps)
}

/// The steps in the order of their times: the seed runs them in order, and
/// a month is published only after what was dated in it.
fn sort_by_time(mut steps: Vec<Step>) -> Vec<Step> {
    steps.sort_by_key(|step| step.at);
    steps
}

fn questionnaires(community: &str, today: Date) -> Vec<Step> {
    let officer = format!("{community}-officer");
    let mut steps = Vec::new();
    let by_officer = |at: Timestamp, mutation| step(&officer, &[Role::Officer], at, mutation);
    // 垃圾分类: anonymous, answered by a dozen villagers, closed, one
    // suggestion taken up as the proposal the fireside meeting also made.
    let opened = today.add_days(-40);
    steps.push(by_officer(
        on(opened),
        VillageMutation::PublishQuestionnaire(PublishQuestionnaire {
            id: "waste-2026".into(),
            title: "垃圾分类意见征集".into(),
            intro: "不记名问卷，结果在截止后公布。".into(),
            questions: vec![
                Question {
                    text: "您家平时垃圾分类吗？".into(),
                    kind: QuestionKind::Single,
                    options: vec!["每天都分".into(), "有时分".into(), "不分".into()],
                },
                Question {
                    text: "您觉得哪些地方需要改进？（可多选）".into(),
                    kind: QuestionKind::Multiple,
                    options: vec!["投放点太远".into(), "分类标识不清".into(), "收运不及时".into()],
                },
                Question {
                    text: "您的建议".into(),
                    kind: QuestionKind::Text,
                    options: Vec::new(),
                },
            ],
            anonymous: true,
            opens: opened,
            closes: opened.add_days(14),
        }),
    ));
    let suggestions = [
        "厨余垃圾单独收，集中沤肥",
        "每个组多放一个投放点",
        "",
        "分类标识做大一点，老人看得清",
    ];
    for n in 0..12 {
        steps.push(step(
            &villager_id(n + 1),
            &[Role::Resident],
            on(opened.add_days(1 + n as i64 % 10)),
            VillageMutation::AnswerQuestionnaire(AnswerQuestionnaire {
                questionnaire: "waste-2026".into(),
                answers: vec![
                    Answer {
                        choices: vec![(n % 3) as u8 % 2],
                        text: String::new(),
                    },
                    Answer {
                        choices: vec![(n % 3) as u8],
                        text: String::new(),
                    },
                    Answer {
                        choices: Vec::new(),
                        text: suggestions[n % suggestions.len()].into(),
                    },
                ],
            }),
        ));
    }
    steps.push(by_officer(
        on(opened.add_days(15)),
        VillageMutation::CloseQuestionnaire(CloseQuestionnaire {
            id: "waste-2026".into(),
        }),
    ));
    // The texts are published sorted: three 分类标识… (分 sorts first),
    // then three 厨余垃圾…, the first of which is the fourth.
    steps.push(by_officer(
        on(opened.add_days(16)),
        VillageMutation::LinkQuestionnaireSuggestion(LinkQuestionnaireSuggestion {
            questionnaire: "waste-2026".into(),
            question: 2,
            text: 3,
            proposal: "waste-sorting".into(),
        }),
    ));
    // The cultural square: named, open for another two weeks.
    let square_opened = today.add_days(-3);
    steps.push(by_officer(
        on(square_opened),
        VillageMutation::PublishQuestionnaire(PublishQuestionnaire {
            id: SQUARE_QUESTIONNAIRE.into(),
            title: "文化广场改造问卷".into(),
            intro: "实名问卷：村委会据此安排广场改造。".into(),
            questions: vec![
                Question {
                    text: "广场最需要添什么？".into(),
                    kind: QuestionKind::Single,
                    options: vec!["路灯".into(), "健身器材".into(), "长椅和凉亭".into()],
                },
                Question {
                    text: "晚上活动几点结束合适？".into(),
                    kind: QuestionKind::Single,
                    options: vec!["21:00".into(), "21:30".into(), "22:00".into()],
                },
                Question {
                    text: "其他建议".into(),
                    kind: QuestionKind::Text,
                    options: Vec::new(),
                },
            ],
            anonymous: false,
            opens: square_opened,
            closes: today.add_days(14),
        }),
    ));
    for n in 0..4 {
        steps.push(step(
            &villager_id(20 + n),
            &[Role::Resident],
            on(square_opened.add_days(1)),
            VillageMutation::AnswerQuestionnaire(AnswerQuestionnaire {
                questionnaire: SQUARE_QUESTIONNAIRE.into(),
                answers: vec![
                    Answer {
                        choices: vec![(n % 3) as u8],
                        text: String::new(),
                    },
                    Answer {
                        choices: vec![1],
                        text: String::new(),
                    },
                    Answer {
                        choices: Vec::new(),
                        text: String::new(),
                    },
                ],
            }),
        ));
    }
    steps
}

fn daqinglu(now: Timestamp) -> Vec<Step> {
    let community = "daqinglu";
    let officer = format!("{community}-officer");
    let worker = format!("{community}-grid-worker");
    let today = LocalTime::of(now).date;
    let mut steps = vec![step(
        &officer,
        &[Role::Officer],
        on(today.add_days(-30)),
        VillageMutation::AddPatrolItem(AddPatrolItem {
            grid: "g01".into(),
            id: "ebike_parking".into(),
            label: "电动车违规停放".into(),
        }),
    )];
    let fine = |item: &str| ItemResult {
        item: item.into(),
        finding: false,
        note: String::new(),
    };
    let found = |item: &str, note: &str| ItemResult {
        item: item.into(),
        finding: true,
        note: note.into(),
    };
    let all_fine = || {
        vec![
            fine("stairwell_clutter"),
            fine("flying_wire_charging"),
            fine("blocked_fire_lane"),
            fine("fire_equipment"),
            fine("ebike_parking"),
        ]
    };
    let unit = |building: &str, unit: &str, results: Vec<ItemResult>| UnitCheck {
        building: building.into(),
        unit: unit.into(),
        results,
    };
    let patrols = [
        (
            "patrol-1",
            28,
            vec![
                unit("1号楼", "1单元", all_fine()),
                unit(
                    "1号楼",
                    "2单元",
                    vec![
                        found("stairwell_clutter", "三楼楼道堆放旧家具和纸箱"),
                        fine("flying_wire_charging"),
                        fine("blocked_fire_lane"),
                        fine("fire_equipment"),
                        fine("ebike_parking"),
                    ],
                ),
                unit("2号楼", "1单元", all_fine()),
            ],
        ),
        (
            "patrol-2",
            6,
            vec![
                unit(
                    "3号楼",
                    "1单元",
                    vec![
                        fine("stairwell_clutter"),
                        found("flying_wire_charging", "五楼窗口飞线给电动车充电"),
                        fine("blocked_fire_lane"),
                        found("fire_equipment", "一楼灭火器压力不足"),
                        fine("ebike_parking"),
                    ],
                ),
                unit(
                    "4号楼",
                    "2单元",
                    vec![
                        fine("stairwell_clutter"),
                        fine("flying_wire_charging"),
                        found("blocked_fire_lane", "消防通道停放私家车"),
                        fine("fire_equipment"),
                        fine("ebike_parking"),
                    ],
                ),
            ],
        ),
    ];
    for (id, days_ago, units) in patrols {
        steps.push(step(
            &worker,
            &[Role::GridWorker],
            on(today.add_days(-days_ago)),
            VillageMutation::RecordPatrol(RecordPatrol {
                grid: "g01".into(),
                id: id.into(),
                date: today.add_days(-days_ago),
                units,
            }),
        ));
    }
    // The clutter was cleared and the residents told; the rest are in hand.
    let advance = |case: &str, action: CaseAction, note: &str, days_ago: i64| Step {
        member: worker.clone(),
        roles: vec![Role::GridWorker],
        mutation: Mutation::Volunteers(VolunteersMutation::AdvanceCase(AdvanceCase {
            case: case.into(),
            action,
            note: note.into(),
        })),
        at: on(today.add_days(-days_ago)),
    };
    steps.push(advance("patrol-1-f1", CaseAction::Accept, "", 27));
    steps.push(advance(
        "patrol-1-f1",
        CaseAction::Handle,
        "联系住户清走旧家具，楼道已清空。",
        25,
    ));
    steps.push(advance(
        "patrol-1-f1",
        CaseAction::Feedback,
        "已在楼栋群告知住户。",
        24,
    ));
    steps.push(advance("patrol-2-f1", CaseAction::Accept, "", 5));
    steps
}
