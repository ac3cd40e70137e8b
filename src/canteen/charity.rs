//! Charity meals (爱心助餐) as the community sees them: each fund's donors
//! with what they gave, and how many meals it has served; never who ate.

use leptos::prelude::*;
use linli_core::canteen::charity::fund_summary;

use super::data;
use super::i18n::texts;
use crate::sync::use_community;

#[component]
pub fn CharityMeals() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let funds = Memo::new(move |_| community.with_view(data::funds).unwrap_or_default());
    move || {
        (!funds.get().is_empty()).then(|| {
            view! {
                <section class="card charity" aria-labelledby="charity-title" data-testid="charity-meals">
                    <h2 id="charity-title">{t.charity_title}</h2>
                    <p class="note">{t.charity_intro}</p>
                    {funds.get().into_iter().map(|(fund, entries)| {
                        let (donors, meals) = fund_summary(&entries);
                        view! {
                            <article class="fund" data-testid="fund" data-fund=fund.id.clone()>
                                <h3>{fund.name.clone()}</h3>
                                <ul class="plain-list">
                                    {donors.into_iter().map(|(donor, amount)| view! {
                                        <li data-testid="fund-donor">{(t.charity_donors)(&donor, &amount.to_string())}</li>
                                    }).collect_view()}
                                </ul>
                                <p data-testid="fund-meals">{(t.charity_meals)(meals)}</p>
                            </article>
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}
