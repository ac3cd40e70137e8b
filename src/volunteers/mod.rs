//! The volunteers and grids module (网格 / 志愿者).
//!
//! The foundation shows the grid work of 喜悦社区 and 大庆路社区 from the seed
//! page; the registry, activities, visit rounds, case chain and care ledger
//! arrive with the volunteers issue, built on the sync engine.

use leptos::prelude::*;

use crate::i18n::texts;

/// The volunteers page: the grids, the "four nets" and the three visit rounds.
#[component]
pub fn VolunteersPage() -> impl IntoView {
    let t = texts();
    view! {
        <section class="page" aria-labelledby="volunteers-title" data-testid="page-volunteers">
            <h1 id="volunteers-title">{t.volunteers_title}</h1>
            <p class="place">{t.volunteers_place}</p>
            <p class="lead">{t.volunteers_intro}</p>
            <div class="card">
                <h2>{t.volunteers_nets_heading}</h2>
                <ul class="plain-list">
                    {move || t.volunteers_nets.iter().map(|net| view! { <li>{*net}</li> }).collect_view()}
                </ul>
            </div>
            <p class="note">{t.volunteers_visits}</p>
        </section>
    }
}
