-- Issue 15: the procedure's loop. What the follow-up visit found (`full`, `partial`, `none`):
-- closing as performed waits for `full` or a person's reason, and a visit that found the
-- agreement unperformed offers mediation again.
ALTER TABLE cases ADD COLUMN performance TEXT;
