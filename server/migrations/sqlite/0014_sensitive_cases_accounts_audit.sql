-- Sensitive cases (涉敏感人员/信息, seed 001; issue 14), accounts an office runs, and the audit log.

-- Granted by an administrator: the user may see and work the sensitive cases of the units whose
-- cases they see (docs/security.md "Sensitive cases"). Without it only the recorder does.
ALTER TABLE users ADD COLUMN handles_sensitive BIGINT NOT NULL DEFAULT 0;

-- Set by an administrator's password reset: the one-time password works only to choose a new
-- one (docs/security.md "Accounts").
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;

-- A notice about a sensitive case written for a reader who may not see its facts: no case, no
-- number, no summary — only what happened and which unit holds it (in `detail`).
ALTER TABLE notifications ADD COLUMN restricted BIGINT NOT NULL DEFAULT 0;

-- Who did or read what: every administrator action, every read of a sensitive case and every
-- view of parties' unmasked phone or ID numbers. Written in the transaction of the action, or
-- with the read it records; never updated or deleted by the application.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          BIGINT NOT NULL,
    -- The person who acted or read (NULL: the server itself).
    actor_id    BIGINT REFERENCES users(id),
    action      TEXT NOT NULL,
    -- The person acted on (an account), if any.
    user_id     BIGINT REFERENCES users(id),
    case_id     TEXT REFERENCES cases(id),
    -- What changed or where it was read, in words for the administrator.
    detail      TEXT
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE INDEX audit_log_by_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_by_user ON audit_log(user_id, at);
CREATE INDEX audit_log_by_case ON audit_log(case_id, at);
