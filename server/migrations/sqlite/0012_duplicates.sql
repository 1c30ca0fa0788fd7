-- 重复登记: likely duplicates (the same party and category within 30 days, recorded by someone
-- else), found as each case arrives; the holder links them (并案) or marks them distinct.

-- The case a merged case was linked into; its status is then `merged`.
ALTER TABLE cases ADD COLUMN merged_into TEXT REFERENCES cases(id);

-- One row per pair, the smaller id first, so a pair is found and decided once.
CREATE TABLE duplicate_pairs (
    first_id    TEXT NOT NULL REFERENCES cases(id),
    second_id   TEXT NOT NULL REFERENCES cases(id),
    found_at    BIGINT NOT NULL,
    -- NULL while undecided; `absorb` (linked) or `distinct`.
    verdict     TEXT,
    decided_by  BIGINT REFERENCES users(id),
    decided_at  BIGINT,
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id < second_id)
);
CREATE INDEX duplicate_pairs_by_second ON duplicate_pairs(second_id);
