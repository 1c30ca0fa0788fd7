-- Issue 16: words of a summary are found by their pairs of characters, kept as search terms
-- (`domain::search::grams`): a few dozen rows a case, so the table is stored as its primary key
-- alone (WITHOUT ROWID: no second copy of every row), and the index by case is dropped — cases
-- are never deleted, and the terms are rebuilt whole (`cases::terms`), so nothing looks a case's
-- terms up. The rows are rebuilt at the next start.
CREATE TABLE case_terms_by_term (
    term     TEXT NOT NULL,
    case_id  TEXT NOT NULL REFERENCES cases(id),
    PRIMARY KEY (term, case_id)
) WITHOUT ROWID;
DROP TABLE case_terms;
ALTER TABLE case_terms_by_term RENAME TO case_terms;
UPDATE derived_versions SET version = 0 WHERE name = 'case_terms';
