//! The accept loop's defences, over real sockets: a client trickling its
//! headers is cut off, an idle connection is closed, and connections past
//! the limit wait until one ends. The limits are short here; the server's
//! own are in `listen.rs` (10 s, 120 s, 1024).

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::TestApp;
use linli_server::listen::{serve, Listening};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const HEALTH: &[u8] = b"GET /api/v1/health HTTP/1.1\r\nHost: linli\r\n\r\n";

async fn server(limits: Listening) -> (SocketAddr, TestApp) {
    let app = TestApp::on_sqlite().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(
        listener,
        app.router.clone(),
        limits,
        None,
        std::future::pending(),
    ));
    (address, app)
}

/// Reads until the peer closes, or `within` passes: what was read, and
/// whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut seen = Vec::new();
    let mut buffer = [0_u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&seen).into_owned(), true),
            Ok(Ok(read)) => seen.extend_from_slice(&buffer[..read]),
            Err(_) => return (String::from_utf8_lossy(&seen).into_owned(), false),
        }
    }
}

#[tokio::test]
async fn a_client_trickling_its_headers_is_cut_off() {
    let (address, _app) = server(Listening {
        header_timeout: Duration::from_millis(300),
        ..Listening::default()
    })
    .await;
    let mut slow = TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: li")
        .await
        .unwrap();
    let started = Instant::now();
    let (_, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(closed, "still open after 5 s");
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "cut off before its time"
    );

    // A client that sends its headers at once is served.
    let mut quick = TcpStream::connect(address).await.unwrap();
    quick.write_all(HEALTH).await.unwrap();
    let mut answer = [0_u8; 64];
    let read = quick.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn an_idle_connection_is_closed() {
    let (address, _app) = server(Listening {
        idle_timeout: Duration::from_millis(400),
        ..Listening::default()
    })
    .await;
    let mut client = TcpStream::connect(address).await.unwrap();
    client.write_all(HEALTH).await.unwrap();
    let started = Instant::now();
    let (answer, closed) = read_until_closed(&mut client, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "a kept-alive connection stayed open past 5 s");
    assert!(started.elapsed() >= Duration::from_millis(350));
}

#[tokio::test]
async fn connections_past_the_limit_wait_for_one_to_end() {
    let (address, _app) = server(Listening {
        max_connections: 2,
        ..Listening::default()
    })
    .await;
    let first = TcpStream::connect(address).await.unwrap();
    let mut second = TcpStream::connect(address).await.unwrap();
    second.write_all(HEALTH).await.unwrap();
    let mut answer = [0_u8; 64];
    let read = second.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 200"));

    // The system queues the third; the server does not take it yet.
    let mut third = TcpStream::connect(address).await.unwrap();
    third.write_all(HEALTH).await.unwrap();
    assert!(
        tokio::time::timeout(Duration::from_millis(500), third.read(&mut answer))
            .await
            .is_err(),
        "served past the limit"
    );
    drop(first);
    let read = tokio::time::timeout(Duration::from_secs(5), third.read(&mut answer))
        .await
        .expect("served once a connection ended")
        .unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 200"));
}
