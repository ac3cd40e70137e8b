-- The sync engine (docs/PROTOCOL.md): records per community with the version
-- that last changed them, the clients' mutation counters, members, invites
-- and device tokens. Secrets (invite codes, tokens) are stored only hashed.

-- Bumped once per processed mutation; orders every change in the community.
ALTER TABLE communities ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

CREATE TABLE records (
    community TEXT    NOT NULL REFERENCES communities (id),
    key       TEXT    NOT NULL,
    value     TEXT    NOT NULL,  -- JSON
    audience  TEXT    NOT NULL,  -- space-separated reader tags, from the key
    version   BIGINT  NOT NULL,
    deleted   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (community, key)
);
CREATE INDEX records_by_version ON records (community, version);

CREATE TABLE members (
    community  TEXT NOT NULL REFERENCES communities (id),
    id         TEXT NOT NULL,
    roles      TEXT NOT NULL,  -- space-separated role names
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (community, id)
);

CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,
    community  TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    used_at    TEXT,
    FOREIGN KEY (community, member_id) REFERENCES members (community, id)
);

CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    community  TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    FOREIGN KEY (community, member_id) REFERENCES members (community, id)
);

CREATE TABLE client_groups (
    id        TEXT PRIMARY KEY,
    community TEXT NOT NULL,
    member_id TEXT NOT NULL
);

CREATE TABLE clients (
    id               TEXT PRIMARY KEY,
    client_group_id  TEXT   NOT NULL REFERENCES client_groups (id),
    last_mutation_id BIGINT NOT NULL,
    version          BIGINT NOT NULL  -- community version when last_mutation_id last changed
);
CREATE INDEX clients_by_group ON clients (client_group_id);
