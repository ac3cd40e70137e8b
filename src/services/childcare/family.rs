//! What a family does at the station: register a child with who may collect
//! them, sign a child up for a session of their age, book temporary care
//! by the hour and cancel it.

use leptos::prelude::*;
use linli_core::calendar::{format_minute_of_day, Date, MinuteOfDay};
use linli_core::services::childcare::{
    months_old, BookCare, BookingStatus, CancelCare, CareBooking, CareSession, CareSignupRef, Child,
    Collector, SaveChild,
};
use linli_core::services::ServicesMutation;
use linli_core::Mutation;

use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, run_mutation_then, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};
use crate::view::{local_time, today};

/// The member's own children (the staff's device holds every child: they
/// see their own here).
fn my_children(view: &crate::view::View, me: &linli_core::MemberId) -> Vec<Child> {
    super::children(view)
        .into_iter()
        .filter(|child| child.guardian == *me)
        .collect()
}

/// The children of the signed-in member.
fn use_my_children() -> Memo<Vec<Child>> {
    let community = use_community();
    Memo::new(move |_| {
        let Some(me) = community.actor().map(|actor| actor.member) else {
            return Vec::new();
        };
        community
            .with_view(|view| my_children(view, &me))
            .unwrap_or_default()
    })
}

#[component]
pub fn Children() -> impl IntoView {
    let t = texts();
    let children = use_my_children();
    let adding = RwSignal::new(false);
    let saved = RwSignal::new(false);
    view! {
        <section class="childcare-part" aria-labelledby="children-title" data-testid="my-children">
            <h3 id="children-title">{t.my_children}</h3>
            <Show when=move || children.get().is_empty()>
                <p class="note">{t.no_children}</p>
            </Show>
            <ul class="plain-list">
                <For each=move || children.get() key=|child| format!("{child:?}") let:child>
                    <li data-testid="child">
                        <strong>{child.name.clone()}</strong>
                        " · " {(t.months)(months_old(child.birth_date, today()))}
                        {(!child.allergies.is_empty()).then(|| view! { <span class="badge warning">{(t.allergy_line)(&child.allergies)}</span> })}
                        <p class="meta">
                            {child.collectors.iter().map(|c| format!("{}（{}）", c.name, c.relation)).collect::<Vec<_>>().join("、")}
                        </p>
                    </li>
                </For>
            </ul>
            <Show
                when=move || adding.get()
                fallback=move || view! {
                    <Show when=move || saved.get()>
                        <p class="ok" role="status" data-testid="child-saved">{t.child_saved}</p>
                    </Show>
                    <button type="button" class="secondary" on:click=move |_| { saved.set(false); adding.set(true); } data-testid="child-add">{t.add_child}</button>
                }
            >
                <ChildForm open=adding saved=saved />
            </Show>
        </section>
    }
}

/// A child's profile: name, birth date, allergies and notes, and one to six
/// people who may collect them (the guardian first, by default).
#[component]
fn ChildForm(
    /// Whether the form is open: it closes once the child is saved, so a
    /// second tap on save cannot register the child twice.
    open: RwSignal<bool>,
    /// Set once the child is saved.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let name = RwSignal::new(String::new());
    let born = RwSignal::new(String::new());
    let allergies = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let my_name = community
        .actor()
        .and_then(|actor| community.with_view(|view| crate::view::member_name(view, actor.member.as_str())))
        .unwrap_or_default();
    let collectors = RwSignal::new(vec![(
        RwSignal::new(my_name),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    )]);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(birth_date) = born.get_untracked().parse::<Date>() else {
            invalid_input(error);
            return;
        };
        let child = SaveChild {
            id: new_id("c"),
            name: name.get_untracked(),
            birth_date,
            allergies: allergies.get_untracked(),
            care_notes: notes.get_untracked(),
            collectors: collectors
                .get_untracked()
                .into_iter()
                .map(|(name, relation, description)| Collector {
                    name: name.get_untracked(),
                    relation: relation.get_untracked(),
                    description: description.get_untracked(),
                })
                .collect(),
        };
        leptos::task::spawn_local(async move {
            match community
                .mutate(Mutation::Services(ServicesMutation::SaveChild(child)))
                .await
            {
                Ok(()) => {
                    saved.set(true);
                    open.set(false);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let field = move |label: &'static str, value: RwSignal<String>, test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) data-testid=test_id />
            </label>
        }
    };
    let add_collector = move |_| {
        collectors.update(|list| {
            if list.len() < linli_core::services::childcare::MAX_COLLECTORS {
                list.push((
                    RwSignal::new(String::new()),
                    RwSignal::new(String::new()),
                    RwSignal::new(String::new()),
                ));
            }
        })
    };
    view! {
        <form class="child-form" on:submit=submit data-testid="child-form">
            {field(t.child_name, name, "child-name")}
            <label class="field">
                <span>{t.birth_date}</span>
                <input type="date" prop:value=born on:input=move |ev| born.set(event_target_value(&ev)) data-testid="child-born" />
            </label>
            {field(t.allergies, allergies, "child-allergies")}
            {field(t.care_notes, notes, "child-notes")}
            <fieldset>
                <legend>{t.collectors}</legend>
                <p class="note">{t.collectors_hint}</p>
                {move || collectors.get().into_iter().map(|(name, relation, description)| view! {
                    <div class="collector" data-testid="collector">
                        {field(t.collector_name, name, "collector-name")}
                        {field(t.collector_relation, relation, "collector-relation")}
                        {field(t.collector_description, description, "collector-description")}
                    </div>
                }).collect_view()}
                <button type="button" class="secondary" on:click=add_collector data-testid="collector-add">{t.add_collector}</button>
            </fieldset>
            <button type="submit" data-testid="child-save">{t.save_child}</button>
            <ErrorLine error=error />
        </form>
    }
}

/// The sessions from today on, each with a button per child of its ages.
#[component]
pub fn Sessions() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let sessions = Memo::new(move |_| {
        let today = today();
        community
            .with_view(super::sessions)
            .unwrap_or_default()
            .into_iter()
            .filter(|session| session.date >= today)
            .collect::<Vec<_>>()
    });
    view! {
        <section class="childcare-part" aria-labelledby="sessions-title" data-testid="care-sessions">
            <h3 id="sessions-title">{t.sessions}</h3>
            <Show when=move || sessions.get().is_empty()>
                <p class="note">{t.no_sessions}</p>
            </Show>
            <ul class="plain-list">
                <For each=move || sessions.get() key=|session| format!("{session:?}") let:session>
                    <li><SessionCard session=session /></li>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn SessionCard(session: CareSession) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let children = use_my_children();
    let signed = Memo::new(move |_| community.with_view(super::signups).unwrap_or_default());
    let line = (t.session_line)(
        &session.date.to_string(),
        &format_minute_of_day(session.from),
        &format_minute_of_day(session.until),
        session.min_months,
        session.max_months,
        session.places.saturating_sub(session.taken),
    );
    let stored = StoredValue::new(session.clone());
    let buttons = move || {
        let session = stored.get_value();
        children
            .get()
            .into_iter()
            .filter(|child| {
                let age = months_old(child.birth_date, session.date);
                age >= i32::from(session.min_months) && age <= i32::from(session.max_months)
            })
            .map(|child| {
                let is_signed = signed
                    .get()
                    .iter()
                    .any(|signup| signup.session == session.id && signup.child == child.id && signup.guardian == child.guardian);
                let args = CareSignupRef {
                    session: session.id.clone(),
                    child: child.id.clone(),
                };
                let mutation = if is_signed {
                    ServicesMutation::WithdrawCareSignup(args)
                } else {
                    ServicesMutation::SignUpCareSession(args)
                };
                let mutation = StoredValue::new(Mutation::Services(mutation));
                let label = if is_signed { (t.withdraw)(&child.name) } else { (t.sign_up)(&child.name) };
                view! {
                    {is_signed.then(|| view! { <p class="ok" data-testid="session-signed">{(t.signed_up)(&child.name)}</p> })}
                    <button
                        type="button"
                        class=if is_signed { "secondary" } else { "" }
                        on:click=move |_| run_mutation(community, mutation.get_value(), error)
                        data-testid="session-sign"
                    >
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <article class="care-session" data-testid="care-session" data-session=session.id.clone()>
            <h4>{session.title.clone()} " " <span class="badge">{t.kind(session.kind)}</span></h4>
            <p class="meta" data-testid="session-line">{line}</p>
            {buttons}
            <ErrorLine error=error />
        </article>
    }
}

/// Slot edges from the station's opening to its closing.
fn slot_edges(opens: MinuteOfDay, closes: MinuteOfDay, step: u16) -> Vec<MinuteOfDay> {
    (opens..=closes).step_by(step.max(1) as usize).collect()
}

/// Temporary care: book a child by the hour, see and cancel the bookings.
#[component]
pub fn Care() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let booked = RwSignal::new(false);
    let children = use_my_children();
    let station = Memo::new(move |_| community.with_view(super::station).flatten());
    let chosen_child = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let from = RwSignal::new(None::<MinuteOfDay>);
    let until = RwSignal::new(None::<MinuteOfDay>);
    let edges = move || {
        station
            .get()
            .map(|station| slot_edges(station.opens, station.closes, station.slot_minutes))
            .unwrap_or_default()
    };
    let left = move || {
        let (Some(station), Ok(date), Some(from), Some(until)) =
            (station.get(), date.get().parse::<Date>(), from.get(), until.get())
        else {
            return None;
        };
        (from < until).then(|| {
            community
                .with_view(|view| super::slot_load(view, date))
                .unwrap_or_default()
                .left(&station, from, until)
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let child = if chosen_child.get_untracked().is_empty() {
            children.get_untracked().first().map(|child| child.id.clone())
        } else {
            Some(chosen_child.get_untracked())
        };
        let (Some(child), Ok(date), Some(from), Some(until)) = (
            child,
            date.get_untracked().parse::<Date>(),
            from.get_untracked(),
            until.get_untracked(),
        ) else {
            invalid_input(error);
            return;
        };
        let args = BookCare {
            id: new_id("b"),
            child,
            date,
            from,
            until,
        };
        run_mutation_then(
            community,
            Mutation::Services(ServicesMutation::BookCare(args)),
            error,
            booked,
        );
    };
    let time_select = move |label: &'static str,
                            value: RwSignal<Option<MinuteOfDay>>,
                            test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select data-testid=test_id on:change=move |ev| value.set(event_target_value(&ev).parse().ok())>
                    <option value="">"—"</option>
                    {move || edges().into_iter().map(|edge| view! {
                        <option value=edge.to_string()>{format_minute_of_day(edge)}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <section class="childcare-part" aria-labelledby="care-title" data-testid="temporary-care">
            <h3 id="care-title">{t.care}</h3>
            <Show when=move || !children.get().is_empty() fallback=move || view! { <p class="note">{t.no_children}</p> }>
                <form class="inline-form" on:submit=submit data-testid="care-form">
                    <label class="field">
                        <span>{t.care_child}</span>
                        <select data-testid="care-child" on:change=move |ev| chosen_child.set(event_target_value(&ev))>
                            {move || children.get().into_iter().map(|child| {
                                let id = child.id.clone();
                                // Rebuilt options keep showing the one chosen.
                                view! { <option value=child.id.clone() prop:selected=move || chosen_child.get() == id>{child.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t.care_date}</span>
                        <input type="date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev)) data-testid="care-date" />
                    </label>
                    {time_select(t.care_from, from, "care-from")}
                    {time_select(t.care_until, until, "care-until")}
                    {move || left().map(|left| view! { <p class="meta" data-testid="care-left">{(t.places_left)(left)}</p> })}
                    <button type="submit" data-testid="care-book">{t.book}</button>
                </form>
                <Show when=move || booked.get()>
                    <p class="ok" role="status" data-testid="care-booked">{t.booked}</p>
                </Show>
                <ErrorLine error=error />
            </Show>
            <MyBookings />
        </section>
    }
}

#[component]
fn MyBookings() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let bookings = Memo::new(move |_| {
        let Some(me) = community.actor().map(|actor| actor.member) else {
            return Vec::new();
        };
        let mut mine: Vec<CareBooking> = community
            .with_view(super::bookings)
            .unwrap_or_default()
            .into_iter()
            .filter(|booking| booking.guardian == me)
            .collect();
        mine.sort_by_key(|booking| std::cmp::Reverse((booking.date, booking.from)));
        mine
    });
    view! {
        <Show when=move || !bookings.get().is_empty()>
            <h4>{t.my_bookings}</h4>
            <ul class="plain-list" data-testid="my-bookings">
                <For each=move || bookings.get() key=|booking| format!("{booking:?}") let:booking>
                    <li><MyBooking booking=booking /></li>
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn MyBooking(booking: CareBooking) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let name = community
        .with_view(|view| super::child_name(&super::children(view), &booking.guardian, &booking.child))
        .unwrap_or_default();
    let id = StoredValue::new(booking.id.clone());
    let cancel = move |_| {
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::CancelCare(CancelCare {
                guardian: None,
                id: id.get_value(),
            })),
            error,
        )
    };
    let handover = booking
        .handover
        .as_ref()
        .map(|handover| (t.handed_over)(&local_time(handover.at), &handover.collector, &handover.relation));
    view! {
        <article class="booking" data-testid="my-booking" data-status=format!("{:?}", booking.status)>
            <p>
                <strong>{name}</strong>
                {format!(
                    " · {} {}–{} ",
                    booking.date,
                    format_minute_of_day(booking.from),
                    format_minute_of_day(booking.until)
                )}
                <span class="badge" data-testid="booking-status">{t.status(booking.status)}</span>
            </p>
            {handover.map(|line| view! { <p class="meta" data-testid="booking-handover">{line}</p> })}
            {(booking.status == BookingStatus::Booked).then(|| view! {
                <button type="button" class="secondary" on:click=cancel data-testid="booking-cancel">{t.cancel_booking}</button>
            })}
            <ErrorLine error=error />
        </article>
    }
}
