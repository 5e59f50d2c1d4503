-- One login: people, sessions, one-time codes, the sandbox SMS gateway's store and the audit log.
-- Times are microseconds since the Unix epoch (BIGINT) so that events order exactly.

-- Stand-in for the population base database (Art. 23): who exists, and their phone on record.
CREATE TABLE population_register (
    id_number  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    phone      TEXT NOT NULL
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    id_number      TEXT NOT NULL UNIQUE,
    phone          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    -- 1 phone verified, 2 real-name verified, 3 passkey on top of 2.
    level          BIGINT NOT NULL,
    created_at     BIGINT NOT NULL
);

-- Wrong passwords, counted per subject: a user id, or the identifier typed when no account
-- matches, so that a locked account and an unknown one behave alike.
CREATE TABLE sign_in_failures (
    subject  TEXT NOT NULL,
    at       BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_subject ON sign_in_failures (subject, at);

CREATE TABLE lockouts (
    subject  TEXT PRIMARY KEY,
    until    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    user_id       TEXT NOT NULL REFERENCES users (id),
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    ended_at      BIGINT,
    ip            TEXT NOT NULL,
    user_agent    TEXT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE one_time_codes (
    id          TEXT PRIMARY KEY,
    phone       TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    attempts    BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE INDEX one_time_codes_phone ON one_time_codes (phone, purpose, created_at);

-- What the sandbox SMS gateway "delivered"; a real gateway adapter does not use this table.
CREATE TABLE sms_outbox (
    id       TEXT PRIMARY KEY,
    phone    TEXT NOT NULL,
    body     TEXT NOT NULL,
    sent_at  BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id       TEXT PRIMARY KEY,
    at       BIGINT NOT NULL,
    user_id  TEXT,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL,
    ip       TEXT NOT NULL
);

CREATE INDEX audit_log_user ON audit_log (user_id, at);
