//! `linli-server serve`: opens the data, sets up HTTPS if asked, starts the
//! scheduled backups, and serves until Ctrl-C or SIGTERM.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::backup::{self, ServerLock};
use crate::config::{Config, TlsArgs};
use crate::http::assets::Assets;
use crate::http::local_ca::LocalCaPage;
use crate::tls::acme::{AcmeSettings, Challenges};
use crate::tls::{self, Certificates};
use crate::{app, demo, http, listen, open, AppState};

/// How the server's HTTPS is set up, once started.
struct Https {
    config: Arc<tokio_rustls::rustls::ServerConfig>,
    challenges: Arc<Challenges>,
}

/// Starts whatever keeps the certificate current, and returns the TLS
/// configuration, or `None` for plain HTTP.
fn start_tls(args: &TlsArgs, data_dir: &std::path::Path) -> anyhow::Result<Option<Https>> {
    let challenges = Arc::new(Challenges::default());
    let certificates = if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        let certificates = Certificates::from_files(cert, key)
            .with_context(|| format!("could not use the certificate {}", cert.display()))?;
        tokio::spawn(tls::files::watch(
            cert.clone(),
            key.clone(),
            certificates.clone(),
            tls::files::RELOAD_EVERY,
        ));
        certificates
    } else if !args.domain.is_empty() {
        if args.http_bind.is_none() {
            anyhow::bail!(
                "--domain needs --http-bind (port 80 of this machine, for the certificate authority's check)"
            );
        }
        let certificates = Certificates::empty();
        let settings = AcmeSettings {
            domains: args.domain.clone(),
            contact: args.acme_contact.clone(),
            directory: args.acme_directory.clone(),
            root: args.acme_root.clone(),
            folder: tls::acme::folder(data_dir),
        };
        tokio::spawn(settings.run(certificates.clone(), challenges.clone()));
        certificates
    } else {
        if args.http_bind.is_some() {
            anyhow::bail!("--http-bind only goes with HTTPS (--tls-cert and --tls-key, or --domain)");
        }
        return Ok(None);
    };
    Ok(Some(Https {
        config: tls::server_config(certificates),
        challenges,
    }))
}

/// Connects to the database, runs the migrations, seeds the demo communities
/// when asked, and serves until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let (database, key) = open(&config.storage).await?;
    // One serving process per SQLite file: `restore` checks for it.
    let _lock: Option<ServerLock> = match backup::sqlite_file(&config.storage.database_url()) {
        Some(file) => Some(
            ServerLock::take(&file)?
                .with_context(|| format!("another linli-server is serving {} already", file.display()))?,
        ),
        None => None,
    };
    if config.demo {
        let report = demo::seed(&database, &key, (http::system_clock())())
            .await
            .context("could not seed the demo communities")?;
        tracing::warn!(
            communities = report.communities,
            members = report.members,
            "demo mode: the demo communities' invite codes are public (README.md); never run a real community with --demo"
        );
        if report.members > 0 {
            for (member, name, role, code) in demo::demo_invites() {
                tracing::info!(%member, name, %role, invite_code = %code, "demo invite");
            }
        }
    }

    let https = start_tls(&config.tls, &config.storage.data_dir)?;
    let assets = Assets::choose(config.dist_dir.clone());
    let mut state = AppState::new(database.clone(), PathBuf::new());
    state.assets = Arc::new(assets);
    state.body_limit = config.body_limit;
    state.pull_page_size = config.pull_page_size;
    state.key = key;
    state.trust_forwarded_for = config.trust_forwarded_for;
    state.https = https.is_some();
    let http_port = config.tls.http_bind.map(|address| address.port());
    state.local_ca = LocalCaPage::load(&config.storage.data_dir, http_port, config.bind.port());
    if !config.rate_limits {
        tracing::warn!("rate limits are off: for measuring only");
        state.limits = Arc::new(http::limits::Limits::unlimited());
    }

    if let Some(folder) = &config.backup_dir {
        if !matches!(database, crate::Database::Sqlite(..)) {
            anyhow::bail!("--backup-dir backs up SQLite; back PostgreSQL up with pg_dump (docs/DEPLOY.md)");
        }
        let schedule = backup::Schedule {
            folder: folder.clone(),
            every: std::time::Duration::from_secs(u64::from(config.backup_every_hours) * 3600),
            keep: config.backup_keep as usize,
        };
        tokio::spawn(schedule.run(database.clone()));
    }

    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("could not listen on {}", config.bind))?;
    let scheme = if https.is_some() { "https" } else { "http" };
    tracing::info!(
        address = %format!("{scheme}://{}", listener.local_addr()?),
        storage = state.database.backend().as_str(),
        app = %state.assets.describe(),
        "linli-server listening; stop it with Ctrl-C"
    );
    let limits = listen::Listening {
        max_connections: config.max_connections,
        ..listen::Listening::default()
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let until_stopped = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    };
    let plain = match (&https, config.tls.http_bind) {
        (Some(https), Some(address)) => {
            let listener = TcpListener::bind(address)
                .await
                .with_context(|| format!("could not listen on {address}"))?;
            tracing::info!(address = %format!("http://{address}"), "plain HTTP: the authority's checks, /ca, and redirects to HTTPS");
            let router = http::plain::router(
                https.challenges.clone(),
                config.bind.port(),
                state.local_ca.clone(),
            );
            Some(tokio::spawn(listen::serve(
                listener,
                router,
                limits,
                None,
                until_stopped(stopped.clone()),
            )))
        }
        _ => None,
    };
    let serving = tokio::spawn(listen::serve(
        listener,
        app(state),
        limits,
        https.map(|https| https.config),
        until_stopped(stopped),
    ));
    shutdown_signal().await;
    // Both listeners stop taking connections; requests in flight finish.
    let _ = stop.send(true);
    let _ = serving.await;
    if let Some(plain) = plain {
        let _ = plain.await;
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so requests in flight finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
