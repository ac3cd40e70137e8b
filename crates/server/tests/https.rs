//! HTTPS over real sockets: HTTP/2 and HTTP/1.1 by ALPN with a certificate
//! from the office's local authority, a renewed certificate taken up
//! without a restart, the plain listener's redirects and `/ca` page, and a
//! certificate obtained over ACME from Debian's `pebble` test authority.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{body_text, TestApp};
use http_body_util::BodyExt;
use hyper_util::rt::{TokioExecutor, TokioIo};
use linli_server::listen::{serve, Listening};
use linli_server::tls::acme::{AcmeSettings, Challenges};
use linli_server::tls::{self, local_ca, Certificates};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tower::ServiceExt;

/// A TLS client that trusts only the roots in `ca_pem` and offers `alpn`.
fn client(ca_pem: &Path, alpn: &[&[u8]]) -> tokio_rustls::TlsConnector {
    common::tls_client(ca_pem, alpn)
}

async fn connect(
    address: SocketAddr,
    name: &str,
    connector: &tokio_rustls::TlsConnector,
) -> std::io::Result<tokio_rustls::client::TlsStream<TcpStream>> {
    let tcp = TcpStream::connect(address).await?;
    let name = ServerName::try_from(name.to_owned()).unwrap();
    connector.connect(name, tcp).await
}

/// `GET path` over `stream` with HTTP/2: the status.
async fn get_h2(stream: tokio_rustls::client::TlsStream<TcpStream>, path: &str) -> StatusCode {
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let request = Request::get(format!("https://linli.test{path}"))
        .body(http_body_util::Empty::<bytes::Bytes>::new())
        .unwrap();
    sender.send_request(request).await.unwrap().status()
}

/// `GET path` over `stream` with HTTP/1.1: the status.
async fn get_h1(stream: tokio_rustls::client::TlsStream<TcpStream>, path: &str) -> StatusCode {
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = Request::get(path)
        .header("host", "linli.test")
        .body(http_body_util::Empty::<bytes::Bytes>::new())
        .unwrap();
    sender.send_request(request).await.unwrap().status()
}

/// The app over TLS with `certificates`, on a free port.
async fn https_server(certificates: Arc<Certificates>) -> (SocketAddr, TestApp) {
    let app = TestApp::on_sqlite().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(
        listener,
        app.router.clone(),
        Listening::default(),
        Some(tls::server_config(certificates)),
        std::future::pending(),
    ));
    (address, app)
}

fn office_authority(dir: &Path) -> local_ca::Issued {
    local_ca::issue(dir, &["linli.test".into()], &["127.0.0.1".parse().unwrap()], 30).unwrap()
}

#[tokio::test]
async fn http2_and_http1_are_served_over_tls_with_the_office_authority() {
    let dir = tempfile::tempdir().unwrap();
    let issued = office_authority(dir.path());
    assert!(issued.new_authority);
    let certificates = Certificates::from_files(&issued.server_cert, &issued.server_key).unwrap();
    let (address, _app) = https_server(certificates).await;

    let h2 = connect(
        address,
        "linli.test",
        &client(&issued.ca_cert, &[b"h2", b"http/1.1"]),
    )
    .await
    .unwrap();
    assert_eq!(
        h2.get_ref().1.alpn_protocol(),
        Some(&b"h2"[..]),
        "HTTP/2 chosen by ALPN"
    );
    assert_eq!(get_h2(h2, "/api/v1/health").await, StatusCode::OK);

    let h1 = connect(address, "linli.test", &client(&issued.ca_cert, &[b"http/1.1"]))
        .await
        .unwrap();
    assert_eq!(h1.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    assert_eq!(get_h1(h1, "/api/v1/health").await, StatusCode::OK);

    // The certificate holds the address too, and no other name.
    let by_address = connect(address, "127.0.0.1", &client(&issued.ca_cert, &[b"h2"])).await;
    assert!(by_address.is_ok());
    let wrong_name = connect(address, "other.test", &client(&issued.ca_cert, &[b"h2"])).await;
    assert!(wrong_name.is_err(), "a name the certificate does not hold");

    // Issued again (new addresses), the authority stays: phones keep trusting.
    let again = local_ca::issue(
        dir.path(),
        &["linli.test".into()],
        &["10.0.0.5".parse().unwrap()],
        30,
    )
    .unwrap();
    assert!(!again.new_authority);
    assert_eq!(again.info.fingerprint, issued.info.fingerprint);
}

/// The leaf certificate a new connection is shown.
async fn leaf_seen(address: SocketAddr, ca: &Path) -> Vec<u8> {
    let stream = connect(address, "linli.test", &client(ca, &[b"h2"]))
        .await
        .unwrap();
    stream.get_ref().1.peer_certificates().unwrap()[0].to_vec()
}

#[tokio::test]
async fn a_renewed_certificate_is_taken_up_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let issued = office_authority(dir.path());
    let certificates = Certificates::from_files(&issued.server_cert, &issued.server_key).unwrap();
    tokio::spawn(tls::files::watch(
        issued.server_cert.clone(),
        issued.server_key.clone(),
        certificates.clone(),
        Duration::from_millis(100),
    ));
    let (address, _app) = https_server(certificates).await;
    let before = leaf_seen(address, &issued.ca_cert).await;

    // A half-written file is not taken: the old certificate stays.
    std::fs::write(&issued.server_cert, b"-----BEGIN CERTIFICATE-----\nnot yet").unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(leaf_seen(address, &issued.ca_cert).await, before);

    office_authority(dir.path());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = leaf_seen(address, &issued.ca_cert).await;
        if now != before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new certificate was not taken up within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn plain_http_sends_to_https_and_serves_the_office_authority() {
    let data_dir = tempfile::tempdir().unwrap();
    let none = linli_server::http::local_ca::LocalCaPage::load(data_dir.path(), Some(80), 8443);
    assert!(none.is_none(), "no page before the office has an authority");
    let folder = local_ca::folder(data_dir.path());
    let issued_here = local_ca::issue(
        &folder,
        &["linli.lan".into()],
        &["192.168.1.20".parse().unwrap()],
        30,
    )
    .unwrap();
    let page = linli_server::http::local_ca::LocalCaPage::load(data_dir.path(), Some(80), 8443).unwrap();
    let challenges = Arc::new(Challenges::default());
    let router = linli_server::http::plain::router(challenges, 8443, Some(page));

    let get = |path: &str| {
        Request::get(path)
            .header("host", "192.168.1.20")
            .body(Body::empty())
            .unwrap()
    };
    let redirect = router.clone().oneshot(get("/rules?tab=votes")).await.unwrap();
    assert_eq!(redirect.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        redirect.headers()["location"],
        "https://192.168.1.20:8443/rules?tab=votes"
    );

    let ca_page = router.clone().oneshot(get("/ca")).await.unwrap();
    assert_eq!(ca_page.status(), StatusCode::OK);
    let html = body_text(ca_page).await;
    assert!(
        html.contains(&issued_here.info.fingerprint),
        "the fingerprint to compare"
    );
    assert!(html.contains("http://linli.lan/ca"), "the QR code's address");
    assert!(html.contains("https://linli.lan:8443/"), "where the app is");
    assert!(html.contains("<svg"), "the QR code");

    let ca = router.clone().oneshot(get("/ca.crt")).await.unwrap();
    assert_eq!(ca.headers()["content-type"], "application/x-x509-ca-cert");
    let der = ca.into_body().collect().await.unwrap().to_bytes();
    let pem = std::fs::read(folder.join(local_ca::CA_CERT)).unwrap();
    assert_eq!(der.to_vec(), local_ca::ca_der(&pem).unwrap());

    let unknown = router
        .oneshot(get("/.well-known/acme-challenge/nothing"))
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(program: &str, args: &[&str], envs: &[(&str, &str)], log: &Path) -> Running {
    let log = std::fs::File::create(log).unwrap();
    let child = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap_or_else(|err| {
            panic!("{program} could not start ({err}): apt-get install pebble (./dev.sh test does)")
        });
    Running(child)
}

/// pebble and its DNS (pebble-challtestsrv, which answers 127.0.0.1 for
/// every name), with a certificate of their own for pebble's HTTPS.
struct Pebble {
    _dns: Running,
    _pebble: Running,
    directory: String,
    /// The root pebble's own HTTPS is signed by.
    root: PathBuf,
    /// Where pebble checks HTTP-01 answers.
    http_port: u16,
}

async fn start_pebble(dir: &Path) -> Pebble {
    let own = local_ca::issue(
        &dir.join("pebble-tls"),
        &["localhost".into()],
        &["127.0.0.1".parse().unwrap()],
        30,
    )
    .unwrap();
    let (listen, management, http_port, tls_port, dns) = (
        common::free_port(),
        common::free_port(),
        common::free_port(),
        common::free_port(),
        common::free_port(),
    );
    let config = serde_json::json!({ "pebble": {
        "listenAddress": format!("127.0.0.1:{listen}"),
        "managementListenAddress": format!("127.0.0.1:{management}"),
        "certificate": own.server_cert,
        "privateKey": own.server_key,
        "httpPort": http_port,
        "tlsPort": tls_port,
        "ocspResponderURL": "",
        "externalAccountBindingRequired": false,
    }});
    let config_file = dir.join("pebble.json");
    std::fs::write(&config_file, config.to_string()).unwrap();
    let dns_address = format!("127.0.0.1:{dns}");
    let dns_management = format!("127.0.0.1:{}", common::free_port());
    let dns_process = spawn(
        "pebble-challtestsrv",
        &[
            "-defaultIPv4",
            "127.0.0.1",
            "-defaultIPv6",
            "",
            "-dns01",
            &dns_address,
            "-http01",
            "",
            "-https01",
            "",
            "-tlsalpn01",
            "",
            "-management",
            &dns_management,
        ],
        &[],
        &dir.join("challtestsrv.log"),
    );
    let pebble = spawn(
        "pebble",
        &[
            "-config",
            config_file.to_str().unwrap(),
            "-dnsserver",
            &dns_address,
        ],
        &[("PEBBLE_VA_NOSLEEP", "1"), ("PEBBLE_WFE_NONCEREJECT", "0")],
        &dir.join("pebble.log"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", listen)).await.is_err() {
        assert!(
            Instant::now() < deadline,
            "pebble did not start: {}",
            dir.join("pebble.log").display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Pebble {
        _dns: dns_process,
        _pebble: pebble,
        directory: format!("https://127.0.0.1:{listen}/dir"),
        root: own.ca_cert,
        http_port,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_for_a_domain_comes_from_an_acme_authority_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let pebble = start_pebble(dir.path()).await;
    let challenges = Arc::new(Challenges::default());
    // The plain listener, where pebble checks the answers.
    let plain = TcpListener::bind(("127.0.0.1", pebble.http_port)).await.unwrap();
    tokio::spawn(serve(
        plain,
        linli_server::http::plain::router(challenges.clone(), 443, None),
        Listening::default(),
        None,
        std::future::pending(),
    ));
    let settings = AcmeSettings {
        domains: vec!["linli.test".into()],
        contact: Some("committee@linli.test".into()),
        directory: pebble.directory.clone(),
        root: Some(pebble.root.clone()),
        folder: dir.path().join("acme"),
    };
    let certificates = Certificates::empty();
    tokio::spawn(settings.clone().run(certificates.clone(), challenges.clone()));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !certificates.ready() {
        assert!(
            Instant::now() < deadline,
            "no certificate from pebble within 60 s: {}",
            dir.path().join("pebble.log").display()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (address, _app) = https_server(certificates).await;
    // Served for the domain: the chain is pebble's (its root is made anew at
    // each start, so this checks the name and the key, not the root).
    let chain = std::fs::read(dir.path().join("acme/certificate.crt")).unwrap();
    let leaf = CertificateDer::pem_slice_iter(&chain).next().unwrap().unwrap();
    let (_, parsed) = x509_parser::parse_x509_certificate(&leaf).unwrap();
    let names: Vec<String> = parsed
        .subject_alternative_name()
        .unwrap()
        .unwrap()
        .value
        .general_names
        .iter()
        .map(|name| name.to_string())
        .collect();
    assert_eq!(names, ["DNSName(linli.test)"]);
    let account = dir.path().join("acme/account.json");
    assert!(account.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("acme/certificate.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the key is its owner's alone");
    }
    let served = tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(address)).await;
    assert!(served.is_ok());

    // A restart takes the stored certificate without asking the authority
    // (stopped now).
    drop(pebble);
    let again = Certificates::empty();
    tokio::spawn(settings.run(again.clone(), challenges));
    let deadline = Instant::now() + Duration::from_secs(5);
    while !again.ready() {
        assert!(Instant::now() < deadline, "the stored certificate was not used");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
