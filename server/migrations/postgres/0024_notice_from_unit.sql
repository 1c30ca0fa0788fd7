-- A notice names the unit whose person acted (the township that handed a case down, the
-- office that pressed it), not the reader's own unit, which every notice of theirs shares.
-- Empty for what the rules or the scheduler did, and for a notice about a sensitive case its
-- reader may not see.
ALTER TABLE notifications ADD COLUMN from_unit_id BIGINT REFERENCES units(id);
