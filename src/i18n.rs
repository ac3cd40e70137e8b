//! The translation layer: every string the member reads comes from here, or
//! from the table of its module (`canteen/i18n.rs`, `rules/i18n.rs`,
//! `volunteers/i18n.rs`: the same kind of table, kept apart so that each
//! module's strings load with its screens, not with the first page).
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
    current_lang().texts()
}

/// Of one table's two languages, the one the member chose, read untracked
/// like [`texts`]: how each module's own table (`crate::canteen::i18n` and
/// the others) gives its strings.
pub fn in_current_lang<T>(zh: &'static T, en: &'static T) -> &'static T {
    match current_lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn current_lang() -> Lang {
    crate::settings::use_settings().with_untracked(|settings| settings.lang)
}

/// One language's strings. Add a field here and the compiler asks for it in
/// every language.
pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    /// The read-aloud button, and what it says where the phone has no voice.
    pub read_aloud: &'static str,
    pub read_aloud_unavailable: &'static str,

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
    pub nav_services: &'static str,
    pub home_services_summary: &'static str,
    pub nav_village: &'static str,
    pub home_village_summary: &'static str,
    pub home_offline_note: &'static str,

    pub settings_title: &'static str,
    pub settings_language: &'static str,
    pub settings_large_text: &'static str,
    pub settings_large_text_hint: &'static str,
    pub settings_saved_here: &'static str,
    pub settings_unreadable: &'static str,
    pub settings_storage_unavailable: &'static str,
    /// The browser did not agree to keep this site's data under pressure.
    pub settings_storage_not_kept: &'static str,

    pub not_found_title: &'static str,
    pub not_found_back: &'static str,
    /// While a screen's part of the app is being fetched.
    pub screen_loading: &'static str,
    /// A part of the app (a screen, the notice board) could not be fetched.
    pub screen_unavailable: &'static str,
    pub screen_try_again: &'static str,
    /// A change needs the app's rules, which could not be fetched.
    pub problem_rules_unavailable: &'static str,
    /// Why an amount typed in yuan cannot be sent (`YuanError`).
    pub money_empty: &'static str,
    pub money_not_a_number: &'static str,
    pub money_negative: &'static str,
    pub money_too_many_decimals: &'static str,
    pub money_too_large: &'static str,

    pub status_pending: fn(usize) -> String,
    pub status_synced_at: fn(&str) -> String,
    /// Month, day, "HH:MM", days ago: a last sync before today.
    pub status_synced_on: fn(u32, u32, &str, u32) -> String,
    /// A network, but the server does not answer.
    pub status_server_unreachable: &'static str,
    pub status_never_synced: &'static str,
    pub status_syncing: &'static str,
    pub status_progress: fn(u64, u64) -> String,
    /// The phone's clock is this many minutes ahead (negative: behind) of the server's.
    pub status_clock_off: fn(i64) -> String,
    pub sync_now: &'static str,

    pub problem_offline: &'static str,
    pub problem_unauthorized: &'static str,
    pub problem_signed_out: &'static str,
    pub problem_too_many: &'static str,
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
    pub join_used: &'static str,
    pub join_expired: &'static str,
    pub join_left: &'static str,
    pub join_too_many: fn(u64) -> String,
    pub rejoin_title: &'static str,

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
    /// Signing out refused: this many changes could not be sent first.
    pub account_sign_out_unsent: fn(usize) -> String,
    pub role_names: [&'static str; 7],
    /// Between the items of a list in running text.
    pub list_separator: &'static str,

    pub register_title: &'static str,
    pub register_name_label: &'static str,
    pub register_role_label: &'static str,
    pub register_button: &'static str,
    pub register_code_hint: &'static str,
    pub register_no_codes: &'static str,
    pub register_codes_left: fn(usize) -> String,
    pub register_done: fn(&str) -> String,
    pub scan: &'static str,
    pub rejection_price_mismatch: &'static str,
    pub rejection_too_late: &'static str,
    pub rejection_insufficient_balance: &'static str,
    pub rejection_sold_out: &'static str,
    pub rejection_wrong_stage: &'static str,
    pub rejection_not_eligible: &'static str,
    pub rejection_already_voted: &'static str,
    pub rejection_vote_not_open: &'static str,
    pub rejection_vote_still_open: &'static str,
    pub rejection_activity_full: &'static str,
    pub rejection_last_admin: &'static str,
    pub rejection_not_today: &'static str,
}

pub const ZH: Texts = Texts {
    app_name: "邻里",
    skip_to_content: "跳到正文",
    read_aloud: "朗读",
    read_aloud_unavailable: "这部手机不能朗读中文：手机里没有中文语音。可以在手机的“文字转语音”设置里下载中文语音，或请家人帮忙读。",

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
    nav_services: "便民服务",
    home_services_summary: "预约上门、代办代缴代购、恶劣天气休息点、政策查询",
    nav_village: "村务公开",
    home_village_summary: "集体收支和分红、问卷、消防安全排查、村委会数字",
    home_offline_note: "第一次打开后，断网也能进入本应用。",

    settings_title: "设置",
    settings_language: "语言",
    settings_large_text: "大字体、高对比",
    settings_large_text_hint: "字更大、颜色更分明，方便老年人阅读",
    settings_saved_here: "设置保存在本机上。",
    settings_unreadable: "本机保存的设置无法读取，已改用默认设置。",
    settings_storage_unavailable: "本机浏览器不能保存设置（可能是无痕模式或存储已满），关闭页面后设置会恢复默认。",
    settings_storage_not_kept: "浏览器没有答应长期保存本机数据：手机空间不足时，它可能清除还没发送的改动。把本应用添加到主屏幕（安装）后，浏览器通常就会答应；在那之前，请尽量联网把改动发送出去。",

    not_found_title: "没有找到这个页面",
    not_found_back: "回到首页",
    screen_loading: "正在打开……",
    screen_unavailable: "这部分还没有下载到本机，现在也连不上网络。联网后再试一次；下载过一次以后，断网也能打开。",
    screen_try_again: "再试一次",
    problem_rules_unavailable: "这项改动需要的程序还没有下载到本机，现在也连不上网络。联网后再试一次；什么都没有改。",
    money_empty: "请填写金额（元）。",
    money_not_a_number: "金额请只写数字，例如 12 或 4.50。",
    money_negative: "金额不能是负数。",
    money_too_many_decimals: "金额最多到分：小数点后最多两位。",
    money_too_large: "金额太大了，请核对后再填。",

    status_pending: |n| format!("{n} 项待同步"),
    status_synced_at: |time| format!("上次同步 {time}"),
    status_synced_on: |month, day, time, days| format!("上次同步 {month}月{day}日 {time}（{days}天前）"),
    status_server_unreachable: "连不上服务器",
    status_never_synced: "尚未同步",
    status_syncing: "正在同步…",
    status_progress: |done, all| format!("正在同步 {done}/{all}"),
    status_clock_off: |minutes| {
        let (way, by) = if minutes > 0 { ("快", minutes) } else { ("慢", -minutes) };
        format!("这部手机的时间比服务器{way}了{by}分钟。订餐截止、投票截止都以服务器时间为准：请在手机设置里把时间改为自动设置。")
    },
    sync_now: "立即同步",

    problem_offline: "连不上服务器。改动已保存在本机，联网后自动同步。",
    problem_unauthorized: "本机的登录已失效，请退出后用新的邀请码重新加入。",
    problem_signed_out: "这台设备已退出登录（您在别的设备上让它退出，或社区为您退出）。还没发出的改动留在本机：请在“设置”里用新的邀请码重新加入，加入后会发出去。",
    problem_too_many: "一时请求太多，稍后会自动再试。",
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
    join_hint: "请输入社区工作人员给您的邀请码（12位字母和数字，中间的横线可以不输）。",
    join_code_label: "邀请码",
    join_button: "加入",
    join_unknown: "邀请码不对，或者已经作废。请核对后再输入一次。",
    join_offline: "加入社区需要联网，请连上网络后再试。",
    join_used: "这个邀请码已经用过了。每个邀请码只能用一次，请找社区工作人员要一个新的。",
    join_expired: "这个邀请码已经过期，请找社区工作人员要一个新的。",
    join_left: "这位成员已登记为离开社区，不能再加入。",
    join_too_many: |seconds| match seconds {
        0..60 => format!("试的次数太多了，请 {} 秒后再试。", seconds.max(1)),
        _ => format!("试的次数太多了，请 {} 分钟后再试。", seconds.div_ceil(60)),
    },
    rejoin_title: "重新加入这台设备",

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
    account_sign_out_unsent: |n| format!("还有 {n} 项改动没能发到服务器，现在退出会丢掉它们，所以先不退出。请联网后再点“退出登录”：会先把改动发出去。"),
    list_separator: "、",
    role_names: ["居民", "食堂工作人员", "网格员", "志愿者", "村（社区）干部", "管理员", "萌宝驿站工作人员"],

    register_title: "登记新成员",
    register_name_label: "姓名",
    register_role_label: "身份",
    register_button: "登记并生成邀请码",
    register_code_hint: "请把邀请码交给新成员：扫描二维码，或在“加入社区”里输入邀请码。邀请码30天内有效，只能用一次。",
    register_no_codes: "本机没有可用的邀请码了。请联网同步一次，应用会自动领取新的邀请码。",
    register_codes_left: |n| format!("本机还有 {n} 个邀请码可用（不联网也能登记）。"),
    register_done: |name| format!("已登记：{name}"),
    scan: "扫码",
    rejection_price_mismatch: "价格有变化，请重新确认后下单。",
    rejection_too_late: "已经过了截止时间。",
    rejection_insufficient_balance: "余额不足，请先到柜台充值。",
    rejection_sold_out: "这道菜今天已经订完了。",
    rejection_wrong_stage: "现在不能做这一步(不在这个阶段，或已经做过了)。",
    rejection_not_eligible: "您不在这次投票的选民名单上。",
    rejection_already_voted: "您已经在现场会议上投过票了。",
    rejection_vote_not_open: "投票还没有开始。",
    rejection_vote_still_open: "投票还没有截止，截止后才能计票。",
    rejection_activity_full: "这个活动的名额已经满了。",
    rejection_last_admin: "社区至少要保留一位在任的管理员。",
    rejection_not_today: "这份订单不是今天的：只能在用餐当天取餐或送达。请核对订单的日期。",
};

pub const EN: Texts = Texts {
    app_name: "Linli",
    skip_to_content: "Skip to content",
    read_aloud: "Read aloud",
    read_aloud_unavailable: "This phone cannot read aloud in English: it has no English voice. A voice can be added in the phone's text-to-speech settings.",

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
    nav_services: "Community services",
    home_services_summary: "Home visits, errands, payments and shopping done for you, the bad-weather rest area, policy look-up",
    nav_village: "Village affairs",
    home_village_summary: "The collective's accounts and dividends, questionnaires, fire-safety patrols, the committee's figures",
    home_offline_note: "After the first visit this app opens even with the network cut.",

    settings_title: "Settings",
    settings_language: "Language",
    settings_large_text: "Large text, high contrast",
    settings_large_text_hint: "Bigger letters and stronger colours for easier reading",
    settings_saved_here: "Settings are saved on this device.",
    settings_unreadable: "The settings saved on this device could not be read; the defaults are in use.",
    settings_storage_unavailable: "This browser cannot save settings (private mode or full storage?); they return to the defaults when the page closes.",
    settings_storage_not_kept: "The browser has not agreed to keep this app's data: when the phone runs short of space it may delete changes not yet sent. Installing the app (add it to the home screen) usually makes it agree; until then, get online to send your changes when you can.",

    not_found_title: "Page not found",
    not_found_back: "Back to Home",
    screen_loading: "Opening…",
    screen_unavailable: "This part of the app is not on this device yet, and the network cannot be reached. Try again when online; once it has been downloaded it opens offline too.",
    screen_try_again: "Try again",
    problem_rules_unavailable: "This change needs a part of the app that is not on this device yet, and the network cannot be reached. Try again when online; nothing was changed.",
    money_empty: "Enter an amount in yuan.",
    money_not_a_number: "Write the amount in figures only, such as 12 or 4.50.",
    money_negative: "An amount cannot be below zero.",
    money_too_many_decimals: "Amounts go down to the fen: at most two decimals.",
    money_too_large: "That amount is too large; please check it.",

    status_pending: |n| format!("{n} to sync"),
    status_synced_at: |time| format!("Synced {time}"),
    status_synced_on: |month, day, time, days| {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = MONTHS[(month.clamp(1, 12) - 1) as usize];
        let ago = if days == 1 { "yesterday".to_owned() } else { format!("{days} days ago") };
        format!("Synced {month} {day}, {time} ({ago})")
    },
    status_server_unreachable: "Server not answering",
    status_never_synced: "Not synced yet",
    status_syncing: "Syncing…",
    status_progress: |done, all| format!("Syncing {done}/{all}"),
    status_clock_off: |minutes| {
        let (way, by) = if minutes > 0 { ("ahead of", minutes) } else { ("behind", -minutes) };
        format!("This phone's clock is {by} minutes {way} the server's. Ordering and voting deadlines follow the server's time: set the phone's clock to automatic.")
    },
    sync_now: "Sync now",

    problem_offline: "Cannot reach the server. Your changes are saved on this device and will sync when online.",
    problem_unauthorized: "This device's sign-in is no longer valid. Sign out and join again with a new invite code.",
    problem_signed_out: "This device was signed out (from another of your devices, or by the committee). The changes it has not sent are kept here: join again with a new invite code under Settings, and they will be sent.",
    problem_too_many: "Too many requests for now; the app will try again shortly.",
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
    join_hint: "Enter the invite code your community office gave you (12 letters and digits; the dashes may be left out).",
    join_code_label: "Invite code",
    join_button: "Join",
    join_unknown: "This invite code is wrong or was withdrawn. Please check it and type it again.",
    join_offline: "Joining needs a network connection. Please try again when online.",
    join_used: "This invite code has been used. Each code works once: please ask the community office for a new one.",
    join_expired: "This invite code has expired: please ask the community office for a new one.",
    join_left: "This member is recorded as having left the community and cannot join.",
    join_too_many: |seconds| match seconds {
        0..60 => format!("Too many tries: please try again in {} seconds.", seconds.max(1)),
        _ => format!("Too many tries: please try again in {} minutes.", seconds.div_ceil(60)),
    },
    rejoin_title: "Join this device again",

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
    account_sign_out_unsent: |n| format!("{n} changes could not be sent to the server, and signing out now would lose them, so you are still signed in. Connect and tap Sign out again: it sends them first."),
    list_separator: ", ",
    role_names: ["Resident", "Canteen staff", "Grid worker", "Volunteer", "Officer", "Administrator", "Childcare station staff"],

    register_title: "Register a member",
    register_name_label: "Name",
    register_role_label: "Role",
    register_button: "Register and make an invite code",
    register_code_hint: "Give the new member this code: they scan the QR code or type the code under “Join your community”. It works once, for 30 days.",
    register_no_codes: "This device has no invite codes left. Sync once with a network and the app fetches new ones.",
    register_codes_left: |n| format!("{n} invite codes left on this device (registering works offline)."),
    register_done: |name| format!("Registered: {name}"),
    scan: "Scan",
    rejection_price_mismatch: "The price has changed; please check it and order again.",
    rejection_too_late: "The deadline has passed.",
    rejection_insufficient_balance: "Not enough balance; please top up at the counter.",
    rejection_sold_out: "This dish is sold out for the day.",
    rejection_wrong_stage: "This step is not possible now (wrong stage, or already done).",
    rejection_not_eligible: "You are not in this vote's electorate.",
    rejection_already_voted: "You already voted at a meeting for this vote.",
    rejection_vote_not_open: "Voting has not started yet.",
    rejection_vote_still_open: "Voting is still open; it can be counted after the close.",
    rejection_activity_full: "This activity is full.",
    rejection_last_admin: "The community must keep at least one active administrator.",
    rejection_not_today: "This order is not for today: a meal is picked up or delivered on its own day. Check the order's date.",
};

impl Texts {
    /// The member-facing name of a role.
    /// Roles as a list people read: "居民、志愿者".
    pub fn role_list<'a>(&self, roles: impl IntoIterator<Item = &'a linli_core::Role>) -> String {
        roles
            .into_iter()
            .map(|role| self.role_name(*role))
            .collect::<Vec<_>>()
            .join(self.list_separator)
    }

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
            linli_core::RejectionCode::WrongStage => self.rejection_wrong_stage,
            linli_core::RejectionCode::NotEligible => self.rejection_not_eligible,
            linli_core::RejectionCode::AlreadyVoted => self.rejection_already_voted,
            linli_core::RejectionCode::VoteNotOpen => self.rejection_vote_not_open,
            linli_core::RejectionCode::VoteStillOpen => self.rejection_vote_still_open,
            linli_core::RejectionCode::ActivityFull => self.rejection_activity_full,
            linli_core::RejectionCode::LastAdmin => self.rejection_last_admin,
            linli_core::RejectionCode::NotToday => self.rejection_not_today,
        }
    }
}
