//! The sync protocol's messages: Replicache's push and pull, version 1, with
//! Linli's extensions as extra fields a plain Replicache client ignores.
//! docs/PROTOCOL.md describes them for other clients.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::{ClientGroupId, ClientId};
use crate::rejection::RejectionCode;

pub const PUSH_VERSION: u32 = 1;
pub const PULL_VERSION: u32 = 1;
/// The schema of records and mutations. A client built for another schema is
/// told `VersionNotSupported` with `versionType: "schema"` and must update.
pub const SCHEMA_VERSION: &str = "1";

/// `POST /api/v1/push`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushRequest {
    pub push_version: u32,
    #[serde(rename = "clientGroupID")]
    pub client_group_id: ClientGroupId,
    pub mutations: Vec<PushMutation>,
    #[serde(rename = "profileID", default)]
    pub profile_id: String,
    #[serde(default)]
    pub schema_version: String,
}

/// One pending mutation in a push.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushMutation {
    #[serde(rename = "clientID")]
    pub client_id: ClientId,
    /// The client's mutation number: 1, 2, 3, … with no gaps.
    pub id: u64,
    pub name: String,
    pub args: Value,
    /// The client's clock when the member acted (ms since the epoch); for
    /// information only, the server decides with its own clock.
    pub timestamp: f64,
}

/// `POST /api/v1/pull`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullRequest {
    pub pull_version: u32,
    #[serde(rename = "clientGroupID")]
    pub client_group_id: ClientGroupId,
    /// `null` on the first pull; afterwards the cookie of the last response.
    pub cookie: Option<Cookie>,
    #[serde(rename = "profileID", default)]
    pub profile_id: String,
    #[serde(default)]
    pub schema_version: String,
}

/// The pull cursor: the community's record version the client has seen,
/// and the fingerprint of the tags it was read with (`keys::readers_fingerprint`;
/// left out when 0). Replicache requires a cookie object to carry an `order`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cookie {
    pub order: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub readers: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// The answer to a pull.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub cookie: Cookie,
    /// For each client of the group whose last applied mutation changed
    /// since the request's cookie: its last applied mutation id.
    #[serde(rename = "lastMutationIDChanges")]
    pub last_mutation_id_changes: BTreeMap<ClientId, u64>,
    pub patch: Vec<PatchOp>,
    /// Linli extension: more changes wait; pull again at once with `cookie`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub more: bool,
    /// Linli extension: how many changed records may still follow this page
    /// (an upper bound), for a progress bar on a large first sync.
    #[serde(default)]
    pub remaining: u64,
}

/// One change to apply to the client's copy.
///
/// Read by [`PatchOp`]'s own `Deserialize` below, written by serde's
/// internally tagged form: `{"op": "put", "key": …, "value": …}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum PatchOp {
    Put { key: String, value: Value },
    Del { key: String },
    Clear,
}

/// serde's derived reader for an internally tagged enum first copies each
/// operation whole into a buffer of its own, to find the tag wherever it
/// is, and then reads the record out of that copy: a first pull of 10,000
/// records built every record three times over. This reader takes the
/// fields in any order straight into the operation.
impl<'de> Deserialize<'de> for PatchOp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PatchOpVisitor)
    }
}

struct PatchOpVisitor;

/// A patch operation's fields, named without copying the name.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum PatchField {
    Op,
    Key,
    Value,
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum PatchOpName {
    Put,
    Del,
    Clear,
}

impl<'de> serde::de::Visitor<'de> for PatchOpVisitor {
    type Value = PatchOp;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a patch operation: put, del or clear")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PatchOp, A::Error> {
        use serde::de::Error;
        let (mut op, mut key, mut value) = (None, None::<String>, None::<Value>);
        while let Some(field) = map.next_key::<PatchField>()? {
            // Refused as serde's derived reader refuses it: which of two
            // values was meant cannot be told.
            let twice = match field {
                PatchField::Op => op.is_some().then_some("op"),
                PatchField::Key => key.is_some().then_some("key"),
                PatchField::Value => value.is_some().then_some("value"),
                PatchField::Other => None,
            };
            if let Some(name) = twice {
                return Err(Error::duplicate_field(name));
            }
            match field {
                PatchField::Op => op = Some(map.next_value::<PatchOpName>()?),
                PatchField::Key => key = Some(map.next_value()?),
                PatchField::Value => value = Some(map.next_value()?),
                PatchField::Other => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        let key = || key.ok_or_else(|| Error::missing_field("key"));
        match op.ok_or_else(|| Error::missing_field("op"))? {
            PatchOpName::Put => Ok(PatchOp::Put {
                value: value.ok_or_else(|| Error::missing_field("value"))?,
                key: key()?,
            }),
            PatchOpName::Del => Ok(PatchOp::Del { key: key()? }),
            PatchOpName::Clear => Ok(PatchOp::Clear),
        }
    }
}

/// The push response body: Replicache ignores it; Linli says how far it got.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    /// Mutations applied by this request.
    pub applied: u32,
    /// Mutations refused by a rule (each left a rejection record).
    pub rejected: u32,
    /// Mutations skipped because they had been processed before.
    pub skipped: u32,
}

/// The `rejection/<member>/<client>/<id>` record a refused mutation leaves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectionRecord {
    #[serde(rename = "clientID")]
    pub client_id: ClientId,
    #[serde(rename = "mutationID")]
    pub mutation_id: u64,
    pub name: String,
    pub code: RejectionCode,
    pub message_key: String,
    /// The record the refused change was about, to show the notice on it.
    pub target: Option<String>,
    /// The server's time of the decision (ms since the epoch).
    pub at: i64,
}

/// Error bodies of push and pull, as Replicache expects them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error")]
pub enum SyncErrorBody {
    /// The server has no state for this client group (its data was reset):
    /// the client must start again with a new client group.
    ClientStateNotFound,
    /// `versionType` is `push`, `pull` or `schema`.
    VersionNotSupported {
        #[serde(rename = "versionType")]
        version_type: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_replicache_push_body_parses() {
        let body = json!({
            "pushVersion": 1,
            "clientGroupID": "g1",
            "mutations": [{"clientID": "c1", "id": 1, "name": "postNotice",
                           "args": {"id": "n1", "title": "停水", "body": ""}, "timestamp": 1.5e12}],
            "profileID": "p1",
            "schemaVersion": "1"
        });
        let push: PushRequest = serde_json::from_value(body).unwrap();
        assert_eq!(push.mutations[0].client_id.as_str(), "c1");
    }

    #[test]
    fn a_pull_response_has_replicaches_field_names() {
        let response = PullResponse {
            cookie: Cookie { order: 7, readers: 0 },
            last_mutation_id_changes: [("c1".parse().unwrap(), 3)].into(),
            patch: vec![
                PatchOp::Clear,
                PatchOp::Put {
                    key: "notice/n1".into(),
                    value: json!({}),
                },
                PatchOp::Del {
                    key: "notice/n2".into(),
                },
            ],
            more: false,
            remaining: 0,
        };
        let json = serde_json::to_value(&response).unwrap();
        assert_eq!(json["cookie"], json!({"order": 7}));
        assert_eq!(json["lastMutationIDChanges"], json!({"c1": 3}));
        assert_eq!(json["patch"][0], json!({"op": "clear"}));
        assert_eq!(json["patch"][1]["op"], "put");
        assert_eq!(json["patch"][2], json!({"op": "del", "key": "notice/n2"}));
        assert!(json.get("more").is_none(), "absent unless true");
    }

    #[test]
    fn a_patch_operation_reads_back_as_written_with_its_fields_in_any_order() {
        let ops = vec![
            PatchOp::Clear,
            PatchOp::Put {
                key: "notice/n1".into(),
                value: json!({"title": "周三停水", "tags": ["水"], "n": 1.5}),
            },
            PatchOp::Del {
                key: "notice/n2".into(),
            },
        ];
        let written = serde_json::to_string(&ops).unwrap();
        assert_eq!(serde_json::from_str::<Vec<PatchOp>>(&written).unwrap(), ops);
        let value_first = r#"{"value": {"a": 1}, "extra": [1, {"b": 2}], "key": "k", "op": "put"}"#;
        assert_eq!(
            serde_json::from_str::<PatchOp>(value_first).unwrap(),
            PatchOp::Put {
                key: "k".into(),
                value: json!({"a": 1})
            }
        );
        // A key with an escape is read as its text, not refused.
        assert_eq!(
            serde_json::from_str::<PatchOp>(r#"{"op": "del", "key": "a\"b"}"#).unwrap(),
            PatchOp::Del { key: "a\"b".into() }
        );
    }

    #[test]
    fn a_malformed_patch_operation_says_what_is_wrong() {
        let error = |text: &str| serde_json::from_str::<PatchOp>(text).unwrap_err().to_string();
        assert!(error(r#"{"op": "put", "key": "k"}"#).contains("missing field `value`"));
        assert!(error(r#"{"op": "del"}"#).contains("missing field `key`"));
        assert!(error(r#"{"key": "k"}"#).contains("missing field `op`"));
        assert!(error(r#"{"op": "move", "key": "k"}"#).contains("unknown variant `move`"));
        assert!(error(r#"["put", "k"]"#).contains("a patch operation"));
        assert!(error(r#"{"op": "del", "key": "a", "key": "b"}"#).contains("duplicate field `key`"));
    }

    #[test]
    fn error_bodies_match_replicache() {
        assert_eq!(
            serde_json::to_value(SyncErrorBody::ClientStateNotFound).unwrap(),
            json!({"error": "ClientStateNotFound"})
        );
        assert_eq!(
            serde_json::to_value(SyncErrorBody::VersionNotSupported {
                version_type: "pull".into()
            })
            .unwrap(),
            json!({"error": "VersionNotSupported", "versionType": "pull"})
        );
    }
}
