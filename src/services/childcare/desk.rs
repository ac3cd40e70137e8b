//! The station's desk: the day's roster (temporary care and session
//! sign-ups, each child's allergies and notes in sight), check-in, and
//! check-out to a person the staff pick from the child's list after
//! checking them against its description; the staff's session form; the
//! keepers' hours and places.

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, parse_minute_of_day, Date, MinuteOfDay};
use linli_core::services::childcare::{
    months_old, roster, BookingStatus, CareBooking, CareSession, CheckInChild, CheckOutChild, Child,
    RosterEntry, ScheduleCareSession, SessionKind, Station,
};
use linli_core::services::ServicesMutation;
use linli_core::Mutation;

use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, run_mutation_then, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};
use crate::view::{local_time, today};

/// The children of one day, by start.
#[component]
pub fn Roster() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let date = RwSignal::new(today().to_string());
    let lines = Memo::new(move |_| {
        let Ok(day) = date.get().parse::<Date>() else {
            return Vec::new();
        };
        community
            .with_view(|view| {
                let (bookings, signups, sessions, children) = (
                    super::bookings(view),
                    super::signups(view),
                    super::sessions(view),
                    super::children(view),
                );
                roster(day, &bookings, &signups, &sessions)
                    .into_iter()
                    .map(|entry| match entry {
                        RosterEntry::Care(booking) => {
                            let child = find(&children, &booking.guardian, &booking.child);
                            (child, Line::Care(booking.clone()))
                        }
                        RosterEntry::Session(signup, session) => {
                            let child = find(&children, &signup.guardian, &signup.child);
                            (
                                child,
                                Line::Session(
                                    session.clone(),
                                    format!("{}/{}", signup.guardian, signup.child),
                                ),
                            )
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="childcare-part" aria-labelledby="desk-title" data-testid="station-desk">
            <h3 id="desk-title">{t.desk}</h3>
            <label class="field">
                <span>{move || (t.roster)(&date.get())}</span>
                <input type="date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev)) data-testid="roster-date" />
            </label>
            <Show when=move || lines.get().is_empty()>
                <p class="note">{t.roster_empty}</p>
            </Show>
            <ul class="plain-list" data-testid="roster">
                // Keyed by the booking and its status and by the child's
                // record, not the whole booking: the server's own check-in
                // time replacing the phone's must not clear a collector being
                // chosen, while a changed list or allergy shows at once.
                <For each=move || lines.get() key=|line| format!("{}|{:?}", line.1.key(), line.0) let:line>
                    <li><RosterLine child=line.0 line=line.1 /></li>
                </For>
            </ul>
        </section>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Line {
    Care(CareBooking),
    Session(CareSession, String),
}

impl Line {
    fn key(&self) -> String {
        match self {
            Line::Care(booking) => format!("care/{}/{}/{:?}", booking.guardian, booking.id, booking.status),
            Line::Session(session, child) => format!("session/{}/{child}", session.id),
        }
    }
}

fn find(children: &[Child], guardian: &linli_core::MemberId, id: &str) -> Option<Child> {
    children
        .iter()
        .find(|child| child.guardian == *guardian && child.id == id)
        .cloned()
}

#[component]
fn RosterLine(child: Option<Child>, line: Line) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let collector = RwSignal::new(None::<usize>);
    let Some(child) = child else {
        return ().into_any();
    };
    let (times, what) = match &line {
        Line::Care(booking) => (
            format!(
                "{}–{}",
                format_minute_of_day(booking.from),
                format_minute_of_day(booking.until)
            ),
            t.status(booking.status).to_owned(),
        ),
        Line::Session(session, _) => (
            format!(
                "{}–{}",
                format_minute_of_day(session.from),
                format_minute_of_day(session.until)
            ),
            (t.in_session)(&session.title),
        ),
    };
    let booking = match &line {
        Line::Care(booking) => Some(booking.clone()),
        Line::Session(..) => None,
    };
    let age = months_old(child.birth_date, today());
    let collectors = StoredValue::new(child.collectors.clone());
    let actions = booking.map(|booking| {
        let (guardian, id) = (booking.guardian.clone(), booking.id.clone());
        let check_in = {
            let (guardian, id) = (guardian.clone(), id.clone());
            move |_| {
                run_mutation(
                    community,
                    Mutation::Services(ServicesMutation::CheckInChild(CheckInChild {
                        guardian: guardian.clone(),
                        id: id.clone(),
                    })),
                    error,
                )
            }
        };
        let hand_over = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(person) = collector
                .get_untracked()
                .and_then(|index| collectors.with_value(|list| list.get(index).cloned()))
            else {
                invalid_input(error);
                return;
            };
            run_mutation(
                community,
                Mutation::Services(ServicesMutation::CheckOutChild(CheckOutChild {
                    guardian: guardian.clone(),
                    id: id.clone(),
                    collector: person.name,
                    relation: person.relation,
                })),
                error,
            );
        };
        let chosen_description = move || {
            collector
                .get()
                .and_then(|index| collectors.with_value(|list| list.get(index).cloned()))
        };
        let handover = booking.handover.as_ref().map(|handover| {
            (t.handed_over)(&local_time(handover.at), &handover.collector, &handover.relation)
        });
        match booking.status {
            BookingStatus::Booked => view! {
                <button type="button" on:click=check_in data-testid="roster-check-in">{t.check_in}</button>
            }
            .into_any(),
            BookingStatus::CheckedIn => view! {
                {booking.checked_in_at.map(|at| view! { <p class="meta">{(t.checked_in_at)(&local_time(at))}</p> })}
                <form class="inline-form" on:submit=hand_over data-testid="roster-check-out">
                    <label class="field">
                        <span>{t.collector_choice}</span>
                        <select data-testid="roster-collector" on:change=move |ev| collector.set(event_target_value(&ev).parse().ok())>
                            <option value="">"—"</option>
                            {collectors.get_value().into_iter().enumerate().map(|(index, person)| view! {
                                <option value=index.to_string()>{format!("{}（{}）", person.name, person.relation)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <p class="note">{t.collector_check}</p>
                    {move || chosen_description().map(|person| view! {
                        <p class="collector-description" data-testid="roster-collector-description">{person.description}</p>
                    })}
                    <button type="submit" data-testid="roster-hand-over">{t.hand_over}</button>
                </form>
            }
            .into_any(),
            BookingStatus::CheckedOut | BookingStatus::Cancelled => {
                handover.map(|line| view! { <p class="meta" data-testid="roster-handover">{line}</p> }).into_any()
            }
        }
    });
    view! {
        <article class="roster-line" data-testid="roster-line">
            <p>
                <strong>{child.name.clone()}</strong>
                {format!(" · {} · {times} · ", (t.months)(age))}
                <span class="badge" data-testid="roster-status">{what}</span>
            </p>
            {(!child.allergies.is_empty()).then(|| view! {
                <p class="warning" data-testid="roster-allergies">{(t.allergy_line)(&child.allergies)}</p>
            })}
            {(!child.care_notes.is_empty()).then(|| view! { <p class="meta">{child.care_notes.clone()}</p> })}
            {actions}
            <ErrorLine error=error />
        </article>
    }
    .into_any()
}

/// A labelled input of the desk's forms: `input` an HTML input type, or
/// "number" for a whole number typed on the phone's digit keyboard.
fn field(
    label: &'static str,
    input: &'static str,
    value: RwSignal<String>,
    test_id: &'static str,
) -> impl IntoView {
    let (input, mode) = if input == "number" {
        ("text", "numeric")
    } else {
        (input, "text")
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <input type=input inputmode=mode prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) data-testid=test_id />
        </label>
    }
}

/// The staff's form for a new session.
#[component]
pub fn ScheduleSession() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let kind = RwSignal::new(SessionKind::EarlyEducation);
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(today().add_days(1).to_string());
    let from = RwSignal::new("10:00".to_owned());
    let until = RwSignal::new("11:00".to_owned());
    let min = RwSignal::new("12".to_owned());
    let max = RwSignal::new("72".to_owned());
    let places = RwSignal::new("10".to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let numbers = (
            min.get_untracked().trim().parse::<u16>(),
            max.get_untracked().trim().parse::<u16>(),
            places.get_untracked().trim().parse::<u32>(),
        );
        let (Ok(date), Some(from), Some(until), (Ok(min_months), Ok(max_months), Ok(places))) = (
            date.get_untracked().parse::<Date>(),
            parse_minute_of_day(&from.get_untracked()),
            parse_minute_of_day(&until.get_untracked()),
            numbers,
        ) else {
            invalid_input(error);
            return;
        };
        let session = ScheduleCareSession {
            id: new_id("cs"),
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            date,
            from,
            until,
            min_months,
            max_months,
            places,
        };
        run_mutation_then(
            community,
            Mutation::Services(ServicesMutation::ScheduleCareSession(session)),
            error,
            done,
        );
    };
    view! {
        <form class="childcare-part inline-form" on:submit=submit data-testid="session-form" aria-labelledby="schedule-title">
            <h3 id="schedule-title">{t.schedule}</h3>
            <label class="field">
                <span>{t.session_kind}</span>
                <select data-testid="session-kind" on:change=move |ev| {
                    let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                    kind.set(SessionKind::ALL.get(index).copied().unwrap_or(SessionKind::EarlyEducation));
                }>
                    {SessionKind::ALL.into_iter().enumerate().map(|(index, option)| view! {
                        <option value=index.to_string()>{t.kind(option)}</option>
                    }).collect_view()}
                </select>
            </label>
            {field(t.session_title, "text", title, "session-title")}
            {field(t.session_date, "date", date, "session-date")}
            {field(t.care_from, "time", from, "session-from")}
            {field(t.care_until, "time", until, "session-until")}
            {field(t.min_months, "number", min, "session-min")}
            {field(t.max_months, "number", max, "session-max")}
            {field(t.session_places, "number", places, "session-places")}
            <button type="submit" data-testid="session-schedule">{t.schedule}</button>
            <Show when=move || done.get()>
                <p class="ok" role="status">{t.scheduled}</p>
            </Show>
            <ErrorLine error=error />
        </form>
    }
}

/// The station's name, place, opening hours and places an hour: the form
/// starts again from the record whenever it arrives or changes (a device
/// whose first sync is still running would otherwise save the defaults over
/// it).
#[component]
pub fn StationSettings() -> impl IntoView {
    let community = use_community();
    let current = Memo::new(move |_| community.with_view(super::station).flatten());
    move || view! { <StationForm current=current.get() /> }
}

#[component]
fn StationForm(current: Option<Station>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let saved = RwSignal::new(false);
    let name = RwSignal::new(
        current
            .as_ref()
            .map_or_else(|| t.title.to_owned(), |s| s.name.clone()),
    );
    let place = RwSignal::new(current.as_ref().map(|s| s.place.clone()).unwrap_or_default());
    let opens = RwSignal::new(current.as_ref().map_or(8 * 60, |s| s.opens));
    let closes = RwSignal::new(current.as_ref().map_or(18 * 60, |s| s.closes));
    let places = RwSignal::new(current.as_ref().map_or(6, |s| s.places_per_slot).to_string());
    let slot_minutes = current.as_ref().map_or(60, |s| s.slot_minutes);
    let (min_months, max_months) = current
        .as_ref()
        .map_or((12, 72), |s| (s.min_months, s.max_months));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (opens, closes) = (opens.get_untracked(), closes.get_untracked());
        let Ok(places_per_slot) = places.get_untracked().trim().parse::<u32>() else {
            invalid_input(error);
            return;
        };
        let station = Station {
            name: name.get_untracked(),
            place: place.get_untracked(),
            opens,
            closes,
            slot_minutes,
            places_per_slot,
            min_months,
            max_months,
        };
        run_mutation_then(
            community,
            Mutation::Services(ServicesMutation::SetStation(station)),
            error,
            saved,
        );
    };
    // Whole hours from 00:00 to 24:00: a time field cannot say 24:00.
    let hour_select = move |label: &'static str, value: RwSignal<MinuteOfDay>, test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select data-testid=test_id on:change=move |ev| {
                    if let Ok(minute) = event_target_value(&ev).parse() {
                        value.set(minute);
                    }
                }>
                    {(0..=24u16).map(|hour| {
                        let minute = hour * 60;
                        view! {
                            <option value=minute.to_string() selected=move || value.get() == minute>{format_minute_of_day(minute)}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <details class="childcare-part" data-testid="station-settings">
            <summary>{t.settings}</summary>
            <form class="inline-form" on:submit=submit>
                {field(t.station_name, "text", name, "station-name")}
                {field(t.station_place, "text", place, "station-place")}
                {hour_select(t.opens, opens, "station-opens")}
                {hour_select(t.closes, closes, "station-closes")}
                {field(t.places_per_slot, "number", places, "station-places")}
                <button type="submit" data-testid="station-save">{t.save_station}</button>
                <Show when=move || saved.get()>
                    <p class="ok" role="status">{t.station_saved}</p>
                </Show>
                <ErrorLine error=error />
            </form>
        </details>
    }
}
