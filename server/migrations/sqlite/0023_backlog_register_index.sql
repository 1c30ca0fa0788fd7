-- Issue 16: the cases on the backlog register now (积案: listed, not yet cleared), which the
-- dashboard counts, 案件查询 filters and the register page lists. `IS NOT NULL` on the index by
-- listing date is not selective enough for SQLite's planner to use it, so each of these read
-- every case (a third of a second at 200,000 cases); this index holds the register alone.
CREATE INDEX cases_on_backlog_register ON cases(backlog_listed_at)
    WHERE backlog_listed_at IS NOT NULL AND backlog_cleared_at IS NULL;
