//! The home page: what Linli is, and a way into each module.

use leptos::prelude::*;

use crate::account::{JoinCard, MemberChooser};
use crate::i18n::texts;
use crate::lazy::lazy_view;
use crate::notices::NoticeBoard;
use crate::sync::use_community;

// The board loads on its own (see `crate::lazy`): a first visit, which shows
// the invite form instead, does not wait for it.
lazy_view!(NoticeBoardPart, notice_board, NoticeBoard);
// So does the chooser: only a device that holds members and is locked shows it.
lazy_view!(MemberChooserPart, member_chooser, MemberChooser);

/// Greets the member and links the four modules with a line on each.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let signed_in = move || community.session.get().is_some();
    let has_members = move || community.holds_members.get();
    view! {
        <section class="page" aria-labelledby="home-title" data-testid="page-home">
            <h1 id="home-title">{t.home_title}</h1>
            // Its place is kept from the first paint (`.home-slot`'s height):
            // what goes here is known only once IndexedDB answers, and the
            // board arrives in a part of its own, so the intro and the cards
            // below must not move when it comes.
            <div class="home-slot" class:member=crate::shell::was_signed_in()>
                <Show when=move || community.loaded.get()>
                    <Show
                        when=signed_in
                        fallback=move || {
                            view! {
                                <Show when=has_members fallback=|| view! { <JoinCard /> }>
                                    <MemberChooserPart />
                                </Show>
                            }
                        }
                    >
                        <NoticeBoardPart />
                    </Show>
                </Show>
            </div>
            <p class="lead">{t.home_intro}</p>
            <ul class="module-cards">
                <li>
                    <a href="/canteen">
                        <strong>{t.nav_canteen}</strong>
                        <span>{t.home_canteen_summary}</span>
                    </a>
                </li>
                <li>
                    <a href="/rules">
                        <strong>{t.nav_rules}</strong>
                        <span>{t.home_rules_summary}</span>
                    </a>
                </li>
                <li>
                    <a href="/volunteers">
                        <strong>{t.nav_volunteers}</strong>
                        <span>{t.home_volunteers_summary}</span>
                    </a>
                </li>
                <li>
                    <a href="/services">
                        <strong>{t.nav_services}</strong>
                        <span>{t.home_services_summary}</span>
                    </a>
                </li>
                <li>
                    <a href="/village">
                        <strong>{t.nav_village}</strong>
                        <span>{t.home_village_summary}</span>
                    </a>
                </li>
            </ul>
            <p class="note">{t.home_offline_note}</p>
        </section>
    }
}
