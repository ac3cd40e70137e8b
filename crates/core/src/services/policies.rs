//! Policy look-up and questions (政策查询、业务咨询): officers publish policy
//! articles; members search them on the device, with no server round trip,
//! Chinese text included; a member asks a question privately or publicly,
//! officers answer, and a public question with its answer becomes an entry
//! everyone can search (without the asker's name).

use serde::{Deserialize, Serialize};

use super::records::{self, Answer, Faq, Policy, Question};
use crate::calendar::Date;
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const TITLE_MAX_CHARS: usize = 80;
pub const BODY_MAX_CHARS: usize = 5000;
pub const CATEGORY_MAX_CHARS: usize = 20;
pub const PLACE_MAX_CHARS: usize = 200;
pub const QUESTION_MAX_CHARS: usize = 500;
pub const ANSWER_MAX_CHARS: usize = 2000;

/// `publishPolicy`: a new article, or a new text for one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishPolicy {
    pub id: String,
    pub title: String,
    pub body: String,
    pub category: String,
    #[serde(default)]
    pub effective_from: Option<Date>,
    #[serde(default)]
    pub effective_until: Option<Date>,
    #[serde(default)]
    pub where_to_apply: String,
}

/// `withdrawPolicy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WithdrawPolicy {
    pub id: String,
}

/// `askQuestion`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AskQuestion {
    pub id: String,
    pub text: String,
    pub public: bool,
}

/// `answerQuestion`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerQuestion {
    pub member: MemberId,
    pub id: String,
    pub answer: String,
}

pub async fn publish_policy(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PublishPolicy,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::policy(&args.id);
    valid_id(&args.id, &key)?;
    if let (Some(from), Some(until)) = (args.effective_from, args.effective_until) {
        if until < from {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
    }
    let policy = Policy {
        id: args.id.clone(),
        title: text::required(&args.title, TITLE_MAX_CHARS, &key)?,
        body: text::required(&args.body, BODY_MAX_CHARS, &key)?,
        category: text::required(&args.category, CATEGORY_MAX_CHARS, &key)?,
        effective_from: args.effective_from,
        effective_until: args.effective_until,
        where_to_apply: text::optional(&args.where_to_apply, PLACE_MAX_CHARS, &key)?,
        published_by: actor.member.clone(),
        published_at: now,
    };
    tx.put(&key, to_value(&policy)).await?;
    Ok(())
}

pub async fn withdraw_policy(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &WithdrawPolicy,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::policy(&args.id);
    valid_id(&args.id, &key)?;
    if tx.get(&key).await?.is_none() {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    tx.del(&key).await?;
    Ok(())
}

pub async fn ask_question(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AskQuestion,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::question(&actor.member, &args.id);
    valid_id(&args.id, &key)?;
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let question = Question {
        id: args.id.clone(),
        member: actor.member.clone(),
        text: text::required(&args.text, QUESTION_MAX_CHARS, &key)?,
        public: args.public,
        asked_at: now,
        answer: None,
    };
    tx.put(&key, to_value(&question)).await?;
    Ok(())
}

pub async fn answer_question(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AnswerQuestion,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = records::question(&args.member, &args.id);
    valid_id(&args.id, &key)?;
    let mut question: Question = read(tx, &key).await?;
    let answer = Answer {
        text: text::required(&args.answer, ANSWER_MAX_CHARS, &key)?,
        by: actor.member.clone(),
        at: now,
    };
    if question.public {
        // Public from now on, without the asker: the id is random, the
        // member's name appears nowhere in it.
        let faq = Faq {
            id: question.id.clone(),
            question: question.text.clone(),
            answer: answer.text.clone(),
            answered_at: now,
        };
        tx.put(&records::faq(&question.id), to_value(&faq)).await?;
    }
    question.answer = Some(answer);
    tx.put(&key, to_value(&question)).await?;
    Ok(())
}

/// What a search found: a policy article or a public answer, by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Policy(String),
    Faq(String),
}

/// The terms of `query`: each run of Chinese characters as its two-character
/// pieces (a single character alone), each run of letters or digits as a
/// lower-case word. Chinese is written without spaces, so pieces of two
/// characters find 医疗保险 from 医保 as well as from 医疗 or 保险.
pub fn terms(query: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut han = Vec::new();
    let mut word = String::new();
    let flush_han = |han: &mut Vec<char>, terms: &mut Vec<String>| {
        match han.len() {
            0 => {}
            1 => terms.push(han[0].to_string()),
            _ => terms.extend(han.windows(2).map(|pair| pair.iter().collect::<String>())),
        }
        han.clear();
    };
    for c in query.chars() {
        if is_han(c) {
            if !word.is_empty() {
                terms.push(std::mem::take(&mut word));
            }
            han.push(c);
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut terms);
            word.extend(c.to_lowercase());
        } else {
            flush_han(&mut han, &mut terms);
            if !word.is_empty() {
                terms.push(std::mem::take(&mut word));
            }
        }
    }
    flush_han(&mut han, &mut terms);
    if !word.is_empty() {
        terms.push(word);
    }
    terms.sort();
    terms.dedup();
    terms
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// How well `title` and `body` match `terms`: a term in the title counts
/// three times one in the body; a text that misses more than half of the
/// terms does not match.
pub(crate) fn score(terms: &[String], title: &str, body: &str) -> u32 {
    let (title, body) = (title.to_lowercase(), body.to_lowercase());
    let mut matched = 0;
    let mut total = 0;
    for term in terms {
        let in_title = title.matches(term.as_str()).count() as u32;
        let in_body = body.matches(term.as_str()).count() as u32;
        if in_title + in_body > 0 {
            matched += 1;
        }
        total += 3 * in_title + in_body;
    }
    if terms.is_empty() || matched * 2 < terms.len() {
        0
    } else {
        total
    }
}

/// The policies and public answers that match `query`, best first (on the
/// device: no server round trip). An empty query finds nothing.
pub fn search(policies: &[Policy], faqs: &[Faq], query: &str) -> Vec<Found> {
    let terms = terms(query);
    let mut hits: Vec<(u32, Found)> = policies
        .iter()
        .map(|policy| {
            let text = format!("{} {}", policy.body, policy.category);
            (
                score(&terms, &policy.title, &text),
                Found::Policy(policy.id.clone()),
            )
        })
        .chain(faqs.iter().map(|faq| {
            (
                score(&terms, &faq.question, &faq.answer),
                Found::Faq(faq.id.clone()),
            )
        }))
        .filter(|(score, _)| *score > 0)
        .collect();
    hits.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    hits.into_iter().map(|(_, found)| found).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(id: &str, title: &str, body: &str) -> Policy {
        Policy {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            category: "养老".into(),
            effective_from: None,
            effective_until: None,
            where_to_apply: String::new(),
            published_by: "o".parse().unwrap(),
            published_at: Timestamp(0),
        }
    }

    #[test]
    fn chinese_is_searched_by_two_character_pieces() {
        assert_eq!(terms("医保报销"), vec!["保报", "医保", "报销"]);
        assert_eq!(terms("老年 助餐 60岁"), vec!["60", "助餐", "岁", "老年"]);
        let policies = [
            policy(
                "p1",
                "城乡居民医保缴费",
                "每年9月至12月缴纳下一年度的医疗保险费用。",
            ),
            policy("p2", "老年人助餐补贴", "60周岁以上老人在社区食堂堂食享受六折。"),
        ];
        assert_eq!(search(&policies, &[], "医保"), vec![Found::Policy("p1".into())]);
        assert_eq!(
            search(&policies, &[], "老人助餐"),
            vec![Found::Policy("p2".into())]
        );
        assert_eq!(
            search(&policies, &[], "食堂六折"),
            vec![Found::Policy("p2".into())]
        );
        assert!(search(&policies, &[], "").is_empty());
        assert!(search(&policies, &[], "停车位").is_empty());
    }

    #[test]
    fn a_title_match_ranks_above_a_body_match() {
        let policies = [
            policy("body", "其他事项", "办理居住证需要带身份证。"),
            policy("title", "居住证办理", "到社区服务站办理。"),
        ];
        assert_eq!(
            search(&policies, &[], "居住证"),
            vec![Found::Policy("title".into()), Found::Policy("body".into())]
        );
    }
}
