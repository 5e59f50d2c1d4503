-- Window officers, their sessions, correction notices and the applicant's message centre.

CREATE TABLE staff (
    id               TEXT PRIMARY KEY,
    staff_number     TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    department_code  TEXT NOT NULL REFERENCES departments (code),
    password_hash    TEXT NOT NULL
);

CREATE TABLE staff_sessions (
    token_hash    TEXT PRIMARY KEY,
    staff_id      TEXT NOT NULL REFERENCES staff (id),
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    ended_at      BIGINT
);

-- Events in the order they happened, even within one clock tick.
ALTER TABLE application_events ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;

-- One row per item of a one-time correction notice.
CREATE TABLE application_corrections (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    notice          BIGINT NOT NULL,
    -- Items keep the order the officer listed them in.
    position        BIGINT NOT NULL,
    item            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    addressed_at    BIGINT
);

CREATE INDEX application_corrections_application ON application_corrections (application_id, notice);

CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id),
    application_id  TEXT REFERENCES applications (id),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    at              BIGINT NOT NULL,
    -- Newest first, even within one clock tick.
    seq             BIGINT NOT NULL,
    read_at         BIGINT
);

CREATE INDEX messages_user ON messages (user_id, seq);
