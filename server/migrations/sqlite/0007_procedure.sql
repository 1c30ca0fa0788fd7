-- The mediation procedure at the holding unit (issue 6, seed 003): acceptance, the notice of
-- rights, the agreement and its judicial confirmation, the follow-up visit, closing; and the
-- pools of mediators and experts a unit assigns from. Every step is also an event in the
-- case's hash-chained log: these columns are the current state, the log is the evidence.

ALTER TABLE cases ADD COLUMN accepted_at BIGINT;
ALTER TABLE cases ADD COLUMN rights_noticed_at BIGINT;
-- The agreement (procedure::Agreement JSON) once one is reached.
ALTER TABLE cases ADD COLUMN agreement TEXT;
-- Judicial confirmation: NULL, 'applied', 'confirmed' or 'refused'.
ALTER TABLE cases ADD COLUMN confirmation TEXT;
-- The end (Unix ms) of the last day to apply for judicial confirmation, while agreed.
ALTER TABLE cases ADD COLUMN confirmation_due_at BIGINT;
CREATE INDEX cases_by_confirmation_due ON cases(confirmation_due_at);
-- When the holder was reminded that the confirmation window closes soon.
ALTER TABLE cases ADD COLUMN confirmation_reminded_at BIGINT;
ALTER TABLE cases ADD COLUMN followed_up_at BIGINT;
ALTER TABLE cases ADD COLUMN closed_at BIGINT;
-- A co-holder's own acknowledgement (the lead's is cases.acknowledged_at).
ALTER TABLE case_holders ADD COLUMN acknowledged_at BIGINT;

-- 调解员库 / 专家库: people a unit (and the units below it) can put on a case.
CREATE TABLE mediators (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,            -- 'mediator' | 'expert'
    level        TEXT NOT NULL,            -- 'chief' | 'senior' | 'intermediate' | 'junior'
    specialties  TEXT NOT NULL,            -- JSON list of dispute category codes
    phone        TEXT,
    id_number    TEXT,
    -- JSON list of the people the mediator must withdraw (回避) for: relatives and others
    -- with an interest, by name and, when known, ID number.
    relations    TEXT NOT NULL,
    active       BIGINT NOT NULL DEFAULT 1,
    created_at   BIGINT NOT NULL
);
CREATE INDEX mediators_by_unit ON mediators(unit_id);

CREATE TABLE case_mediators (
    case_id      TEXT NOT NULL REFERENCES cases(id),
    mediator_id  BIGINT NOT NULL REFERENCES mediators(id),
    invited      BIGINT NOT NULL,          -- 1: invited from another unit (邀请)
    since        BIGINT NOT NULL,
    PRIMARY KEY (case_id, mediator_id)
);
