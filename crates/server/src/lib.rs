//! The Linli server as a library: [`Config`] from flags and environment,
//! [`serve`] to run it, [`admin`] to set up a community's administrator,
//! and [`app`] to build the router without a socket (what the tests use).

pub mod config;
pub mod db;
pub mod demo;
pub mod http;
pub mod listen;
pub mod secrets;
pub mod sync;

pub use config::{AdminArgs, Cli, Command, Config, Storage};
pub use db::Database;
pub use http::{app, AppState};

use anyhow::Context;
use linli_core::members::RegisterMember;
use linli_core::{MemberId, Mutation, Role};
use tokio::net::TcpListener;

use crate::db::Session;
use crate::secrets::ServerKey;

/// Runs what the command line asks for.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None => serve(cli.serve).await,
        Some(Command::Serve(config)) => serve(config).await,
        Some(Command::Admin(args)) => admin(args).await,
    }
}

/// Opens the database (running its migrations) and the server key.
async fn open(storage: &Storage) -> anyhow::Result<(Database, ServerKey)> {
    let database = Database::connect(&storage.database_url(), &storage.data_dir)
        .await
        .with_context(|| {
            format!(
                "could not open the database at {}",
                storage.redacted_database_url()
            )
        })?;
    database
        .migrate()
        .await
        .context("could not run the database migrations")?;
    let key = ServerKey::load_or_create(&storage.secret_key_file())?;
    Ok((database, key))
}

/// Connects to the database, runs the migrations, seeds the demo communities
/// when asked, and serves until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let (database, key) = open(&config.storage).await?;
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

    let mut state = AppState::new(database, config.dist_dir.clone());
    state.body_limit = config.body_limit;
    state.pull_page_size = config.pull_page_size;
    state.key = key;
    state.trust_forwarded_for = config.trust_forwarded_for;
    if !config.rate_limits {
        tracing::warn!("rate limits are off: for measuring only");
        state.limits = std::sync::Arc::new(http::limits::Limits::unlimited());
    }
    let listener = TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("could not listen on {}", config.bind))?;
    tracing::info!(
        address = %format!("http://{}", listener.local_addr()?),
        storage = state.database.backend().as_str(),
        dist = %config.dist_dir.display(),
        "linli-server listening; stop it with Ctrl-C"
    );
    let limits = listen::Listening {
        max_connections: config.max_connections,
        ..listen::Listening::default()
    };
    listen::serve(listener, app(state), limits, shutdown_signal()).await;
    Ok(())
}

/// `linli-server admin`: registers an administrator in a community (made if
/// new) and prints the invite code their device joins with.
pub async fn admin(args: AdminArgs) -> anyhow::Result<()> {
    let (database, key) = open(&args.storage).await?;
    linli_core::ids::check_id(&args.community).map_err(|_| {
        anyhow::anyhow!(
            "a community id is 1 to 64 letters, digits, '-' or '_': {:?}",
            args.community
        )
    })?;
    let known = database.community_ids().await?.contains(&args.community);
    match (&args.community_name, known) {
        (None, false) => anyhow::bail!(
            "there is no community {:?} yet: give its name with --community-name to make it",
            args.community
        ),
        (Some(name), false) => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
                anyhow::bail!("a community's name is 1 to 40 characters: {name:?}");
            }
            database.create_community(&args.community, name, name).await?;
            println!("新社区 New community: {} ({name})", args.community);
        }
        (_, true) => {}
    }
    let (member, code) = add_admin(&database, &key, &args.community, &args.name, args.valid_days).await?;
    println!("管理员 Administrator: {} ({member})", args.name);
    println!("邀请码 Invite code: {}", group_code(&code));
    println!(
        "有效 {} 天，只能用一次。在手机上打开邻里，输入这个邀请码加入。\nValid for {} days, once: open Linli on the phone and join with this code.",
        args.valid_days, args.valid_days
    );
    Ok(())
}

/// Registers a new administrator named `name` in `community` with a code
/// the server makes; their id and the code.
pub async fn add_admin(
    database: &Database,
    key: &ServerKey,
    community: &str,
    name: &str,
    valid_days: u16,
) -> anyhow::Result<(MemberId, String)> {
    let member: MemberId = format!("admin-{}", &secrets::new_device_id()[2..10])
        .parse()
        .context("a member id")?;
    let code = secrets::new_invite_code();
    let server = Session::server(community, "server".parse().context("an id")?, [Role::Admin]);
    let register = Mutation::RegisterMember(RegisterMember {
        id: member.clone(),
        name: name.to_owned(),
        roles: vec![Role::Admin],
        invite_code: code.clone(),
        invite_id: None,
        valid_days: Some(valid_days),
    });
    let now = (http::system_clock())();
    match sync::apply_directly(database, key, &server, &register, now).await? {
        Ok(()) => Ok((member, code)),
        Err(rejection) if rejection.code == linli_core::RejectionCode::InvalidArgs => anyhow::bail!(
            "the administrator was not registered: a name is 1 to {} characters",
            linli_core::members::NAME_MAX_CHARS
        ),
        Err(rejection) => anyhow::bail!(
            "the administrator was not registered: {}",
            rejection.code.as_str()
        ),
    }
}

/// `ABCD-EFGH-JKLM`: a code as people read it off paper.
pub fn group_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
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
