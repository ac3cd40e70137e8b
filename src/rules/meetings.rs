//! Fireside meetings (乡村夜话): recorded by an officer on a tablet, offline
//! if need be; each suggestion becomes a proposal or joins one.

use leptos::prelude::*;
use linli_core::calendar::Date;
use linli_core::role::OFFICERS;
use linli_core::rules::mutations::{CreateProposal, LinkSuggestion, RecordMeeting, SuggestionRef};
use linli_core::rules::records::Meeting;
use linli_core::rules::RulesMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, ErrorLine};
use crate::sync::{new_id, use_community, MutateError};

/// How much of a suggestion becomes the title of its proposal.
const TITLE_CHARS: usize = 30;

#[component]
pub fn Meetings() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let meetings = Memo::new(move |_| community.with_view(data::meetings).unwrap_or_default());
    let officer = community.actor().is_some_and(|actor| actor.has_any(&OFFICERS));
    view! {
        <section class="card meetings" aria-labelledby="meetings-title" data-testid="meetings">
            <h2 id="meetings-title">{t.meetings}</h2>
            {officer.then(|| view! { <MeetingForm /> })}
            <For
                each=move || meetings.get()
                key=|meeting| (meeting.id.clone(), meeting.suggestions.iter().filter(|s| s.proposal.is_some()).count())
                children=move |meeting| view! { <MeetingCard meeting=meeting officer=officer /> }
            />
        </section>
    }
}

#[component]
fn MeetingCard(meeting: Meeting, officer: bool) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let proposals = community
        .with_view(data::proposals)
        .unwrap_or_default()
        .into_iter()
        .filter(|proposal| !proposal.stage.is_final())
        .map(|proposal| (proposal.id, proposal.title))
        .collect::<Vec<_>>();
    let meeting_id = meeting.id.clone();
    view! {
        <article class="meeting" data-testid="meeting">
            <h3>{format!("{} · {}", meeting.date, meeting.place)}</h3>
            <p class="meta">{(t.attendance_of)(meeting.attendance)}</p>
            {(!meeting.minutes.is_empty()).then(|| view! { <p>{meeting.minutes.clone()}</p> })}
            <ol class="suggestions">
                {meeting.suggestions.iter().enumerate().map(|(index, suggestion)| {
                    let linked = suggestion.proposal.clone().map(|proposal| {
                        let title = proposals.iter().find(|(id, _)| *id == proposal).map_or_else(
                            || community.with_view(|view| data::one::<linli_core::rules::records::Proposal>(view, &linli_core::rules::records::proposal(&proposal)).map(|p| p.title)).flatten().unwrap_or(proposal.clone()),
                            |(_, title)| title.clone(),
                        );
                        view! { <span class="meta">{format!(" → {title}")}</span> }
                    });
                    let actions = (officer && suggestion.proposal.is_none()).then(|| {
                        let meeting = meeting_id.clone();
                        let text = suggestion.text.clone();
                        let choices = proposals.clone();
                        let join_to = RwSignal::new(String::new());
                        let make = {
                            let meeting = meeting.clone();
                            move |_| {
                                let proposal = CreateProposal {
                                    id: new_id("p"),
                                    title: text.chars().take(TITLE_CHARS).collect(),
                                    text: text.clone(),
                                    from_meeting: Some(SuggestionRef { meeting: meeting.clone(), suggestion: index }),
                                };
                                run_mutation(community, Mutation::Rules(RulesMutation::CreateProposal(proposal)), error);
                            }
                        };
                        let join = move |_| {
                            let proposal = join_to.get_untracked();
                            if !proposal.is_empty() {
                                let link = LinkSuggestion { meeting: meeting.clone(), suggestion: index, proposal };
                                run_mutation(community, Mutation::Rules(RulesMutation::LinkSuggestion(link)), error);
                            }
                        };
                        view! {
                            <span class="actions">
                                <button type="button" class="secondary" on:click=make>{t.make_proposal}</button>
                                <select aria-label=t.join_proposal on:change=move |ev| join_to.set(event_target_value(&ev))>
                                    <option value="">{t.join_proposal}</option>
                                    {choices.into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
                                </select>
                                <button type="button" class="secondary" on:click=join>{t.join}</button>
                            </span>
                        }
                    });
                    view! { <li>{suggestion.text.clone()} {linked} {actions}</li> }
                }).collect_view()}
            </ol>
            <ErrorLine error=error />
        </article>
    }
}

#[component]
fn MeetingForm() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let date = RwSignal::new(linli_core::calendar::LocalTime::of(data::now()).date.to_string());
    let place = RwSignal::new(String::new());
    let attendance = RwSignal::new(String::new());
    let suggestions = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(day), Ok(count)) = (
            date.get_untracked().parse::<Date>(),
            attendance.get_untracked().trim().parse::<u32>(),
        ) else {
            invalid_input(error);
            return;
        };
        let meeting = RecordMeeting {
            id: new_id("f"),
            date: day,
            place: place.get_untracked(),
            attendance: count,
            suggestions: suggestions.get_untracked().lines().map(str::to_owned).collect(),
            minutes: minutes.get_untracked(),
        };
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::RecordMeeting(meeting)),
            error,
        );
        place.set(String::new());
        attendance.set(String::new());
        suggestions.set(String::new());
        minutes.set(String::new());
    };
    view! {
        <details class="meeting-form" data-testid="meeting-form">
            <summary>{t.record_meeting}</summary>
            <form on:submit=save>
                <label class="field">
                    <span>{t.meeting_date}</span>
                    <input type="date" required prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t.meeting_place}</span>
                    <input required prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t.attendance}</span>
                    <input type="number" min="1" required inputmode="numeric" prop:value=move || attendance.get() on:input=move |ev| attendance.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t.suggestions_one_per_line}</span>
                    <textarea rows="4" prop:value=move || suggestions.get() on:input=move |ev| suggestions.set(event_target_value(&ev))></textarea>
                </label>
                <label class="field">
                    <span>{t.minutes}</span>
                    <textarea rows="3" prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev))></textarea>
                </label>
                <button type="submit">{t.save_meeting}</button>
                <ErrorLine error=error />
            </form>
        </details>
    }
}
