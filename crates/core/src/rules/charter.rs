//! The charter's versions: amending one with a proposal's articles, and the
//! difference between any two versions, article by article.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::records::Article;

/// The articles after `amendments`: each replaces or adds the article with
/// its number; one with empty text repeals it. Sorted by number.
pub fn amend(current: &[Article], amendments: &[Article]) -> Vec<Article> {
    let mut articles: BTreeMap<u32, Article> = current
        .iter()
        .map(|article| (article.number, article.clone()))
        .collect();
    for amendment in amendments {
        if amendment.text.trim().is_empty() {
            articles.remove(&amendment.number);
        } else {
            articles.insert(amendment.number, amendment.clone());
        }
    }
    articles.into_values().collect()
}

/// How one article differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ArticleChange {
    Unchanged { article: Article },
    Added { article: Article },
    Removed { article: Article },
    Changed { before: Article, after: Article },
}

impl ArticleChange {
    pub fn number(&self) -> u32 {
        match self {
            ArticleChange::Unchanged { article }
            | ArticleChange::Added { article }
            | ArticleChange::Removed { article } => article.number,
            ArticleChange::Changed { after, .. } => after.number,
        }
    }
}

/// Every article number in either version, in order, with how it changed
/// from `before` to `after`.
pub fn diff(before: &[Article], after: &[Article]) -> Vec<ArticleChange> {
    let mut numbers: Vec<u32> = before.iter().chain(after).map(|article| article.number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let find = |articles: &[Article], number: u32| articles.iter().find(|a| a.number == number).cloned();
    numbers
        .into_iter()
        .filter_map(|number| match (find(before, number), find(after, number)) {
            (Some(old), Some(new)) if old == new => Some(ArticleChange::Unchanged { article: new }),
            (Some(old), Some(new)) => Some(ArticleChange::Changed {
                before: old,
                after: new,
            }),
            (None, Some(new)) => Some(ArticleChange::Added { article: new }),
            (Some(old), None) => Some(ArticleChange::Removed { article: old }),
            (None, None) => None,
        })
        .collect()
}

/// Articles typed one per line as "5. 标题：正文" (the way officers write
/// them on a tablet); an empty text repeals. `None` if a line has no number.
pub fn parse_articles(text: &str) -> Option<Vec<Article>> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (number, rest) = line.trim().split_once(['.', '、', '．'])?;
            let (title, body) = rest.split_once(['：', ':']).unwrap_or((rest, ""));
            Some(Article {
                number: number.trim().parse().ok()?,
                title: title.trim().to_owned(),
                text: body.trim().to_owned(),
            })
        })
        .collect()
}

/// The typed form [`parse_articles`] reads.
pub fn format_articles(articles: &[Article]) -> String {
    articles
        .iter()
        .map(|article| format!("{}. {}：{}", article.number, article.title, article.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(number: u32, text: &str) -> Article {
        Article {
            number,
            title: format!("第{number}条"),
            text: text.into(),
        }
    }

    #[test]
    fn amendments_replace_add_and_repeal_by_number() {
        let v1 = [article(1, "a"), article(2, "b"), article(3, "c")];
        let v2 = amend(&v1, &[article(2, "b2"), article(4, "d"), article(3, " ")]);
        assert_eq!(v2, vec![article(1, "a"), article(2, "b2"), article(4, "d")]);
        let changes = diff(&v1, &v2);
        assert_eq!(
            changes,
            vec![
                ArticleChange::Unchanged {
                    article: article(1, "a")
                },
                ArticleChange::Changed {
                    before: article(2, "b"),
                    after: article(2, "b2")
                },
                ArticleChange::Removed {
                    article: article(3, "c")
                },
                ArticleChange::Added {
                    article: article(4, "d")
                },
            ]
        );
        assert!(diff(&v2, &v2)
            .iter()
            .all(|change| matches!(change, ArticleChange::Unchanged { .. })));
    }

    #[test]
    fn drafted_articles_round_trip_through_their_typed_form() {
        let articles = parse_articles("5. 垃圾分类：四分类\n\n13、停车:不占村道\n3. 红白喜事：").unwrap();
        assert_eq!(articles.len(), 3);
        assert_eq!(articles[1].number, 13);
        assert_eq!(articles[1].text, "不占村道");
        assert!(articles[2].text.is_empty(), "an empty text repeals");
        assert_eq!(parse_articles(&format_articles(&articles)).unwrap(), articles);
        assert!(parse_articles("no number here").is_none());
    }
}
