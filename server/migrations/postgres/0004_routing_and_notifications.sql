-- Routing by the rule file (issue 5): where a case went, by which channel, by when, and who
-- was told. The rules that fired are in the case's "routed" event (case_events.rule).

ALTER TABLE cases ADD COLUMN channel TEXT;
ALTER TABLE cases ADD COLUMN complexity TEXT;
-- Unix ms of the end of the deadline day (China time); NULL when there is none.
ALTER TABLE cases ADD COLUMN deadline_at BIGINT;
-- When the current holder received the case, and when it acknowledged (签收) it.
ALTER TABLE cases ADD COLUMN received_at BIGINT;
ALTER TABLE cases ADD COLUMN acknowledged_at BIGINT;
CREATE INDEX cases_by_deadline ON cases(deadline_at);

-- Every unit holding a case: one lead (cases.holder_unit_id) and, in joint mediation,
-- co-holders. A case always has at least its lead here.
CREATE TABLE case_holders (
    case_id   TEXT NOT NULL REFERENCES cases(id),
    unit_id   BIGINT NOT NULL REFERENCES units(id),
    lead      BIGINT NOT NULL,
    since     BIGINT NOT NULL,
    PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_holders_by_unit ON case_holders(unit_id);

-- One row per person told, so each has their own unread state. Kept as facts (kind, case,
-- detail), worded by the reader's language when shown.
CREATE TABLE notifications (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    case_id      TEXT REFERENCES cases(id),
    kind         TEXT NOT NULL,
    case_number  TEXT,
    summary      TEXT,
    detail       TEXT,
    created_at   BIGINT NOT NULL,
    read_at      BIGINT
);
CREATE INDEX notifications_by_user ON notifications(user_id, id);

-- When the scheduler supervised (督办) the current holder for missing the deadline; cleared on
-- escalation, so each holder is supervised once.
ALTER TABLE cases ADD COLUMN supervised_at BIGINT;
-- When the holder was reminded to acknowledge (签收); cleared on escalation.
ALTER TABLE cases ADD COLUMN receipt_reminded_at BIGINT;
