//! The volunteer's service certificate: this year's activities and home
//! services with their hours, counted by the rule, and the star level; laid
//! out for printing.

use leptos::prelude::*;
use linli_core::services::records::{service as service_key, Service, ServiceRequest, ASSIGNED_PREFIX};
use linli_core::services::requests::service_half_hours;
use linli_core::volunteers::hours::{format_hours, half_hours, service_year, stars};
use linli_core::volunteers::records::{self, Activity};

use super::data;
use super::i18n::texts;
use crate::sync::use_community;

#[component]
pub fn CertificatePage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let year = RwSignal::new(data::today().year());
    let rows = Memo::new(move |_| {
        let Some(actor) = community.actor() else {
            return (String::new(), Vec::new());
        };
        let year = year.get();
        community
            .with_view(|view| {
                let name = data::member_name(view, actor.member.as_str());
                let rows = data::attendances(view)
                    .into_iter()
                    .filter(|attendance| {
                        attendance.member == actor.member && service_year(attendance.signed_in_at) == year
                    })
                    .filter_map(|attendance| {
                        let out = attendance.signed_out_at?;
                        let title = data::one::<Activity>(view, &records::activity(&attendance.activity))
                            .map_or_else(|| attendance.activity.clone(), |activity| activity.title);
                        Some((
                            title,
                            attendance.signed_in_at,
                            half_hours(attendance.signed_in_at, out),
                        ))
                    })
                    .collect::<Vec<_>>();
                // Home services done (the volunteer's own copies of them)
                // count by the same half-hour rule.
                let services: Vec<ServiceRequest> =
                    data::all(view, &format!("{ASSIGNED_PREFIX}{}/", actor.member));
                let home_services = service_half_hours(&services, &actor.member)
                    .into_iter()
                    .filter(|(_, at, _)| service_year(*at) == year)
                    .map(|(request, at, half)| {
                        let service = data::one::<Service>(view, &service_key(&request.service))
                            .map_or_else(|| request.service.clone(), |service| service.name_zh);
                        ((t.home_service_row)(&service), at, half)
                    });
                let rows = rows.into_iter().chain(home_services).collect::<Vec<_>>();
                (name, rows)
            })
            .unwrap_or_default()
    });
    let total = Memo::new(move |_| rows.get().1.iter().map(|(_, _, half)| half).sum::<u32>());
    view! {
        <section class="page certificate" aria-labelledby="certificate-title" data-testid="certificate">
            <h1 id="certificate-title">{t.certificate}</h1>
            <p class="no-print">
                <label class="field">
                    <span>{t.year}</span>
                    <input type="number" prop:value=move || year.get().to_string() on:input=move |ev| {
                        if let Ok(chosen) = event_target_value(&ev).parse() { year.set(chosen); }
                    } />
                </label>
                <button type="button" on:click=move |_| { let _ = window().print(); }>{t.print}</button>
            </p>
            <p class="certificate-name"><strong data-testid="certificate-name">{move || rows.get().0}</strong></p>
            <p>
                {move || format!("{} {}", year.get(), t.year_service)} " "
                <strong data-testid="certificate-total">{move || format_hours(total.get())}</strong> " " {t.hours}
            </p>
            <p class="stars" data-testid="certificate-stars" data-stars=move || stars(total.get()).to_string()>
                {move || { let count = stars(total.get()); format!("{}{} {count} {}", "★".repeat(count), "☆".repeat(5 - count), t.stars) }}
            </p>
            <table>
                <thead><tr><th scope="col">{t.activity_title}</th><th scope="col">{t.date}</th><th scope="col">{t.hours}</th></tr></thead>
                <tbody>
                    {move || rows.get().1.into_iter().map(|(title, at, half)| view! {
                        <tr data-testid="certificate-row"><th scope="row">{title}</th><td>{data::local_time(at)}</td><td>{format_hours(half)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="note">{t.hours_rule}</p>
        </section>
    }
}
