-- Sign-in throttling (issue 14, domain::throttle): the current run of failed sign-ins per
-- account (`account:<username>`) and per address (`address:<ip>`), and until when sign-in is
-- closed for it. A success deletes the rows.
CREATE TABLE login_failures (
    key           TEXT PRIMARY KEY,
    failures      BIGINT NOT NULL,
    last_at       BIGINT NOT NULL,
    closed_until  BIGINT NOT NULL
);
