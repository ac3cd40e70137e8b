//! Appointments: the catalogue with the request form, the member's own
//! requests with their timeline (confirming one done, with feedback), the
//! staff's queue (a time and a volunteer), and the volunteer's assignments
//! (the report, with a purchase's items, amounts and settlement).

use leptos::prelude::*;
use linli_core::calendar::{parse_minute_of_day, Date};
use linli_core::canteen::money::Fen;
use linli_core::services::records::{
    Feedback, PreferredTime, Purchase, RequestStatus, Service, ServiceKind, ServiceRequest, Settlement,
};
use linli_core::services::requests::{
    CancelServiceRequest, CloseServiceRequest, CompleteService, ConfirmService, RequestService,
};
use linli_core::services::{ServicesMutation, ON_BEHALF, SERVICE_STAFF};
use linli_core::{MemberId, Mutation};

use super::data;
use super::i18n::texts;
use crate::forms::{invalid_input, run_mutation, run_mutation_then, typed_yuan, ErrorLine, MemberSelect};
use crate::sync::{new_id, use_community, MutateError};

/// The catalogue, each service with its form.
#[component]
pub fn Catalogue() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let services = Memo::new(move |_| {
        community
            .with_view(|view| {
                data::services(view)
                    .into_iter()
                    .filter(|service| service.active)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card catalogue" aria-labelledby="catalogue-title" data-testid="catalogue">
            <h2 id="catalogue-title">{t.catalogue}</h2>
            <Show when=move || services.get().is_empty()>
                <p class="note">{t.no_services}</p>
            </Show>
            <ul class="plain-list">
                <For each=move || services.get() key=|service| format!("{service:?}") let:service>
                    <li><ServiceCard service=service /></li>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn ServiceCard(service: Service) -> impl IntoView {
    let t = texts();
    let open = RwSignal::new(false);
    let name = data::shown_name(&service.name_zh, &service.name_en);
    let details = [
        service.at_home.then(|| t.at_home.to_owned()),
        (!service.bring.is_empty()).then(|| format!("{}{}", t.bring, service.bring)),
        (!service.provider.is_empty()).then(|| format!("{}{}", t.provider, service.provider)),
    ];
    let stored = StoredValue::new(service.clone());
    view! {
        <article class="service" data-testid="service" data-service=service.id.clone()>
            <h3>{name} " " <span class="badge">{t.kind(service.kind)}</span></h3>
            {details.into_iter().flatten().map(|line| view! { <p class="meta">{line}</p> }).collect_view()}
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="secondary" on:click=move |_| open.set(true) data-testid="request-open">{t.request}</button>
                }
            >
                <RequestForm service=stored.get_value() />
            </Show>
        </article>
    }
}

/// A request for `service`: preferred day and window, address and phone (a
/// home service needs the address), a note; staff and volunteers may make
/// it for another member, who then sees it as entered by them.
#[component]
fn RequestForm(service: Service) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let done = RwSignal::new(false);
    let date = RwSignal::new(data::today().add_days(1).to_string());
    let from = RwSignal::new("09:00".to_owned());
    let until = RwSignal::new("11:00".to_owned());
    let address = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let for_member = RwSignal::new(None::<MemberId>);
    let may_act_for_others = community.actor().is_some_and(|actor| actor.has_any(&ON_BEHALF));
    let members = Memo::new(move |_| {
        if may_act_for_others {
            community.with_view(data::members_by_name).unwrap_or_default()
        } else {
            Vec::new()
        }
    });
    let at_home = service.at_home;
    let service_id = service.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(date), Some(from), Some(until)) = (
            date.get_untracked().parse::<Date>(),
            parse_minute_of_day(&from.get_untracked()),
            parse_minute_of_day(&until.get_untracked()),
        ) else {
            invalid_input(error);
            return;
        };
        let args = RequestService {
            id: new_id("r"),
            service: service_id.clone(),
            member: for_member.get_untracked(),
            preferred: vec![PreferredTime { date, from, until }],
            note: note.get_untracked(),
            address: address.get_untracked(),
            phone: phone.get_untracked(),
        };
        run_mutation_then(
            community,
            Mutation::Services(ServicesMutation::RequestService(args)),
            error,
            done,
        );
    };
    let text_field = move |label: &'static str, value: RwSignal<String>, test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) data-testid=test_id />
            </label>
        }
    };
    view! {
        <form class="request-form" on:submit=submit data-testid="request-form">
            {may_act_for_others.then(|| view! {
                <MemberSelect label=t.request_for none=t.myself members=members chosen=for_member test_id="request-for" />
            })}
            <label class="field">
                <span>{t.preferred_date}</span>
                <input type="date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev)) data-testid="request-date" />
            </label>
            <label class="field">
                <span>{t.preferred_from}</span>
                <input type="time" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) data-testid="request-from" />
            </label>
            <label class="field">
                <span>{t.preferred_until}</span>
                <input type="time" prop:value=until on:input=move |ev| until.set(event_target_value(&ev)) data-testid="request-until" />
            </label>
            {text_field(t.address, address, "request-address")}
            {at_home.then(|| view! { <p class="note">{t.address_hint}</p> })}
            {text_field(t.phone, phone, "request-phone")}
            {text_field(t.note, note, "request-note")}
            <p class="note">{t.private_note}</p>
            <button type="submit" data-testid="request-send">{t.send_request}</button>
            <Show when=move || done.get()>
                <p class="ok" role="status" data-testid="request-done">{t.requested}</p>
            </Show>
            <ErrorLine error=error />
        </form>
    }
}

/// A request's summary and timeline, as its member, the staff or the
/// volunteer sees it.
#[component]
fn RequestSummary(request: ServiceRequest) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let (service, entered_by, volunteer, timeline) = community
        .with_view(|view| {
            let entered_by = (request.entered_by != request.member)
                .then(|| (t.entered_by)(&data::member_name(view, request.entered_by.as_str())));
            let volunteer = request
                .volunteer
                .as_ref()
                .map(|volunteer| (t.volunteer)(&data::member_name(view, volunteer.as_str())));
            let timeline = request
                .timeline
                .iter()
                .map(|step| {
                    let note = if step.note.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", step.note)
                    };
                    format!(
                        "{} {} · {}{note}",
                        data::local_time(step.at),
                        t.status(step.status),
                        data::member_name(view, step.by.as_str())
                    )
                })
                .collect::<Vec<_>>();
            (
                data::service_name(view, &request.service),
                entered_by,
                volunteer,
                timeline,
            )
        })
        .unwrap_or_default();
    let preferred = request
        .preferred
        .iter()
        .map(|time| {
            format!(
                "{} {}–{}",
                time.date,
                linli_core::calendar::format_minute_of_day(time.from),
                linli_core::calendar::format_minute_of_day(time.until)
            )
        })
        .collect::<Vec<_>>()
        .join("、");
    let purchase = request.purchase.as_ref().map(|purchase| {
        let how = match purchase.settlement {
            Settlement::Balance => t.settled_balance,
            Settlement::Cash => t.settled_cash,
        };
        (t.purchase_line)(
            &purchase.items,
            &purchase.spent.to_string(),
            &purchase.receipt.to_string(),
            how,
        )
    });
    let feedback = request
        .feedback
        .as_ref()
        .map(|feedback| (t.feedback_line)(feedback.stars, &feedback.text));
    view! {
        <h3>{service} " " <span class="badge" data-testid="request-status">{t.status(request.status)}</span></h3>
        <p class="meta">{preferred}</p>
        {(!request.address.is_empty()).then(|| view! { <p class="meta">{request.address.clone()} " " {request.phone.clone()}</p> })}
        {(!request.note.is_empty()).then(|| view! { <p class="meta">{request.note.clone()}</p> })}
        {entered_by.map(|by| view! { <p class="note" data-testid="request-entered-by">{by}</p> })}
        {request.scheduled_at.map(|at| view! { <p data-testid="request-scheduled">{(t.scheduled)(&data::local_time(at))}</p> })}
        {volunteer.map(|volunteer| view! { <p>{volunteer}</p> })}
        {purchase.map(|line| view! { <p data-testid="request-purchase">{line}</p> })}
        {feedback.map(|line| view! { <p>{line}</p> })}
        <ol class="timeline" data-testid="request-timeline">
            {timeline.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}
        </ol>
    }
}

/// The member's own requests: cancel while open, confirm when done.
#[component]
pub fn MyRequests() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let requests = Memo::new(move |_| {
        let Some(me) = community.actor().map(|actor| actor.member) else {
            return Vec::new();
        };
        let mut mine: Vec<_> = community
            .with_view(data::requests)
            .unwrap_or_default()
            .into_iter()
            .filter(|request| request.member == me)
            .collect();
        mine.sort_by_key(|request| std::cmp::Reverse(request.timeline.first().map(|step| step.at)));
        mine
    });
    view! {
        <section class="card my-requests" aria-labelledby="my-requests-title" data-testid="my-requests">
            <h2 id="my-requests-title">{t.my_requests}</h2>
            <Show when=move || requests.get().is_empty()>
                <p class="note">{t.no_requests}</p>
            </Show>
            <ul class="plain-list">
                <For each=move || requests.get() key=|request| format!("{request:?}") let:request>
                    <li><MyRequest request=request /></li>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn MyRequest(request: ServiceRequest) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let stars = RwSignal::new("5".to_owned());
    let feedback = RwSignal::new(String::new());
    let id = StoredValue::new(request.id.clone());
    let open = matches!(
        request.status,
        RequestStatus::Requested | RequestStatus::Confirmed
    );
    let done = request.status == RequestStatus::Done;
    let cancel = move |_| {
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::CancelServiceRequest(CancelServiceRequest {
                member: None,
                id: id.get_value(),
            })),
            error,
        )
    };
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(stars) = stars.get_untracked().parse::<u8>() else {
            invalid_input(error);
            return;
        };
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::CloseServiceRequest(CloseServiceRequest {
                id: id.get_value(),
                feedback: Some(Feedback {
                    stars,
                    text: feedback.get_untracked(),
                }),
            })),
            error,
        );
    };
    view! {
        <article class="request" data-testid="my-request" data-status=format!("{:?}", request.status)>
            <RequestSummary request=request.clone() />
            {open.then(|| view! {
                <button type="button" class="secondary" on:click=cancel data-testid="request-cancel">{t.cancel}</button>
            })}
            {done.then(|| view! {
                <form class="inline-form" on:submit=close data-testid="request-close">
                    <label class="field">
                        <span>{t.stars_label}</span>
                        <select on:change=move |ev| stars.set(event_target_value(&ev))>
                            {(1..=5u8).rev().map(|n| view! { <option value=n.to_string()>{"★".repeat(n as usize)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t.feedback_label}</span>
                        <input type="text" prop:value=feedback on:input=move |ev| feedback.set(event_target_value(&ev)) data-testid="request-feedback" />
                    </label>
                    <button type="submit">{t.confirm_done}</button>
                </form>
            })}
            <ErrorLine error=error />
        </article>
    }
}

/// For the service staff: requests waiting for a time, each with a time
/// and a volunteer to confirm.
#[component]
pub fn Queue() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let staff = community
        .actor()
        .is_some_and(|actor| actor.has_any(&SERVICE_STAFF));
    let waiting = Memo::new(move |_| {
        community
            .with_view(data::requests)
            .unwrap_or_default()
            .into_iter()
            .filter(|request| request.status == RequestStatus::Requested)
            .collect::<Vec<_>>()
    });
    staff.then(|| {
        view! {
            <section class="card queue" aria-labelledby="queue-title" data-testid="service-queue">
                <h2 id="queue-title">{t.queue}</h2>
                <Show when=move || waiting.get().is_empty()>
                    <p class="note">{t.queue_empty}</p>
                </Show>
                <ul class="plain-list">
                    <For each=move || waiting.get() key=|request| format!("{request:?}") let:request>
                        <li><QueuedRequest request=request /></li>
                    </For>
                </ul>
            </section>
        }
    })
}

#[component]
fn QueuedRequest(request: ServiceRequest) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let first = request.preferred.first().copied();
    let at = RwSignal::new(
        first
            .map(|time| {
                format!(
                    "{}T{}",
                    time.date,
                    linli_core::calendar::format_minute_of_day(time.from)
                )
            })
            .unwrap_or_default(),
    );
    let volunteer = RwSignal::new(None::<MemberId>);
    let people = Memo::new(move |_| community.with_view(data::members_by_name).unwrap_or_default());
    let (member, id) = (request.member.clone(), request.id.clone());
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(scheduled_at) = data::parse_input_time(&at.get_untracked()) else {
            invalid_input(error);
            return;
        };
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::ConfirmService(ConfirmService {
                member: member.clone(),
                id: id.clone(),
                scheduled_at,
                volunteer: volunteer.get_untracked(),
            })),
            error,
        );
    };
    view! {
        <article class="request" data-testid="queued-request">
            <RequestSummary request=request.clone() />
            <form class="inline-form" on:submit=confirm>
                <label class="field">
                    <span>{t.schedule_at}</span>
                    <input type="datetime-local" prop:value=at on:input=move |ev| at.set(event_target_value(&ev)) data-testid="schedule-at" />
                </label>
                <MemberSelect label=t.assign none=t.nobody members=people chosen=volunteer test_id="assign-volunteer" />
                <button type="submit" data-testid="schedule-confirm">{t.confirm}</button>
            </form>
            <ErrorLine error=error />
        </article>
    }
}

/// For a volunteer: the services assigned to them, each with its report.
#[component]
pub fn Assignments() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let assigned = Memo::new(move |_| {
        let Some(me) = community.actor().map(|actor| actor.member) else {
            return Vec::new();
        };
        community
            .with_view(|view| data::assigned_to(view, &me))
            .unwrap_or_default()
    });
    move || {
        (!assigned.get().is_empty()).then(|| {
            view! {
                <section class="card assignments" aria-labelledby="assignments-title" data-testid="assignments">
                    <h2 id="assignments-title">{t.assignments}</h2>
                    <ul class="plain-list">
                        <For each=move || assigned.get() key=|request| format!("{request:?}") let:request>
                            <li><Assignment request=request /></li>
                        </For>
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn Assignment(request: ServiceRequest) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let scheduled = request
        .scheduled_at
        .map(|at| data::local_time(at).replace(' ', "T"))
        .unwrap_or_default();
    let started = RwSignal::new(scheduled);
    let ended = RwSignal::new(data::local_time(data::now()).replace(' ', "T"));
    let note = RwSignal::new(String::new());
    let items = RwSignal::new(String::new());
    let spent = RwSignal::new(String::new());
    let receipt = RwSignal::new(String::new());
    let settlement = RwSignal::new(Settlement::Cash);
    let is_purchase = community
        .with_view(|view| {
            data::one::<Service>(view, &linli_core::services::records::service(&request.service))
                .is_some_and(|service| service.kind == ServiceKind::Purchase)
        })
        .unwrap_or(false);
    let confirmed = request.status == RequestStatus::Confirmed;
    let (member, id) = (request.member.clone(), request.id.clone());
    let report = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(started_at), Some(ended_at)) = (
            data::parse_input_time(&started.get_untracked()),
            data::parse_input_time(&ended.get_untracked()),
        ) else {
            invalid_input(error);
            return;
        };
        let purchase = if is_purchase {
            let (Some(spent), Some(receipt)) = (
                typed_yuan(&spent.get_untracked(), Fen::MAX_PRICE, error),
                typed_yuan(&receipt.get_untracked(), Fen::MAX_PRICE, error),
            ) else {
                return;
            };
            Some(Purchase {
                items: items.get_untracked(),
                spent,
                receipt,
                settlement: settlement.get_untracked(),
            })
        } else {
            None
        };
        run_mutation(
            community,
            Mutation::Services(ServicesMutation::CompleteService(CompleteService {
                member: member.clone(),
                id: id.clone(),
                started_at,
                ended_at,
                note: note.get_untracked(),
                purchase,
            })),
            error,
        );
    };
    let time_field = move |label: &'static str, value: RwSignal<String>, test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="datetime-local" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) data-testid=test_id />
            </label>
        }
    };
    let text_field = move |label: &'static str, value: RwSignal<String>, test_id: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) data-testid=test_id />
            </label>
        }
    };
    view! {
        <article class="request" data-testid="assignment" data-status=format!("{:?}", request.status)>
            <RequestSummary request=request.clone() />
            {confirmed.then(|| view! {
                <form class="report-form" on:submit=report>
                    {time_field(t.started, started, "report-started")}
                    {time_field(t.ended, ended, "report-ended")}
                    <p class="note">{t.times_hint}</p>
                    {text_field(t.done_note, note, "report-note")}
                    {is_purchase.then(|| view! {
                        {text_field(t.items, items, "report-items")}
                        {text_field(t.spent, spent, "report-spent")}
                        {text_field(t.receipt, receipt, "report-receipt")}
                        <fieldset class="field">
                            <label><input type="radio" name=format!("settle-{}", request.id) on:change=move |_| settlement.set(Settlement::Balance) data-testid="settle-balance" />{t.settle_balance}</label>
                            <label><input type="radio" name=format!("settle-{}", request.id) checked on:change=move |_| settlement.set(Settlement::Cash) />{t.settle_cash}</label>
                        </fieldset>
                    })}
                    <button type="submit" data-testid="report-done">{t.mark_done}</button>
                </form>
            })}
            <ErrorLine error=error />
        </article>
    }
}
