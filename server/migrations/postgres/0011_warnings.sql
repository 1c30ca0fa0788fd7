-- 预警 (seed 003, seed 000): clusters of disputes, disputes involving many people, and parties
-- in several open disputes, raised by the rule file's [warning] thresholds as cases arrive.
-- One row per warning (the county hears once per cluster); its cases are flagged.
CREATE TABLE warnings (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- `cluster`, `people` or `party`.
    kind          TEXT NOT NULL,
    -- What makes two arrivals the same warning while it is open:
    -- `cluster:<unit>:<category>`, `people:<case>`, `party:<key>`.
    key           TEXT NOT NULL,
    -- The village or township it concerns: who may see and close it follows from here.
    scope_unit_id BIGINT NOT NULL REFERENCES units(id),
    description   TEXT NOT NULL,
    raised_at     BIGINT NOT NULL,
    closed_at     BIGINT,
    closed_by     BIGINT REFERENCES users(id),
    close_note    TEXT
);
CREATE INDEX warnings_open_by_key ON warnings(key, closed_at);

CREATE TABLE warning_cases (
    warning_id BIGINT NOT NULL REFERENCES warnings(id),
    case_id    TEXT NOT NULL REFERENCES cases(id),
    PRIMARY KEY (warning_id, case_id)
);

-- Each party of a case by phone number (digits) or ID number (upper case), to find one party
-- in several open disputes.
CREATE TABLE case_parties (
    case_id   TEXT NOT NULL REFERENCES cases(id),
    party_key TEXT NOT NULL,
    PRIMARY KEY (case_id, party_key)
);
CREATE INDEX case_parties_by_key ON case_parties(party_key);
