//! Identifiers. Ids are chosen by the device that creates a thing (so it can
//! create it offline) and checked at the edge: 1 to 64 characters of ASCII
//! letters, digits, `-` and `_`, which keeps them safe inside record keys
//! (`notice/<id>`) and URLs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a string is not an id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an id is 1 to 64 letters, digits, '-' or '_': {0:?}")]
pub struct InvalidId(pub String);

/// Checks the id rule shared by every id type.
pub fn check_id(raw: &str) -> Result<(), InvalidId> {
    let valid = !raw.is_empty()
        && raw.len() <= 64
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(InvalidId(raw.to_owned()))
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(raw: String) -> Result<Self, InvalidId> {
                check_id(&raw)?;
                Ok(Self(raw))
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(raw: &str) -> Result<Self, InvalidId> {
                Self::try_from(raw.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A registered member of a community.
    MemberId
);
id_type!(
    /// A community (a neighbourhood or a village): the key space records live in.
    CommunityId
);
id_type!(
    /// One installation of the app (a browser profile on a device).
    ClientId
);
id_type!(
    /// The clients that share one browser profile's storage; Linli has one client per group.
    ClientGroupId
);
id_type!(
    /// A notice on the community notice board.
    NoticeId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_the_safe_alphabet_only() {
        assert!("m-001_A".parse::<MemberId>().is_ok());
        for bad in ["", "a/b", "has space", "点", &"x".repeat(65)] {
            assert!(bad.parse::<MemberId>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_are_checked_when_read_from_json() {
        assert!(serde_json::from_str::<NoticeId>("\"n-1\"").is_ok());
        assert!(serde_json::from_str::<NoticeId>("\"../etc\"").is_err());
    }
}
