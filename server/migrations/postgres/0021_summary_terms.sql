-- Issue 16: words of a summary are found by their pairs of characters, kept as search terms
-- (`domain::search::grams`): a few dozen rows a case. The index by case is dropped — cases are
-- never deleted, and the terms are rebuilt whole (`cases::terms`), so nothing looks a case's
-- terms up. The rows are rebuilt at the next start.
DROP INDEX case_terms_by_case;
