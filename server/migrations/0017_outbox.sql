-- Texts (and next, payment and courier calls) are written here in the same transaction as the
-- change they report, and delivered by a worker with retries: nothing is lost when the server
-- stops between the change and the send, and a row is claimed before it is sent, so of several
-- workers or processes only one sends it.
CREATE TABLE outbox (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    claimed_until    BIGINT,
    delivered_at     BIGINT,
    failed_at        BIGINT,
    last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (delivered_at, failed_at, next_attempt_at);

-- What a database has been used for: a database that holds the demo accounts and officers (it
-- was started in development) is refused by production.
CREATE TABLE deployment_marks (
    name  TEXT PRIMARY KEY,
    at    BIGINT NOT NULL
);
