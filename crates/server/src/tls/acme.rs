//! A certificate for a public domain, obtained and renewed over ACME
//! (RFC 8555; Let's Encrypt by default) with the HTTP-01 check: the
//! authority fetches `http://<domain>/.well-known/acme-challenge/<token>`
//! from the plain-HTTP listener (`--http-bind`, port 80), which answers from
//! [`Challenges`].
//!
//! Kept in `<data-dir>/acme/`: the account (`account.json`, its private
//! key inside, readable by the owner only) and the certificate
//! (`certificate.crt`, `certificate.key`). A restart uses them; a
//! certificate is renewed when a third of its life is left (30 of 90 days
//! for Let's Encrypt), and a failure is tried again, sooner at first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use instant_acme::{
    Account, AccountCredentials, AuthorizationStatus, ChallengeType, Identifier, NewAccount, NewOrder,
    OrderStatus, RetryPolicy,
};

use super::{load_pem, validity, write_private, write_public, Certificates, TlsError};

/// The answers to the authority's HTTP-01 checks now open, by token.
#[derive(Debug, Default)]
pub struct Challenges {
    open: RwLock<HashMap<String, String>>,
}

impl Challenges {
    /// The key authorization for `token`, if a check for it is open.
    pub fn answer(&self, token: &str) -> Option<String> {
        self.open.read().ok()?.get(token).cloned()
    }

    fn open(&self, token: String, answer: String) {
        if let Ok(mut open) = self.open.write() {
            open.insert(token, answer);
        }
    }

    fn close_all(&self) {
        if let Ok(mut open) = self.open.write() {
            open.clear();
        }
    }
}

/// What to ask for, from whom.
#[derive(Clone, Debug)]
pub struct AcmeSettings {
    pub domains: Vec<String>,
    pub contact: Option<String>,
    pub directory: String,
    /// A root to trust for the directory's own HTTPS (a test authority).
    pub root: Option<PathBuf>,
    /// `<data-dir>/acme`.
    pub folder: PathBuf,
}

/// Why a certificate was not obtained.
#[derive(Debug, thiserror::Error)]
pub enum AcmeError {
    #[error("the certificate authority: {0}")]
    Acme(#[from] instant_acme::Error),
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error("{0}")]
    Refused(String),
}

const ACCOUNT: &str = "account.json";
const CERT: &str = "certificate.crt";
const KEY: &str = "certificate.key";

impl AcmeSettings {
    fn path(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    /// The stored certificate, if it is for these domains and still valid;
    /// with when it should be renewed.
    fn stored(&self) -> Option<(tokio_rustls::rustls::sign::CertifiedKey, SystemTime)> {
        let chain = std::fs::read(self.path(CERT)).ok()?;
        let key = std::fs::read(self.path(KEY)).ok()?;
        let names = std::fs::read_to_string(self.path("domains.txt")).ok()?;
        if names.trim() != self.domains.join(",") {
            return None;
        }
        let certified = load_pem(&chain, &key, &self.path(CERT)).ok()?;
        let renew_at = renewal_time(&chain).ok()?;
        Some((certified, renew_at))
    }

    async fn account(&self) -> Result<Account, AcmeError> {
        let builder = || match &self.root {
            Some(root) => Account::builder_with_root(root),
            None => Account::builder(),
        };
        if let Ok(json) = std::fs::read(self.path(ACCOUNT)) {
            if let Ok(credentials) = serde_json::from_slice::<AccountCredentials>(&json) {
                return Ok(builder()?.from_credentials(credentials).await?);
            }
        }
        let contact: Vec<String> = self
            .contact
            .iter()
            .map(|email| format!("mailto:{email}"))
            .collect();
        let contact: Vec<&str> = contact.iter().map(String::as_str).collect();
        let (account, credentials) = builder()?
            .create(
                &NewAccount {
                    contact: &contact,
                    terms_of_service_agreed: true,
                    only_return_existing: false,
                },
                self.directory.clone(),
                None,
            )
            .await?;
        let json =
            serde_json::to_vec_pretty(&credentials).map_err(|err| AcmeError::Refused(err.to_string()))?;
        write_private(&self.path(ACCOUNT), &json)?;
        Ok(account)
    }

    /// Asks the authority for a certificate, answering its checks through
    /// `challenges`; stores it and returns it with its renewal time.
    pub async fn obtain(
        &self,
        challenges: &Challenges,
    ) -> Result<(tokio_rustls::rustls::sign::CertifiedKey, SystemTime), AcmeError> {
        let account = match self.account().await {
            Ok(account) => account,
            // An authority that forgot the account (a test authority
            // restarted): a new one.
            Err(_) if self.path(ACCOUNT).exists() => {
                let _ = std::fs::remove_file(self.path(ACCOUNT));
                self.account().await?
            }
            Err(err) => return Err(err),
        };
        let identifiers: Vec<Identifier> = self.domains.iter().cloned().map(Identifier::Dns).collect();
        let mut order = account.new_order(&NewOrder::new(&identifiers)).await?;
        let mut authorizations = order.authorizations();
        while let Some(authorization) = authorizations.next().await {
            let mut authorization = authorization?;
            match authorization.status {
                AuthorizationStatus::Pending => {}
                AuthorizationStatus::Valid => continue,
                other => return Err(AcmeError::Refused(format!("an authorization is {other:?}"))),
            }
            let mut challenge = authorization
                .challenge(ChallengeType::Http01)
                .ok_or_else(|| AcmeError::Refused("the authority offers no HTTP-01 check".into()))?;
            challenges.open(
                challenge.token.clone(),
                challenge.key_authorization().as_str().to_owned(),
            );
            challenge.set_ready().await?;
        }
        let retry = RetryPolicy::new().backoff(1.5).timeout(Duration::from_secs(90));
        let status = order.poll_ready(&retry).await;
        challenges.close_all();
        let status = status?;
        if status != OrderStatus::Ready {
            return Err(AcmeError::Refused(format!("the order is {status:?}")));
        }
        let key_pem = order.finalize().await?;
        let chain_pem = order.poll_certificate(&retry).await?;
        let certified = load_pem(chain_pem.as_bytes(), key_pem.as_bytes(), &self.path(CERT))?;
        write_private(&self.path(KEY), key_pem.as_bytes())?;
        write_public(&self.path(CERT), chain_pem.as_bytes())?;
        write_public(&self.path("domains.txt"), self.domains.join(",").as_bytes())?;
        Ok((certified, renewal_time(chain_pem.as_bytes())?))
    }

    /// Keeps `certificates` holding a valid certificate for the domains,
    /// for as long as the server runs.
    pub async fn run(self, certificates: Arc<Certificates>, challenges: Arc<Challenges>) {
        let mut renew_at = match self.stored() {
            Some((certified, renew_at)) => {
                certificates.set(certified);
                tracing::info!(domains = %self.domains.join(","), "certificate from the data directory in use");
                renew_at
            }
            None => SystemTime::now(),
        };
        let mut failures = 0u32;
        loop {
            let wait = renew_at.duration_since(SystemTime::now()).unwrap_or_default();
            // Looked at again at least twice a day: a clock changed, a
            // laptop that slept.
            tokio::time::sleep(wait.min(Duration::from_secs(12 * 3600))).await;
            if SystemTime::now() < renew_at {
                continue;
            }
            match self.obtain(&challenges).await {
                Ok((certified, next)) => {
                    certificates.set(certified);
                    failures = 0;
                    renew_at = next;
                    tracing::info!(domains = %self.domains.join(","), "new certificate from the authority in use");
                }
                Err(err) => {
                    failures += 1;
                    // 1, 2, 4 … minutes, then every 6 hours: an authority
                    // limits how often it may be asked.
                    let minutes = 2u64.saturating_pow(failures.min(9) - 1).min(360);
                    renew_at = SystemTime::now() + Duration::from_secs(60 * minutes);
                    tracing::error!(%err, retry_in_minutes = minutes, "no certificate from the authority");
                }
            }
        }
    }
}

/// When a certificate should be renewed: when a third of its life is left
/// (30 days of Let's Encrypt's 90).
fn renewal_time(chain_pem: &[u8]) -> Result<SystemTime, TlsError> {
    let (start, end) = validity(chain_pem)?;
    let life = end.duration_since(start).unwrap_or_default();
    Ok(end - life / 3)
}

/// The folder of the ACME account and certificate in a data directory.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("acme")
}
