//! Two versions of the charter compared article by article: changed,
//! added and removed articles.

use leptos::prelude::*;
use linli_core::rules::charter::{diff, ArticleChange};
use linli_core::rules::records::{Article, CharterVersion};

use crate::rules::i18n::texts;

#[component]
pub fn CharterDiff(
    /// Every adopted version.
    charters: Memo<Vec<CharterVersion>>,
    /// The version shown above, compared with the one before it unless
    /// the member picks another.
    shown: Memo<u32>,
) -> impl IntoView {
    let t = texts();
    // 0: the version before the shown one.
    let compare_from = RwSignal::new(0u32);
    let changes = Memo::new(move |_| {
        let all = charters.get();
        let to = shown.get();
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
    view! {
                <details data-testid="charter-diff">
                    <summary>{t.compare}</summary>
                    <label class="field">
                        <span>{t.compare_with}</span>
                        <select on:change=move |ev| compare_from.set(event_target_value(&ev).parse().unwrap_or(0))>
                            <option value="0">{t.previous_version}</option>
                            {move || super::version_options(&charters.get())}
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
    }
}
