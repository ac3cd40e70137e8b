//! The 萌宝驿站 childcare station on the services page: for a family, their
//! children's profiles, the station's sessions with sign-up and temporary
//! care by the hour; for the station's staff, the day's roster with
//! check-in and check-out to a listed person, and the sessions they
//! schedule; for its keepers, its hours and places. Every rule is the
//! core's (`linli_core::services::childcare`).
//!
//! - this file: the section and the records read out of the view;
//! - `family`: children, sessions, bookings; `desk`: the staff's roster and
//!   forms; `i18n`: the strings.

mod desk;
mod family;
pub mod i18n;

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, Date};
use linli_core::services::childcare::{
    self, CareBooking, CareSession, Child, SessionSignup, SlotLoad, Station, STATION_KEEPERS,
};

use crate::sync::use_community;
use crate::view::{all, one, View};
use i18n::texts;

fn station(view: &View) -> Option<Station> {
    one(view, childcare::STATION_KEY)
}

fn children(view: &View) -> Vec<Child> {
    all(view, childcare::CHILD_PREFIX)
}

fn sessions(view: &View) -> Vec<CareSession> {
    let mut sessions: Vec<CareSession> = all(view, childcare::SESSION_PREFIX);
    sessions.sort_by_key(|session| (session.date, session.from));
    sessions
}

fn signups(view: &View) -> Vec<SessionSignup> {
    all(view, childcare::SIGNUP_PREFIX)
}

fn bookings(view: &View) -> Vec<CareBooking> {
    all(view, childcare::BOOKING_PREFIX)
}

fn slot_load(view: &View, date: Date) -> SlotLoad {
    one(view, &childcare::slots(date)).unwrap_or_default()
}

fn child_name(children: &[Child], guardian: &linli_core::MemberId, id: &str) -> String {
    children
        .iter()
        .find(|child| child.id == id && child.guardian == *guardian)
        .map_or_else(|| id.to_owned(), |child| child.name.clone())
}

/// The station's section of the services page.
#[component]
pub fn ChildcareStation() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let current = Memo::new(move |_| community.with_view(station).flatten());
    // Tracked: on a page opened cold the member is known a moment later.
    let staff = Memo::new(move |_| {
        community
            .actor()
            .is_some_and(|actor| actor.has_any(&childcare::CHILDCARE_STAFF))
    });
    let keeper = Memo::new(move |_| {
        community
            .actor()
            .is_some_and(|actor| actor.has_any(&STATION_KEEPERS))
    });
    view! {
        <section class="card childcare" aria-labelledby="childcare-title" data-testid="childcare">
            <h2 id="childcare-title">{t.title}</h2>
            {move || match current.get() {
                Some(station) => view! {
                    <p class="meta" data-testid="station-line">
                        {(t.station_line)(
                            &station.place,
                            &format_minute_of_day(station.opens),
                            &format_minute_of_day(station.closes),
                            station.places_per_slot,
                        )}
                    </p>
                }
                .into_any(),
                None => view! { <p class="note">{t.not_open}</p> }.into_any(),
            }}
            <p class="note">{t.private_note}</p>
            {move || staff.get().then(|| view! { <desk::Roster /> <desk::ScheduleSession /> })}
            <Show when=move || current.get().is_some()>
                <family::Children />
                <family::Sessions />
                <family::Care />
            </Show>
            {move || keeper.get().then(|| view! { <desk::StationSettings /> })}
        </section>
    }
}
