//! The demo from the newspaper page Linli grew from: five communities, a member for
//! each role in each, and a first notice on each board. The sync issue and the
//! module issues seed their records into these communities.

use linli_core::Role;

/// A community the demo starts with.
pub struct DemoCommunity {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub district_zh: &'static str,
    pub district_en: &'static str,
    /// One member per role: (role, name).
    pub members: [(Role, &'static str); 7],
    /// The first notice on the board, posted by the officer: (title, body).
    pub notice: (&'static str, &'static str),
}

impl DemoCommunity {
    /// The demo member id of `role` here, e.g. `jinyu-wenyuan-officer`.
    pub fn member_id(&self, role: Role) -> String {
        format!("{}-{}", self.id, role.as_str().replace('_', "-"))
    }
}

/// 金宇文苑社区's canteen, 金桥社区's community restaurant, 连家营村's
/// village rules, 喜悦社区's 17 grids and 大庆路社区's safety patrols.
pub const DEMO_COMMUNITIES: [DemoCommunity; 5] = [
    DemoCommunity {
        id: "jinyu-wenyuan",
        name_zh: "金宇文苑社区",
        name_en: "Jinyu Wenyuan Community",
        district_zh: "赛罕区大学东路街道",
        district_en: "Daxue East Road Subdistrict, Saihan District",
        members: [
            (Role::Resident, "刘玉梅"),
            (Role::CanteenStaff, "李杰"),
            (Role::GridWorker, "张丽"),
            (Role::Volunteer, "王晓红"),
            (Role::Officer, "徐敬波"),
            (Role::Admin, "赵磊"),
            (Role::ChildcareStaff, "陈晓静"),
        ],
        notice: (
            "社区食堂正式运营",
            "4月7日起，社区食堂正式运营。60周岁以上老人堂食六折；5元营养早餐含5种主食、3种粥汤、3种咸菜，支持包月顺延。",
        ),
    },
    DemoCommunity {
        id: "jinqiao",
        name_zh: "金桥社区",
        name_en: "Jinqiao Community",
        district_zh: "赛罕区呼伦贝尔南路街道",
        district_en: "Hulunbuir South Road Subdistrict, Saihan District",
        members: [
            (Role::Resident, "孙桂兰"),
            (Role::CanteenStaff, "马春燕"),
            (Role::GridWorker, "郭建军"),
            (Role::Volunteer, "韩雪"),
            (Role::Officer, "田海峰"),
            (Role::Admin, "周涛"),
            (Role::ChildcareStaff, "刘敏"),
        ],
        notice: (
            "“萌宝驿站”与社区餐厅启用",
            "3月31日起，嵌入式“萌宝驿站”与社区餐厅启用，提供日常就餐、老年餐配送、爱心助餐等服务。",
        ),
    },
    DemoCommunity {
        id: "lianjiaying",
        name_zh: "连家营村",
        name_en: "Lianjiaying Village",
        district_zh: "玉泉区小黑河镇",
        district_en: "Xiaoheihe Town, Yuquan District",
        members: [
            (Role::Resident, "连秀英"),
            (Role::CanteenStaff, "白玉芬"),
            (Role::GridWorker, "高建平"),
            (Role::Volunteer, "连小军"),
            (Role::Officer, "连志刚"),
            (Role::Admin, "吴明"),
            (Role::ChildcareStaff, "连美华"),
        ],
        notice: (
            "乡村夜话：征集村规民约修订建议",
            "农闲时段“乡村夜话”开始了。欢迎线上填写问卷，或来村委会围炉座谈，谈谈垃圾分类、文化广场改造、移风易俗。",
        ),
    },
    DemoCommunity {
        id: "xiyue",
        name_zh: "喜悦社区",
        name_en: "Xiyue Community",
        district_zh: "新城区呼伦贝尔北路街道",
        district_en: "Hulunbuir North Road Subdistrict, Xincheng District",
        members: [
            (Role::Resident, "杨桂芝"),
            (Role::CanteenStaff, "何丽"),
            (Role::GridWorker, "刘海涛"),
            (Role::Volunteer, "陈静"),
            (Role::Officer, "苏晓燕"),
            (Role::Admin, "黄伟"),
            (Role::ChildcareStaff, "赵欣"),
        ],
        notice: (
            "“预约上门”服务升级",
            "便民服务中心升级“预约上门”服务：政策查询、业务咨询、活动报名、需求上报都可以在线办理，少跑腿、零跑腿。",
        ),
    },
    DemoCommunity {
        id: "daqinglu",
        name_zh: "大庆路社区",
        name_en: "Daqing Road Community",
        district_zh: "回民区新华西路街道",
        district_en: "Xinhua West Road Subdistrict, Huimin District",
        members: [
            (Role::Resident, "马秀兰"),
            (Role::CanteenStaff, "张淑珍"),
            (Role::GridWorker, "王智慧"),
            (Role::Volunteer, "李红梅"),
            (Role::Officer, "云静波"),
            (Role::Admin, "冯刚"),
            (Role::ChildcareStaff, "孙丽娜"),
        ],
        notice: (
            "楼道安全隐患排查",
            "本周网格员和党员志愿者入户排查：清理楼道堆物、整改飞线充电、疏通消防通道，请居民配合。",
        ),
    },
];
