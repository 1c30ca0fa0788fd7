-- Outgoing webhooks per unit, in the group-robot formats Chinese offices use (DingTalk, WeCom),
-- and the delivery log an admin reads. A delivery row is written in the transaction of the
-- change it reports, and sent afterwards: a failing robot never blocks or loses a case.

CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    format      TEXT NOT NULL,            -- 'dingtalk' | 'wecom'
    url         TEXT NOT NULL,
    active      BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL
);
CREATE INDEX webhooks_by_unit ON webhooks(unit_id);

CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id       BIGINT NOT NULL REFERENCES webhooks(id),
    case_id          TEXT,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,       -- the JSON body to POST
    status           TEXT NOT NULL,       -- 'pending' | 'delivered' | 'failed'
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    delivered_at     BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
