-- Issue 16: the figures of the dashboard and the monthly report, kept by the transaction that
-- changes a case (`stats::store`). `case_figures` holds what each case counts now
-- (`domain::figures::Contribution`) under the month it was received, its category and whether
-- it is sensitive; `unit_figures` the sums of those rows for every unit the case reached
-- (`case_reach`), so a county's dashboard reads a few hundred rows, never its million cases.
-- `case_reach.counted` says the unit's sums include the case.
ALTER TABLE case_reach ADD COLUMN counted BIGINT NOT NULL DEFAULT 0;

CREATE TABLE case_figures (
    case_id               TEXT PRIMARY KEY REFERENCES cases(id),
    month                 TEXT NOT NULL,
    category              TEXT NOT NULL,
    sensitive             BIGINT NOT NULL,
    received              BIGINT NOT NULL,
    taken_on              BIGINT NOT NULL,
    declined              BIGINT NOT NULL,
    resolved              BIGINT NOT NULL,
    terminated            BIGINT NOT NULL,
    resolved_in_village   BIGINT NOT NULL,
    resolved_in_township  BIGINT NOT NULL,
    ended                 BIGINT NOT NULL,
    ended_on_time         BIGINT NOT NULL,
    visited               BIGINT NOT NULL,
    satisfied             BIGINT NOT NULL,
    open                  BIGINT NOT NULL,
    reached_village       BIGINT NOT NULL,
    reached_township      BIGINT NOT NULL,
    reached_county        BIGINT NOT NULL,
    reached_city          BIGINT NOT NULL
);

CREATE TABLE unit_figures (
    unit_id               BIGINT NOT NULL REFERENCES units(id),
    month                 TEXT NOT NULL,
    category              TEXT NOT NULL,
    sensitive             BIGINT NOT NULL,
    received              BIGINT NOT NULL DEFAULT 0,
    taken_on              BIGINT NOT NULL DEFAULT 0,
    declined              BIGINT NOT NULL DEFAULT 0,
    resolved              BIGINT NOT NULL DEFAULT 0,
    terminated            BIGINT NOT NULL DEFAULT 0,
    resolved_in_village   BIGINT NOT NULL DEFAULT 0,
    resolved_in_township  BIGINT NOT NULL DEFAULT 0,
    ended                 BIGINT NOT NULL DEFAULT 0,
    ended_on_time         BIGINT NOT NULL DEFAULT 0,
    visited               BIGINT NOT NULL DEFAULT 0,
    satisfied             BIGINT NOT NULL DEFAULT 0,
    open                  BIGINT NOT NULL DEFAULT 0,
    reached_village       BIGINT NOT NULL DEFAULT 0,
    reached_township      BIGINT NOT NULL DEFAULT 0,
    reached_county        BIGINT NOT NULL DEFAULT 0,
    reached_city          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, month, category, sensitive)
);

INSERT INTO derived_versions (name, version) VALUES ('figures', 0);
