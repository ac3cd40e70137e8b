//! The commands beside serving: `admin` (a community's administrator),
//! `backup` and `restore`, `local-ca` (HTTPS for a village office with no
//! domain). Each prints what it did and what to do next, for the person at
//! the server's keyboard.

use anyhow::Context;
use linli_core::members::MembersMutation;
use linli_core::members::RegisterMember;
use linli_core::{MemberId, Mutation, Role};

use crate::config::{AdminArgs, BackupArgs, LocalCaArgs};
use crate::db::{Database, Session};
use crate::secrets::{self, ServerKey};
use crate::tls::local_ca;
use crate::{backup as backups, http, open, sync};

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
    println!(
        "邀请码 Invite code: {}",
        linli_core::members::invites::invite_code_for_reading(&code)
    );
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
    let register = Mutation::Members(MembersMutation::RegisterMember(RegisterMember {
        id: member.clone(),
        name: name.to_owned(),
        roles: vec![Role::Admin],
        invite_code: code.clone(),
        invite_id: None,
        valid_days: Some(valid_days),
    }));
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

/// `linli-server backup <file>`.
pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let database = Database::connect(&args.storage.database_url(), &args.storage.data_dir)
        .await
        .with_context(|| {
            format!(
                "could not open the database at {}",
                args.storage.redacted_database_url()
            )
        })?;
    let bytes = backups::backup_to(&database, &args.file).await?;
    println!("备份完成 Backup made: {} ({bytes} bytes)", args.file.display());
    Ok(())
}

/// `linli-server restore <file>`.
pub async fn restore(args: BackupArgs) -> anyhow::Result<()> {
    let url = args.storage.database_url();
    let Some(file) = backups::sqlite_file(&url) else {
        return Err(backups::BackupError::Postgres.into());
    };
    std::fs::create_dir_all(&args.storage.data_dir)
        .with_context(|| format!("could not make {}", args.storage.data_dir.display()))?;
    let moved = backups::restore(&file, &args.file).await?;
    println!("已恢复 Restored {} from {}", file.display(), args.file.display());
    if let Some(moved) = moved {
        println!(
            "原来的数据库移到了 The database it replaced is now {}",
            moved.display()
        );
    }
    println!(
        "启动服务器后，每台设备会重新同步，没发出的改动会保留。\nStart the server: every device syncs afresh and keeps what it had not sent."
    );
    Ok(())
}

/// `linli-server local-ca --name … --address …`.
pub fn local_ca(args: LocalCaArgs) -> anyhow::Result<()> {
    let folder = local_ca::folder(&args.storage.data_dir);
    let issued = local_ca::issue(&folder, &args.names, &args.addresses, args.days)?;
    if issued.new_authority {
        println!(
            "新的本地证书机构 New local authority: {}",
            issued.ca_cert.display()
        );
    } else {
        println!(
            "沿用本地证书机构 Same local authority: {}",
            issued.ca_cert.display()
        );
    }
    println!("证书指纹 Fingerprint (SHA-256): {}", issued.info.fingerprint);
    println!(
        "服务器证书 Server certificate: {}\n私钥 Key: {}",
        issued.server_cert.display(),
        issued.server_key.display()
    );
    println!(
        "启动 Start with: linli-server serve --data-dir {} --bind 0.0.0.0:443 --http-bind 0.0.0.0:80 \\\n  --tls-cert {} --tls-key {}",
        args.storage.data_dir.display(),
        issued.server_cert.display(),
        issued.server_key.display()
    );
    let hosts: Vec<String> = args
        .addresses
        .iter()
        .map(|address| address.to_string())
        .chain(args.names.iter().cloned())
        .collect();
    if hosts.is_empty() {
        println!("手机打开 Phones open: http://<这台电脑的地址 this computer's address>/ca");
    }
    for host in hosts {
        println!("手机打开 Phones open: http://{host}/ca");
    }
    Ok(())
}
