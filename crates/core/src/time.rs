//! Time as the domain sees it: milliseconds since the Unix epoch, UTC.
//!
//! The core never reads a clock. The server passes its own clock to every
//! mutation, and that decides deadlines; the browser passes its clock only to
//! predict what the server will decide.

use serde::{Deserialize, Serialize};

/// A moment, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }
}
