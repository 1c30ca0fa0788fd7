-- Issue 16: 案件查询. The terms a case is found by — its number and the sequence at its end,
-- each party's name, each phone's digits and their last four (`domain::search::terms_of`) —
-- written with the case. `search_index.version` says which derivation of the terms the table
-- holds; the server re-indexes every case at start-up when it knows a newer one
-- (`cases::terms::bring_up_to_date`), which is also how the cases recorded before this table
-- get theirs.
CREATE TABLE case_terms (
    term     TEXT NOT NULL,
    case_id  TEXT NOT NULL REFERENCES cases(id),
    PRIMARY KEY (term, case_id)
);
CREATE INDEX case_terms_by_case ON case_terms(case_id);

CREATE TABLE search_index (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO search_index (id, version) VALUES (1, 0);
