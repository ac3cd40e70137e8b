//! The strings of the community services screens, in each language the app
//! speaks. A table of its own, like each module's: it travels in the
//! module's part of the wasm. A field missing in one language is a compile
//! error.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! # fn example() -> impl IntoView {
//! let t = linli::services::i18n::texts();
//! view! { <h1>{t.title}</h1> }
//! # }
//! ```

use linli_core::services::records::{RequestStatus, ServiceKind, Weather};

use crate::i18n::in_current_lang;

pub fn texts() -> &'static Texts {
    in_current_lang(&ZH, &EN)
}

/// One language's strings of the services screens.
pub struct Texts {
    pub title: &'static str,
    pub intro: &'static str,
    pub sign_in_hint: &'static str,
    pub kinds: [&'static str; 5],
    pub statuses: [&'static str; 5],
    pub weathers: [&'static str; 3],

    pub catalogue: &'static str,
    pub no_services: &'static str,
    pub at_home: &'static str,
    pub bring: &'static str,
    pub provider: &'static str,
    pub request: &'static str,
    pub request_for: &'static str,
    pub myself: &'static str,
    pub preferred_date: &'static str,
    pub preferred_from: &'static str,
    pub preferred_until: &'static str,
    pub address: &'static str,
    pub address_hint: &'static str,
    pub phone: &'static str,
    pub note: &'static str,
    pub send_request: &'static str,
    pub requested: &'static str,
    pub private_note: &'static str,

    pub my_requests: &'static str,
    pub no_requests: &'static str,
    pub entered_by: fn(&str) -> String,
    pub scheduled: fn(&str) -> String,
    pub volunteer: fn(&str) -> String,
    pub cancel: &'static str,
    pub confirm_done: &'static str,
    pub stars_label: &'static str,
    pub feedback_label: &'static str,
    pub purchase_line: fn(&str, &str, &str, &str) -> String,
    pub settled_balance: &'static str,
    pub settled_cash: &'static str,
    pub feedback_line: fn(u8, &str) -> String,

    pub queue: &'static str,
    pub queue_empty: &'static str,
    pub schedule_at: &'static str,
    pub assign: &'static str,
    pub nobody: &'static str,
    pub confirm: &'static str,

    pub assignments: &'static str,
    pub assignments_empty: &'static str,
    pub started: &'static str,
    pub ended: &'static str,
    pub done_note: &'static str,
    pub items: &'static str,
    pub spent: &'static str,
    pub receipt: &'static str,
    pub settle_balance: &'static str,
    pub settle_cash: &'static str,
    pub mark_done: &'static str,
    pub times_hint: &'static str,

    pub shelter_open: fn(&str, &str) -> String,
    pub shelter_on_hand: fn(&str) -> String,
    pub shelter_keeper: &'static str,
    pub shelter_weather: &'static str,
    pub shelter_place: &'static str,
    pub shelter_place_default: &'static str,
    pub shelter_on_hand_label: &'static str,
    pub shelter_on_hand_default: &'static str,
    pub open_shelter: &'static str,
    pub update_shelter: &'static str,
    pub close_shelter: &'static str,
    pub shelter_closed: &'static str,

    pub policies: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub no_results: &'static str,
    pub effective: fn(&str, &str) -> String,
    pub where_to_apply: fn(&str) -> String,
    pub faq_label: &'static str,
    pub all_policies: fn(usize) -> String,
    pub publish: &'static str,
    pub policy_title: &'static str,
    pub policy_body: &'static str,
    pub policy_category: &'static str,
    pub policy_from: &'static str,
    pub policy_until: &'static str,
    pub policy_where: &'static str,
    pub withdraw: &'static str,

    pub ask: &'static str,
    pub ask_label: &'static str,
    pub ask_public: &'static str,
    pub ask_send: &'static str,
    pub my_questions: &'static str,
    pub waiting_answer: &'static str,
    pub answer_label: &'static str,
    pub answer_send: &'static str,
    pub questions_to_answer: &'static str,
    pub public_question: &'static str,
    pub private_question: &'static str,
}

impl Texts {
    pub fn kind(&self, kind: ServiceKind) -> &'static str {
        self.kinds[ServiceKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    pub fn status(&self, status: RequestStatus) -> &'static str {
        self.statuses[match status {
            RequestStatus::Requested => 0,
            RequestStatus::Confirmed => 1,
            RequestStatus::Done => 2,
            RequestStatus::Closed => 3,
            RequestStatus::Cancelled => 4,
        }]
    }

    pub fn weather(&self, weather: Weather) -> &'static str {
        self.weathers[Weather::ALL.iter().position(|w| *w == weather).unwrap_or(0)]
    }
}

pub const ZH: Texts = Texts {
    title: "便民服务",
    intro: "预约上门服务，请人代办、代缴、代购，查政策、问问题。没有网络也能先填好，联网后自动送出。",
    sign_in_hint: "加入社区后，就能在这里预约服务、查政策。",
    kinds: ["预约上门", "代办业务", "代缴费用", "入户认证", "代购"],
    statuses: [
        "已预约，等待安排",
        "已安排",
        "已办完，请确认",
        "已确认完成",
        "已取消",
    ],
    weathers: ["高温", "暴雨大风", "寒冷"],

    catalogue: "可以预约的服务",
    no_services: "社区还没有登记可以预约的服务。",
    at_home: "上门服务",
    bring: "请准备：",
    provider: "提供：",
    request: "预约这项服务",
    request_for: "为谁预约",
    myself: "我自己",
    preferred_date: "希望哪天",
    preferred_from: "从几点",
    preferred_until: "到几点",
    address: "上门地址",
    address_hint: "上门服务要写地址，例如：3号楼2单元101。",
    phone: "联系电话（可不填）",
    note: "想说明的情况（可不填）",
    send_request: "提交预约",
    requested: "预约已保存，工作人员安排好时间后会在这里显示。",
    private_note: "地址和电话只有工作人员、网格员、干部和上门的志愿者能看到。",

    my_requests: "我的预约",
    no_requests: "还没有预约。",
    entered_by: |name| format!("由{name}代为预约"),
    scheduled: |at| format!("安排在 {at}"),
    volunteer: |name| format!("上门志愿者：{name}"),
    cancel: "取消预约",
    confirm_done: "确认已经办好",
    stars_label: "满意程度（1到5颗星）",
    feedback_label: "想说的话（可不填）",
    purchase_line: |items, spent, receipt, how| {
        format!("代购：{items}；实际花费 {spent}，小票金额 {receipt}（{how}）")
    },
    settled_balance: "从余额中扣",
    settled_cash: "当面付现金",
    feedback_line: |stars, text| {
        format!(
            "评价：{}{}",
            "★".repeat(stars as usize),
            if text.is_empty() {
                String::new()
            } else {
                format!(" {text}")
            }
        )
    },

    queue: "待安排的预约",
    queue_empty: "没有待安排的预约。",
    schedule_at: "安排时间",
    assign: "派哪位志愿者",
    nobody: "（工作人员自己去）",
    confirm: "确认安排",

    assignments: "派给我的服务",
    assignments_empty: "现在没有派给您的服务。",
    started: "开始时间",
    ended: "结束时间",
    done_note: "办理情况",
    items: "买了什么",
    spent: "实际花费（元）",
    receipt: "小票金额（元）",
    settle_balance: "从居民余额中扣",
    settle_cash: "当面收现金",
    mark_done: "标记为已办完",
    times_hint: "时间按半小时计入志愿服务时长。",

    shelter_open: |weather, place| format!("{weather}天气，{place}开放休息，欢迎进来歇歇脚。"),
    shelter_on_hand: |items| format!("备有：{items}"),
    shelter_keeper: "恶劣天气休息点",
    shelter_weather: "什么天气",
    shelter_place: "地点",
    shelter_place_default: "社区食堂休息区",
    shelter_on_hand_label: "备有什么",
    shelter_on_hand_default: "热水、防暑茶、姜茶、应急药品",
    open_shelter: "开放休息点",
    update_shelter: "更新休息点信息",
    close_shelter: "关闭休息点",
    shelter_closed: "休息点现在没有开放。",

    policies: "政策查询",
    search: "搜索政策和问答",
    search_hint: "输入关键词，例如：医保、助餐、居住证",
    no_results: "没有找到。可以换个词再试，或者在下面直接问工作人员。",
    effective: |from, until| format!("有效期：{from} 至 {until}"),
    where_to_apply: |place| format!("去哪里办：{place}"),
    faq_label: "问答",
    all_policies: |n| format!("全部政策（{n}条）"),
    publish: "发布政策",
    policy_title: "标题",
    policy_body: "内容",
    policy_category: "类别（如：养老、医保、就业）",
    policy_from: "生效日期（可不填）",
    policy_until: "截止日期（可不填）",
    policy_where: "去哪里办（可不填）",
    withdraw: "撤下",

    ask: "问工作人员",
    ask_label: "您的问题",
    ask_public: "可以公开（回答后别人也能搜到，不显示您的名字）",
    ask_send: "提问",
    my_questions: "我问过的问题",
    waiting_answer: "等待回答",
    answer_label: "回答",
    answer_send: "回答",
    questions_to_answer: "待回答的问题",
    public_question: "可公开",
    private_question: "不公开",
};

pub const EN: Texts = Texts {
    title: "Community services",
    intro: "Book a home visit, ask for errands, payments or shopping done for you, look up policies and ask questions. It works offline: fill it in now, it is sent once online.",
    sign_in_hint: "Once you have joined your community, book services and look up policies here.",
    kinds: ["Home visit", "Errand", "Payment", "Residence check", "Shopping"],
    statuses: ["Requested, waiting for a time", "Scheduled", "Done, please confirm", "Confirmed done", "Cancelled"],
    weathers: ["Heat", "Storm", "Cold"],

    catalogue: "Services you can book",
    no_services: "Your community has not listed any services yet.",
    at_home: "At your home",
    bring: "Have ready: ",
    provider: "By: ",
    request: "Book this service",
    request_for: "For whom",
    myself: "Myself",
    preferred_date: "Which day",
    preferred_from: "From",
    preferred_until: "Until",
    address: "Address for the visit",
    address_hint: "A home service needs the address, e.g. Building 3, Unit 2, No. 101.",
    phone: "Phone (optional)",
    note: "Anything to explain (optional)",
    send_request: "Send the request",
    requested: "Request saved. The time staff arrange for it will show here.",
    private_note: "Only staff, grid workers, officers and the volunteer who comes see the address and phone.",

    my_requests: "My requests",
    no_requests: "No requests yet.",
    entered_by: |name| format!("booked for you by {name}"),
    scheduled: |at| format!("Scheduled for {at}"),
    volunteer: |name| format!("Volunteer coming: {name}"),
    cancel: "Cancel the request",
    confirm_done: "Confirm it is done",
    stars_label: "How satisfied (1 to 5 stars)",
    feedback_label: "Anything to say (optional)",
    purchase_line: |items, spent, receipt, how| format!("Shopping: {items}; spent {spent}, receipt {receipt} ({how})"),
    settled_balance: "from the balance",
    settled_cash: "paid in cash",
    feedback_line: |stars, text| format!("Feedback: {}{}", "★".repeat(stars as usize), if text.is_empty() { String::new() } else { format!(" {text}") }),

    queue: "Requests to schedule",
    queue_empty: "No requests waiting.",
    schedule_at: "Time",
    assign: "Volunteer",
    nobody: "(staff go themselves)",
    confirm: "Schedule",

    assignments: "Services assigned to me",
    assignments_empty: "Nothing is assigned to you now.",
    started: "Started",
    ended: "Finished",
    done_note: "What was done",
    items: "What was bought",
    spent: "Spent (yuan)",
    receipt: "Receipt amount (yuan)",
    settle_balance: "From the resident's balance",
    settle_cash: "Cash at the door",
    mark_done: "Mark as done",
    times_hint: "The time counts toward service hours by the half-hour rule.",

    shelter_open: |weather, place| format!("{weather}: {place} is open to rest. Come in and take a break."),
    shelter_on_hand: |items| format!("On hand: {items}"),
    shelter_keeper: "Bad-weather rest area",
    shelter_weather: "Weather",
    shelter_place: "Place",
    shelter_place_default: "Community canteen rest area",
    shelter_on_hand_label: "On hand",
    shelter_on_hand_default: "Hot water, cooling tea, ginger tea, first-aid medicine",
    open_shelter: "Open the rest area",
    update_shelter: "Update the rest area",
    close_shelter: "Close the rest area",
    shelter_closed: "The rest area is not open now.",

    policies: "Policy look-up",
    search: "Search policies and answers",
    search_hint: "Type a word, e.g. 医保, 助餐, 居住证",
    no_results: "Nothing found. Try another word, or ask the staff below.",
    effective: |from, until| format!("In force: {from} to {until}"),
    where_to_apply: |place| format!("Where to apply: {place}"),
    faq_label: "Q&A",
    all_policies: |n| format!("All policies ({n})"),
    publish: "Publish a policy",
    policy_title: "Title",
    policy_body: "Text",
    policy_category: "Category (e.g. elderly care, medical insurance, jobs)",
    policy_from: "In force from (optional)",
    policy_until: "In force until (optional)",
    policy_where: "Where to apply (optional)",
    withdraw: "Withdraw",

    ask: "Ask the staff",
    ask_label: "Your question",
    ask_public: "May be made public (once answered others can find it; your name is not shown)",
    ask_send: "Ask",
    my_questions: "My questions",
    waiting_answer: "Waiting for an answer",
    answer_label: "Answer",
    answer_send: "Answer",
    questions_to_answer: "Questions to answer",
    public_question: "may be public",
    private_question: "private",
};
