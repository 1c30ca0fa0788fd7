-- The backlog register (积案库, seed 001 §10): a case still open past the rule file's
-- `[backlog] after_days` is listed; a supervisor names its leader (包案领导), evaluates it every
-- month and clears it (销号). Each step is also an event in the case's hash-chained log; these
-- columns are the register's current state.

-- When the rules listed the case (Unix ms); NULL: never listed.
ALTER TABLE cases ADD COLUMN backlog_listed_at BIGINT;
CREATE INDEX cases_by_backlog ON cases(backlog_listed_at);
-- 包案领导 as shown: "王某（区委政法委副书记）".
ALTER TABLE cases ADD COLUMN backlog_leader TEXT;
-- The month of the latest evaluation, `2026-11`.
ALTER TABLE cases ADD COLUMN backlog_evaluated_month TEXT;
-- 销号 (Unix ms).
ALTER TABLE cases ADD COLUMN backlog_cleared_at BIGINT;

-- A unit's decisions by month (受理率 on the work list) read the log by unit and kind.
CREATE INDEX case_events_by_unit_kind ON case_events(unit_id, kind, server_time);
