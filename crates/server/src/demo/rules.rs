//! 连家营村's village rules: its charter of 12 items adopted in 2025 (移风易俗,
//! 红白喜事从简, 环境整治, 垃圾分类 and the rest), the register of villagers,
//! fireside meetings (乡村夜话) whose suggestions became proposals, one
//! proposal at each stage, an open vote and a secret vote that has closed
//! and waits for its count.
//!
//! Every record is made by the mutation a villager or officer would run, at
//! the moment they would have run it, so the seed passes the same rules as
//! the app.

use linli_core::calendar::{Date, LocalTime};
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::rules::mutations::{
    AddComment, CastBallot, CountVote, CreateProposal, EnterPaperTally, HideComment, MoveProposal, OpenVote,
    ProposalRef, RecordMeeting, RecordReview, SetDraft, SuggestionRef,
};
use linli_core::rules::records::{Article, Electorate, RulesSettings, Stage, Voter};
use linli_core::rules::RulesMutation;
use linli_core::time::DAY_MS;
use linli_core::{MemberId, Mutation, Role, Timestamp};

use crate::secrets::demo_invite_code;

pub const COMMUNITY: &str = "lianjiaying";

/// One seeded step: who runs it, with which roles, and when.
pub struct Step {
    pub member: String,
    pub roles: Vec<Role>,
    pub mutation: Mutation,
    pub at: Timestamp,
}

/// The 2025 charter, as numbered articles.
pub const CHARTER_2025: [(&str, &str); 12] = [
    ("总则", "本村规民约依据宪法、法律和法规，结合本村实际，经村民会议讨论通过，全体村民共同遵守，村民委员会负责监督执行。"),
    ("移风易俗", "倡导科学文明健康的生活方式，反对封建迷信，不搞攀比，不大操大办，不收受高额彩礼。"),
    ("红白喜事从简", "婚事宴席不超过15桌，丧事办理不超过3天，不搭大棚、不请吹打班子通宵演出，由村红白理事会帮办监督。"),
    ("环境整治", "落实门前三包，房前屋后不乱堆柴草、粪土和建筑垃圾，不在街巷私搭乱建，每月最后一个周六全村大扫除。"),
    ("垃圾分类", "生活垃圾分为可回收物、有害垃圾和其他垃圾三类，按时定点投放，不乱扔乱倒。"),
    ("禁止焚烧", "禁止露天焚烧秸秆、落叶和生活垃圾，秸秆统一打捆还田或回收。"),
    ("孝老爱亲", "子女应当赡养父母，不得虐待、遗弃老人；独居老人由网格员和志愿者结对帮扶，定期探望。"),
    ("邻里和睦", "邻里之间互谅互让，发生纠纷先由村人民调解委员会调解，不聚众吵闹、不打架斗殴。"),
    ("文化广场", "爱护文化广场健身器材和照明设施，广场活动音响音量适中，晚上九点半前结束。"),
    ("安全用电", "不私拉乱接电线，不飞线给电动车充电，电动车在集中充电点充电，冬季取暖注意防火和一氧化碳中毒。"),
    ("文明养犬", "犬只实行拴养或圈养，出户须牵绳，按时免疫，因犬只伤人的由犬主承担责任。"),
    ("奖励与监督", "每年评选文明家庭和好媳妇、好婆婆，遵守本规约情况纳入积分管理，违反者由村民委员会批评教育、责令改正。"),
];

const SURNAMES: [&str; 8] = ["连", "王", "李", "张", "刘", "赵", "高", "白"];
const GIVEN: [&str; 17] = [
    "桂兰", "建国", "玉梅", "志强", "秀珍", "海军", "凤英", "永福", "丽娟", "宝山", "淑芬", "红梅", "德胜",
    "翠花", "文斌", "春生", "金花",
];
/// Villagers on the register besides the six demo members.
pub const VILLAGERS: usize = 34;

pub fn villager_id(n: usize) -> String {
    format!("{COMMUNITY}-v{n:02}")
}

fn villager_name(n: usize) -> String {
    format!("{}{}", SURNAMES[n % SURNAMES.len()], GIVEN[(n * 7) % GIVEN.len()])
}

fn article(number: u32, title: &str, text: &str) -> Article {
    Article {
        number,
        title: title.to_owned(),
        text: text.to_owned(),
    }
}

/// Everything the seed runs, in order, relative to `now`.
pub fn steps(now: Timestamp) -> Vec<Step> {
    let today = LocalTime::of(now).date;
    let days_ago = |days: i64| Timestamp(now.millis() - days * DAY_MS);
    let date_ago = |days: i64| today.add_days(-days);
    let officer = format!("{COMMUNITY}-officer");
    let admin = format!("{COMMUNITY}-admin");
    let mut seed = Seed {
        steps: Vec::new(),
        officer: officer.clone(),
    };
    let long_ago = days_ago(500);

    // The register: the demo members and the villagers, in households of
    // about three with the first as head.
    for n in 0..VILLAGERS {
        let id = villager_id(n);
        // Registered now, before the history below (steps run in order),
        // so that the fixed code works for a year from the seeding.
        seed.by(
            &admin,
            &[Role::Admin],
            now,
            Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
                id: id.parse().expect("a valid id"),
                name: villager_name(n),
                roles: vec![Role::Resident],
                invite_code: demo_invite_code(&id),
                invite_id: None,
                valid_days: Some(linli_core::members::invites::MAX_VALID_DAYS),
            })),
        );
    }
    let demo_members = [
        "resident",
        "canteen-staff",
        "grid-worker",
        "volunteer",
        "officer",
        "admin",
    ];
    let mut registered: Vec<String> = demo_members
        .iter()
        .map(|role| format!("{COMMUNITY}-{role}"))
        .collect();
    registered.extend((0..VILLAGERS).map(villager_id));
    for (n, member) in registered.iter().enumerate() {
        let born = Date::new(1940 + (n as i32 * 7) % 60, 1 + (n % 12) as u8, 1 + (n % 28) as u8)
            .expect("a valid date");
        seed.by(
            &officer,
            &[Role::Officer],
            long_ago,
            Mutation::Rules(RulesMutation::SetVoter(Voter {
                member: member.parse().expect("a valid id"),
                birth_date: born,
                household: format!("{}组{}号", 1 + n / 12, 1 + n / 3),
                household_head: n % 3 == 0,
            })),
        );
    }
    seed.by(
        &officer,
        &[Role::Officer],
        long_ago,
        Mutation::Rules(RulesMutation::SetRulesSettings(RulesSettings {
            support_threshold: 8,
        })),
    );

    // 2025: the charter's revision, through the whole path.
    let charter_2025 = "charter-2025";
    let revision = days_ago(420);
    seed.officer(
        revision,
        Mutation::Rules(RulesMutation::CreateProposal(CreateProposal {
            id: charter_2025.into(),
            title: "2025年村规民约修订".into(),
            text: "把这几年乡村夜话上大家说得最多的移风易俗、环境整治、垃圾分类写进村规民约，共12条。".into(),
            from_meeting: None,
        })),
    );
    for stage in [Stage::Deliberating, Stage::Drafting] {
        seed.officer(revision, move_to(charter_2025, stage));
    }
    let articles: Vec<Article> = CHARTER_2025
        .iter()
        .enumerate()
        .map(|(n, (title, text))| article(n as u32 + 1, title, text))
        .collect();
    seed.officer(
        revision,
        Mutation::Rules(RulesMutation::SetDraft(SetDraft {
            proposal: charter_2025.into(),
            articles,
        })),
    );
    seed.officer(revision, move_to(charter_2025, Stage::Review));
    seed.officer(
        revision,
        review(
            charter_2025,
            "经审查，各条款不违反法律法规，同意提交村民会议表决。",
        ),
    );
    let vote_2025 = "vote-charter-2025";
    seed.officer(
        revision,
        open_vote(
            vote_2025,
            charter_2025,
            "是否通过2025年村规民约(12条)?",
            false,
            revision,
            days_ago(410),
        ),
    );
    seed.officer(
        days_ago(412),
        Mutation::Rules(RulesMutation::EnterPaperTally(EnterPaperTally {
            id: "assembly".into(),
            vote: vote_2025.into(),
            label: "村民会议 举手表决".into(),
            counts: vec![27, 2, 1],
            blank: 0,
            voters: registered[4..34]
                .iter()
                .map(|id| id.parse().expect("a valid id"))
                .collect(),
        })),
    );
    seed.officer(
        days_ago(410),
        Mutation::Rules(RulesMutation::CountVote(CountVote {
            vote: vote_2025.into(),
        })),
    );

    // A fireside meeting two months ago: its suggestions became proposals.
    let fireside = "fireside-autumn";
    seed.officer(
        days_ago(60),
        Mutation::Rules(RulesMutation::RecordMeeting(RecordMeeting {
            id: fireside.into(),
            date: date_ago(60),
            place: "村委会院子".into(),
            attendance: 46,
            suggestions: vec![
                "垃圾分类再细一点，把厨余垃圾单独分出来，沤肥还田。".into(),
                "文化广场的路灯坏了好几盏，晚上跳舞看不清。".into(),
                "婚宴桌数还是太多，能不能再减一点。".into(),
                "村里狗多，早上出门有人被吓着。".into(),
            ],
            minutes: "村两委主持，46位村民围坐炉边座谈两个多小时，记录建议4条，会后由村委会整理成提案。"
                .into(),
        })),
    );
    let from = |suggestion: usize| {
        Some(SuggestionRef {
            meeting: fireside.into(),
            suggestion,
        })
    };
    let proposals = [
        (
            "waste-sorting",
            "垃圾分类增加厨余垃圾",
            "把第五条的三类改为四类，厨余垃圾单独投放、集中沤肥。",
            from(0),
        ),
        (
            "square-lights",
            "修好文化广场路灯",
            "文化广场东侧四盏路灯不亮，建议维修并加装两盏。",
            from(1),
        ),
        (
            "wedding-tables",
            "婚宴桌数再减少",
            "把第三条的15桌减为10桌，彩礼不超过当地标准。",
            from(2),
        ),
        (
            "dogs-leash",
            "文明养犬细则",
            "出户牵绳写得更具体，写清楚伤人后的处理。",
            from(3),
        ),
        (
            "straw-burning",
            "秸秆禁烧补充",
            "秋收后组织统一打捆，补充举报办法。",
            None,
        ),
        (
            "parking",
            "公共场地停车",
            "农用车、小汽车不占用村道和文化广场停放。",
            None,
        ),
        (
            "sanitation-fee",
            "收取卫生保洁费",
            "每户每年收取保洁费100元。",
            None,
        ),
        ("night-market", "周末夜市", "在文化广场办周末夜市。", None),
    ];
    for (id, title, text, from_meeting) in proposals {
        let author = if from_meeting.is_some() {
            officer.clone()
        } else {
            villager_id(3)
        };
        let roles = if from_meeting.is_some() {
            vec![Role::Officer]
        } else {
            vec![Role::Resident]
        };
        seed.by(
            &author,
            &roles,
            days_ago(55),
            Mutation::Rules(RulesMutation::CreateProposal(CreateProposal {
                id: id.into(),
                title: title.into(),
                text: text.into(),
                from_meeting,
            })),
        );
    }
    // Support: the square's lights are still collecting (5 of 8).
    for n in 0..5 {
        seed.villager(n, days_ago(50), support("square-lights"));
    }
    // Straw burning is in deliberation, with comments (one hidden).
    for n in 5..13 {
        seed.villager(n, days_ago(50), support("straw-burning"));
    }
    for (n, (villager, text)) in [
        (5, "去年打捆机来得晚，地里等了半个月，希望早点安排。"),
        (6, "举报电话要公布在村口公告栏上。"),
        (7, "某某家去年就烧了，村干部不管！"),
    ]
    .into_iter()
    .enumerate()
    {
        seed.villager(
            villager,
            days_ago(48),
            Mutation::Rules(RulesMutation::AddComment(AddComment {
                id: format!("c{n}"),
                proposal: "straw-burning".into(),
                text: text.into(),
            })),
        );
    }
    seed.officer(
        days_ago(47),
        Mutation::Rules(RulesMutation::HideComment(HideComment {
            proposal: "straw-burning".into(),
            id: "c2".into(),
            reason: "点名指责个人，请通过调解委员会反映".into(),
        })),
    );
    // The dogs in drafting, with their draft.
    for stage in [Stage::Deliberating, Stage::Drafting] {
        seed.officer(days_ago(40), move_to("dogs-leash", stage));
    }
    seed.officer(days_ago(38),
        Mutation::Rules(RulesMutation::SetDraft(SetDraft {
            proposal: "dogs-leash".into(),
            articles: vec![article(
                11,
                "文明养犬",
                "犬只实行拴养或圈养，出户须用不超过1.5米的牵引绳，早上六点至八点上学时段不在村道遛犬；按时免疫，犬只伤人的由犬主送医并承担费用。",
            )],
        })),
    );
    // Parking in review, the finding not yet in.
    for stage in [Stage::Deliberating, Stage::Drafting] {
        seed.officer(days_ago(35), move_to("parking", stage));
    }
    seed.officer(
        days_ago(34),
        Mutation::Rules(RulesMutation::SetDraft(SetDraft {
            proposal: "parking".into(),
            articles: vec![article(
                13,
                "公共场地停车",
                "农用车和小汽车停放在自家院内或指定停车点，不占用村道、消防通道和文化广场。",
            )],
        })),
    );
    seed.officer(days_ago(33), move_to("parking", Stage::Review));
    // The night market was withdrawn by its author.
    seed.by(
        &villager_id(3),
        &[Role::Resident],
        days_ago(30),
        move_to("night-market", Stage::Withdrawn),
    );

    // Waste sorting: the open vote, closing in a week.
    seed.ready_for_vote("waste-sorting",
        vec![article(5, "垃圾分类", "生活垃圾分为可回收物、厨余垃圾、有害垃圾和其他垃圾四类，按时定点投放；厨余垃圾集中沤肥还田，不乱扔乱倒。")],
        days_ago(3),
    );
    seed.officer(
        days_ago(2),
        open_vote(
            "vote-waste",
            "waste-sorting",
            "是否把第五条改为垃圾四分类?",
            false,
            days_ago(2),
            Timestamp(now.millis() + 7 * DAY_MS),
        ),
    );
    for (n, choice) in [(20, 0), (21, 0), (22, 1), (23, 0)] {
        seed.villager(n, days_ago(1), ballot("vote-waste", choice));
    }
    // Wedding tables: a secret vote that closed yesterday, to be counted.
    seed.ready_for_vote("wedding-tables",
        vec![article(3, "红白喜事从简", "婚事宴席不超过10桌，彩礼不超过当地倡导标准，丧事办理不超过3天，不搭大棚、不请吹打班子通宵演出，由村红白理事会帮办监督。")],
        days_ago(12),
    );
    seed.officer(
        days_ago(10),
        open_vote(
            "vote-wedding",
            "wedding-tables",
            "是否把婚宴上限改为10桌?",
            true,
            days_ago(10),
            days_ago(1),
        ),
    );
    for n in 0..24 {
        seed.villager(n, days_ago(5), ballot("vote-wedding", usize::from(n % 5 == 4)));
    }
    // The sanitation fee went to a vote and was turned down.
    seed.ready_for_vote(
        "sanitation-fee",
        vec![article(
            13,
            "卫生保洁费",
            "每户每年缴纳卫生保洁费100元，用于雇请保洁员。",
        )],
        days_ago(45),
    );
    seed.officer(
        days_ago(44),
        open_vote(
            "vote-fee",
            "sanitation-fee",
            "是否每户每年收取保洁费100元?",
            false,
            days_ago(44),
            days_ago(37),
        ),
    );
    for n in 0..26 {
        seed.villager(
            n,
            days_ago(40),
            ballot("vote-fee", if n % 4 == 0 { 0 } else { 1 }),
        );
    }
    seed.officer(
        days_ago(36),
        Mutation::Rules(RulesMutation::CountVote(CountVote {
            vote: "vote-fee".into(),
        })),
    );
    seed.steps
}

/// The steps being collected, and the officer who runs the village's process.
struct Seed {
    steps: Vec<Step>,
    officer: String,
}

impl Seed {
    fn by(&mut self, member: &str, roles: &[Role], at: Timestamp, mutation: Mutation) {
        self.steps.push(Step {
            member: member.to_owned(),
            roles: roles.to_vec(),
            mutation,
            at,
        });
    }

    /// A step by the registered villager `n` (a resident).
    fn villager(&mut self, n: usize, at: Timestamp, mutation: Mutation) {
        self.by(&villager_id(n), &[Role::Resident], at, mutation);
    }

    fn officer(&mut self, at: Timestamp, mutation: Mutation) {
        let officer = self.officer.clone();
        self.by(&officer, &[Role::Officer], at, mutation);
    }

    /// Takes a proposal from collecting to a passed review, with `articles`.
    fn ready_for_vote(&mut self, id: &str, articles: Vec<Article>, at: Timestamp) {
        for stage in [Stage::Deliberating, Stage::Drafting] {
            self.officer(at, move_to(id, stage));
        }
        self.officer(
            at,
            Mutation::Rules(RulesMutation::SetDraft(SetDraft {
                proposal: id.into(),
                articles,
            })),
        );
        self.officer(at, move_to(id, Stage::Review));
        self.officer(at, review(id, "经镇司法所审查，符合法律法规，可以提交表决。"));
    }
}

fn move_to(proposal: &str, to: Stage) -> Mutation {
    Mutation::Rules(RulesMutation::MoveProposal(MoveProposal {
        proposal: proposal.into(),
        to,
    }))
}

fn support(proposal: &str) -> Mutation {
    Mutation::Rules(RulesMutation::SupportProposal(ProposalRef {
        proposal: proposal.into(),
    }))
}

fn review(proposal: &str, finding: &str) -> Mutation {
    Mutation::Rules(RulesMutation::RecordReview(RecordReview {
        proposal: proposal.into(),
        reviewer: "小黑河镇司法所".into(),
        finding: finding.into(),
        passed: true,
    }))
}

fn ballot(vote: &str, choice: usize) -> Mutation {
    Mutation::Rules(RulesMutation::CastBallot(CastBallot {
        vote: vote.into(),
        choice,
    }))
}

fn open_vote(
    id: &str,
    proposal: &str,
    question: &str,
    secret: bool,
    opens: Timestamp,
    closes: Timestamp,
) -> Mutation {
    Mutation::Rules(RulesMutation::OpenVote(OpenVote {
        id: id.into(),
        proposal: proposal.into(),
        question: question.into(),
        options: Vec::new(),
        secret,
        electorate: Electorate::Adults,
        quorum_percent: 50,
        opens_at: opens,
        closes_at: closes,
    }))
}

/// The member ids on the demo register, for tests.
pub fn registered_members() -> Vec<MemberId> {
    [
        "resident",
        "canteen-staff",
        "grid-worker",
        "volunteer",
        "officer",
        "admin",
    ]
    .iter()
    .map(|role| format!("{COMMUNITY}-{role}"))
    .chain((0..VILLAGERS).map(villager_id))
    .map(|id| id.parse().expect("a valid id"))
    .collect()
}
