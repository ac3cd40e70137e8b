//! Device tokens and invite codes. Both are secrets the server stores only as
//! SHA-256 hashes: a copy of the database lets nobody sign in.

use linli_core::members::{is_invite_code, INVITE_CODE_ALPHABET, INVITE_CODE_LEN};
use sha2::{Digest, Sha256};

/// The hex SHA-256 of a secret, as stored.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A new device token: 256 random bits from the operating system's generator, in hex.
pub fn new_token() -> String {
    hex(&rand::random::<[u8; 32]>())
}

/// The code as stored for comparison: upper case, without the spaces and
/// dashes people add when they copy it from paper. `None` if it cannot be a code.
pub fn normalize_invite_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    is_invite_code(&code).then_some(code)
}

/// The fixed invite code of a demo member, derived from its id so that the
/// README can list it and every fresh demo database accepts it.
pub fn demo_invite_code(member_id: &str) -> String {
    let digest = Sha256::digest(format!("linli-demo-invite:{member_id}").as_bytes());
    digest
        .iter()
        .take(INVITE_CODE_LEN)
        .map(|byte| INVITE_CODE_ALPHABET[*byte as usize % INVITE_CODE_ALPHABET.len()] as char)
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn codes_copied_from_paper_are_accepted() {
        let code = demo_invite_code("jinyu-wenyuan-officer");
        let typed = format!("{}-{} ", &code[..5], &code[5..]).to_lowercase();
        assert_eq!(normalize_invite_code(&typed), Some(code));
        assert_eq!(normalize_invite_code("too-short"), None);
        assert_eq!(
            normalize_invite_code("0O1IL0O1IL"),
            None,
            "confusable characters are never in a code"
        );
    }
}
