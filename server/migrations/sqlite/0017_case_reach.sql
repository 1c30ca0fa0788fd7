-- Issue 16: who a case has reached. One row per unit whose users see the case by the subtree
-- rule (docs/design.md "Who sees what"): the unit that recorded it (a grid, or the court that
-- entrusted it) and every unit at or above a unit that held or co-held it. Written in the
-- transaction that makes a unit a holder (`cases::reach`), never deleted: a unit that once held
-- a case keeps seeing it. Visibility, the office lists and the figures read it instead of
-- walking the tree per case. `recorded_at` is the case's (it never changes), so a unit's cases
-- page newest first straight from the index.
CREATE TABLE case_reach (
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    case_id      TEXT NOT NULL REFERENCES cases(id),
    recorded_at  BIGINT NOT NULL,
    PRIMARY KEY (unit_id, case_id)
);
CREATE INDEX case_reach_by_case ON case_reach(case_id);
CREATE INDEX case_reach_by_time ON case_reach(unit_id, recorded_at, case_id);

-- The cases already recorded: the recording unit, and the ancestry of every unit that held one
-- (its arrival and joining events) or holds one now.
INSERT INTO case_reach (unit_id, case_id, recorded_at)
WITH RECURSIVE held(unit_id, case_id, depth) AS (
    SELECT unit_id, case_id, 0 FROM case_events
    WHERE unit_id IS NOT NULL
      AND kind IN ('routed', 'escalated', 'transferred', 'entrusted', 'joined')
    UNION
    SELECT unit_id, case_id, 0 FROM case_holders
    UNION
    SELECT u.parent_id, h.case_id, h.depth + 1 FROM held h JOIN units u ON u.id = h.unit_id
    WHERE u.parent_id IS NOT NULL AND h.depth < 16
)
SELECT DISTINCT h.unit_id, h.case_id, c.recorded_at FROM held h JOIN cases c ON c.id = h.case_id
UNION
SELECT grid_id, id, recorded_at FROM cases;
