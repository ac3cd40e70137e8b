//! Every member's meal plan and when it ends (paused days roll it forward).

use leptos::prelude::*;

use crate::canteen::data;
use crate::canteen::i18n::texts;
use crate::sync::use_community;

#[component]
pub fn AllSubscriptions() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let subscriptions = Memo::new(move |_| {
        community
            .with_view(|view| {
                data::subscriptions(view)
                    .into_iter()
                    .map(|subscription| (data::member_name(view, &subscription.member), subscription))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <h3>{t.all_subscriptions}</h3>
        <ul class="plain-list" data-testid="all-subscriptions">
            {move || subscriptions.get().into_iter().map(|(name, subscription)| view! {
                <li data-testid="member-subscription" data-member=subscription.member.clone()>
                    {name} " · " <span data-testid="end-date">{(t.ends_on)(&subscription.end_date().to_string())}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
