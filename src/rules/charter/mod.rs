//! The charter (村规民约): the current version's articles, any two versions
//! compared article by article ([`diff`]), and the pledge (承诺书) with
//! its signing rate ([`pledge`]).

mod diff;
mod pledge;

use leptos::prelude::*;
use linli_core::rules::records::CharterVersion;

use super::data;
use super::i18n::texts;
use crate::sync::use_community;

/// The versions as a picker's options: number and adoption date.
fn version_options(charters: &[CharterVersion]) -> impl IntoView {
    let t = texts();
    charters
        .iter()
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
}

#[component]
pub fn Charter() -> impl IntoView {
    let t = texts();
    let community = use_community();
    let charters = Memo::new(move |_| community.with_view(data::charters).unwrap_or_default());
    let latest = Memo::new(move |_| charters.get().last().map(|charter| charter.version).unwrap_or(0));
    // 0 follows the latest version, so a newly adopted one shows at once.
    let shown = RwSignal::new(0u32);
    let shown_version = Memo::new(move |_| {
        if shown.get() == 0 {
            latest.get()
        } else {
            shown.get()
        }
    });
    let current = Memo::new(move |_| {
        charters
            .get()
            .into_iter()
            .find(|charter| charter.version == shown_version.get())
    });

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
                        {move || version_options(&charters.get())}
                    </select>
                </label>
                <p data-testid="charter-current">
                    {move || current.get().map(|charter| format!("{} {} · {}", t.version, charter.version, charter.title))}
                </p>
                <crate::shell::ReadAloud text=move || {
                    current.get().map(|charter| {
                        charter.articles.iter().map(|article| format!("{}。{}。{}", t.article_label(article.number), article.title, article.text)).collect::<Vec<_>>().join("")
                    }).unwrap_or_default()
                } />
                <ol class="articles">
                    {move || current.get().map(|charter| charter.articles.into_iter().map(|article| view! {
                        <li value=article.number.to_string()>
                            <strong>{article.title}</strong> " " {article.text}
                        </li>
                    }).collect_view())}
                </ol>
                <diff::CharterDiff charters=charters shown=shown_version />
                <pledge::Pledge version=latest />
            </Show>
        </section>
    }
}
