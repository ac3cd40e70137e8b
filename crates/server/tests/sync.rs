//! Push and pull on both backends: ordering and idempotency, rejections,
//! paging, errors, permissions and what a pull may carry.

mod common;

use axum::http::StatusCode;
use common::{member_id, pull_all, TestApp};
use linli_core::mutation::example_args;
use linli_core::{Actor, Mutation, Role};
use linli_server::Database;
use serde_json::{json, Value};

/// A device: its client ids and its token.
struct Device<'a> {
    app: &'a TestApp,
    token: String,
    group: String,
    client: String,
    next_id: u64,
    cookie: Value,
}

impl<'a> Device<'a> {
    async fn join(app: &'a TestApp, role: Role, name: &str) -> Device<'a> {
        Device {
            app,
            token: app.join_as(role).await,
            group: format!("group-{name}"),
            client: format!("client-{name}"),
            next_id: 1,
            cookie: Value::Null,
        }
    }

    fn mutation(&mut self, name: &str, args: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        json!({ "clientID": self.client, "id": id, "name": name, "args": args, "timestamp": 0 })
    }

    async fn push(&self, mutations: &[Value]) -> (StatusCode, Value) {
        let body = json!({ "pushVersion": 1, "clientGroupID": self.group, "mutations": mutations,
                           "profileID": "p", "schemaVersion": "1" });
        self.app.post("/api/v1/push", Some(&self.token), &body).await
    }

    /// One pull page; keeps the cookie.
    async fn pull(&mut self) -> Value {
        let body = json!({ "pullVersion": 1, "clientGroupID": self.group, "cookie": self.cookie,
                           "profileID": "p", "schemaVersion": "1" });
        let (status, response) = self.app.post("/api/v1/pull", Some(&self.token), &body).await;
        assert_eq!(status, StatusCode::OK, "{response}");
        self.cookie = response["cookie"].clone();
        response
    }

    /// Pulls every page; the raw JSON of each response, concatenated.
    async fn pull_all(&mut self) -> (Vec<Value>, String) {
        let mut pages = Vec::new();
        let mut raw = String::new();
        loop {
            let page = self.pull().await;
            raw.push_str(&page.to_string());
            let more = page["more"] == json!(true);
            pages.push(page);
            if !more {
                return (pages, raw);
            }
        }
    }
}

fn post_notice(id: &str) -> (String, Value) {
    (
        "postNotice".into(),
        json!({ "id": id, "title": format!("通知 {id}"), "body": "" }),
    )
}

fn put_keys(page: &Value) -> Vec<String> {
    page["patch"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["op"] == "put")
        .map(|op| op["key"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_pushed_mutation_comes_back_in_the_pull_with_its_id(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let (name, args) = post_notice("n1");
    let m = officer.mutation(&name, args);
    let (status, pushed) = officer.push(&[m]).await;
    assert_eq!(status, StatusCode::OK, "{pushed}");
    assert_eq!(pushed["applied"], 1);

    let page = officer.pull().await;
    assert_eq!(
        page["patch"][0],
        json!({"op": "clear"}),
        "a first pull starts from scratch"
    );
    assert!(put_keys(&page).contains(&"notice/n1".to_owned()));
    assert_eq!(page["lastMutationIDChanges"], json!({ "client-officer": 1 }));
    let notice = page["patch"]
        .as_array()
        .unwrap()
        .iter()
        .find(|op| op["key"] == "notice/n1")
        .unwrap();
    assert_eq!(notice["value"]["author"], member_id(Role::Officer));

    // Nothing new: an empty patch and no id changes.
    let again = officer.pull().await;
    assert_eq!(again["patch"], json!([]));
    assert_eq!(again["lastMutationIDChanges"], json!({}));
}

async fn a_retried_push_is_skipped_not_applied_twice(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let (name, args) = post_notice("n1");
    let m = officer.mutation(&name, args);
    officer.push(std::slice::from_ref(&m)).await;
    let (_, second) = officer.push(&[m]).await;
    assert_eq!(second["skipped"], 1);
    assert_eq!(second["applied"], 0);
    let (_, raw) = officer.pull_all().await;
    assert!(
        !raw.contains("rejection/"),
        "a duplicate is skipped, not rejected as AlreadyExists: {raw}"
    );
}

async fn a_gap_in_mutation_ids_stops_the_push_until_the_missing_one_arrives(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let (n1, a1) = post_notice("n1");
    let (n2, a2) = post_notice("n2");
    let first = officer.mutation(&n1, a1);
    let second = officer.mutation(&n2, a2);
    let (_, response) = officer.push(std::slice::from_ref(&second)).await;
    assert_eq!(response["applied"], 0);
    let (_, response) = officer.push(&[first, second]).await;
    assert_eq!(response["applied"], 2);
    let (pages, _) = officer.pull_all().await;
    assert_eq!(
        pages.last().unwrap()["lastMutationIDChanges"]["client-officer"],
        2
    );
}

async fn a_rejected_mutation_advances_the_id_and_leaves_a_record_for_its_member_only(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut resident = Device::join(&app, Role::Resident, "resident").await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let (name, args) = post_notice("n-resident");
    let m = resident.mutation(&name, args);
    let (_, pushed) = resident.push(&[m]).await;
    assert_eq!(pushed["rejected"], 1);

    let (pages, raw) = resident.pull_all().await;
    assert_eq!(
        pages.last().unwrap()["lastMutationIDChanges"]["client-resident"],
        1
    );
    let key = format!("rejection/{}/client-resident/1", member_id(Role::Resident));
    let record = pages
        .iter()
        .flat_map(|page| page["patch"].as_array().unwrap().clone())
        .find(|op| op["key"] == key)
        .unwrap_or_else(|| panic!("no rejection record in {raw}"));
    assert_eq!(record["value"]["code"], "forbidden");
    assert_eq!(record["value"]["messageKey"], "rejection.forbidden");
    assert!(!raw.contains("notice/n-resident"));

    let (_, officer_raw) = officer.pull_all().await;
    assert!(
        !officer_raw.contains("rejection/"),
        "another member's rejection never reaches an officer"
    );

    // The queue is not blocked: the resident's next mutation applies.
    let m = resident.mutation("updateProfile", json!({ "name": "刘玉梅（82岁）" }));
    let (_, pushed) = resident.push(&[m]).await;
    assert_eq!(pushed["applied"], 1);
}

async fn a_large_pull_comes_in_pages_that_resume_from_the_cookie(database: Database) {
    let app = TestApp::seeded_with_page_size(database, 4).await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let mutations: Vec<Value> = (0..15)
        .map(|i| {
            let (name, args) = post_notice(&format!("n{i:02}"));
            officer.mutation(&name, args)
        })
        .collect();
    officer.push(&mutations).await;

    let mut keys = Vec::new();
    let mut pages = 0;
    loop {
        let page = officer.pull().await;
        pages += 1;
        assert!(
            page["patch"].as_array().unwrap().len() <= 5,
            "a page holds at most 4 records (+ clear)"
        );
        keys.extend(put_keys(&page));
        if page["more"] != json!(true) {
            assert_eq!(page["remaining"], 0);
            break;
        }
        assert!(page["remaining"].as_u64().unwrap() > 0);
    }
    assert!(pages >= 5, "{pages} pages");
    for i in 0..15 {
        assert!(
            keys.contains(&format!("notice/n{i:02}")),
            "notice/n{i:02} missing"
        );
    }
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "no record sent twice");
}

async fn requests_without_a_valid_token_get_401(database: Database) {
    let app = TestApp::seeded(database).await;
    let body = json!({ "pullVersion": 1, "clientGroupID": "g", "cookie": null, "profileID": "", "schemaVersion": "1" });
    for token in [None, Some("not-a-token")] {
        let (status, error) = app.post("/api/v1/pull", token, &body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(error["error"], "Unauthorized");
    }
}

async fn bad_bodies_get_clear_json_errors(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let token = officer.token.clone();

    let (status, error) = app
        .post_raw("/api/v1/push", Some(&token), "{not json".into())
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::from_str::<Value>(&error).unwrap()["error"],
        "BadRequest"
    );

    let unknown = officer.mutation("launchRocket", json!({}));
    let (status, error) = officer.push(&[unknown]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"], "UnknownMutation");

    let huge = "长".repeat(400_000);
    let big = officer.mutation("postNotice", json!({ "id": "big", "title": "t", "body": huge }));
    let (status, error) = officer.push(&[big]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error["error"], "PayloadTooLarge");

    let old = json!({ "pushVersion": 0, "clientGroupID": "group-officer", "mutations": [], "profileID": "", "schemaVersion": "1" });
    let (status, error) = app.post("/api/v1/push", Some(&token), &old).await;
    assert_eq!(status, StatusCode::OK, "Replicache reads this error from a 200");
    assert_eq!(
        error,
        json!({ "error": "VersionNotSupported", "versionType": "push" })
    );

    let (_, error) = app
        .post(
            "/api/v1/pull",
            Some(&token),
            &json!({ "pullVersion": 1, "clientGroupID": "group-officer", "cookie": null, "profileID": "", "schemaVersion": "99" }),
        )
        .await;
    assert_eq!(
        error,
        json!({ "error": "VersionNotSupported", "versionType": "schema" })
    );

    // Well-formed JSON with arguments of the wrong shape is a rejection, not a
    // blocked queue. (The refused requests above used no mutation number.)
    officer.next_id = 1;
    let malformed = officer.mutation("postNotice", json!({ "title": 5 }));
    let (status, pushed) = officer.push(&[malformed]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(pushed["rejected"], 1);
    let (_, raw) = officer.pull_all().await;
    assert!(raw.contains("invalid_args"), "{raw}");
}

async fn a_client_group_belongs_to_one_member(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut officer = Device::join(&app, Role::Officer, "shared").await;
    officer.pull().await;
    let mut resident = Device::join(&app, Role::Resident, "shared").await;
    let body = json!({ "pullVersion": 1, "clientGroupID": resident.group, "cookie": null, "profileID": "", "schemaVersion": "1" });
    let (status, error) = app.post("/api/v1/pull", Some(&resident.token), &body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error["error"], "Forbidden");
    let m = resident.mutation("updateProfile", json!({ "name": "x" }));
    let (status, _) = resident.push(&[m]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn a_cookie_for_an_unknown_client_group_is_client_state_not_found(database: Database) {
    let app = TestApp::seeded(database).await;
    let token = app.join_as(Role::Resident).await;
    let body = json!({ "pullVersion": 1, "clientGroupID": "never-seen", "cookie": { "order": 3 }, "profileID": "", "schemaVersion": "1" });
    let (status, error) = app.post("/api/v1/pull", Some(&token), &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(error, json!({ "error": "ClientStateNotFound" }));
}

async fn an_invite_code_works_once(database: Database) {
    let app = TestApp::seeded(database).await;
    let code = linli_server::secrets::demo_invite_code(&member_id(Role::Volunteer));
    let typed = format!("{} {} {}", &code[..4], &code[4..8], &code[8..]).to_lowercase();
    let (status, joined) = app.post("/api/v1/join", None, &json!({ "code": typed })).await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["memberId"], member_id(Role::Volunteer));
    assert_eq!(joined["community"], "jinyu-wenyuan");
    assert_eq!(joined["roles"], json!(["volunteer"]));
    assert_eq!(joined["token"].as_str().unwrap().len(), 64);

    let (status, error) = app.post("/api/v1/join", None, &json!({ "code": code })).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error["error"], "InviteUsed");

    // Signing out forgets the token.
    let token = joined["token"].as_str().unwrap();
    let (status, _) = app.post("/api/v1/logout", Some(token), &json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let body = json!({ "pullVersion": 1, "clientGroupID": "g", "cookie": null, "profileID": "", "schemaVersion": "1" });
    assert_eq!(
        app.post("/api/v1/pull", Some(token), &body).await.0,
        StatusCode::UNAUTHORIZED
    );
}

async fn a_registered_member_can_join_with_the_code_from_the_officers_pad(database: Database) {
    let app = TestApp::seeded(database).await;
    let mut officer = Device::join(&app, Role::Officer, "officer").await;
    let code = app.pad_code(&officer.token).await;
    let m = officer.mutation(
        "registerMember",
        json!({ "id": "new-villager", "name": "连大山", "roles": ["resident"], "inviteCode": &code }),
    );
    let (_, pushed) = officer.push(&[m]).await;
    assert_eq!(pushed["applied"], 1, "{pushed}");
    // As read off paper: lower case, in groups.
    let typed = format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]).to_lowercase();
    let (status, joined) = app.post("/api/v1/join", None, &json!({ "code": typed })).await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(joined["memberId"], "new-villager");

    let (_, raw) = officer.pull_all().await;
    assert!(raw.contains("member/new-villager"));
    assert!(!raw.contains(&code), "the invite code never enters a record");
}

async fn every_mutation_is_checked_against_every_role(database: Database) {
    let app = TestApp::seeded(database).await;
    // The author of the notice the others try to change.
    let mut author = Device::join(&app, Role::GridWorker, "author").await;
    let (name, args) = post_notice("target");
    let m = author.mutation(&name, args);
    author.push(&[m]).await;

    // (mutation, args, the roles that may run it), written out here on purpose
    // rather than read from the core.
    let may_post: &[Role] = &[Role::Officer, Role::Admin, Role::GridWorker];
    let may_register: &[Role] = &[Role::Officer, Role::Admin];
    let may_change_others: &[Role] = &[Role::Officer, Role::Admin];
    for role in Role::ALL {
        if role == Role::GridWorker {
            continue; // the author's own device, joined above
        }
        let mut device = Device::join(&app, role, role.as_str()).await;
        let tag = role.as_str().replace('_', "-");
        // Only a manager has a pad; anyone else is refused for their role
        // before any code is looked at.
        let code = if may_register.contains(&role) {
            app.pad_code(&device.token).await
        } else {
            "23456789ABCD".to_owned()
        };
        let cases = [
            (
                "postNotice",
                json!({ "id": format!("by-{tag}"), "title": "t", "body": "" }),
                may_post.contains(&role),
            ),
            (
                "registerMember",
                json!({ "id": format!("reg-{tag}"), "name": "新人", "roles": ["resident"],
                                       "inviteCode": code }),
                may_register.contains(&role),
            ),
            (
                "editNotice",
                json!({ "id": "target", "title": format!("改 {tag}"), "body": "" }),
                may_change_others.contains(&role),
            ),
            ("acknowledgeNotice", json!({ "id": "target" }), true),
            ("updateProfile", json!({ "name": format!("新名字 {tag}") }), true),
        ];
        for (name, args, allowed) in cases {
            let m = device.mutation(name, args);
            let (status, pushed) = device.push(&[m]).await;
            assert_eq!(status, StatusCode::OK);
            let expected = if allowed {
                json!({"applied": 1, "rejected": 0, "skipped": 0})
            } else {
                json!({"applied": 0, "rejected": 1, "skipped": 0})
            };
            assert_eq!(pushed, expected, "{name} by {role}");
        }
        let m = device.mutation("deleteNotice", json!({ "id": "target" }));
        let (_, pushed) = device.push(&[m]).await;
        if may_change_others.contains(&role) {
            assert_eq!(pushed["applied"], 1, "deleteNotice by {role}");
            // Put it back for the next role.
            let (name, args) = post_notice("target");
            let again = author.mutation(&name, args);
            assert_eq!(author.push(&[again]).await.1["applied"], 1);
        } else {
            assert_eq!(pushed["rejected"], 1, "deleteNotice by {role}");
        }
    }
}

/// Every mutation the modules declare, with its declared example, pushed
/// by a member of each role. A role the declaration does not name is
/// refused at the gate: `forbidden`, naming no record, whatever the
/// arguments. A role it names gets past the gate: its example may still be
/// refused by the mutation's own rules, which name the record they refer to.
async fn every_declared_mutation_is_gated_by_its_declared_roles(database: Database) {
    let app = TestApp::seeded(database).await;
    let examples = example_args();
    for role in Role::ALL {
        let mut device =
            Device::join(&app, role, &format!("matrix-{}", role.as_str().replace('_', "-"))).await;
        let actor = Actor::new(member_id(role).parse().unwrap(), [role]);
        let mutations: Vec<Value> = examples
            .iter()
            .map(|(name, args)| device.mutation(name, args.clone()))
            .collect();
        let (status, pushed) = device.push(&mutations).await;
        assert_eq!(status, StatusCode::OK, "{pushed}");
        assert_eq!(pushed["skipped"], 0, "{pushed}");
        let (records, _) = pull_all(&app, &device.token, &device.group).await;
        for (index, (name, args)) in examples.iter().enumerate() {
            let key = format!("rejection/{}/{}/{}", member_id(role), device.client, index + 1);
            let refused_at_the_gate = records
                .get(&key)
                .is_some_and(|rejection| rejection["code"] == "forbidden" && rejection["target"].is_null());
            let may_run = Mutation::parse(name, args).unwrap().may_run();
            assert_eq!(
                refused_at_the_gate,
                !may_run.allows(&actor),
                "{name} by {role}, declared for {}: {:?}",
                may_run.describe(),
                records.get(&key)
            );
        }
    }
}

on_both_backends!(
    a_pushed_mutation_comes_back_in_the_pull_with_its_id,
    a_retried_push_is_skipped_not_applied_twice,
    a_gap_in_mutation_ids_stops_the_push_until_the_missing_one_arrives,
    a_rejected_mutation_advances_the_id_and_leaves_a_record_for_its_member_only,
    a_large_pull_comes_in_pages_that_resume_from_the_cookie,
    requests_without_a_valid_token_get_401,
    bad_bodies_get_clear_json_errors,
    a_client_group_belongs_to_one_member,
    a_cookie_for_an_unknown_client_group_is_client_state_not_found,
    an_invite_code_works_once,
    a_registered_member_can_join_with_the_code_from_the_officers_pad,
    every_mutation_is_checked_against_every_role,
    every_declared_mutation_is_gated_by_its_declared_roles,
);
