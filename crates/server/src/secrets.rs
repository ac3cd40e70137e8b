//! Device tokens and invite codes: secrets the server stores only keyed with
//! a secret of its own (HMAC-SHA-256 under the server key), so a copy of the
//! database without the key file lets nobody sign in or find an unused code
//! by trying them all offline.
//!
//! The key is 32 random bytes in `<data-dir>/secret.key`, made on the first
//! start (readable by the server's user only). Several servers over one
//! PostgreSQL must share it (docs/DEPLOY.md); a lost key signs every device
//! out and voids every unused code, and nothing else.

use std::path::Path;

use hmac::{Hmac, Mac};
use linli_core::members::{INVITE_CODE_ALPHABET, INVITE_CODE_LEN};
use sha2::{Digest, Sha256};

/// The server's own secret. Cheap to clone.
#[derive(Clone)]
pub struct ServerKey([u8; 32]);

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(…)")
    }
}

/// Why the key file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("could not read or create the server key {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("the server key {0} is not 32 bytes: restore the right file or remove it to start over (every device then joins again)")]
    Damaged(String),
}

impl ServerKey {
    /// A key for a server that keeps nothing (the tests' routers).
    pub fn random() -> ServerKey {
        ServerKey(rand::random())
    }

    /// The key in `path`, made there if there is none.
    pub fn load_or_create(path: &Path) -> Result<ServerKey, KeyError> {
        let io = |source| KeyError::Io {
            path: path.display().to_string(),
            source,
        };
        match std::fs::read(path) {
            Ok(bytes) => {
                let bytes: [u8; 32] = bytes
                    .try_into()
                    .map_err(|_| KeyError::Damaged(path.display().to_string()))?;
                Ok(ServerKey(bytes))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(io)?;
                }
                let key = ServerKey::random();
                write_private(path, &key.0).map_err(io)?;
                Ok(key)
            }
            Err(err) => Err(io(err)),
        }
    }

    /// How a secret is stored: hex HMAC-SHA-256 under this key.
    pub fn hash(&self, secret: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(secret.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// Writes `bytes` to a new file only its owner may read.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// How secrets were stored before the server had a key (an unkeyed
/// SHA-256). Read only to move such rows under the key on first use.
pub fn legacy_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A new device token: 256 random bits from the operating system's generator, in hex.
pub fn new_token() -> String {
    hex(&rand::random::<[u8; 32]>())
}

/// A new device id: 64 random bits, in hex (public: it names the device).
pub fn new_device_id() -> String {
    format!("d-{}", hex(&rand::random::<[u8; 8]>()))
}

/// A new invite code with full entropy: each character drawn evenly from the
/// alphabet (rejection sampling, so no character is likelier than another).
pub fn new_invite_code() -> String {
    let alphabet = INVITE_CODE_ALPHABET.len() as u8;
    let limit = u8::MAX - (u8::MAX % alphabet);
    let mut code = String::with_capacity(INVITE_CODE_LEN);
    while code.len() < INVITE_CODE_LEN {
        let byte: u8 = rand::random();
        if byte < limit {
            code.push(INVITE_CODE_ALPHABET[usize::from(byte % alphabet)] as char);
        }
    }
    code
}

/// The code as stored for comparison: upper case, without the spaces and
/// dashes people add when they copy it from paper. `None` if it cannot be a code.
pub fn normalize_invite_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    linli_core::members::is_invite_code(&code).then_some(code)
}

/// The fixed invite code of a demo member, derived from its id so that the
/// README can list it and every fresh demo database accepts it. A demo is
/// for looking around: these codes are public, which is why a server seeds
/// the demo only when asked (`--demo`).
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

/// Standard base64 with padding (hashes in a CSP, a key's pin).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, byte| (n << 8) | u32::from(*byte)) << (8 * (3 - chunk.len()));
        for index in 0..4 {
            if index <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * index)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
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
        let typed = format!("{}-{} {}", &code[..4], &code[4..8], &code[8..]).to_lowercase();
        assert_eq!(normalize_invite_code(&typed), Some(code));
        assert_eq!(normalize_invite_code("too-short"), None);
        assert_eq!(
            normalize_invite_code("0O1IL0O1IL0O"),
            None,
            "confusable characters are never in a code"
        );
    }

    #[test]
    fn new_codes_are_made_of_the_alphabet_and_differ() {
        let codes: std::collections::BTreeSet<String> = (0..1000).map(|_| new_invite_code()).collect();
        assert_eq!(codes.len(), 1000);
        assert!(codes.iter().all(|code| linli_core::members::is_invite_code(code)));
        // Every character turns up: the draw is even, not stuck.
        let used: std::collections::BTreeSet<char> = codes.iter().flat_map(|code| code.chars()).collect();
        assert_eq!(used.len(), INVITE_CODE_ALPHABET.len());
    }

    #[test]
    fn the_key_is_made_once_kept_private_and_keys_every_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        let made = ServerKey::load_or_create(&path).unwrap();
        let again = ServerKey::load_or_create(&path).unwrap();
        assert_eq!(made.hash("code"), again.hash("code"));
        assert_ne!(
            made.hash("code"),
            ServerKey::random().hash("code"),
            "another key, another hash"
        );
        assert_ne!(made.hash("code"), legacy_hash("code"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            ServerKey::load_or_create(&path),
            Err(KeyError::Damaged(_))
        ));
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
