-- Applications: forms as data, drafts, the signed declaration, and the timeline of states.

-- Each service's application form, as the JSON schema of tongban_api::forms::FormSchema.
CREATE TABLE service_forms (
    service_code  TEXT PRIMARY KEY REFERENCES services (code),
    form_schema   TEXT NOT NULL
);

CREATE TABLE applications (
    id              TEXT PRIMARY KEY,
    -- Given on submission, quoted on the receipt and by phone.
    number          TEXT UNIQUE,
    service_code    TEXT NOT NULL REFERENCES services (code),
    -- The person who made it: the applicant, or the agent filing for a company.
    user_id         TEXT NOT NULL REFERENCES users (id),
    company         TEXT,
    channel         TEXT NOT NULL,
    state           TEXT NOT NULL,
    answers         TEXT NOT NULL,
    version         BIGINT NOT NULL,
    -- SHA-256 of the submission the declaration was signed over.
    digest          TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    submitted_at    BIGINT
);

CREATE INDEX applications_user ON applications (user_id, updated_at);
CREATE INDEX applications_company ON applications (company, updated_at);

CREATE TABLE application_events (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    at              BIGINT NOT NULL,
    event           TEXT NOT NULL,
    -- 'applicant' or 'officer'; actor_id is the user or staff id.
    actor_kind      TEXT NOT NULL,
    actor_id        TEXT NOT NULL,
    actor_name      TEXT NOT NULL,
    note            TEXT NOT NULL
);

CREATE INDEX application_events_application ON application_events (application_id, at);

-- A signed declaration: who signed which digest, when, how, and the evidence to check it later.
CREATE TABLE signatures (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    digest          TEXT NOT NULL,
    method          TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    signed_at       BIGINT NOT NULL
);

CREATE INDEX signatures_application ON signatures (application_id);
