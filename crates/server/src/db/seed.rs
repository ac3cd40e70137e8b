//! The demo communities of the seed page (DESIGN.md §5). The sync issue and
//! the module issues seed their records into these.

/// A community the demo starts with.
pub struct DemoCommunity {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub district_zh: &'static str,
    pub district_en: &'static str,
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
    },
    DemoCommunity {
        id: "jinqiao",
        name_zh: "金桥社区",
        name_en: "Jinqiao Community",
        district_zh: "赛罕区呼伦贝尔南路街道",
        district_en: "Hulunbuir South Road Subdistrict, Saihan District",
    },
    DemoCommunity {
        id: "lianjiaying",
        name_zh: "连家营村",
        name_en: "Lianjiaying Village",
        district_zh: "玉泉区小黑河镇",
        district_en: "Xiaoheihe Town, Yuquan District",
    },
    DemoCommunity {
        id: "xiyue",
        name_zh: "喜悦社区",
        name_en: "Xiyue Community",
        district_zh: "新城区呼伦贝尔北路街道",
        district_en: "Hulunbuir North Road Subdistrict, Xincheng District",
    },
    DemoCommunity {
        id: "daqinglu",
        name_zh: "大庆路社区",
        name_en: "Daqing Road Community",
        district_zh: "回民区新华西路街道",
        district_en: "Xinhua West Road Subdistrict, Huimin District",
    },
];
