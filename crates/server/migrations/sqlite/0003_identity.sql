-- Identity over time (docs/PROTOCOL.md, "Identity"): members who leave,
-- devices that can be signed out, invites that expire or are withdrawn and
-- pad codes an officer's device holds, and the audit log. Secrets are now
-- stored keyed with the server's key; rows from before move under it on
-- first use. Times in milliseconds since the epoch, as everywhere else.

ALTER TABLE members ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

ALTER TABLE tokens ADD COLUMN device_id TEXT;
ALTER TABLE tokens ADD COLUMN device_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN joined_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tokens ADD COLUMN revoked_at BIGINT;
UPDATE tokens SET device_id = 'd-' || substr(token_hash, 1, 16) WHERE device_id IS NULL;
CREATE INDEX tokens_by_member ON tokens (community, member_id);

-- A pad code has no member until a registration or an invite binds it, so
-- member_id becomes optional: SQLite changes a column by copying the table.
CREATE TABLE invites_new (
    code_hash    TEXT PRIMARY KEY,
    community    TEXT NOT NULL,
    member_id    TEXT,             -- NULL: a pad code not yet given to anyone
    invite_id    TEXT,             -- its record, invite/<member>/<invite_id>
    issued_to    TEXT,             -- the officer whose pad holds it (NULL: made by the server itself)
    issued_at    BIGINT NOT NULL DEFAULT 0,
    expires_at   BIGINT NOT NULL,
    withdrawn_at BIGINT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    used_at      TEXT,
    FOREIGN KEY (community, member_id) REFERENCES members (community, id)
);
-- Codes from before expiry were kept open-ended: they get 30 days from now.
INSERT INTO invites_new (code_hash, community, member_id, invite_id, expires_at, created_at, used_at)
    SELECT code_hash, community, member_id, 'first',
           CAST(strftime('%s', 'now') AS BIGINT) * 1000 + 2592000000, created_at, used_at
    FROM invites;
DROP TABLE invites;
ALTER TABLE invites_new RENAME TO invites;
CREATE INDEX invites_by_member ON invites (community, member_id);
CREATE INDEX invites_by_issuer ON invites (community, issued_to);

-- Every processed mutation: who, from which device, when by the server's
-- clock, what, and what became of it. Never a secret ballot's choice or an
-- invite code (the core's Mutation::audit_args leaves them out).
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    community   TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    member_id   TEXT   NOT NULL,
    device_id   TEXT   NOT NULL,
    client_id   TEXT   NOT NULL,
    mutation_id BIGINT NOT NULL,
    module      TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    args        TEXT   NOT NULL,  -- JSON
    outcome     TEXT   NOT NULL   -- 'applied', or the rejection's code
);
CREATE INDEX audit_by_community ON audit_log (community, seq);
CREATE INDEX audit_by_member ON audit_log (community, member_id, seq);
