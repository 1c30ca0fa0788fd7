-- Dispute categories as the deployment's admins keep them. A new database gets the built-in
-- list at start-up (server/src/catalogue.rs). Codes never change once used: rules and
-- statistics refer to them; a category is retired, never deleted, so old records keep it.
CREATE TABLE categories (
    code      TEXT PRIMARY KEY,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    position  BIGINT NOT NULL,
    retired   BIGINT NOT NULL DEFAULT 0
);
