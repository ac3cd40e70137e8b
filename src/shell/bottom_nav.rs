//! The bottom navigation bar: five large targets within a thumb's reach.

use leptos::prelude::*;

use crate::i18n::{texts, Texts};

/// One entry of the bar: where it goes, its icon (an SVG path on a 24×24
/// grid, drawn here so that a phone without an emoji font shows it), and
/// its label's field.
struct NavItem {
    href: &'static str,
    icon: &'static str,
    test_id: &'static str,
    label: fn(&Texts) -> &'static str,
}

const NAV_ITEMS: [NavItem; 5] = [
    NavItem {
        href: "/",
        icon: "M12 3 2 12h3v8h5v-6h4v6h5v-8h3L12 3z",
        test_id: "nav-home",
        label: |t| t.nav_home,
    },
    NavItem {
        href: "/canteen",
        icon: "M3 11h18a9 9 0 0 1-18 0zm2-4h14v2H5V7zm3-4h2v3H8V3zm3 0h2v3h-2V3zm3 0h2v3h-2V3z",
        test_id: "nav-canteen",
        label: |t| t.nav_canteen,
    },
    NavItem {
        href: "/rules",
        icon: "M6 2h10l4 4v16H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm1 5v2h10V7H7zm0 4v2h10v-2H7zm0 4v2h7v-2H7z",
        test_id: "nav-rules",
        label: |t| t.nav_rules,
    },
    NavItem {
        href: "/volunteers",
        icon: "M8 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm8 0a3 3 0 1 1 0-6 3 3 0 0 1 0 6zM1 20c0-3.3 3.1-6 7-6s7 2.7 7 6H1zm15 0c0-1.9-.7-3.6-1.9-4.9A6 6 0 0 1 23 20h-7z",
        test_id: "nav-volunteers",
        label: |t| t.nav_volunteers,
    },
    NavItem {
        href: "/settings",
        icon: "M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7 7 0 0 0-1.7-1L15 3h-4l-.4 2.9a7 7 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7 7 0 0 0 1.7 1L11 21h4l.4-2.9a7 7 0 0 0 1.7-1l2.5 1 2-3.5-2.2-1.6zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z",
        test_id: "nav-settings",
        label: |t| t.nav_settings,
    },
];

/// The app's main navigation. The current entry is marked with
/// `aria-current="page"`, which the stylesheet highlights.
#[component]
pub fn BottomNav() -> impl IntoView {
    let t = texts();
    let path = super::use_path();
    view! {
        <nav class="bottom-nav" aria-label=t.nav_label>
            {NAV_ITEMS
                .iter()
                .map(|item| {
                    let label = item.label;
                    let href = item.href;
                    view! {
                        <a
                            href=href
                            aria-current=move || super::is_current(&path.get(), href).then_some("page")
                            data-testid=item.test_id
                        >
                            <svg class="nav-icon" aria-hidden="true" viewBox="0 0 24 24" fill="currentColor"><path d=item.icon /></svg>
                            <span class="nav-label">{move || label(t)}</span>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
