-- The hash of each case's newest event, written with every event in the same transaction.
-- Removing the newest events leaves a chain that still links; it no longer ends at this hash,
-- so verification reports the truncation.
ALTER TABLE cases ADD COLUMN chain_head TEXT;
UPDATE cases SET chain_head = (
    SELECT e.hash FROM case_events e WHERE e.case_id = cases.id ORDER BY e.id DESC LIMIT 1
);
