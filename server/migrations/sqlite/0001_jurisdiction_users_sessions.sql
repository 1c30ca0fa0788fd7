-- The jurisdiction tree, its users and their sessions (SQLite).
-- Times are Unix milliseconds (BIGINT) and flags are 0/1 BIGINTs on both backends, so one set
-- of queries reads both through sqlx's Any driver.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id   BIGINT REFERENCES units(id),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT,
    category    TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX units_by_parent ON units(parent_id);
-- Two siblings with one name would be indistinguishable in every list and report.
CREATE UNIQUE INDEX units_sibling_name ON units(parent_id, name);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    username       TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    unit_id        BIGINT NOT NULL REFERENCES units(id),
    active         BIGINT NOT NULL DEFAULT 1,
    created_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users(username);
CREATE INDEX users_by_unit ON users(unit_id);

-- Only a hash of the session token is stored: a leaked database opens no sessions.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
