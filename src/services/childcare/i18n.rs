//! The strings of the childcare station's screens, in each language the app
//! speaks. A field missing in one language is a compile error.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! # fn example() -> impl IntoView {
//! let t = linli::services::childcare::i18n::texts();
//! view! { <h2>{t.title}</h2> }
//! # }
//! ```

use linli_core::services::childcare::{BookingStatus, SessionKind};

use crate::i18n::in_current_lang;

pub fn texts() -> &'static Texts {
    in_current_lang(&ZH, &EN)
}

/// One language's strings of the childcare station.
pub struct Texts {
    pub title: &'static str,
    pub not_open: &'static str,
    pub station_line: fn(&str, &str, &str, u32) -> String,
    pub kinds: [&'static str; 3],
    pub statuses: [&'static str; 4],
    pub months: fn(i32) -> String,
    pub private_note: &'static str,

    pub my_children: &'static str,
    pub no_children: &'static str,
    pub add_child: &'static str,
    pub child_name: &'static str,
    pub birth_date: &'static str,
    pub allergies: &'static str,
    pub care_notes: &'static str,
    pub collectors: &'static str,
    pub collectors_hint: &'static str,
    pub collector_name: &'static str,
    pub collector_relation: &'static str,
    pub collector_description: &'static str,
    pub add_collector: &'static str,
    pub save_child: &'static str,
    pub child_saved: &'static str,
    pub allergy_line: fn(&str) -> String,

    pub sessions: &'static str,
    pub no_sessions: &'static str,
    pub session_line: fn(&str, &str, &str, u16, u16, u32) -> String,
    pub sign_up: fn(&str) -> String,
    pub withdraw: fn(&str) -> String,
    pub signed_up: fn(&str) -> String,

    pub care: &'static str,
    pub care_child: &'static str,
    pub care_date: &'static str,
    pub care_from: &'static str,
    pub care_until: &'static str,
    pub places_left: fn(u32) -> String,
    pub book: &'static str,
    pub booked: &'static str,
    pub my_bookings: &'static str,
    pub cancel_booking: &'static str,
    pub handed_over: fn(&str, &str, &str) -> String,
    pub checked_in_at: fn(&str) -> String,

    pub desk: &'static str,
    pub roster: fn(&str) -> String,
    pub roster_empty: &'static str,
    pub in_session: fn(&str) -> String,
    pub check_in: &'static str,
    pub collector_choice: &'static str,
    pub collector_check: &'static str,
    pub hand_over: &'static str,

    pub schedule: &'static str,
    pub session_kind: &'static str,
    pub session_title: &'static str,
    pub session_date: &'static str,
    pub min_months: &'static str,
    pub max_months: &'static str,
    pub session_places: &'static str,
    pub scheduled: &'static str,

    pub settings: &'static str,
    pub station_name: &'static str,
    pub station_place: &'static str,
    pub opens: &'static str,
    pub closes: &'static str,
    pub places_per_slot: &'static str,
    pub save_station: &'static str,
    pub station_saved: &'static str,
}

impl Texts {
    pub fn kind(&self, kind: SessionKind) -> &'static str {
        self.kinds[SessionKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    pub fn status(&self, status: BookingStatus) -> &'static str {
        self.statuses[match status {
            BookingStatus::Booked => 0,
            BookingStatus::CheckedIn => 1,
            BookingStatus::CheckedOut => 2,
            BookingStatus::Cancelled => 3,
        }]
    }
}

pub static ZH: Texts = Texts {
    title: "萌宝驿站",
    not_open: "本社区还没有开设萌宝驿站。",
    station_line: |place, opens, closes, places| {
        format!("{place} · 临时托管 {opens}–{closes}，每个时段 {places} 个名额")
    },
    kinds: ["早教互动", "亲子游乐", "育儿指导"],
    statuses: ["已预约", "在驿站", "已接走", "已取消"],
    months: |months| format!("{months}个月"),
    private_note: "孩子的资料、报名和托管预约只有您和驿站工作人员能看到。",

    my_children: "我的孩子",
    no_children: "还没有登记孩子。登记后可以报名活动、预约临时托管。",
    add_child: "登记孩子",
    child_name: "孩子的名字",
    birth_date: "出生日期",
    allergies: "过敏（没有就空着）",
    care_notes: "照护注意事项",
    collectors: "可以接孩子的人",
    collectors_hint: "驿站只把孩子交给这里写的人。写清外貌特征或手机尾号，工作人员凭此核对，不存照片。",
    collector_name: "姓名",
    collector_relation: "关系（妈妈、奶奶…）",
    collector_description: "外貌特征或手机尾号",
    add_collector: "再加一位",
    save_child: "保存",
    child_saved: "已保存。",
    allergy_line: |allergies| format!("过敏：{allergies}"),

    sessions: "驿站活动",
    no_sessions: "近期没有活动。",
    session_line: |date, from, until, min, max, left| {
        format!("{date} {from}–{until} · {min}–{max}个月 · 还剩 {left} 个名额")
    },
    sign_up: |child| format!("为{child}报名"),
    withdraw: |child| format!("取消{child}的报名"),
    signed_up: |child| format!("{child}已报名"),

    care: "临时托管",
    care_child: "孩子",
    care_date: "日期",
    care_from: "从",
    care_until: "到",
    places_left: |left| format!("这个时间还剩 {left} 个名额"),
    book: "预约托管",
    booked: "已预约：到时把孩子送到驿站签到。",
    my_bookings: "我的托管预约",
    cancel_booking: "取消预约",
    handed_over: |time, name, relation| format!("{time} 交给{name}（{relation}）"),
    checked_in_at: |time| format!("{time} 签到"),

    desk: "驿站工作台",
    roster: |date| format!("{date} 的名单"),
    roster_empty: "这一天没有孩子预约。",
    in_session: |title| format!("参加活动：{title}"),
    check_in: "签到",
    collector_choice: "来接孩子的人",
    collector_check: "先核对来人和下面的描述一致，再确认交接。名单外的人不能接走孩子。",
    hand_over: "确认交给此人",

    schedule: "安排活动",
    session_kind: "活动类型",
    session_title: "活动名称",
    session_date: "日期",
    min_months: "最小月龄",
    max_months: "最大月龄",
    session_places: "名额",
    scheduled: "已安排。",

    settings: "驿站设置",
    station_name: "名称",
    station_place: "地点",
    opens: "开门",
    closes: "关门",
    places_per_slot: "每小时名额",
    save_station: "保存设置",
    station_saved: "已保存。",
};

pub static EN: Texts = Texts {
    title: "Childcare station (萌宝驿站)",
    not_open: "This community has no childcare station yet.",
    station_line: |place, opens, closes, places| {
        format!("{place} · temporary care {opens}–{closes}, {places} places an hour")
    },
    kinds: ["Early education", "Parent–child play", "Parenting guidance"],
    statuses: ["Booked", "At the station", "Collected", "Cancelled"],
    months: |months| format!("{months} months"),
    private_note: "Your children's details, sign-ups and bookings are seen only by you and the station's staff.",

    my_children: "My children",
    no_children: "No child registered yet. Register one to sign up for sessions and book temporary care.",
    add_child: "Register a child",
    child_name: "Child's name",
    birth_date: "Date of birth",
    allergies: "Allergies (leave empty if none)",
    care_notes: "Care notes",
    collectors: "Who may collect the child",
    collectors_hint: "The station hands the child only to the people listed here. Describe each (looks, last digits of their phone): the staff check by that; no photo is kept.",
    collector_name: "Name",
    collector_relation: "Relation (mother, grandmother…)",
    collector_description: "Looks or last digits of their phone",
    add_collector: "Add another person",
    save_child: "Save",
    child_saved: "Saved.",
    allergy_line: |allergies| format!("Allergies: {allergies}"),

    sessions: "Station sessions",
    no_sessions: "No sessions coming up.",
    session_line: |date, from, until, min, max, left| {
        format!("{date} {from}–{until} · {min}–{max} months · {left} places left")
    },
    sign_up: |child| format!("Sign up {child}"),
    withdraw: |child| format!("Withdraw {child}"),
    signed_up: |child| format!("{child} is signed up"),

    care: "Temporary care",
    care_child: "Child",
    care_date: "Date",
    care_from: "From",
    care_until: "Until",
    places_left: |left| format!("{left} places left at that time"),
    book: "Book care",
    booked: "Booked: bring the child to the station to check in.",
    my_bookings: "My bookings",
    cancel_booking: "Cancel booking",
    handed_over: |time, name, relation| format!("{time} handed to {name} ({relation})"),
    checked_in_at: |time| format!("checked in {time}"),

    desk: "Station desk",
    roster: |date| format!("Children on {date}"),
    roster_empty: "No child is booked that day.",
    in_session: |title| format!("Session: {title}"),
    check_in: "Check in",
    collector_choice: "Who is collecting",
    collector_check: "Check the person matches the description below before you hand over. No one off the list may collect the child.",
    hand_over: "Hand over to this person",

    schedule: "Schedule a session",
    session_kind: "Kind",
    session_title: "Title",
    session_date: "Date",
    min_months: "Youngest (months)",
    max_months: "Oldest (months)",
    session_places: "Places",
    scheduled: "Scheduled.",

    settings: "Station settings",
    station_name: "Name",
    station_place: "Place",
    opens: "Opens",
    closes: "Closes",
    places_per_slot: "Places an hour",
    save_station: "Save settings",
    station_saved: "Saved.",
};
