-- Cases recorded in the field, their append-only event log, and the ledger of synced
-- operations that makes every operation apply exactly once (SQLite).

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,          -- UUID chosen by the recording device
    number          TEXT NOT NULL,             -- human-readable, assigned by the server
    recorder_id     BIGINT NOT NULL REFERENCES users(id),
    grid_id         BIGINT NOT NULL REFERENCES units(id),
    holder_unit_id  BIGINT NOT NULL REFERENCES units(id),
    category        TEXT NOT NULL,
    summary         TEXT NOT NULL,
    facts           TEXT NOT NULL,             -- the recorded facts, JSON
    sensitive       BIGINT NOT NULL DEFAULT 0,
    status          TEXT NOT NULL,
    recorded_at     BIGINT NOT NULL,           -- device clock
    created_at      BIGINT NOT NULL,           -- server clock
    change_seq      BIGINT NOT NULL            -- latest change, in the global change sequence
);
CREATE UNIQUE INDEX cases_number ON cases(number);
CREATE INDEX cases_by_change ON cases(change_seq);
CREATE INDEX cases_by_recorder ON cases(recorder_id, change_seq);
CREATE INDEX cases_by_holder ON cases(holder_unit_id, change_seq);

CREATE TABLE case_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL,
    actor_id     BIGINT REFERENCES users(id),
    unit_id      BIGINT REFERENCES units(id),
    client_time  BIGINT,
    server_time  BIGINT NOT NULL,
    rule         TEXT,
    payload      TEXT
);
CREATE INDEX case_events_by_case ON case_events(case_id, id);

-- One row per operation id ever received, with the answer given, so a repeat gets the same
-- answer and never a second effect.
CREATE TABLE sync_ops (
    op_id        TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    device_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    case_id      TEXT,
    outcome      TEXT NOT NULL,                -- the OpOutcome JSON
    received_at  BIGINT NOT NULL
);

-- Case numbers: county code, year, sequence.
CREATE TABLE case_counters (
    county_id  BIGINT NOT NULL,
    year       BIGINT NOT NULL,
    last       BIGINT NOT NULL,
    PRIMARY KEY (county_id, year)
);

-- The global change sequence pull cursors count in. A push takes this row first, so pushes
-- commit one after another and a cursor never skips a change that commits late.
CREATE TABLE change_clock (
    id    BIGINT PRIMARY KEY CHECK (id = 1),
    last  BIGINT NOT NULL
);
INSERT INTO change_clock (id, last) VALUES (1, 0);
