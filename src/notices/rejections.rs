//! Notices about changes the server refused, shown on the thing they concern.

use leptos::prelude::*;
use linli_core::notices::DismissRejection;
use linli_core::notices::NoticesMutation;
use linli_core::protocol::RejectionRecord;
use linli_core::tx::under_prefix;
use linli_core::{keys, Mutation};

use crate::i18n::texts;
use crate::sync::use_community;

/// The signed-in member's rejection records about `target` (a record key),
/// or, without a target, those about things no longer shown anywhere (a
/// deleted notice) or about nothing in particular.
#[component]
pub fn RejectionNotices(
    /// The record key the notices must concern.
    #[prop(optional, into)]
    target: Option<String>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let records = Memo::new(move |_| {
        let Some(actor) = community.actor() else {
            return Vec::new();
        };
        let prefix = format!("{}{}/", keys::REJECTION_PREFIX, actor.member);
        community
            .with_view(|view| {
                under_prefix(view, &prefix)
                    .filter_map(|(_, value)| serde_json::from_value::<RejectionRecord>(value.clone()).ok())
                    .filter(|record| match (&target, &record.target) {
                        (Some(wanted), Some(about)) => wanted == about,
                        (Some(_), None) => false,
                        (None, Some(about)) => !view.contains_key(about),
                        (None, None) => true,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let dismiss = move |record: &RejectionRecord| {
        let mutation = Mutation::Notices(NoticesMutation::DismissRejection(DismissRejection {
            client_id: record.client_id.clone(),
            mutation_id: record.mutation_id,
        }));
        leptos::task::spawn_local(async move {
            let _ = community.mutate(mutation).await;
        });
    };
    view! {
        <For
            each=move || records.get()
            key=|record| (record.client_id.clone(), record.mutation_id)
            children=move |record| {
                let code = record.code;
                view! {
                    <div class="rejection" role="alert" data-testid="rejection">
                        <p>
                            <strong>{t.rejection_heading}</strong>
                            " "
                            {move || t.rejection(code)}
                        </p>
                        <button type="button" class="secondary" on:click=move |_| dismiss(&record)>
                            {t.dismiss}
                        </button>
                    </div>
                }
            }
        />
    }
}
