//! The volunteers and grids module (网格 / 志愿者): the member's code for
//! signing in at activities, the grid dashboard with the three visit rounds,
//! the activity calendar, the case chain and the care ledger, and the
//! printable service certificate. Every change is a core mutation, so a grid
//! worker's phone works with no network and the server decides the same way.
//!
//! - this file: the volunteers page and the member's grid;
//! - `grids`: the community's grids, their workers and members (officers);
//!   `registry`: members' places, households and visit plans (officers, grid
//!   workers); `households`: the visit rounds; `activities`: the calendar
//!   with sign-up and sign-in; `cases`: the case chain; `care`: the care
//!   ledger; `certificate`: the printable service certificate;
//! - `data`: reading the records; `i18n`: the module's strings.

mod activities;
mod care;
mod cases;
pub mod certificate;
mod data;
mod grids;
mod households;
pub mod i18n;
mod registry;

use leptos::prelude::*;

use linli_core::volunteers::codes::{
    code_for_reading, code_key, NewVolunteerCode, VolunteerCode, CODE_DIGITS,
};
use linli_core::volunteers::records::{self, Grid, Part};
use linli_core::volunteers::VolunteersMutation;
use linli_core::Mutation;

use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};
use i18n::texts;

/// The volunteers page: with a session, the member's grid work; before
/// that, how the grids of the seed page work.
#[component]
pub fn VolunteersPage() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let signed_in = move || community.session.get().is_some();
    view! {
        <section class="page" aria-labelledby="volunteers-title" data-testid="page-volunteers">
            <h1 id="volunteers-title">{t.title}</h1>
            <crate::shell::CommunityPlace />
            <Show when=signed_in fallback=move || view! { <p class="note">{t.sign_in_hint}</p> }>
                <MyGrid />
                <households::Households />
                <registry::GridAdmin />
                <grids::Grids />
                <cases::Cases />
                <activities::Activities />
                <care::CareLedger />
            </Show>
            <p class="lead">{t.intro}</p>
            <div class="card">
                <h2>{t.nets_heading}</h2>
                <ul class="plain-list">
                    {t.nets.iter().map(|net| view! { <li>{*net}</li> }).collect_view()}
                </ul>
            </div>
            <p class="note">{t.visits}</p>
        </section>
    }
}

/// The member's grid and parts, their code for activity sign-in, and the
/// way to the certificate.
#[component]
fn MyGrid() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let summary = Memo::new(move |_| {
        let actor = community.actor()?;
        community.with_view(|view| {
            let person = data::grid_member(view, &actor.member);
            let grid = person
                .as_ref()
                .and_then(|person| data::one::<Grid>(view, &records::grid(&person.grid)));
            let worker = grid
                .as_ref()
                .and_then(|grid| grid.worker.as_ref())
                .map(|worker| data::member_name(view, worker.as_str()));
            let parts = person
                .map(|person| {
                    person
                        .parts
                        .iter()
                        .map(|part| t.parts[Part::ALL.iter().position(|p| p == part).unwrap_or(0)])
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default();
            let runs = data::grids_run_by(view, &actor)
                .into_iter()
                .map(|grid| grid.name)
                .collect::<Vec<_>>()
                .join("、");
            (
                data::one::<VolunteerCode>(view, &code_key(&actor.member)).map(|code| code.code),
                grid.map(|grid| format!("{} · {}", grid.name, grid.area)),
                worker,
                parts,
                runs,
            )
        })
    });
    view! {
        <section class="card my-grid" data-testid="my-grid">
            {move || summary.get().map(|(code, grid, worker, parts, runs)| view! {
                <h2>{t.my_grid}</h2>
                {(!runs.is_empty()).then(|| view! { <p data-testid="grids-run">{t.grids_run} {runs.clone()}</p> })}
                {(runs.is_empty() || grid.is_some()).then(|| view! { <p>{grid.unwrap_or_else(|| t.no_grid.to_owned())}</p> })}
                {worker.map(|worker| view! { <p class="meta">{t.grid_worker} {worker}</p> })}
                {(!parts.is_empty()).then(|| view! { <p class="meta">{parts}</p> })}
                <MyCode code=code />
                <registry::ProfileForm />
                <p><a href="/volunteers/certificate" class="action-link" data-testid="certificate-link">{t.certificate}</a></p>
            })}
        </section>
    }
}

/// The member's sign-in code, digits grouped for reading aloud and as a QR
/// code, with the way to make one, or a new one that retires the old.
#[component]
fn MyCode(code: Option<String>) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let has_code = code.is_some();
    let make = move |_| {
        let code = random_digits(CODE_DIGITS);
        run_mutation(
            community,
            Mutation::Volunteers(VolunteersMutation::NewVolunteerCode(NewVolunteerCode { code })),
            error,
        );
    };
    view! {
        <div class="pickup-code">
            <h3>{t.my_code}</h3>
            {code.map(|code| view! {
                <p class="invite-code" data-testid="member-code-text">{code_for_reading(&code)}</p>
                <div class="qr" inner_html=crate::qr::qr_svg(&code, 120)></div>
            })}
            <p class="note">{if has_code { t.code_renew_hint } else { t.code_none }}</p>
            <button type="button" class="secondary" on:click=make data-testid="member-code-new">
                {if has_code { t.code_renew } else { t.code_make }}
            </button>
            <ErrorLine error=error />
        </div>
    }
}

/// `digits` random decimal digits from the browser's cryptographic source.
/// Bytes of 250 and over are drawn again, so every digit is equally likely.
fn random_digits(digits: usize) -> String {
    let Ok(crypto) = window().crypto() else {
        return String::new();
    };
    let mut out = String::with_capacity(digits);
    let mut bytes = [0u8; 32];
    while out.len() < digits {
        if crypto.get_random_values_with_u8_array(&mut bytes).is_err() {
            return String::new();
        }
        for byte in bytes.iter().filter(|byte| **byte < 250) {
            if out.len() < digits {
                out.push(char::from(b'0' + byte % 10));
            }
        }
    }
    out
}
