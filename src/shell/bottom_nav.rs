//! The bottom navigation bar: five large targets within a thumb's reach.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{texts, Texts};

/// One entry of the bar: where it goes, its icon, and its label's field.
struct NavItem {
    href: &'static str,
    icon: &'static str,
    test_id: &'static str,
    label: fn(&Texts) -> &'static str,
}

const NAV_ITEMS: [NavItem; 5] = [
    NavItem {
        href: "/",
        icon: "⌂",
        test_id: "nav-home",
        label: |t| t.nav_home,
    },
    NavItem {
        href: "/canteen",
        icon: "🍚",
        test_id: "nav-canteen",
        label: |t| t.nav_canteen,
    },
    NavItem {
        href: "/rules",
        icon: "📜",
        test_id: "nav-rules",
        label: |t| t.nav_rules,
    },
    NavItem {
        href: "/volunteers",
        icon: "🤝",
        test_id: "nav-volunteers",
        label: |t| t.nav_volunteers,
    },
    NavItem {
        href: "/settings",
        icon: "⚙",
        test_id: "nav-settings",
        label: |t| t.nav_settings,
    },
];

/// The app's main navigation. The router marks the current entry with
/// `aria-current="page"`, which the stylesheet highlights.
#[component]
pub fn BottomNav() -> impl IntoView {
    let t = texts();
    view! {
        <nav class="bottom-nav" aria-label=t.nav_label>
            {NAV_ITEMS
                .iter()
                .map(|item| {
                    let label = item.label;
                    view! {
                        <A href=item.href attr:data-testid=item.test_id>
                            <span class="nav-icon" aria-hidden="true">{item.icon}</span>
                            <span class="nav-label">{move || label(t)}</span>
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}
