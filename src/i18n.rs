//! The translation layer: every string the member reads comes from here.
//!
//! Why a typed table and not a crate such as leptos_i18n: a missing or
//! misspelt key is then a compile error in *both* languages (each language is
//! one value of the [`Texts`] struct, so the compiler refuses one that lacks a
//! field), lookups are plain field reads with no runtime parsing, and the
//! whole layer adds no dependency and almost nothing to the download, which
//! matters on a cheap phone on a weak network. Two languages and a few hundred
//! strings do not need plural rules or message formatting; if a third language
//! or plural-heavy text arrives, leptos_i18n is the way up.

use leptos::prelude::*;

/// A language the app speaks. Simplified Chinese is the default: it is what
/// the people of Hohhot's communities read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Every language, in the order the settings page offers them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The strings of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The BCP 47 tag for `<html lang>`, which screen readers and fonts use.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language with this tag, as [`Lang::tag`] gives it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.tag() == tag)
    }

    /// The language's own name, shown the same in either interface language so
    /// that a member who switched by mistake can find the way back.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

/// The current language's strings, for views: `move || t.get().nav_home`.
pub fn use_texts() -> Signal<&'static Texts> {
    let settings = crate::settings::use_settings();
    Signal::derive(move || settings.get().lang.texts())
}

/// One language's strings. Add a field here and the compiler asks for it in
/// every language.
pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,

    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_canteen: &'static str,
    pub nav_rules: &'static str,
    pub nav_volunteers: &'static str,
    pub nav_settings: &'static str,

    pub status_online: &'static str,
    pub status_offline: &'static str,
    pub status_offline_hint: &'static str,

    pub update_available: &'static str,
    pub update_now: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_canteen_summary: &'static str,
    pub home_rules_summary: &'static str,
    pub home_volunteers_summary: &'static str,
    pub home_offline_note: &'static str,

    pub canteen_title: &'static str,
    pub canteen_place: &'static str,
    pub canteen_intro: &'static str,
    pub canteen_offers_heading: &'static str,
    pub canteen_offers: &'static [&'static str],
    pub canteen_voice: &'static str,
    pub canteen_voice_by: &'static str,

    pub rules_title: &'static str,
    pub rules_place: &'static str,
    pub rules_intro: &'static str,
    pub rules_steps_heading: &'static str,
    pub rules_steps: &'static [&'static str],
    pub rules_results: &'static str,

    pub volunteers_title: &'static str,
    pub volunteers_place: &'static str,
    pub volunteers_intro: &'static str,
    pub volunteers_nets_heading: &'static str,
    pub volunteers_nets: &'static [&'static str],
    pub volunteers_visits: &'static str,

    pub settings_title: &'static str,
    pub settings_language: &'static str,
    pub settings_large_text: &'static str,
    pub settings_large_text_hint: &'static str,
    pub settings_saved_here: &'static str,
    pub settings_unreadable: &'static str,
    pub settings_storage_unavailable: &'static str,

    pub not_found_title: &'static str,
    pub not_found_back: &'static str,
}

pub const ZH: Texts = Texts {
    app_name: "邻里",
    skip_to_content: "跳到正文",

    nav_label: "主要栏目",
    nav_home: "首页",
    nav_canteen: "食堂",
    nav_rules: "村规民约",
    nav_volunteers: "志愿者",
    nav_settings: "设置",

    status_online: "在线",
    status_offline: "离线",
    status_offline_hint: "没有网络也能用，联网后自动同步",

    update_available: "有新版本",
    update_now: "立即更新",

    home_title: "邻里：家门口的社区服务",
    home_intro: "社区食堂订餐、村规民约议事投票、网格与志愿服务，都在这一个应用里。没有信号时照样能用，有网时自动同步。",
    home_canteen_summary: "老年助餐：六折堂食、5元营养早餐、包月顺延",
    home_rules_summary: "乡村夜话：提建议、议一议、投一票，修订村规民约",
    home_volunteers_summary: "网格与志愿者：巡查上报、三遍走访、服务时长",
    home_offline_note: "第一次打开后，断网也能进入本应用。",

    canteen_title: "社区食堂",
    canteen_place: "大学东路街道金宇文苑社区",
    canteen_intro: "社区与内蒙古魏家宴餐饮管理有限公司合作共建的社区食堂，凉菜、热菜、主食、早点一应俱全，上百道菜品中九成专为中老年人量身打造：口感软烂，少油少盐。",
    canteen_offers_heading: "优惠与服务",
    canteen_offers: &[
        "60周岁以上老人堂食六折",
        "5元营养早餐套餐：5种主食、3种粥汤、3种咸菜",
        "早餐支持包月，暂停的日子自动顺延",
        "小份菜：花20元左右就能吃饱吃好",
        "每周一早7时至8时，环卫工人免费吃面并获赠鸡蛋",
        "行动不便的老年人免费送餐",
    ],
    canteen_voice: "“现在来食堂，花十几元能从七八个菜里随便选，吃得特别舒心。”",
    canteen_voice_by: "82岁的社区居民刘玉梅",

    rules_title: "村规民约",
    rules_place: "玉泉区小黑河镇连家营村",
    rules_intro: "农闲时段的“乡村夜话”议事：线上问卷与线下“围炉”座谈相结合，收集垃圾分类、文化广场改造、移风易俗等建议，依据民意修订《村规民约》。",
    rules_steps_heading: "一条建议怎样成为村规",
    rules_steps: &[
        "提出建议：村民在线提出，或在乡村夜话上记录",
        "议一议：村民评论、附议，达到人数进入起草",
        "起草与审查：逐条起草，合法性审查",
        "投票：一人一票，达到法定人数才有效",
        "通过：形成新版村规民约，村民签署承诺书",
    ],
    rules_results: "2025年，移风易俗、环境整治等12项内容纳入自治章程；红白喜事大操大办减少80%，村规民约遵守率达95%以上。",

    volunteers_title: "网格与志愿者",
    volunteers_place: "新城区呼伦贝尔北路街道喜悦社区",
    volunteers_intro: "124名在册党员嵌入17个治理网格，“1+17+N”网格力量：网格员、党员、楼栋长与志愿者一起，小事不出网格，大事协同解决。",
    volunteers_nets_heading: "大庆路社区的“四张网”",
    volunteers_nets: &[
        "组织网：社区党委—网格党支部—党小组",
        "帮扶网：独居老人、残疾人、困境儿童的动态帮扶台账",
        "平安网：清理楼道堆物、整改飞线充电、疏通消防通道",
        "文明网：政策宣讲、公益理发、垃圾分类等文明实践",
    ],
    volunteers_visits: "“三遍走”：首访重点户送服务，二访一般户听民声，三访困难户解民忧。",

    settings_title: "设置",
    settings_language: "语言",
    settings_large_text: "大字体、高对比",
    settings_large_text_hint: "字更大、颜色更分明，方便老年人阅读",
    settings_saved_here: "设置保存在本机上。",
    settings_unreadable: "本机保存的设置无法读取，已改用默认设置。",
    settings_storage_unavailable: "本机浏览器不能保存设置（可能是无痕模式或存储已满），关闭页面后设置会恢复默认。",

    not_found_title: "没有找到这个页面",
    not_found_back: "回到首页",
};

pub const EN: Texts = Texts {
    app_name: "Linli",
    skip_to_content: "Skip to content",

    nav_label: "Main sections",
    nav_home: "Home",
    nav_canteen: "Canteen",
    nav_rules: "Village rules",
    nav_volunteers: "Volunteers",
    nav_settings: "Settings",

    status_online: "Online",
    status_offline: "Offline",
    status_offline_hint: "Works without a network; syncs when one returns",

    update_available: "A new version is ready",
    update_now: "Update now",

    home_title: "Linli: community services at your door",
    home_intro: "Canteen meals, the village rules with their discussion and vote, and the grid and volunteer work, in one app. It works with no signal and syncs when a network appears.",
    home_canteen_summary: "Meals for seniors: 40% off dine-in, 5-yuan breakfast, monthly plans that roll over",
    home_rules_summary: "Fireside talks: suggest, discuss and vote on the village charter",
    home_volunteers_summary: "Grids and volunteers: patrol reports, three visit rounds, service hours",
    home_offline_note: "After the first visit this app opens even with the network cut.",

    canteen_title: "Community canteen",
    canteen_place: "Jinyu Wenyuan Community, Daxue East Road Subdistrict",
    canteen_intro: "Run by the community together with the Weijiayan catering company: cold dishes, hot dishes, staples and breakfast, over a hundred dishes, nine in ten made for older people: soft, low in oil and salt.",
    canteen_offers_heading: "Discounts and services",
    canteen_offers: &[
        "Residents aged 60 and over pay 60% for dine-in meals",
        "5-yuan breakfast: 5 staples, 3 porridges or soups, 3 pickles",
        "Monthly breakfast plans: paused days roll forward",
        "Small portions: a full meal for about 20 yuan",
        "Mondays 07:00–08:00: free noodles and an egg for sanitation workers",
        "Free delivery for elders with limited mobility",
    ],
    canteen_voice: "“Now for a little over ten yuan I can choose from seven or eight dishes. I really enjoy eating here.”",
    canteen_voice_by: "Liu Yumei, 82, resident",

    rules_title: "Village rules",
    rules_place: "Lianjiaying Village, Xiaoheihe Town, Yuquan District",
    rules_intro: "“Fireside talks” in the slack farming season: online questionnaires and face-to-face meetings around the stove collect suggestions on waste sorting, the cultural square and customs, and the village charter is revised by what villagers want.",
    rules_steps_heading: "How a suggestion becomes a rule",
    rules_steps: &[
        "Suggest: online, or recorded at a fireside talk",
        "Discuss: villagers comment and support it until enough do",
        "Draft and review: written as numbered articles, checked for legality",
        "Vote: one person one vote, valid only with a quorum",
        "Adopt: a new version of the charter, and villagers sign the pledge",
    ],
    rules_results: "In 2025, 12 items such as simpler customs and a cleaner village joined the charter; lavish weddings and funerals fell by 80%, and over 95% of villagers keep the rules.",

    volunteers_title: "Grids and volunteers",
    volunteers_place: "Xiyue Community, Hulunbuir North Road Subdistrict, Xincheng District",
    volunteers_intro: "124 party members work in 17 grids, “1+17+N”: grid workers, party members, building heads and volunteers together, so small matters are settled in the grid and big ones jointly.",
    volunteers_nets_heading: "Daqing Road Community's “four nets”",
    volunteers_nets: &[
        "Organisation: community committee, grid branches, party groups",
        "Care: a ledger of help for solitary elders, disabled people and children in difficulty",
        "Safety: clear corridor clutter, stop flying-wire charging, open fire exits",
        "Civility: policy talks, free haircuts, waste sorting and other activities",
    ],
    volunteers_visits: "“Three rounds”: first visit key households to serve, then general households to listen, then households in difficulty to help.",

    settings_title: "Settings",
    settings_language: "Language",
    settings_large_text: "Large text, high contrast",
    settings_large_text_hint: "Bigger letters and stronger colours for easier reading",
    settings_saved_here: "Settings are saved on this device.",
    settings_unreadable: "The settings saved on this device could not be read; the defaults are in use.",
    settings_storage_unavailable: "This browser cannot save settings (private mode or full storage?); they return to the defaults when the page closes.",

    not_found_title: "Page not found",
    not_found_back: "Back to Home",
};
