-- Issue 16: 案件查询. The terms a case is found by — its number and the sequence at its end,
-- each party's name, each phone's digits and their last four (`domain::search::terms_of`) —
-- written with the case.
CREATE TABLE case_terms (
    term     TEXT NOT NULL,
    case_id  TEXT NOT NULL REFERENCES cases(id),
    PRIMARY KEY (term, case_id)
);
CREATE INDEX case_terms_by_case ON case_terms(case_id);

-- Tables derived from the cases by the application's code (the search terms, the figures):
-- which derivation each holds. The server rebuilds a table at start-up when this build derives
-- it differently (`db::derived_version`), which is also how cases recorded before a table existed
-- get their rows.
CREATE TABLE derived_versions (
    name     TEXT PRIMARY KEY,
    version  BIGINT NOT NULL
);
INSERT INTO derived_versions (name, version) VALUES ('case_terms', 0);
