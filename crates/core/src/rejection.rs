//! Why a mutation was refused: stable codes that both sides match on, each
//! with a message key the app translates.

use serde::{Deserialize, Serialize};

use crate::tx::TxError;

/// A rule the mutation broke. The server records it for the member (the
/// mutation still counts as processed); the browser shows it on the thing it
/// concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectionCode {
    /// The member's roles do not allow this.
    Forbidden,
    /// The thing it acts on does not exist (any more).
    NotFound,
    /// An id that is already taken.
    AlreadyExists,
    /// A field is empty, too long or otherwise not acceptable.
    InvalidArgs,
    /// The price the member saw is not the price the rules give now.
    PriceMismatch,
    /// Past a deadline by the server's clock (an ordering cut-off, a vote's close).
    TooLate,
    /// The prepaid balance does not cover it.
    InsufficientBalance,
    /// No portion of a dish is left for that day.
    SoldOut,
    /// The proposal is not at the step this needs (e.g. a draft outside drafting).
    WrongStage,
    /// Not in this vote's electorate (not registered, under 18, not a household head).
    NotEligible,
    /// Already counted for this vote at a paper or show-of-hands meeting.
    AlreadyVoted,
    /// The vote has not opened yet.
    VoteNotOpen,
    /// The vote is still open: it can be counted only after the close.
    VoteStillOpen,
    /// Every place of the activity is taken.
    ActivityFull,
    /// The change would leave the community without an active admin.
    LastAdmin,
    /// An order served on a day other than its own (by the server's clock).
    NotToday,
}

impl RejectionCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectionCode::Forbidden => "forbidden",
            RejectionCode::NotFound => "not_found",
            RejectionCode::AlreadyExists => "already_exists",
            RejectionCode::InvalidArgs => "invalid_args",
            RejectionCode::PriceMismatch => "price_mismatch",
            RejectionCode::TooLate => "too_late",
            RejectionCode::InsufficientBalance => "insufficient_balance",
            RejectionCode::SoldOut => "sold_out",
            RejectionCode::VoteStillOpen => "vote_still_open",
            RejectionCode::ActivityFull => "activity_full",
            RejectionCode::VoteNotOpen => "vote_not_open",
            RejectionCode::AlreadyVoted => "already_voted",
            RejectionCode::NotEligible => "not_eligible",
            RejectionCode::WrongStage => "wrong_stage",
            RejectionCode::LastAdmin => "last_admin",
            RejectionCode::NotToday => "not_today",
        }
    }

    /// The key of the sentence the app shows for this code, in either language.
    pub fn message_key(self) -> &'static str {
        match self {
            RejectionCode::Forbidden => "rejection.forbidden",
            RejectionCode::NotFound => "rejection.not_found",
            RejectionCode::AlreadyExists => "rejection.already_exists",
            RejectionCode::InvalidArgs => "rejection.invalid_args",
            RejectionCode::PriceMismatch => "rejection.price_mismatch",
            RejectionCode::TooLate => "rejection.too_late",
            RejectionCode::InsufficientBalance => "rejection.insufficient_balance",
            RejectionCode::SoldOut => "rejection.sold_out",
            RejectionCode::VoteStillOpen => "rejection.vote_still_open",
            RejectionCode::ActivityFull => "rejection.activity_full",
            RejectionCode::VoteNotOpen => "rejection.vote_not_open",
            RejectionCode::AlreadyVoted => "rejection.already_voted",
            RejectionCode::NotEligible => "rejection.not_eligible",
            RejectionCode::WrongStage => "rejection.wrong_stage",
            RejectionCode::LastAdmin => "rejection.last_admin",
            RejectionCode::NotToday => "rejection.not_today",
        }
    }
}

/// A refused mutation: the code, and the record key it concerns, if any, so
/// the notice can be shown next to that thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("rejected: {code:?} ({target:?})")]
pub struct Rejection {
    pub code: RejectionCode,
    pub target: Option<String>,
}

impl Rejection {
    pub fn new(code: RejectionCode, target: impl Into<Option<String>>) -> Self {
        Self {
            code,
            target: target.into(),
        }
    }
}

/// Why applying a mutation stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// A rule refused it: final, the same on every retry.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    /// Storage failed: nothing was applied; try again later.
    #[error(transparent)]
    Storage(#[from] TxError),
}

/// The rejection of a rule about the record at `target`.
pub(crate) fn rejected(code: RejectionCode, target: &str) -> ApplyError {
    Rejection::new(code, target.to_owned()).into()
}

/// Rejects with `invalid_args` an id a client chose that is not a valid id.
pub(crate) fn valid_id(id: &str, target: &str) -> Result<(), ApplyError> {
    crate::ids::check_id(id).map_err(|_| rejected(RejectionCode::InvalidArgs, target))
}
