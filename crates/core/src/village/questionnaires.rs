//! Questionnaires (线上问卷): officers ask, villagers answer on their phones
//! with no network, the results are counted once per member and shown as
//! charts; a suggestion written in one can become a proposal, as a
//! fireside meeting's can.
//!
//! A named questionnaire keeps each member's answers where only they and
//! the officers read them (`vil/qanswer/<member>/<id>`), and the officers
//! watch its count grow (`vil/qtally/<id>`). An anonymous one keeps nothing
//! that joins a member to an answer: the member's own record says only that
//! they answered (`vil/qdone/<member>/<id>`, for them alone, without the
//! answers), the count is the server's alone (`vil/qsealed/<id>`) while it
//! is open, so no one can watch it move as a neighbour's phone syncs, and
//! the audit log keeps no answers. Closing publishes the count
//! (`vil/qresult/<id>`) with the written answers sorted, not in the order
//! they came; with fewer than [`MIN_PUBLISHED`] answers only how many
//! answered is published, since a count of two says what each of two said.
//!
//! ## Usage
//! ```
//! use linli_core::village::questionnaires::{Answer, Question, QuestionKind, Tally};
//! let questions = [Question { text: "广场几点关灯？".into(), kind: QuestionKind::Single,
//!                            options: vec!["21:00".into(), "21:30".into()] }];
//! let mut tally = Tally::empty(&questions);
//! tally.count(&[Answer { choices: vec![1], text: String::new() }]);
//! assert_eq!(tally.counts[0], [0, 1]);
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::{Date, LocalTime};
use crate::ids::MemberId;
use crate::members::{read, to_value};
use crate::rejection::{rejected, valid_id, ApplyError, RejectionCode};
use crate::role::Actor;
use crate::text;
use crate::time::Timestamp;
use crate::tx::Tx;

pub const QUESTIONNAIRE_PREFIX: &str = "vil/q/";
pub const ANSWER_PREFIX: &str = "vil/qanswer/";
pub const DONE_PREFIX: &str = "vil/qdone/";
pub const TALLY_PREFIX: &str = "vil/qtally/";
pub const SEALED_PREFIX: &str = "vil/qsealed/";
pub const RESULT_PREFIX: &str = "vil/qresult/";

/// The fewest answers whose counts are published.
pub const MIN_PUBLISHED: u32 = 5;
pub const MAX_QUESTIONS: usize = 20;
pub const MAX_OPTIONS: usize = 10;
pub const TEXT_MAX_CHARS: usize = 200;
pub const ANSWER_MAX_CHARS: usize = 300;

pub fn questionnaire(id: &str) -> String {
    format!("{QUESTIONNAIRE_PREFIX}{id}")
}

pub fn answer(member: &MemberId, id: &str) -> String {
    format!("{ANSWER_PREFIX}{member}/{id}")
}

pub fn done(member: &MemberId, id: &str) -> String {
    format!("{DONE_PREFIX}{member}/{id}")
}

pub fn tally(id: &str) -> String {
    format!("{TALLY_PREFIX}{id}")
}

pub fn sealed(id: &str) -> String {
    format!("{SEALED_PREFIX}{id}")
}

pub fn result(id: &str) -> String {
    format!("{RESULT_PREFIX}{id}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multiple,
    Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    pub text: String,
    pub kind: QuestionKind,
    #[serde(default)]
    pub options: Vec<String>,
}

/// `publishQuestionnaire`'s arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishQuestionnaire {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub questions: Vec<Question>,
    pub anonymous: bool,
    /// Answers are taken from the first day to the last, by the server's clock.
    pub opens: Date,
    pub closes: Date,
}

/// `vil/q/<id>`: a questionnaire, read by everyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub questions: Vec<Question>,
    pub anonymous: bool,
    pub opens: Date,
    pub closes: Date,
    pub published_by: MemberId,
    pub published_at: Timestamp,
    /// Closed and its results published (at the close or earlier).
    #[serde(default)]
    pub closed: bool,
}

impl Questionnaire {
    /// Where its count is kept: the officers' for a named one, the
    /// server's alone for an anonymous one.
    pub fn count_key(&self) -> String {
        if self.anonymous {
            sealed(&self.id)
        } else {
            tally(&self.id)
        }
    }

    /// Whether answers are taken on `day`.
    pub fn is_open_on(&self, day: Date) -> bool {
        !self.closed && self.opens <= day && day <= self.closes
    }
}

/// One question's answer: the options chosen (by index) or the text written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Answer {
    #[serde(default)]
    pub choices: Vec<u8>,
    #[serde(default)]
    pub text: String,
}

/// `answerQuestionnaire`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerQuestionnaire {
    pub questionnaire: String,
    pub answers: Vec<Answer>,
}

/// `vil/qanswer/<member>/<id>`: a member's answers to a named questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedAnswers {
    pub member: MemberId,
    pub questionnaire: String,
    pub answers: Vec<Answer>,
    pub at: Timestamp,
}

/// `vil/qdone/<member>/<id>`: the member answered an anonymous
/// questionnaire; no answer and no time, nothing to match against a count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answered {
    pub questionnaire: String,
}

/// The count of a questionnaire's answers: per question, how many chose
/// each option, and the texts written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub respondents: u32,
    pub counts: Vec<Vec<u32>>,
    pub texts: Vec<Vec<String>>,
}

impl Tally {
    pub fn empty(questions: &[Question]) -> Tally {
        Tally {
            respondents: 0,
            counts: questions
                .iter()
                .map(|question| vec![0; question.options.len()])
                .collect(),
            texts: questions.iter().map(|_| Vec::new()).collect(),
        }
    }

    /// Counts one member's answers (already checked against the questions).
    pub fn count(&mut self, answers: &[Answer]) {
        self.respondents += 1;
        for (at, answer) in answers.iter().enumerate() {
            for choice in &answer.choices {
                if let Some(count) = self
                    .counts
                    .get_mut(at)
                    .and_then(|counts| counts.get_mut(usize::from(*choice)))
                {
                    *count += 1;
                }
            }
            if !answer.text.is_empty() {
                if let Some(texts) = self.texts.get_mut(at) {
                    texts.push(answer.text.clone());
                }
            }
        }
    }
}

/// A suggestion among the published texts taken up as a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionLink {
    pub question: usize,
    pub text: usize,
    pub proposal: String,
}

/// `vil/qresult/<id>`: the published results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResult {
    pub questionnaire: String,
    pub respondents: u32,
    /// `None` when too few answered to publish the counts.
    pub tally: Option<Tally>,
    pub closed_at: Timestamp,
    #[serde(default)]
    pub links: Vec<SuggestionLink>,
}

/// `closeQuestionnaire`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CloseQuestionnaire {
    pub id: String,
}

/// `linkQuestionnaireSuggestion`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkQuestionnaireSuggestion {
    pub questionnaire: String,
    pub question: usize,
    pub text: usize,
    pub proposal: String,
}

pub async fn publish_questionnaire(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &PublishQuestionnaire,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = questionnaire(&args.id);
    valid_id(&args.id, &key)?;
    if tx.get(&key).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &key));
    }
    let today = LocalTime::of(now).date;
    let dates_ok =
        args.opens <= args.closes && args.closes >= today && args.opens.days_until(args.closes) <= 366;
    if !dates_ok || args.questions.is_empty() || args.questions.len() > MAX_QUESTIONS {
        return Err(rejected(RejectionCode::InvalidArgs, &key));
    }
    let mut questions = Vec::with_capacity(args.questions.len());
    for question in &args.questions {
        let options = question
            .options
            .iter()
            .map(|option| text::required(option, 60, &key))
            .collect::<Result<Vec<_>, _>>()?;
        let options_ok = match question.kind {
            QuestionKind::Text => options.is_empty(),
            QuestionKind::Single | QuestionKind::Multiple => (2..=MAX_OPTIONS).contains(&options.len()),
        };
        if !options_ok {
            return Err(rejected(RejectionCode::InvalidArgs, &key));
        }
        questions.push(Question {
            text: text::required(&question.text, TEXT_MAX_CHARS, &key)?,
            kind: question.kind,
            options,
        });
    }
    let published = Questionnaire {
        id: args.id.clone(),
        title: text::required(&args.title, 60, &key)?,
        intro: text::optional(&args.intro, TEXT_MAX_CHARS, &key)?,
        questions,
        anonymous: args.anonymous,
        opens: args.opens,
        closes: args.closes,
        published_by: actor.member.clone(),
        published_at: now,
        closed: false,
    };
    let empty = Tally::empty(&published.questions);
    tx.put(&published.count_key(), to_value(&empty)).await?;
    tx.put(&key, to_value(&published)).await?;
    Ok(())
}

/// Checks each answer against its question; a question may be left unanswered.
fn checked_answers(
    questions: &[Question],
    answers: &[Answer],
    target: &str,
) -> Result<Vec<Answer>, ApplyError> {
    if answers.len() != questions.len() {
        return Err(rejected(RejectionCode::InvalidArgs, target));
    }
    let mut checked = Vec::with_capacity(answers.len());
    for (question, answer) in questions.iter().zip(answers) {
        let mut choices = answer.choices.clone();
        choices.sort_unstable();
        choices.dedup();
        let in_range = choices
            .iter()
            .all(|choice| usize::from(*choice) < question.options.len());
        let shape_ok = match question.kind {
            QuestionKind::Single => choices.len() <= 1 && answer.text.is_empty(),
            QuestionKind::Multiple => answer.text.is_empty(),
            QuestionKind::Text => choices.is_empty(),
        };
        if !in_range || !shape_ok || choices.len() != answer.choices.len() {
            return Err(rejected(RejectionCode::InvalidArgs, target));
        }
        checked.push(Answer {
            choices,
            text: text::optional(&answer.text, ANSWER_MAX_CHARS, target)?,
        });
    }
    if checked
        .iter()
        .all(|answer| answer.choices.is_empty() && answer.text.is_empty())
    {
        return Err(rejected(RejectionCode::InvalidArgs, target));
    }
    Ok(checked)
}

/// The count kept at `count_key`. A villager's phone never holds it (the
/// officers' or the server's alone), so there the prediction counts from
/// nothing, and the server, which always has it, decides.
async fn count_so_far(
    tx: &mut impl Tx,
    count_key: &str,
    questions: &[Question],
) -> Result<Tally, ApplyError> {
    Ok(tx
        .get(count_key)
        .await?
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_else(|| Tally::empty(questions)))
}

pub async fn answer_questionnaire(
    tx: &mut impl Tx,
    actor: &Actor,
    args: &AnswerQuestionnaire,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = questionnaire(&args.questionnaire);
    valid_id(&args.questionnaire, &key)?;
    let asked: Questionnaire = read(tx, &key).await?;
    let today = LocalTime::of(now).date;
    if today < asked.opens {
        return Err(rejected(RejectionCode::VoteNotOpen, &key));
    }
    if !asked.is_open_on(today) {
        return Err(rejected(RejectionCode::TooLate, &key));
    }
    let answers = checked_answers(&asked.questions, &args.answers, &key)?;
    let count_key = asked.count_key();
    let mine = if asked.anonymous {
        done(&actor.member, &asked.id)
    } else {
        answer(&actor.member, &asked.id)
    };
    if tx.get(&mine).await?.is_some() {
        return Err(rejected(RejectionCode::AlreadyExists, &mine));
    }
    let mut counted = count_so_far(tx, &count_key, &asked.questions).await?;
    counted.count(&answers);
    tx.put(&count_key, to_value(&counted)).await?;
    if asked.anonymous {
        let answered = Answered {
            questionnaire: asked.id.clone(),
        };
        tx.put(&mine, to_value(&answered)).await?;
    } else {
        let named = NamedAnswers {
            member: actor.member.clone(),
            questionnaire: asked.id.clone(),
            answers,
            at: now,
        };
        tx.put(&mine, to_value(&named)).await?;
    }
    Ok(())
}

pub async fn close_questionnaire(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &CloseQuestionnaire,
    now: Timestamp,
) -> Result<(), ApplyError> {
    let key = questionnaire(&args.id);
    valid_id(&args.id, &key)?;
    let mut closing: Questionnaire = read(tx, &key).await?;
    if closing.closed {
        return Err(rejected(RejectionCode::WrongStage, &key));
    }
    let count_key = closing.count_key();
    let mut counted = count_so_far(tx, &count_key, &closing.questions).await?;
    for texts in &mut counted.texts {
        texts.sort();
    }
    let respondents = counted.respondents;
    let published = QuestionnaireResult {
        questionnaire: args.id.clone(),
        respondents,
        tally: (respondents >= MIN_PUBLISHED).then_some(counted),
        closed_at: now,
        links: Vec::new(),
    };
    if closing.anonymous {
        // Nothing of the count stays beside the published result.
        tx.del(&count_key).await?;
    }
    closing.closed = true;
    tx.put(&result(&args.id), to_value(&published)).await?;
    tx.put(&key, to_value(&closing)).await?;
    Ok(())
}

pub async fn link_suggestion(
    tx: &mut impl Tx,
    _actor: &Actor,
    args: &LinkQuestionnaireSuggestion,
    _now: Timestamp,
) -> Result<(), ApplyError> {
    valid_id(&args.questionnaire, RESULT_PREFIX)?;
    valid_id(&args.proposal, crate::rules::records::PROPOSAL_PREFIX)?;
    let key = result(&args.questionnaire);
    let mut published: QuestionnaireResult = read(tx, &key).await?;
    let exists = published
        .tally
        .as_ref()
        .and_then(|tally| tally.texts.get(args.question))
        .is_some_and(|texts| args.text < texts.len());
    if !exists {
        return Err(rejected(RejectionCode::NotFound, &key));
    }
    if tx
        .get(&crate::rules::records::proposal(&args.proposal))
        .await?
        .is_none()
    {
        return Err(rejected(
            RejectionCode::NotFound,
            &crate::rules::records::proposal(&args.proposal),
        ));
    }
    let link = SuggestionLink {
        question: args.question,
        text: args.text,
        proposal: args.proposal.clone(),
    };
    if !published.links.contains(&link) {
        published.links.push(link);
    }
    tx.put(&key, to_value(&published)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::*;
    use crate::keys::{Audience, Readers};
    use crate::role::Role;
    use crate::tx::{apply_changes, now_or_never, MemTx};

    fn day(d: u8) -> Date {
        Date::new(2026, 3, d).unwrap()
    }

    fn at(d: u8) -> Timestamp {
        LocalTime {
            date: day(d),
            minute: 600,
        }
        .timestamp()
    }

    fn apply(
        records: &mut BTreeMap<String, Value>,
        run: impl FnOnce(&mut MemTx<'_>) -> Option<Result<(), ApplyError>>,
    ) -> Result<(), ApplyError> {
        let mut tx = MemTx::new(records);
        let outcome = run(&mut tx).expect("ready at once");
        if outcome.is_ok() {
            let changes = tx.into_changes();
            apply_changes(records, changes);
        }
        outcome
    }

    fn publish(records: &mut BTreeMap<String, Value>, anonymous: bool) {
        let officer = Actor::new("o1".parse().unwrap(), [Role::Officer]);
        let args = PublishQuestionnaire {
            id: "q1".into(),
            title: "文化广场".into(),
            intro: String::new(),
            questions: vec![
                Question {
                    text: "几点关灯？".into(),
                    kind: QuestionKind::Single,
                    options: vec!["21:00".into(), "21:30".into()],
                },
                Question {
                    text: "建议".into(),
                    kind: QuestionKind::Text,
                    options: vec![],
                },
            ],
            anonymous,
            opens: day(2),
            closes: day(9),
        };
        apply(records, |tx| {
            now_or_never(publish_questionnaire(tx, &officer, &args, at(1)))
        })
        .unwrap();
    }

    fn answer_as(
        records: &mut BTreeMap<String, Value>,
        member: &str,
        choice: u8,
        text: &str,
        when: u8,
    ) -> Result<(), ApplyError> {
        let villager = Actor::new(member.parse().unwrap(), [Role::Resident]);
        let args = AnswerQuestionnaire {
            questionnaire: "q1".into(),
            answers: vec![
                Answer {
                    choices: vec![choice],
                    text: String::new(),
                },
                Answer {
                    choices: vec![],
                    text: text.into(),
                },
            ],
        };
        apply(records, |tx| {
            now_or_never(answer_questionnaire(tx, &villager, &args, at(when)))
        })
    }

    fn code(outcome: Result<(), ApplyError>) -> Option<RejectionCode> {
        match outcome {
            Err(ApplyError::Rejected(rejection)) => Some(rejection.code),
            _ => None,
        }
    }

    #[test]
    fn answers_are_taken_once_between_the_open_and_close_days() {
        let mut records = BTreeMap::new();
        publish(&mut records, false);
        assert_eq!(
            code(answer_as(&mut records, "m1", 0, "", 1)),
            Some(RejectionCode::VoteNotOpen)
        );
        answer_as(&mut records, "m1", 1, "多装两盏灯", 2).unwrap();
        assert_eq!(
            code(answer_as(&mut records, "m1", 0, "", 3)),
            Some(RejectionCode::AlreadyExists)
        );
        assert_eq!(
            code(answer_as(&mut records, "m2", 0, "", 10)),
            Some(RejectionCode::TooLate)
        );
        let counted: Tally = serde_json::from_value(records[&tally("q1")].clone()).unwrap();
        assert_eq!((counted.respondents, counted.counts[0].clone()), (1, vec![0, 1]));
        // A choice out of range, or text on a choice question, is refused.
        let villager = Actor::new("m3".parse().unwrap(), [Role::Resident]);
        let bad = AnswerQuestionnaire {
            questionnaire: "q1".into(),
            answers: vec![
                Answer {
                    choices: vec![2],
                    text: String::new(),
                },
                Answer {
                    choices: vec![],
                    text: String::new(),
                },
            ],
        };
        let refused = apply(&mut records, |tx| {
            now_or_never(answer_questionnaire(tx, &villager, &bad, at(3)))
        });
        assert_eq!(code(refused), Some(RejectionCode::InvalidArgs));
    }

    #[test]
    fn an_anonymous_answer_leaves_nothing_another_member_can_join_to_its_member() {
        let mut records = BTreeMap::new();
        publish(&mut records, true);
        let before: Vec<String> = records.keys().cloned().collect();
        answer_as(&mut records, "m1", 1, "晚上广场太吵", 3).unwrap();
        for (key, value) in &records {
            if before.contains(key) {
                continue;
            }
            let text = value.to_string();
            match Audience::of_key(key) {
                // Their own record: that they answered, and nothing of what.
                Audience::Member(member) => {
                    assert_eq!(member.as_str(), "m1");
                    assert!(
                        !text.contains("太吵") && !text.contains("choices"),
                        "{key}: {text}"
                    );
                }
                Audience::Nobody => assert_eq!(crate::keys::kind_of(key).unwrap().readers, Readers::Server),
                other => panic!("{key} is read by {other:?}: {text}"),
            }
        }
        // Four more answers: five in all, enough to publish, texts sorted.
        for (n, text) in ["b", "a", "", "c"].iter().enumerate() {
            answer_as(&mut records, &format!("m{}", n + 2), 0, text, 4).unwrap();
        }
        let officer = Actor::new("o1".parse().unwrap(), [Role::Officer]);
        apply(&mut records, |tx| {
            now_or_never(close_questionnaire(
                tx,
                &officer,
                &CloseQuestionnaire { id: "q1".into() },
                at(5),
            ))
        })
        .unwrap();
        let published: QuestionnaireResult = serde_json::from_value(records[&result("q1")].clone()).unwrap();
        let counted = published.tally.expect("five answered");
        assert_eq!(counted.counts[0], [4, 1]);
        assert_eq!(counted.texts[1], ["a", "b", "c", "晚上广场太吵"]);
        assert!(
            !records.contains_key(&sealed("q1")),
            "no count kept beside the result"
        );
        assert_eq!(
            code(answer_as(&mut records, "m9", 0, "", 6)),
            Some(RejectionCode::TooLate)
        );
    }

    #[test]
    fn too_few_answers_publish_only_how_many_answered() {
        let mut records = BTreeMap::new();
        publish(&mut records, true);
        answer_as(&mut records, "m1", 1, "", 3).unwrap();
        answer_as(&mut records, "m2", 0, "", 3).unwrap();
        let officer = Actor::new("o1".parse().unwrap(), [Role::Officer]);
        apply(&mut records, |tx| {
            now_or_never(close_questionnaire(
                tx,
                &officer,
                &CloseQuestionnaire { id: "q1".into() },
                at(9),
            ))
        })
        .unwrap();
        let published: QuestionnaireResult = serde_json::from_value(records[&result("q1")].clone()).unwrap();
        assert_eq!((published.respondents, published.tally), (2, None));
    }
}
