//! The pledge (承诺书) to the current charter: how many members signed it,
//! and signing it.

use leptos::prelude::*;
use linli_core::rules::mutations::SignPledge;
use linli_core::rules::records;
use linli_core::rules::RulesMutation;
use linli_core::Mutation;

use crate::forms::{run_mutation, ErrorLine};
use crate::rules::data;
use crate::rules::i18n::texts;
use crate::sync::{use_community, MutateError};

#[component]
pub fn Pledge(
    /// The current charter version, the one signed.
    version: Memo<u32>,
) -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let pledge = Memo::new(move |_| {
        let version = version.get();
        let me = community.actor().map(|actor| actor.member);
        community
            .with_view(|view| {
                let signed = me.is_some_and(|me| view.contains_key(&records::pledge(version, &me)));
                (signed, data::pledges(view, version), data::member_count(view))
            })
            .unwrap_or((false, 0, 0))
    });
    let sign = move |_| {
        let version = version.get_untracked();
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::SignPledge(SignPledge { version })),
            error,
        );
    };
    view! {
                <div class="pledge" data-testid="pledge">
                    <p>
                        {t.pledge_rate} ": "
                        <strong data-testid="pledge-rate">{move || {
                            let (_, signed, members) = pledge.get();
                            let percent = (signed * 100).checked_div(members).unwrap_or(0);
                            format!("{signed} / {members} ({percent}%)")
                        }}</strong>
                    </p>
                    <Show
                        when=move || !pledge.get().0
                        fallback=move || view! { <p class="ok">{t.pledge_signed}</p> }
                    >
                        <button type="button" on:click=sign>{t.sign_pledge}</button>
                    </Show>
                    <ErrorLine error=error />
                </div>
    }
}
