//! The strings of a shared device's screens (the chooser, PINs, locking,
//! a code for the member's other phone), in each language the app speaks.
//! A table of its own, like the members screens' (`crate::members::i18n`):
//! only these parts read it, and they load on their own.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! # fn example() -> impl IntoView {
//! let t = linli::account::i18n::texts();
//! view! { <h2>{t.chooser_title}</h2> }
//! # }
//! ```

use crate::i18n::in_current_lang;
use crate::store::device_members::LockAfter;

/// The current language's strings of these parts.
pub fn texts() -> &'static Texts {
    in_current_lang(&ZH, &EN)
}

/// One language's strings of a shared device's parts.
pub struct Texts {
    pub chooser_title: &'static str,
    pub chooser_hint: &'static str,
    pub chooser_unnamed: &'static str,
    pub chooser_unsent: fn(usize) -> String,
    pub chooser_has_pin: &'static str,
    pub chooser_add: &'static str,
    pub chooser_cancel: &'static str,
    pub pin_enter: fn(&str) -> String,
    pub pin_open: &'static str,
    pub pin_wrong: fn(u32) -> String,
    pub pin_wait: fn(u32) -> String,
    pub pin_title: &'static str,
    pub pin_intro: &'static str,
    pub pin_label: &'static str,
    pub pin_set: &'static str,
    pub pin_change: &'static str,
    pub pin_remove: &'static str,
    pub pin_is_set: &'static str,
    pub pin_none: &'static str,
    pub pin_shape: &'static str,
    pub pin_saved: &'static str,
    pub pin_removed: &'static str,
    pub lock_label: &'static str,
    pub lock_hint: &'static str,
    pub lock_never: &'static str,
    pub lock_seconds: fn(u32) -> String,
    pub switch_member: &'static str,
    pub switch_hint: fn(usize) -> String,
    pub link_title: &'static str,
    pub link_intro: &'static str,
    pub link_make: &'static str,
    pub link_code: &'static str,
    pub link_valid: &'static str,
    pub link_empty_pad: &'static str,
}

impl Texts {
    pub fn lock_choice(&self, choice: LockAfter) -> String {
        match choice {
            LockAfter::Never => self.lock_never.to_owned(),
            LockAfter::Seconds(seconds) => (self.lock_seconds)(seconds),
        }
    }
}

pub const ZH: Texts = Texts {
    chooser_title: "谁在用这台设备？",
    chooser_hint: "点您的名字。每个人的记录分开保存，别人看不到您的订单和选票。",
    chooser_unnamed: "（还没有同步名字）",
    chooser_unsent: |n| format!("{n}项改动还没发出，点名字打开后联网就会发送"),
    chooser_has_pin: "要输入密码",
    chooser_add: "把另一位成员加到这台设备",
    chooser_cancel: "取消",
    pin_enter: |name| format!("请输入{name}的密码（4到6位数字）"),
    pin_open: "打开",
    pin_wrong: |left| format!("密码不对，还可以再试{left}次。"),
    pin_wait: |seconds| format!("输错太多次，请等{seconds}秒再试，或请工作人员帮忙。"),
    pin_title: "这台设备上的密码",
    pin_intro:
        "几个人共用一台平板时，设个4到6位数字的密码，别人就不能用您的名字下单或投票。密码只存在这台设备上。",
    pin_label: "新密码（4到6位数字）",
    pin_set: "设置密码",
    pin_change: "修改密码",
    pin_remove: "不要密码",
    pin_is_set: "已设密码：在这台设备上打开您的账号要先输入密码。",
    pin_none: "还没有设密码。",
    pin_shape: "密码要是4到6位数字，请重新输入。",
    pin_saved: "密码已保存。",
    pin_removed: "密码已取消。",
    lock_label: "多久不用就回到选人页面",
    lock_hint: "食堂柜台的平板选“30秒”，下一位就看不到上一位的账号。",
    lock_never: "不自动回去（自己的手机）",
    lock_seconds: |seconds| {
        if seconds < 60 {
            format!("{seconds}秒不碰")
        } else {
            format!("{}分钟不碰", seconds / 60)
        }
    },
    switch_member: "换人使用（回到选人页面）",
    switch_hint: |n| format!("这台设备上有{n}位成员。"),
    link_title: "在另一部手机上登录",
    link_intro:
        "给您自己的另一部手机一个加入码：在那部手机上输入它，就用您的账号登录。加入码一天内有效，只能用一次。",
    link_make: "生成加入码",
    link_code: "加入码",
    link_valid: "一天内在另一部手机上输入。",
    link_empty_pad: "这台设备上已经没有可用的加入码了，联网后再点一次。",
};

pub const EN: Texts = Texts {
    chooser_title: "Who is using this device?",
    chooser_hint: "Tap your name. Each person's records are kept apart: no one else sees your orders or your ballot.",
    chooser_unnamed: "(name not synced yet)",
    chooser_unsent: |n| {
        if n == 1 {
            "1 change not sent yet: open this member and it is sent once online".to_owned()
        } else {
            format!("{n} changes not sent yet: open this member and they are sent once online")
        }
    },
    chooser_has_pin: "PIN required",
    chooser_add: "Add another member to this device",
    chooser_cancel: "Cancel",
    pin_enter: |name| format!("Enter {name}'s PIN (4 to 6 digits)"),
    pin_open: "Open",
    pin_wrong: |left| format!("That PIN is wrong. {left} tries left."),
    pin_wait: |seconds| format!("Too many wrong tries. Wait {seconds} seconds, or ask a staff member."),
    pin_title: "PIN on this device",
    pin_intro: "When several people share a tablet, a PIN of 4 to 6 digits stops others ordering or voting in your name. It is kept on this device only.",
    pin_label: "New PIN (4 to 6 digits)",
    pin_set: "Set PIN",
    pin_change: "Change PIN",
    pin_remove: "No PIN",
    pin_is_set: "A PIN is set: opening your account on this device asks for it.",
    pin_none: "No PIN is set.",
    pin_shape: "A PIN is 4 to 6 digits. Please type it again.",
    pin_saved: "PIN saved.",
    pin_removed: "PIN removed.",
    lock_label: "Back to the chooser after",
    lock_hint: "At the canteen counter choose \"30 seconds\", so the next person never sees the last one's account.",
    lock_never: "Never (my own phone)",
    lock_seconds: |seconds| {
        if seconds < 60 {
            format!("{seconds} seconds untouched")
        } else {
            format!("{} minutes untouched", seconds / 60)
        }
    },
    switch_member: "Switch member (back to the chooser)",
    switch_hint: |n| {
        if n == 1 {
            "1 member is on this device.".to_owned()
        } else {
            format!("{n} members are on this device.")
        }
    },
    link_title: "Sign in on another phone",
    link_intro: "Give your own other phone a code: typed there, it signs that phone in as you. The code works once, within a day.",
    link_make: "Make a code",
    link_code: "Code",
    link_valid: "Type it on the other phone within a day.",
    link_empty_pad: "This device has no codes left to give; tap again once online.",
};
