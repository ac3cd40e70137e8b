//! A certificate from files, read again when they change: certificates last
//! 45 to 90 days now, and whatever renews them (certbot, the office's
//! `linli-server local-ca`) writes new files that the server takes up
//! without a restart. A change that does not load (half written, a key that
//! does not fit) is logged and the certificate in use stays.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::{load_pem_files, Certificates};

/// How often the files are looked at.
pub const RELOAD_EVERY: Duration = Duration::from_secs(30);

/// What identifies a version of a file: when it was written and its size.
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// Watches `cert` and `key`; whenever either changes and both load, the
/// server presents the new certificate. Runs for as long as the server.
pub async fn watch(cert: PathBuf, key: PathBuf, certificates: Arc<Certificates>, every: Duration) {
    let mut seen = (stamp(&cert), stamp(&key));
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        let now = (stamp(&cert), stamp(&key));
        if now == seen {
            continue;
        }
        match load_pem_files(&cert, &key) {
            Ok(loaded) => {
                certificates.set(loaded);
                seen = now;
                tracing::info!(cert = %cert.display(), "new certificate in use");
            }
            // Tried again at the next look: the renewer may not have written
            // the key yet.
            Err(err) => tracing::warn!(%err, "the changed certificate files do not load yet"),
        }
    }
}
