//! Checks for the free text members type.

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
