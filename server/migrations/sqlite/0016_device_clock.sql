-- Issue 15: time is the server's. A case is recorded when the server received it; how far the
-- recording device's clock was off (its `sent_at` minus the server's time, in ms) is kept to be
-- shown on the case, and never moves a deadline.
ALTER TABLE cases ADD COLUMN device_clock_skew_ms BIGINT;
