//! Activities: the calendar with sign-up and withdrawal, posting one, and
//! the organiser's sign-in and sign-out by the volunteer's member code
//! (camera scan where the browser can, typed otherwise).

use leptos::prelude::*;
use linli_core::role::OFFICERS;
use linli_core::volunteers::codes::member_with_code;
use linli_core::volunteers::hours::{format_hours, half_hours, service_year, stars};
use linli_core::volunteers::mutations::{ActivityRef, PostActivity, StampAttendance};
use linli_core::volunteers::records::{self, Activity};
use linli_core::volunteers::VolunteersMutation;
use linli_core::{MemberId, Mutation, Role};

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, unsent_notice, ErrorLine, ShowMore};
use crate::sync::{new_id, use_community, MutateError};

/// Activities shown at a time, the soonest first: a community's calendar
/// keeps the past ones too.
const PAGE: usize = 20;

#[component]
pub fn Activities() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let activities = Memo::new(move |_| {
        community
            .with_view(|view| data::activities(view, data::now()))
            .unwrap_or_default()
    });
    let limit = RwSignal::new(PAGE);
    let shown = Memo::new(move |_| activities.get().into_iter().take(limit.get()).collect::<Vec<_>>());
    let may_post = community
        .actor()
        .is_some_and(|actor| actor.has_any(&[Role::Officer, Role::Admin, Role::GridWorker]));
    view! {
        <section class="card activities" aria-labelledby="activities-title" data-testid="activities">
            <h2 id="activities-title">{t.activities}</h2>
            {may_post.then(|| view! { <PostActivityForm /> <HoursSummary /> })}
            <Show when=move || activities.get().is_empty()>
                <p class="note">{t.no_activities}</p>
            </Show>
            <For
                each=move || shown.get()
                key=|activity| activity.id.clone()
                children=move |activity| view! { <ActivityCard activity=activity /> }
            />
            <ShowMore limit step=PAGE total=Signal::derive(move || activities.get().len()) label=t.more_activities test_id="more-activities" />
        </section>
    }
}

#[component]
fn ActivityCard(activity: Activity) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let id = StoredValue::new(activity.id.clone());
    let actor = community.actor();
    let me = actor.as_ref().map(|actor| actor.member.clone());
    let organiser = actor
        .as_ref()
        .is_some_and(|actor| actor.member == activity.organiser || actor.has_any(&OFFICERS));
    let slots = activity.slots;
    let signups = Memo::new(move |_| {
        community
            .with_view(|view| data::signups(view, &id.get_value()))
            .unwrap_or_default()
    });
    let signed_up = {
        let me = me.clone();
        move || me.as_ref().is_some_and(|me| signups.get().contains(me))
    };
    let over = activity.ends_at <= data::now();
    let toggle = {
        let signed_up = signed_up.clone();
        move |_| {
            let activity = ActivityRef {
                activity: id.get_value(),
            };
            let mutation = if signed_up() {
                Mutation::Volunteers(VolunteersMutation::WithdrawSignup(activity))
            } else {
                Mutation::Volunteers(VolunteersMutation::SignUp(activity))
            };
            run_mutation(community, mutation, error);
        }
    };
    // A sign-up (or withdrawal) still on this device counts only if it
    // reaches the server before the activity ends, by the server's clock.
    let ends_at = activity.ends_at;
    let signup_key = me
        .as_ref()
        .map(|me| records::signup(&activity.id, me))
        .unwrap_or_default();
    let signup_unsent = move || {
        community.has_pending(&signup_key).then(|| {
            unsent_notice(
                ends_at,
                (t.signup_unsent)(&data::local_time(ends_at)),
                t.signup_unsent_late,
                "signup",
            )
        })
    };
    let organiser_name = community
        .with_view(|view| data::member_name(view, activity.organiser.as_str()))
        .unwrap_or_default();
    view! {
        <article class="activity" data-testid="activity" data-activity=activity.id.clone()>
            <h3>{activity.title.clone()}</h3>
            <p class="meta">
                {format!("{} — {}", data::local_time(activity.starts_at), data::local_time(activity.ends_at))}
                <br />
                {activity.place.clone()} " · " {t.organiser} {organiser_name}
            </p>
            {(!activity.skills.is_empty()).then(|| view! { <p class="meta">{t.skills_wanted} {activity.skills.join("、")}</p> })}
            <p>
                {move || format!("{} {} / {slots}", t.signed_up, signups.get().len())}
                " "
                {(!over).then(|| view! {
                    <button type="button" class="secondary" data-testid="sign-up" on:click=toggle.clone()>
                        {move || if signed_up() { t.withdraw } else { t.sign_up }}
                    </button>
                })}
            </p>
            {move || signup_unsent()}
            {organiser.then(|| view! { <AttendancePanel activity=id.get_value() error=error /> })}
            <ErrorLine error=error />
        </article>
    }
}

/// For the organiser: sign a volunteer in or out by their member code, at
/// now or at a time typed in (attendance noted on paper, entered later).
#[component]
fn AttendancePanel(activity: String, error: RwSignal<Option<MutateError>>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let code = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let activity = StoredValue::new(activity);
    let unknown_code = RwSignal::new(false);
    let stamp = move |signing_in: bool| {
        let moment = match at.get_untracked().trim() {
            "" => Some(data::now()),
            typed => data::parse_input_time(typed),
        };
        let Some(moment) = moment else {
            invalid_input(error);
            return;
        };
        let typed = code.get_untracked();
        let Some(member) = community
            .with_view(|view| member_with_code(view, &typed))
            .flatten()
        else {
            unknown_code.set(true);
            return;
        };
        unknown_code.set(false);
        let args = StampAttendance {
            activity: activity.get_value(),
            member,
            at: moment,
        };
        let mutation = if signing_in {
            Mutation::Volunteers(VolunteersMutation::SignIn(args))
        } else {
            Mutation::Volunteers(VolunteersMutation::SignOut(args))
        };
        run_mutation(community, mutation, error);
        code.set(String::new());
        at.set(String::new());
    };
    let attendances = Memo::new(move |_| {
        community
            .with_view(|view| {
                data::attendances(view)
                    .into_iter()
                    .filter(|attendance| attendance.activity == activity.get_value())
                    .map(|attendance| (data::member_name(view, attendance.member.as_str()), attendance))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <details class="attendance" data-testid="attendance">
            <summary>{t.attendance}</summary>
            <label class="field">
                <span>{t.member_code}</span>
                <input data-testid="member-code" autocomplete="off" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
            </label>
            <Show when=move || unknown_code.get()>
                <p class="error" role="alert" data-testid="member-code-unknown">{t.code_unknown}</p>
            </Show>
            <crate::scan::ScanButton code=code />
            <label class="field">
                <span>{t.stamp_time}</span>
                <input type="datetime-local" data-testid="stamp-time" prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
            </label>
            <p class="actions">
                <button type="button" data-testid="sign-in" on:click=move |_| stamp(true)>{t.sign_in}</button>
                <button type="button" data-testid="sign-out" on:click=move |_| stamp(false)>{t.sign_out}</button>
            </p>
            <ul class="plain-list">
                {move || attendances.get().into_iter().map(|(name, attendance)| {
                    let hours = attendance.signed_out_at.map(|out| format_hours(half_hours(attendance.signed_in_at, out)));
                    view! {
                        <li data-testid="attendance-row">
                            {format!("{name}: {} — {}", data::local_time(attendance.signed_in_at),
                                attendance.signed_out_at.map(data::local_time).unwrap_or_default())}
                            {hours.map(|hours| format!(" · {hours} {}", t.hours))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}

#[component]
fn PostActivityForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let title = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let slots = RwSignal::new("10".to_owned());
    let skills = RwSignal::new(String::new());
    let post = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(starts_at), Some(ends_at), Ok(slots)) = (
            data::parse_input_time(&starts.get_untracked()),
            data::parse_input_time(&ends.get_untracked()),
            slots.get_untracked().trim().parse::<u32>(),
        ) else {
            invalid_input(error);
            return;
        };
        let activity = PostActivity {
            id: new_id("a"),
            title: title.get_untracked(),
            starts_at,
            ends_at,
            place: place.get_untracked(),
            slots,
            skills: skills
                .get_untracked()
                .split(['，', ',', '、'])
                .map(|skill| skill.trim().to_owned())
                .collect(),
            grid: None,
        };
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::PostActivity(activity)),
            error,
        );
        title.set(String::new());
    };
    view! {
        <details class="post-activity">
            <summary>{t.post_activity}</summary>
            <form on:submit=post>
                <label class="field"><span>{t.activity_title}</span>
                    <input required prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.activity_place}</span>
                    <input required prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.starts}</span>
                    <input type="datetime-local" required prop:value=move || starts.get() on:input=move |ev| starts.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.ends}</span>
                    <input type="datetime-local" required prop:value=move || ends.get() on:input=move |ev| ends.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.slots}</span>
                    <input type="number" min="1" prop:value=move || slots.get() on:input=move |ev| slots.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t.skills_wanted}</span>
                    <input prop:value=move || skills.get() on:input=move |ev| skills.set(event_target_value(&ev)) /></label>
                <button type="submit">{t.post}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}

/// For organisers: this year's hours and stars of every volunteer.
#[component]
fn HoursSummary() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let year = data::today().year();
    let totals = Memo::new(move |_| {
        community
            .with_view(|view| {
                let mut totals: std::collections::BTreeMap<MemberId, u32> = std::collections::BTreeMap::new();
                for attendance in data::attendances(view) {
                    if let Some(out) = attendance
                        .signed_out_at
                        .filter(|_| service_year(attendance.signed_in_at) == year)
                    {
                        *totals.entry(attendance.member).or_default() +=
                            half_hours(attendance.signed_in_at, out);
                    }
                }
                let mut rows: Vec<(String, u32)> = totals
                    .into_iter()
                    .map(|(member, half)| (data::member_name(view, member.as_str()), half))
                    .collect();
                rows.sort_by_key(|row| std::cmp::Reverse(row.1));
                rows
            })
            .unwrap_or_default()
    });
    view! {
        <details class="hours-summary" data-testid="hours-summary">
            <summary>{format!("{year} {}", t.hours_summary)}</summary>
            <table>
                <thead><tr><th scope="col">{t.member}</th><th scope="col">{t.hours}</th><th scope="col">{t.stars}</th></tr></thead>
                <tbody>
                    {move || totals.get().into_iter().map(|(name, half)| view! {
                        <tr><th scope="row">{name}</th><td>{format_hours(half)}</td><td>{"★".repeat(stars(half))}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
