//! HTTPS, with rustls (no OpenSSL): the certificate the server presents,
//! which can change while it runs, from one of three places:
//!
//! - files (`--tls-cert`, `--tls-key`), read again when they change
//!   ([`files`]): any authority's, or the office's own ([`local_ca`]);
//! - a certificate obtained and renewed over ACME for a public domain
//!   (`--domain`, [`acme`]).
//!
//! HTTP/2 is offered by ALPN beside HTTP/1.1; the accept loop
//! (`crate::listen`) serves whichever the browser chose.
//!
//! ## Usage
//! ```no_run
//! # fn example() -> Result<(), linli_server::tls::TlsError> {
//! use std::path::Path;
//! use linli_server::tls::{server_config, Certificates};
//! let certificates = Certificates::from_files(Path::new("server.crt"), Path::new("server.key"))?;
//! let config = server_config(certificates.clone());
//! # Ok(())
//! # }
//! ```

pub mod acme;
pub mod files;
pub mod local_ca;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::ServerConfig;
use tokio_rustls::rustls;

/// Why a certificate could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{0}: {1}")]
    Pem(PathBuf, String),
    #[error("{0} holds no certificate")]
    NoCertificate(PathBuf),
    #[error("the key does not fit the certificate, or is of a kind rustls cannot use: {0}")]
    Key(String),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}")]
    Certificate(String),
}

/// The one cryptography provider: ring (aws-lc-rs would need cmake and a C
/// toolchain on the committee's machine to build).
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The certificate the server presents now. Handshakes before there is one
/// (an ACME certificate still on its way) fail; the plain-HTTP listener
/// still answers the authority's checks meanwhile.
#[derive(Debug, Default)]
pub struct Certificates {
    current: RwLock<Option<Arc<CertifiedKey>>>,
}

impl Certificates {
    /// None yet.
    pub fn empty() -> Arc<Certificates> {
        Arc::default()
    }

    /// The certificate in `cert` with the key in `key`.
    pub fn from_files(cert: &Path, key: &Path) -> Result<Arc<Certificates>, TlsError> {
        let certificates = Certificates::empty();
        certificates.set(load_pem_files(cert, key)?);
        Ok(certificates)
    }

    /// From now on, present `key`.
    pub fn set(&self, key: CertifiedKey) {
        let mut current = self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *current = Some(Arc::new(key));
    }

    /// Whether there is a certificate to present.
    pub fn ready(&self) -> bool {
        self.current
            .read()
            .map(|current| current.is_some())
            .unwrap_or(false)
    }
}

impl ResolvesServerCert for Certificates {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        self.current.read().ok().and_then(|current| current.clone())
    }
}

/// rustls' server configuration over `certificates`: TLS 1.3 and 1.2,
/// HTTP/2 preferred over HTTP/1.1.
pub fn server_config(certificates: Arc<Certificates>) -> Arc<ServerConfig> {
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_no_client_auth()
        .with_cert_resolver(certificates);
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Arc::new(config)
}

/// A certificate chain and its key from PEM text.
pub fn load_pem(chain: &[u8], key: &[u8], source: &Path) -> Result<CertifiedKey, TlsError> {
    let pem = |err: rustls::pki_types::pem::Error| TlsError::Pem(source.to_owned(), err.to_string());
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(chain)
        .collect::<Result<_, _>>()
        .map_err(pem)?;
    if chain.is_empty() {
        return Err(TlsError::NoCertificate(source.to_owned()));
    }
    let key = PrivateKeyDer::from_pem_slice(key).map_err(pem)?;
    CertifiedKey::from_der(chain, key, &provider()).map_err(|err| TlsError::Key(err.to_string()))
}

/// [`load_pem`] from the files `cert` and `key`.
pub fn load_pem_files(cert: &Path, key: &Path) -> Result<CertifiedKey, TlsError> {
    let read = |path: &Path| std::fs::read(path).map_err(|err| TlsError::Io(path.to_owned(), err));
    load_pem(&read(cert)?, &read(key)?, cert)
}

/// When the first certificate of a PEM chain starts and stops being valid.
pub fn validity(chain_pem: &[u8]) -> Result<(SystemTime, SystemTime), TlsError> {
    let first = CertificateDer::pem_slice_iter(chain_pem)
        .next()
        .ok_or_else(|| TlsError::Certificate("no certificate".into()))?
        .map_err(|err| TlsError::Certificate(err.to_string()))?;
    let (_, parsed) =
        x509_parser::parse_x509_certificate(&first).map_err(|err| TlsError::Certificate(err.to_string()))?;
    let time =
        |seconds: i64| SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
    Ok((
        time(parsed.validity().not_before.timestamp()),
        time(parsed.validity().not_after.timestamp()),
    ))
}

/// Writes `contents` to `path` readable by its owner only (a private key,
/// an account key), through a temporary file so a reader never sees half.
pub fn write_private(path: &Path, contents: &[u8]) -> Result<(), TlsError> {
    write_file(path, contents, true)
}

/// Writes `contents` to `path` through a temporary file.
pub fn write_public(path: &Path, contents: &[u8]) -> Result<(), TlsError> {
    write_file(path, contents, false)
}

fn write_file(path: &Path, contents: &[u8], private: bool) -> Result<(), TlsError> {
    use std::io::Write;
    let io = |err| TlsError::Io(path.to_owned(), err);
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(io)?;
    }
    let partial = path.with_extension("partial");
    let mut options = std::fs::File::options();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(&partial).map_err(io)?;
    file.write_all(contents).map_err(io)?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&partial, path).map_err(io)
}
