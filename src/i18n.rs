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

/// The current language's strings, read once when a view is built.
///
/// Text nodes are plain strings, not reactive closures: the app rebuilds its
/// whole tree when the language changes (see `app.rs`), which happens rarely,
/// while each reactive text node would add its own compiled code to a wasm
/// that must stay small for weak mobile links.
pub fn texts() -> &'static Texts {
    crate::settings::use_settings().with_untracked(|settings| settings.lang.texts())
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

    pub status_pending: fn(usize) -> String,
    pub status_synced_at: fn(&str) -> String,
    pub status_never_synced: &'static str,
    pub status_syncing: &'static str,
    pub status_progress: fn(u64, u64) -> String,
    pub sync_now: &'static str,

    pub problem_offline: &'static str,
    pub problem_unauthorized: &'static str,
    pub problem_client_reset: &'static str,
    pub problem_version: &'static str,
    pub problem_server: &'static str,
    pub problem_storage_unavailable: &'static str,
    pub problem_quota: &'static str,
    pub problem_storage_failed: &'static str,

    pub rejection_forbidden: &'static str,
    pub rejection_not_found: &'static str,
    pub rejection_already_exists: &'static str,
    pub rejection_invalid_args: &'static str,
    pub rejection_heading: &'static str,
    pub dismiss: &'static str,

    pub join_title: &'static str,
    pub join_hint: &'static str,
    pub join_code_label: &'static str,
    pub join_button: &'static str,
    pub join_unknown: &'static str,
    pub join_offline: &'static str,

    pub notices_title: &'static str,
    pub notices_empty: &'static str,
    pub notice_post_title: &'static str,
    pub notice_title_label: &'static str,
    pub notice_body_label: &'static str,
    pub notice_post_button: &'static str,
    pub notice_edit: &'static str,
    pub notice_delete: &'static str,
    pub notice_save: &'static str,
    pub notice_cancel: &'static str,
    pub notice_ack: &'static str,
    pub notice_acked: &'static str,
    pub notice_ack_count: fn(usize) -> String,
    pub notice_pending: &'static str,
    pub notice_confirm_delete: &'static str,
    pub notice_by: fn(&str) -> String,

    pub account_title: &'static str,
    pub account_community: &'static str,
    pub account_name_label: &'static str,
    pub account_save_name: &'static str,
    pub account_roles: &'static str,
    pub account_sign_out: &'static str,
    pub account_sign_out_warning: fn(usize) -> String,
    pub account_sign_out_confirm: &'static str,
    pub role_names: [&'static str; 6],

    pub register_title: &'static str,
    pub register_name_label: &'static str,
    pub register_role_label: &'static str,
    pub register_button: &'static str,
    pub register_code_hint: &'static str,
    pub register_done: fn(&str) -> String,

    pub canteen_sign_in_hint: &'static str,
    pub canteen_order_title: &'static str,
    pub canteen_date: &'static str,
    pub canteen_meal: &'static str,
    pub meal_names: [&'static str; 3],
    pub canteen_mode: &'static str,
    pub mode_names: [&'static str; 3],
    pub canteen_filter: &'static str,
    pub canteen_search: &'static str,
    pub diet_tag_names: [&'static str; 4],
    pub canteen_no_menu: &'static str,
    pub canteen_add: &'static str,
    pub canteen_remove: &'static str,
    pub canteen_delivery_fee: &'static str,
    pub canteen_total: &'static str,
    pub canteen_place_order: &'static str,
    pub canteen_ordered: &'static str,
    pub canteen_my_orders: &'static str,
    pub canteen_no_orders: &'static str,
    pub canteen_cancel_order: &'static str,
    pub order_status_names: [&'static str; 4],
    pub canteen_balance: &'static str,
    pub canteen_ledger: &'static str,
    pub canteen_my_code: &'static str,
    pub canteen_subscriptions: &'static str,
    pub canteen_ends_on: fn(&str) -> String,
    pub canteen_pause: &'static str,
    pub canteen_resume: &'static str,
    pub canteen_pause_from: &'static str,
    pub canteen_pause_to: &'static str,
    pub canteen_subscribe: &'static str,
    pub canteen_kitchen: &'static str,
    pub canteen_counts: &'static str,
    pub canteen_deliveries: &'static str,
    pub canteen_no_deliveries: &'static str,
    pub canteen_mark_delivered: &'static str,
    pub canteen_check_in: &'static str,
    pub canteen_check_in_code: &'static str,
    pub canteen_check_in_button: &'static str,
    pub canteen_checked_in: fn(&str) -> String,
    pub canteen_no_order_for_code: &'static str,
    pub canteen_scan: &'static str,
    pub canteen_top_up: &'static str,
    pub canteen_top_up_member: &'static str,
    pub canteen_top_up_amount: &'static str,
    pub canteen_all_subscriptions: &'static str,
    pub canteen_menu_editor: &'static str,
    pub canteen_save_menu: &'static str,
    pub canteen_new_dish: &'static str,
    pub canteen_name_zh: &'static str,
    pub canteen_name_en: &'static str,
    pub canteen_category: &'static str,
    pub category_names: [&'static str; 6],
    pub canteen_price_yuan: &'static str,
    pub canteen_small_portion: &'static str,
    pub canteen_add_dish: &'static str,
    pub canteen_order_for: &'static str,
    pub canteen_myself: &'static str,
    pub rejection_price_mismatch: &'static str,
    pub rejection_too_late: &'static str,
    pub rejection_insufficient_balance: &'static str,
    pub rejection_sold_out: &'static str,
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

    status_pending: |n| format!("{n} 项待同步"),
    status_synced_at: |time| format!("上次同步 {time}"),
    status_never_synced: "尚未同步",
    status_syncing: "正在同步…",
    status_progress: |done, all| format!("正在同步 {done}/{all}"),
    sync_now: "立即同步",

    problem_offline: "连不上服务器。改动已保存在本机，联网后自动同步。",
    problem_unauthorized: "本机的登录已失效，请退出后用新的邀请码重新加入。",
    problem_client_reset: "服务器的数据已重置，本机未同步的改动会重新上传。",
    problem_version: "应用版本与服务器不一致，请刷新页面更新。",
    problem_server: "服务器暂时出错，稍后会自动重试。",
    problem_storage_unavailable: "本机浏览器不能保存数据（可能是无痕模式），请换用普通模式打开。",
    problem_quota: "本机存储空间已满，新的改动无法保存；已保存的不会丢失。",
    problem_storage_failed: "本机存储出错，这项改动没有保存，请重试。",

    rejection_forbidden: "您没有权限做这项操作。",
    rejection_not_found: "要修改的内容已经不存在（可能已被删除）。",
    rejection_already_exists: "已经存在，不能重复创建。",
    rejection_invalid_args: "填写的内容不符合要求。",
    rejection_heading: "这项改动没有被服务器接受：",
    dismiss: "知道了",

    join_title: "加入社区",
    join_hint: "请输入社区工作人员给您的邀请码（10位字母和数字）。",
    join_code_label: "邀请码",
    join_button: "加入",
    join_unknown: "邀请码不对，或者已经用过了。",
    join_offline: "加入社区需要联网，请连上网络后再试。",

    notices_title: "社区公告",
    notices_empty: "暂时没有公告。",
    notice_post_title: "发布公告",
    notice_title_label: "标题",
    notice_body_label: "内容",
    notice_post_button: "发布",
    notice_edit: "修改",
    notice_delete: "删除",
    notice_save: "保存",
    notice_cancel: "取消",
    notice_ack: "收到",
    notice_acked: "已收到",
    notice_ack_count: |n| format!("{n} 人已收到"),
    notice_pending: "待同步",
    notice_confirm_delete: "确定删除这条公告吗？",
    notice_by: |name| format!("发布人：{name}"),

    account_title: "我的账号",
    account_community: "所在社区",
    account_name_label: "我的称呼",
    account_save_name: "保存称呼",
    account_roles: "身份",
    account_sign_out: "退出登录",
    account_sign_out_warning: |n| format!("还有 {n} 项改动没有同步到服务器，退出后会丢失。确定退出吗？"),
    account_sign_out_confirm: "确定在本机退出登录吗？本机保存的社区数据会被清除。",
    role_names: ["居民", "食堂工作人员", "网格员", "志愿者", "村（社区）干部", "管理员"],

    register_title: "登记新成员",
    register_name_label: "姓名",
    register_role_label: "身份",
    register_button: "登记并生成邀请码",
    register_code_hint: "请把邀请码交给新成员：扫描二维码，或在“加入社区”里输入邀请码。",
    register_done: |name| format!("已登记：{name}"),

    canteen_sign_in_hint: "加入社区后即可在这里订餐、查看余额和包月套餐。",
    canteen_order_title: "订餐",
    canteen_date: "日期",
    canteen_meal: "餐次",
    meal_names: ["早餐", "午餐", "晚餐"],
    canteen_mode: "用餐方式",
    mode_names: ["堂食", "打包", "送餐"],
    canteen_filter: "只看",
    canteen_search: "找菜",
    diet_tag_names: ["软烂", "少油", "少盐", "适合糖尿病"],
    canteen_no_menu: "这一餐还没有公布菜单。",
    canteen_add: "加一份",
    canteen_remove: "减一份",
    canteen_delivery_fee: "送餐费",
    canteen_total: "合计",
    canteen_place_order: "下单",
    canteen_ordered: "已下单。",
    canteen_my_orders: "我的订单",
    canteen_no_orders: "还没有订单。",
    canteen_cancel_order: "取消订单",
    order_status_names: ["已下单", "已取消", "已取餐", "已送达"],
    canteen_balance: "余额",
    canteen_ledger: "收支明细",
    canteen_my_code: "取餐码",
    canteen_subscriptions: "我的包月套餐",
    canteen_ends_on: |date| format!("到期：{date}"),
    canteen_pause: "暂停（顺延）",
    canteen_resume: "明天起恢复",
    canteen_pause_from: "从",
    canteen_pause_to: "到",
    canteen_subscribe: "订购",
    canteen_kitchen: "后厨与柜台",
    canteen_counts: "各菜份数",
    canteen_deliveries: "送餐名单",
    canteen_no_deliveries: "这一餐没有送餐订单。",
    canteen_mark_delivered: "已送达",
    canteen_check_in: "取餐登记",
    canteen_check_in_code: "取餐码",
    canteen_check_in_button: "登记取餐",
    canteen_checked_in: |name| format!("已登记取餐：{name}"),
    canteen_no_order_for_code: "这个取餐码在这一餐没有待取的订单。",
    canteen_scan: "扫码",
    canteen_top_up: "充值",
    canteen_top_up_member: "成员",
    canteen_top_up_amount: "金额（元）",
    canteen_all_subscriptions: "包月套餐",
    canteen_menu_editor: "编辑本餐菜单",
    canteen_save_menu: "保存本餐菜单",
    canteen_new_dish: "新菜品",
    canteen_name_zh: "菜名（中文）",
    canteen_name_en: "菜名（英文）",
    canteen_category: "类别",
    category_names: ["热菜", "凉菜", "主食", "粥汤", "早点", "咸菜"],
    canteen_price_yuan: "价格（元）",
    canteen_small_portion: "小份",
    canteen_add_dish: "添加菜品",
    canteen_order_for: "为谁点餐",
    canteen_myself: "我自己",
    rejection_price_mismatch: "价格有变化，请重新确认后下单。",
    rejection_too_late: "已经过了截止时间。",
    rejection_insufficient_balance: "余额不足，请先到柜台充值。",
    rejection_sold_out: "这道菜今天已经订完了。",
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

    status_pending: |n| format!("{n} to sync"),
    status_synced_at: |time| format!("Synced {time}"),
    status_never_synced: "Not synced yet",
    status_syncing: "Syncing…",
    status_progress: |done, all| format!("Syncing {done}/{all}"),
    sync_now: "Sync now",

    problem_offline: "Cannot reach the server. Your changes are saved on this device and will sync when online.",
    problem_unauthorized: "This device's sign-in is no longer valid. Sign out and join again with a new invite code.",
    problem_client_reset: "The server's data was reset; this device's unsynced changes will be sent again.",
    problem_version: "This app and the server differ in version. Reload the page to update.",
    problem_server: "The server had a problem; syncing will retry by itself.",
    problem_storage_unavailable: "This browser cannot store data (private mode?). Please open the app in a normal window.",
    problem_quota: "This device's storage is full: new changes cannot be saved; saved ones are safe.",
    problem_storage_failed: "Storage on this device failed; the change was not saved. Please try again.",

    rejection_forbidden: "You are not allowed to do this.",
    rejection_not_found: "What you changed no longer exists (it may have been deleted).",
    rejection_already_exists: "It exists already and cannot be created twice.",
    rejection_invalid_args: "What was entered is not acceptable.",
    rejection_heading: "The server did not accept this change:",
    dismiss: "OK",

    join_title: "Join your community",
    join_hint: "Enter the invite code your community office gave you (10 letters and digits).",
    join_code_label: "Invite code",
    join_button: "Join",
    join_unknown: "This invite code is wrong or has been used.",
    join_offline: "Joining needs a network connection. Please try again when online.",

    notices_title: "Community notices",
    notices_empty: "No notices yet.",
    notice_post_title: "Post a notice",
    notice_title_label: "Title",
    notice_body_label: "Text",
    notice_post_button: "Post",
    notice_edit: "Edit",
    notice_delete: "Delete",
    notice_save: "Save",
    notice_cancel: "Cancel",
    notice_ack: "Got it",
    notice_acked: "Acknowledged",
    notice_ack_count: |n| format!("{n} acknowledged"),
    notice_pending: "Not synced yet",
    notice_confirm_delete: "Delete this notice?",
    notice_by: |name| format!("Posted by {name}"),

    account_title: "My account",
    account_community: "Community",
    account_name_label: "My name",
    account_save_name: "Save name",
    account_roles: "Roles",
    account_sign_out: "Sign out",
    account_sign_out_warning: |n| format!("{n} changes have not reached the server and will be lost. Sign out anyway?"),
    account_sign_out_confirm: "Sign out on this device? The community data stored here will be removed.",
    role_names: ["Resident", "Canteen staff", "Grid worker", "Volunteer", "Officer", "Administrator"],

    register_title: "Register a member",
    register_name_label: "Name",
    register_role_label: "Role",
    register_button: "Register and make an invite code",
    register_code_hint: "Give the new member this code: they scan the QR code or type the code under “Join your community”.",
    register_done: |name| format!("Registered: {name}"),

    canteen_sign_in_hint: "Join your community to order meals, see your balance and your monthly plans here.",
    canteen_order_title: "Order a meal",
    canteen_date: "Date",
    canteen_meal: "Meal",
    meal_names: ["Breakfast", "Lunch", "Dinner"],
    canteen_mode: "How",
    mode_names: ["Dine in", "Take away", "Delivery"],
    canteen_filter: "Only",
    canteen_search: "Find a dish",
    diet_tag_names: ["Soft", "Low oil", "Low salt", "Diabetic-friendly"],
    canteen_no_menu: "No menu has been published for this meal yet.",
    canteen_add: "Add one",
    canteen_remove: "Remove one",
    canteen_delivery_fee: "Delivery fee",
    canteen_total: "Total",
    canteen_place_order: "Place order",
    canteen_ordered: "Ordered.",
    canteen_my_orders: "My orders",
    canteen_no_orders: "No orders yet.",
    canteen_cancel_order: "Cancel order",
    order_status_names: ["Placed", "Cancelled", "Picked up", "Delivered"],
    canteen_balance: "Balance",
    canteen_ledger: "Statement",
    canteen_my_code: "Pickup code",
    canteen_subscriptions: "My monthly plans",
    canteen_ends_on: |date| format!("Ends {date}"),
    canteen_pause: "Pause (days roll over)",
    canteen_resume: "Resume from tomorrow",
    canteen_pause_from: "From",
    canteen_pause_to: "To",
    canteen_subscribe: "Subscribe",
    canteen_kitchen: "Kitchen and counter",
    canteen_counts: "Portions per dish",
    canteen_deliveries: "Deliveries",
    canteen_no_deliveries: "No deliveries for this meal.",
    canteen_mark_delivered: "Delivered",
    canteen_check_in: "Pickup check-in",
    canteen_check_in_code: "Pickup code",
    canteen_check_in_button: "Check in",
    canteen_checked_in: |name| format!("Checked in: {name}"),
    canteen_no_order_for_code: "No order waiting for this code at this meal.",
    canteen_scan: "Scan",
    canteen_top_up: "Top up",
    canteen_top_up_member: "Member",
    canteen_top_up_amount: "Amount (yuan)",
    canteen_all_subscriptions: "Monthly plans",
    canteen_menu_editor: "Menu for this meal",
    canteen_save_menu: "Save this meal's menu",
    canteen_new_dish: "New dish",
    canteen_name_zh: "Name (Chinese)",
    canteen_name_en: "Name (English)",
    canteen_category: "Category",
    category_names: ["Hot dish", "Cold dish", "Staple", "Porridge or soup", "Breakfast", "Pickle"],
    canteen_price_yuan: "Price (yuan)",
    canteen_small_portion: "Small portion",
    canteen_add_dish: "Add dish",
    canteen_order_for: "Order for",
    canteen_myself: "Myself",
    rejection_price_mismatch: "The price has changed; please check it and order again.",
    rejection_too_late: "The deadline has passed.",
    rejection_insufficient_balance: "Not enough balance; please top up at the counter.",
    rejection_sold_out: "This dish is sold out for the day.",
};

impl Texts {
    /// The member-facing name of a role.
    pub fn role_name(&self, role: linli_core::Role) -> &'static str {
        let index = linli_core::Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.role_names[index]
    }

    /// The sentence for a rejection, by its message key.
    pub fn rejection(&self, code: linli_core::RejectionCode) -> &'static str {
        match code {
            linli_core::RejectionCode::Forbidden => self.rejection_forbidden,
            linli_core::RejectionCode::NotFound => self.rejection_not_found,
            linli_core::RejectionCode::AlreadyExists => self.rejection_already_exists,
            linli_core::RejectionCode::InvalidArgs => self.rejection_invalid_args,
            linli_core::RejectionCode::PriceMismatch => self.rejection_price_mismatch,
            linli_core::RejectionCode::TooLate => self.rejection_too_late,
            linli_core::RejectionCode::InsufficientBalance => self.rejection_insufficient_balance,
            linli_core::RejectionCode::SoldOut => self.rejection_sold_out,
        }
    }
}
