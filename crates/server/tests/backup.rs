//! Backups of a live SQLite database and restoring them: taken while
//! clients push, a backup holds every mutation acknowledged before it
//! began; restored into a fresh data directory, devices sync on (one that
//! had synced past the backup starts over and loses nothing unsent); the
//! scheduled backups keep the newest; a running server blocks a restore.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{pull_all, push_one, TestApp};
use linli_core::time::HOUR_MS;
use linli_core::Role;
use linli_server::backup::{self, Schedule, ServerLock};
use linli_server::Database;
use serde_json::{json, Value};

async fn app_over(file: &Path, key: Option<linli_server::secrets::ServerKey>) -> TestApp {
    let url = format!("sqlite://{}", file.display());
    let database = Database::connect(&url, file.parent().unwrap()).await.unwrap();
    TestApp::build(database, |state| {
        state.limits = Arc::new(linli_server::http::limits::Limits::unlimited());
        if let Some(key) = key {
            state.key = key;
        }
    })
    .await
}

fn notice(client: &str, id: u64) -> Value {
    json!({"id": format!("{client}-{id}"), "title": format!("通知 {id}"), "body": ""})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_made_while_clients_push_restores_with_every_acknowledged_mutation() {
    let live_dir = tempfile::tempdir().unwrap();
    let live_file = live_dir.path().join("linli.db");
    let app = Arc::new(app_over(&live_file, None).await);
    app.seed_demo(common::now()).await;
    let token = app.join_as(Role::Officer).await;

    // Four devices push notices one by one and note what was acknowledged.
    let acknowledged = Arc::new(Mutex::new(BTreeSet::<String>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut pushers = Vec::new();
    for device in 0..4 {
        let (app, token, acknowledged, stop) =
            (app.clone(), token.clone(), acknowledged.clone(), stop.clone());
        pushers.push(tokio::spawn(async move {
            let client = format!("c{device}");
            let mut id = 1;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let answer = push_one(&app, &token, &client, id, "postNotice", notice(&client, id)).await;
                if answer["applied"] == 1 {
                    acknowledged
                        .lock()
                        .unwrap()
                        .insert(format!("notice/{client}-{id}"));
                    id += 1;
                }
            }
            id - 1
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before_backup = acknowledged.lock().unwrap().clone();
    let backup_file = tempfile::tempdir()
        .unwrap()
        .keep()
        .join("backups/linli-backup.db");
    let bytes = backup::backup_to(&app.database, &backup_file).await.unwrap();
    assert!(bytes > 0);
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut pushed = 0;
    for pusher in pushers {
        pushed += pusher.await.unwrap();
    }
    assert!(
        before_backup.len() >= 4 && pushed as usize > before_backup.len(),
        "pushes went on before and after the backup ({} then {pushed})",
        before_backup.len()
    );
    // A backup never overwrites.
    assert!(matches!(
        backup::backup_to(&app.database, &backup_file).await,
        Err(backup::BackupError::Exists(_))
    ));

    // A device that synced everything before the restore.
    let (_, raw_before) = pull_all(&app, &token, "g-c0").await;
    assert!(raw_before.contains("c0-1"));
    let cookie_past_backup: Value = {
        let body = json!({ "pullVersion": 1, "clientGroupID": "g-c0", "cookie": null, "profileID": "", "schemaVersion": "1" });
        let (_, answer) = app.post("/api/v1/pull", Some(&token), &body).await;
        answer["cookie"].clone()
    };
    let key = app.key.clone();

    // Into a fresh data directory, as after a lost disk.
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh_file = fresh_dir.path().join("linli.db");
    assert_eq!(backup::restore(&fresh_file, &backup_file).await.unwrap(), None);
    let restored = app_over(&fresh_file, Some(key)).await;

    let (records, _) = pull_all(&restored, &token, "g-after-restore").await;
    let missing: Vec<&String> = before_backup
        .iter()
        .filter(|key| !records.contains_key(*key))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, missing after the restore: {missing:?}"
    );

    // The device that had synced past the backup is told to start over…
    let body = json!({ "pullVersion": 1, "clientGroupID": "g-c0", "cookie": cookie_past_backup,
                       "profileID": "", "schemaVersion": "1" });
    let (status, answer) = restored.post("/api/v1/pull", Some(&token), &body).await;
    assert_eq!(status, axum::http::StatusCode::OK);
    assert_eq!(answer, json!({"error": "ClientStateNotFound"}));
    // …and its unsent change, pushed under its old client before it pulls,
    // is not applied, even numbered 1 (what a forgotten client expects):
    // the push too says start over, so the change is applied once, later…
    let held = push_one(&restored, &token, "c0", 1, "postNotice", notice("c0", 10_000)).await;
    assert_eq!(held, json!({"error": "ClientStateNotFound"}));
    // …when it sends it again as a new client, numbered from 1.
    let resent = push_one(&restored, &token, "c0-new", 1, "postNotice", notice("c0", 10_000)).await;
    assert_eq!(resent["applied"], 1);
    let (records, _) = pull_all(&restored, &token, "g-c0-new").await;
    assert!(records.contains_key("notice/c0-10000"));
}

#[tokio::test]
async fn a_restore_waits_for_the_server_to_stop_and_keeps_what_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("linli.db");
    let app = app_over(&file, None).await;
    app.seed_demo(common::now()).await;
    let backup_file = dir.path().join("backup.db");
    backup::backup_to(&app.database, &backup_file).await.unwrap();

    let serving = ServerLock::take(&file).unwrap().expect("no server yet");
    assert!(matches!(
        backup::restore(&file, &backup_file).await,
        Err(backup::BackupError::ServerRunning)
    ));
    drop(serving);
    app.database.close().await;
    let aside = backup::restore(&file, &backup_file)
        .await
        .unwrap()
        .expect("the old database kept");
    assert!(aside.exists());

    let not_a_backup = dir.path().join("notes.txt");
    std::fs::write(&not_a_backup, "备忘").unwrap();
    assert!(matches!(
        backup::restore(&file, &not_a_backup).await,
        Err(backup::BackupError::NotABackup(..))
    ));
}

#[tokio::test]
async fn scheduled_backups_keep_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_over(&dir.path().join("linli.db"), None).await;
    let schedule = Schedule {
        folder: dir.path().join("backups"),
        every: Duration::from_secs(3600),
        keep: 3,
    };
    let hour = HOUR_MS;
    let start = common::now().millis();
    let mut made = Vec::new();
    for n in 0..5 {
        made.push(schedule.run_once(&app.database, start + n * hour).await.unwrap());
    }
    let mut kept: Vec<_> = std::fs::read_dir(&schedule.folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    kept.sort();
    assert_eq!(kept, made[2..], "the three newest");
    assert_eq!(
        backup::scheduled_name(1_764_556_200_000),
        "linli-2025-12-01-103000.db",
        "named in China Standard Time, sortable"
    );
}

#[tokio::test]
async fn postgres_is_backed_up_with_its_own_tools() {
    let database = common::postgres_database().await;
    let file = tempfile::tempdir().unwrap().keep().join("backup.db");
    assert!(matches!(
        backup::backup_to(&database, &file).await,
        Err(backup::BackupError::Postgres)
    ));
    assert_eq!(backup::sqlite_file("postgres://db/linli"), None);
    assert_eq!(
        backup::sqlite_file("sqlite:///srv/linli/linli.db?mode=rwc"),
        Some("/srv/linli/linli.db".into())
    );
}
