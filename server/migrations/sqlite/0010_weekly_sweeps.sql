-- 每周排查 (seed 001): each grid worker's weekly report of the disputes the sweep of their grid
-- found, or a zero report. One row per report as received; the latest of a grid's week counts.
CREATE TABLE weekly_sweeps (
    -- The report's id (the operation's `case_id`).
    id          TEXT PRIMARY KEY,
    grid_id     BIGINT NOT NULL REFERENCES units(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    -- The Monday the week starts on, `YYYY-MM-DD` (China time).
    week        TEXT NOT NULL,
    -- The recorded cases found, as a JSON array of ids; `[]` for a zero report.
    found       TEXT NOT NULL,
    found_count BIGINT NOT NULL,
    note        TEXT NOT NULL,
    -- Received after its week had ended (Unix ms comparison, China time).
    late        BIGINT NOT NULL,
    client_time BIGINT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX weekly_sweeps_by_grid_week ON weekly_sweeps(grid_id, week, received_at);

-- Grids reminded for a week, so each is reminded once.
CREATE TABLE weekly_sweep_reminders (
    grid_id BIGINT NOT NULL REFERENCES units(id),
    week    TEXT NOT NULL,
    PRIMARY KEY (grid_id, week)
);
