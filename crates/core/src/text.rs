//! Checks for the free text members type, and the small readings every
//! typed or printed code shares.

use crate::rejection::{Rejection, RejectionCode};

/// `text` trimmed, if it has 1 to `max_chars` characters; an
/// [`RejectionCode::InvalidArgs`] rejection about `target` otherwise.
pub fn required(text: &str, max_chars: usize, target: &str) -> Result<String, Rejection> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.chars().count() > max_chars {
        return Err(Rejection::new(RejectionCode::InvalidArgs, target.to_owned()));
    }
    Ok(trimmed.to_owned())
}

/// Like [`required`], but empty text is allowed.
pub fn optional(text: &str, max_chars: usize, target: &str) -> Result<String, Rejection> {
    let trimmed = text.trim();
    if trimmed.chars().count() > max_chars {
        return Err(Rejection::new(RejectionCode::InvalidArgs, target.to_owned()));
    }
    Ok(trimmed.to_owned())
}

/// A full-width digit from a Chinese keyboard (`０`–`９`) as its ASCII digit;
/// any other character as it is.
///
/// ```
/// assert_eq!(linli_core::text::ascii_digit('７'), '7');
/// assert_eq!(linli_core::text::ascii_digit('x'), 'x');
/// ```
pub fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        other => other,
    }
}

/// A code in groups of `size` characters joined by `separator`, as people
/// read it aloud or copy it off paper.
///
/// ```
/// use linli_core::text::grouped;
/// assert_eq!(grouped("ABCDEFGHJKLM", 4, '-'), "ABCD-EFGH-JKLM");
/// assert_eq!(grouped("123456", 3, ' '), "123 456");
/// ```
pub fn grouped(code: &str, size: usize, separator: char) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / size.max(1));
    for (index, c) in code.chars().enumerate() {
        if index > 0 && index % size.max(1) == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}
