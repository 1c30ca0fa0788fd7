-- The timeline is evidence (issue 6): each event carries the hash of the one before it in its
-- case, and its own hash over its content, so an altered, removed or inserted row is found by
-- `GET /api/v1/cases/{id}/verify` and `server cases verify`. Events written before this
-- migration have no hash and are reported as unchained.
ALTER TABLE case_events ADD COLUMN prev_hash TEXT;
ALTER TABLE case_events ADD COLUMN hash TEXT;
