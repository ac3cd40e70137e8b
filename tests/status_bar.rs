//! The status bar's words for the last sync, in a browser (they read the
//! device's time zone through JavaScript's Date).

use linli::i18n::{EN, ZH};
use linli::shell::last_sync_text;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A moment in the device's own time zone, in ms since the epoch.
fn local(year: u32, month: i32, day: i32, hour: i32, minute: i32) -> f64 {
    js_sys::Date::new_with_year_month_day_hr_min(year, month - 1, day, hour, minute).get_time()
}

#[wasm_bindgen_test]
fn a_sync_today_shows_its_time_and_an_older_one_its_date_and_how_long_ago() {
    let now = local(2026, 12, 4, 10, 0);
    assert_eq!(
        last_sync_text(&ZH, local(2026, 12, 4, 3, 52), now),
        "上次同步 03:52"
    );
    assert_eq!(
        last_sync_text(&ZH, local(2026, 12, 1, 3, 52), now),
        "上次同步 12月1日 03:52（3天前）"
    );
    // Late yesterday is yesterday, not "0 days ago".
    assert_eq!(
        last_sync_text(&ZH, local(2026, 12, 3, 23, 59), now),
        "上次同步 12月3日 23:59（1天前）"
    );
    assert_eq!(
        last_sync_text(&EN, local(2026, 12, 3, 23, 59), now),
        "Synced Dec 3, 23:59 (yesterday)"
    );
    assert_eq!(
        last_sync_text(&EN, local(2026, 11, 25, 8, 5), now),
        "Synced Nov 25, 08:05 (9 days ago)"
    );
}
