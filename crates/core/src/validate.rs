//! What every mutation's arguments must be, whatever the mutation: checked
//! by [`crate::Mutation::apply`] on both sides before any rule runs, so a
//! value that no screen could show or no database could hold (a NUL, which
//! PostgreSQL text refuses) is a refusal like any other (`invalid_args`),
//! never a storage failure that a device would retry forever.
//!
//! Each mutation still checks its own fields (lengths of titles, ranges of
//! numbers); these are the limits under all of them.

use serde_json::Value;

/// The longest string any argument may hold, in characters.
pub const STRING_MAX_CHARS: usize = 10_000;
/// The most elements of any list in the arguments (a paper tally's voters
/// in a large village stay well under it).
pub const LIST_MAX_LEN: usize = 10_000;
/// How deeply the arguments may nest.
pub const MAX_DEPTH: usize = 8;

/// Why arguments are refused before any rule looks at them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidArgs {
    #[error("a string holds a control or direction-override character")]
    ControlCharacter,
    #[error("a string is longer than {STRING_MAX_CHARS} characters")]
    StringTooLong,
    #[error("a list is longer than {LIST_MAX_LEN} elements")]
    ListTooLong,
    #[error("the arguments nest deeper than {MAX_DEPTH} levels")]
    TooDeep,
}

/// Checks every string, list and object in `args`.
///
/// ```
/// use linli_core::validate::check_args;
/// use serde_json::json;
/// assert!(check_args(&json!({"title": "周三停水", "body": "第一行\n第二行"})).is_ok());
/// assert!(check_args(&json!({"vote": "v\u{0}"})).is_err());
/// ```
pub fn check_args(args: &Value) -> Result<(), InvalidArgs> {
    check(args, 0)
}

fn check(value: &Value, depth: usize) -> Result<(), InvalidArgs> {
    if depth > MAX_DEPTH {
        return Err(InvalidArgs::TooDeep);
    }
    match value {
        Value::String(text) => check_text(text),
        Value::Array(items) => {
            if items.len() > LIST_MAX_LEN {
                return Err(InvalidArgs::ListTooLong);
            }
            items.iter().try_for_each(|item| check(item, depth + 1))
        }
        Value::Object(fields) => fields.iter().try_for_each(|(name, field)| {
            check_text(name)?;
            check(field, depth + 1)
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// Text a member typed may hold line breaks and tabs, but no other control
/// character (C0, DEL, C1) and none of the characters that reverse the
/// direction of what follows them on screen (which can make a name or an
/// amount read as something else).
pub fn check_text(text: &str) -> Result<(), InvalidArgs> {
    let mut chars = 0;
    for c in text.chars() {
        chars += 1;
        let control = (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if control {
            return Err(InvalidArgs::ControlCharacter);
        }
    }
    if chars > STRING_MAX_CHARS {
        return Err(InvalidArgs::StringTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_are_refused_anywhere_in_the_arguments() {
        for bad in ["\u{0}", "a\u{7}b", "\u{1b}[31m", "\u{85}", "\u{202E}txt.exe"] {
            assert_eq!(
                check_args(&json!({"list": [{"deep": bad}]})),
                Err(InvalidArgs::ControlCharacter),
                "{bad:?}"
            );
        }
        assert!(check_args(&json!({"\u{0}": 1})).is_err(), "field names too");
        assert!(check_args(&json!({"text": "一\n二\t三\r\n"})).is_ok());
    }

    #[test]
    fn sizes_are_bounded() {
        assert_eq!(
            check_args(&json!("字".repeat(STRING_MAX_CHARS + 1))),
            Err(InvalidArgs::StringTooLong)
        );
        assert!(check_args(&json!("字".repeat(STRING_MAX_CHARS))).is_ok());
        assert_eq!(
            check_args(&Value::Array(vec![json!(1); LIST_MAX_LEN + 1])),
            Err(InvalidArgs::ListTooLong)
        );
        let mut deep = json!(1);
        for _ in 0..=MAX_DEPTH {
            deep = json!([deep]);
        }
        assert_eq!(check_args(&deep), Err(InvalidArgs::TooDeep));
    }
}
