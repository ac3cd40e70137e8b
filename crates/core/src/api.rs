//! Types that cross the wire under `/api/v1/`, shared so both ends agree on the
//! JSON shape. docs/PROTOCOL.md describes them for other clients.

use serde::{Deserialize, Serialize};

/// The API version in every path (`/api/v1/...`). A breaking change to any
/// request or response shape gets a new version instead of editing this one.
pub const API_VERSION: u32 = 1;

/// Which database a server keeps its records in.
///
/// ```
/// use linli_core::StorageBackend;
/// assert_eq!(StorageBackend::Sqlite.as_str(), "sqlite");
/// assert_eq!(serde_json::to_string(&StorageBackend::Postgres).unwrap(), "\"postgres\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// One embedded file: a village office PC or a small VPS.
    Sqlite,
    /// A shared server for a whole district or city, behind several stateless app servers.
    Postgres,
}

impl StorageBackend {
    /// The lower-case name used in JSON and in logs.
    pub fn as_str(self) -> &'static str {
        match self {
            StorageBackend::Sqlite => "sqlite",
            StorageBackend::Postgres => "postgres",
        }
    }
}

/// The body of `GET /api/v1/health`: enough for an operator, a load balancer
/// or the app to tell which server build answers and what it stores data in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthResponse {
    /// Always `"ok"` when the server answers at all and its database responds.
    pub status: String,
    /// The server's crate version.
    pub version: String,
    /// The API version served under `/api/v{api_version}/`.
    pub api_version: u32,
    /// The storage backend in use.
    pub storage: StorageBackend,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_response_round_trips_through_json() {
        let health = HealthResponse {
            status: "ok".into(),
            version: "0.1.0".into(),
            api_version: API_VERSION,
            storage: StorageBackend::Postgres,
        };
        let json = serde_json::to_value(&health).unwrap();
        assert_eq!(json["storage"], "postgres");
        assert_eq!(json["api_version"], 1);
        let back: HealthResponse = serde_json::from_value(json).unwrap();
        assert_eq!(back, health);
    }
}
