//! A certificate authority of the village office's own, for a server on the
//! village network with no domain: `linli-server local-ca` makes the
//! authority once and, under it, a certificate for the office computer's
//! names and addresses (again whenever they change). Phones install the
//! authority once, from the page `/ca` (`crate::http::local_ca`), and then
//! trust the office's HTTPS: a service worker, an installed app, offline use.
//!
//! A public domain with an ACME certificate (`--domain`) is better wherever
//! there is internet: nothing to install on any phone.
//!
//! Files, in `<data-dir>/tls/`:
//! - `ca.crt`, `ca.key`: the authority (20 years; the key never leaves);
//! - `server.crt` (the computer's certificate, then the authority's),
//!   `server.key`: what `serve --tls-cert … --tls-key …` takes;
//! - `local-ca.json`: the names and addresses, for the `/ca` page.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
    KeyPair, KeyUsagePurpose, PublicKeyData,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::{write_private, write_public, TlsError};

pub const CA_CERT: &str = "ca.crt";
pub const CA_KEY: &str = "ca.key";
pub const SERVER_CERT: &str = "server.crt";
pub const SERVER_KEY: &str = "server.key";
pub const INFO: &str = "local-ca.json";

/// How long the authority lasts: longer than the computer it runs on.
const CA_YEARS: i64 = 20;
/// Apple's devices refuse a server certificate valid for more than 825
/// days, whoever issued it.
pub const MAX_SERVER_DAYS: u32 = 825;

/// The folder of the local authority in a data directory.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("tls")
}

/// What `local-ca.json` says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalCaInfo {
    pub names: Vec<String>,
    pub addresses: Vec<IpAddr>,
    /// SHA-256 of the authority's certificate, as phones show it.
    pub fingerprint: String,
}

/// What `local-ca` did.
#[derive(Debug)]
pub struct Issued {
    /// The authority was made now (else an existing one signed).
    pub new_authority: bool,
    pub info: LocalCaInfo,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
    pub ca_cert: PathBuf,
}

fn rcgen(err: rcgen::Error) -> TlsError {
    TlsError::Certificate(err.to_string())
}

/// `AB:CD:…`: SHA-256 of a certificate's DER, as settings screens show it.
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|byte| format!("{byte:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The authority's certificate as DER, from its PEM file.
pub fn ca_der(ca_pem: &[u8]) -> Result<Vec<u8>, TlsError> {
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    tokio_rustls::rustls::pki_types::CertificateDer::from_pem_slice(ca_pem)
        .map(|der| der.to_vec())
        .map_err(|err| TlsError::Certificate(err.to_string()))
}

fn authority_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, "邻里 Linli 本地证书机构 (local authority)");
    params.distinguished_name.push(DnType::OrganizationName, "Linli");
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params
}

/// The authority in `folder`, made if there is none.
fn authority(
    folder: &Path,
    now: OffsetDateTime,
) -> Result<(Issuer<'static, KeyPair>, Vec<u8>, bool), TlsError> {
    let (cert_path, key_path) = (folder.join(CA_CERT), folder.join(CA_KEY));
    if cert_path.exists() && key_path.exists() {
        let read =
            |path: &Path| std::fs::read_to_string(path).map_err(|err| TlsError::Io(path.to_owned(), err));
        let (cert, key) = (read(&cert_path)?, read(&key_path)?);
        let key = KeyPair::from_pem(&key).map_err(rcgen)?;
        let issuer = Issuer::from_ca_cert_pem(&cert, key).map_err(rcgen)?;
        return Ok((issuer, ca_der(cert.as_bytes())?, false));
    }
    let mut params = authority_params();
    params.not_before = now - Duration::days(1);
    params.not_after = now + Duration::days(365 * CA_YEARS);
    let key = KeyPair::generate().map_err(rcgen)?;
    let cert = params.self_signed(&key).map_err(rcgen)?;
    write_private(&key_path, key.serialize_pem().as_bytes())?;
    write_public(&cert_path, cert.pem().as_bytes())?;
    let der = cert.der().to_vec();
    Ok((Issuer::new(params, key), der, true))
}

/// Makes (or keeps) the authority in `folder` and issues a certificate for
/// `names` and `addresses`, valid for `days` (at most [`MAX_SERVER_DAYS`]).
pub fn issue(folder: &Path, names: &[String], addresses: &[IpAddr], days: u32) -> Result<Issued, TlsError> {
    if names.is_empty() && addresses.is_empty() {
        return Err(TlsError::Certificate(
            "give at least one --name or --address phones reach this computer by".into(),
        ));
    }
    let now = OffsetDateTime::now_utc();
    let (issuer, ca_der, new_authority) = authority(folder, now)?;
    let subjects: Vec<String> = names
        .iter()
        .cloned()
        .chain(addresses.iter().map(IpAddr::to_string))
        .collect();
    let mut params = CertificateParams::new(subjects.clone()).map_err(rcgen)?;
    params.distinguished_name = DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, subjects[0].clone());
    params.not_before = now - Duration::hours(1);
    params.not_after = now + Duration::days(i64::from(days.min(MAX_SERVER_DAYS)));
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    let key = KeyPair::generate().map_err(rcgen)?;
    let cert = params.signed_by(&key, &issuer).map_err(rcgen)?;

    let ca_pem =
        std::fs::read(folder.join(CA_CERT)).map_err(|err| TlsError::Io(folder.join(CA_CERT), err))?;
    let mut chain = cert.pem().into_bytes();
    chain.extend_from_slice(&ca_pem);
    let (server_cert, server_key) = (folder.join(SERVER_CERT), folder.join(SERVER_KEY));
    write_private(&server_key, key.serialize_pem().as_bytes())?;
    write_public(&server_cert, &chain)?;
    let info = LocalCaInfo {
        names: names.to_vec(),
        addresses: addresses.to_vec(),
        fingerprint: fingerprint(&ca_der),
    };
    let json = serde_json::to_vec_pretty(&info).map_err(|err| TlsError::Certificate(err.to_string()))?;
    write_public(&folder.join(INFO), &json)?;
    Ok(Issued {
        new_authority,
        info,
        server_cert,
        server_key,
        ca_cert: folder.join(CA_CERT),
    })
}

/// The authority's public key hash as Chromium's
/// `--ignore-certificate-errors-spki-list` takes it (base64 of the SHA-256
/// of its SubjectPublicKeyInfo): how tests make a browser trust it.
pub fn spki_hash(folder: &Path) -> Result<String, TlsError> {
    let path = folder.join(CA_KEY);
    let key = std::fs::read_to_string(&path).map_err(|err| TlsError::Io(path, err))?;
    let key = KeyPair::from_pem(&key).map_err(rcgen)?;
    Ok(crate::secrets::base64(&Sha256::digest(
        key.subject_public_key_info(),
    )))
}

/// The `local-ca.json` in `folder`, if the office has an authority.
pub fn read_info(folder: &Path) -> Option<LocalCaInfo> {
    let text = std::fs::read(folder.join(INFO)).ok()?;
    serde_json::from_slice(&text).ok()
}
