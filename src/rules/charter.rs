//! The charter (村规民约): the current version's articles, any two versions
//! compared article by article, and the pledge (承诺书) with its signing rate.

use leptos::prelude::*;
use linli_core::rules::charter::{diff, ArticleChange};
use linli_core::rules::mutations::SignPledge;
use linli_core::rules::records::{self, Article};
use linli_core::rules::RulesMutation;
use linli_core::Mutation;

use super::data;
use super::i18n::texts;
use crate::forms::{run_mutation, ErrorLine};
use crate::sync::{use_community, MutateError};

#[component]
pub fn Charter() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let error = RwSignal::new(None::<MutateError>);
    let charters = Memo::new(move |_| community.with_view(data::charters).unwrap_or_default());
    let latest = Memo::new(move |_| charters.get().last().map(|charter| charter.version).unwrap_or(0));
    // 0 follows the latest version, so a newly adopted one shows at once.
    let shown = RwSignal::new(0u32);
    let compare_from = RwSignal::new(0u32);
    let current = Memo::new(move |_| {
        let wanted = if shown.get() == 0 {
            latest.get()
        } else {
            shown.get()
        };
        charters
            .get()
            .into_iter()
            .find(|charter| charter.version == wanted)
    });
    let changes = Memo::new(move |_| {
        let all = charters.get();
        let to = if shown.get() == 0 {
            latest.get()
        } else {
            shown.get()
        };
        let from = if compare_from.get() == 0 {
            to.saturating_sub(1)
        } else {
            compare_from.get()
        };
        let articles = |version: u32| -> Vec<Article> {
            all.iter()
                .find(|charter| charter.version == version)
                .map(|charter| charter.articles.clone())
                .unwrap_or_default()
        };
        (from, to, diff(&articles(from), &articles(to)))
    });
    let pledge = Memo::new(move |_| {
        let version = latest.get();
        let me = community.actor().map(|actor| actor.member);
        community
            .with_view(|view| {
                let signed = me.is_some_and(|me| view.contains_key(&records::pledge(version, &me)));
                (signed, data::pledges(view, version), data::member_count(view))
            })
            .unwrap_or((false, 0, 0))
    });
    let sign = move |_| {
        let version = latest.get_untracked();
        run_mutation(
            community,
            Mutation::Rules(RulesMutation::SignPledge(SignPledge { version })),
            error,
        );
    };
    let version_options = move || {
        charters
            .get()
            .into_iter()
            .map(|charter| {
                let label = format!(
                    "{} {} · {}",
                    t.version,
                    charter.version,
                    data::local_time(charter.adopted_at)
                );
                view! { <option value=charter.version.to_string()>{label}</option> }
            })
            .collect_view()
    };

    view! {
        <section class="card charter" aria-labelledby="charter-title" data-testid="charter">
            <h2 id="charter-title">{t.charter}</h2>
            <Show when=move || latest.get() == 0>
                <p class="note">{t.no_charter}</p>
            </Show>
            <Show when=move || { latest.get() > 0 }>
                <label class="field">
                    <span>{t.version}</span>
                    <select
                        data-testid="charter-version"
                        on:change=move |ev| shown.set(event_target_value(&ev).parse().unwrap_or(0))
                    >
                        <option value="0">{t.latest_version}</option>
                        {version_options}
                    </select>
                </label>
                <p data-testid="charter-current">
                    {move || current.get().map(|charter| format!("{} {} · {}", t.version, charter.version, charter.title))}
                </p>
                <ol class="articles">
                    {move || current.get().map(|charter| charter.articles.into_iter().map(|article| view! {
                        <li value=article.number.to_string()>
                            <strong>{article.title}</strong> " " {article.text}
                        </li>
                    }).collect_view())}
                </ol>
                <details data-testid="charter-diff">
                    <summary>{t.compare}</summary>
                    <label class="field">
                        <span>{t.compare_with}</span>
                        <select on:change=move |ev| compare_from.set(event_target_value(&ev).parse().unwrap_or(0))>
                            <option value="0">{t.previous_version}</option>
                            {version_options}
                        </select>
                    </label>
                    <p>{move || { let (from, to, _) = changes.get(); format!("{} {from} → {} {to}", t.version, t.version) }}</p>
                    <ul class="plain-list diff">
                        {move || changes.get().2.into_iter().filter(|change| !matches!(change, ArticleChange::Unchanged { .. })).map(|change| {
                            let number = change.number();
                            match change {
                                ArticleChange::Changed { before, after } => view! {
                                    <li class="changed" data-testid="diff-changed" data-article=number.to_string()>
                                        <strong>{format!("{} · {}", t.article_label(number), after.title)}</strong>
                                        <del>{before.text}</del>
                                        <ins>{after.text}</ins>
                                    </li>
                                }.into_any(),
                                ArticleChange::Added { article } => view! {
                                    <li class="added" data-testid="diff-added" data-article=number.to_string()>
                                        <strong>{format!("+ {} · {}", t.article_label(number), article.title)}</strong>
                                        <ins>{article.text}</ins>
                                    </li>
                                }.into_any(),
                                ArticleChange::Removed { article } => view! {
                                    <li class="removed" data-testid="diff-removed" data-article=number.to_string()>
                                        <strong>{format!("− {} · {}", t.article_label(number), article.title)}</strong>
                                        <del>{article.text}</del>
                                    </li>
                                }.into_any(),
                                ArticleChange::Unchanged { .. } => ().into_any(),
                            }
                        }).collect_view()}
                    </ul>
                    <Show when=move || changes.get().2.iter().all(|change| matches!(change, ArticleChange::Unchanged { .. }))>
                        <p class="note">{t.no_differences}</p>
                    </Show>
                </details>
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
            </Show>
        </section>
    }
}
