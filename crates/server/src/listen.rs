//! Accepting connections and serving them: HTTP/1.1 and HTTP/2 on one port,
//! over TLS when given a rustls configuration (HTTP/2 chosen by ALPN),
//! with the limits a server on the open internet needs.
//!
//! - At most [`Listening::max_connections`] connections at once; more wait
//!   in the system's queue until one closes.
//! - A client has [`HEADER_TIMEOUT`] to finish the TLS handshake, and as
//!   long to send a request's headers (a slow
//!   client cannot hold a connection open by trickling them), and the
//!   router gives it a time to send the body (`http::BODY_TIMEOUT`).
//! - A connection idle for [`IDLE_TIMEOUT`] is closed.
//! - On shutdown, requests in flight finish (within [`SHUTDOWN_GRACE`]).
//!
//! ## Usage
//! ```no_run
//! # async fn example(app: axum::Router) -> std::io::Result<()> {
//! use linli_server::listen::{serve, Listening};
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! serve(listener, app, Listening::default(), None, std::future::pending()).await;
//! # Ok(())
//! # }
//! ```

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection may sit with nothing read or written.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// How long requests in flight get to finish when the server stops.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The limits a connection is held to.
#[derive(Clone, Copy, Debug)]
pub struct Listening {
    /// Connections served at once.
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
}

impl Default for Listening {
    fn default() -> Self {
        Listening {
            max_connections: 1024,
            header_timeout: HEADER_TIMEOUT,
            idle_timeout: IDLE_TIMEOUT,
        }
    }
}

/// Serves `app` on `listener` (over TLS with `tls`) until `shutdown`
/// resolves.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Listening,
    tls: Option<Arc<ServerConfig>>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let tls = tls.map(TlsAcceptor::from);
    let max_connections = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let permits = Arc::new(Semaphore::new(max_connections));
    let (stopping, stop) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait, and go on.
                    tracing::warn!(%err, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let (app, stop, tls) = (app.clone(), stop.clone(), tls.clone());
        tokio::spawn(async move {
            let activity = Arc::new(Activity::new());
            let tracked = Tracked {
                inner: stream,
                activity: activity.clone(),
            };
            let Some(tls) = tls else {
                serve_connection(tracked, activity, peer, app, limits, stop).await;
                drop(permit);
                return;
            };
            // A handshake gets the time headers get: a client that opens a
            // connection and says nothing holds no place for long.
            match tokio::time::timeout(limits.header_timeout, tls.accept(tracked)).await {
                Ok(Ok(stream)) => serve_connection(stream, activity, peer, app, limits, stop).await,
                Ok(Err(err)) => tracing::debug!(%err, %peer, "TLS handshake failed"),
                Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
            }
            drop(permit);
        });
    }
    let _ = stopping.send(true);
    // Every connection gives its permit back when it ends.
    let all = u32::try_from(max_connections).unwrap_or(u32::MAX);
    tokio::select! {
        _ = permits.acquire_many(all) => {},
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("requests still running at shutdown were cut off");
        }
    }
}

/// One connection, HTTP/1.1 or HTTP/2, until it ends, goes idle or the
/// server stops (then what is in flight finishes first).
async fn serve_connection<S>(
    stream: S,
    activity: Arc<Activity>,
    peer: SocketAddr,
    app: Router,
    limits: Listening,
    mut stop: tokio::sync::watch::Receiver<bool>,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io = TokioIo::new(stream);
    let service = hyper_util::service::TowerToHyperService::new(app.map_request(
        move |mut request: axum::http::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            request
        },
    ));
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)))
        .keep_alive_timeout(Duration::from_secs(20));
    let connection = builder.serve_connection_with_upgrades(io, service);
    // Looked at a few times per idle period: closed at most a quarter late.
    let idle_check = (limits.idle_timeout / 4).min(Duration::from_secs(5));
    tokio::pin!(connection);
    let mut closing = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(%err, %peer, "connection ended with an error");
                }
                break;
            }
            changed = stop.changed(), if !closing => {
                if changed.is_err() || *stop.borrow() {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
            () = tokio::time::sleep(idle_check), if !closing => {
                if activity.idle_for() > limits.idle_timeout {
                    // Nothing moved for too long: close once what is in flight is done.
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// When a connection last moved a byte.
struct Activity {
    started: Instant,
    last_ms: AtomicU64,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            started: Instant::now(),
            last_ms: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let now = self.started.elapsed().as_millis() as u64;
        self.last_ms.store(now, Ordering::Relaxed);
    }

    fn idle_for(&self) -> Duration {
        let now = self.started.elapsed().as_millis() as u64;
        Duration::from_millis(now.saturating_sub(self.last_ms.load(Ordering::Relaxed)))
    }
}

/// A stream that notes its activity.
struct Tracked<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S: AsyncRead + Unpin> AsyncRead for Tracked<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Tracked<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(written)) if written > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
