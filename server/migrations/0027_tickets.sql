-- One customer service: tickets routed to a department, each step on its timeline.

-- Answer within: consultations 3 working days, complaints 10, suggestions 15.
INSERT INTO working_day_deadlines (name, working_days) VALUES ('ticket_consultation', 3);
INSERT INTO working_day_deadlines (name, working_days) VALUES ('ticket_complaint', 10);
INSERT INTO working_day_deadlines (name, working_days) VALUES ('ticket_suggestion', 15);

-- Ticket numbers come from a counter per Shanghai day, like application numbers.
CREATE TABLE ticket_number_days (
    day   TEXT PRIMARY KEY,
    last  BIGINT NOT NULL
);

CREATE TABLE tickets (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    -- consultation, complaint or suggestion
    kind             TEXT NOT NULL,
    -- The person's account; none for a consultation without one, answered at `phone` only.
    user_id          TEXT REFERENCES users (id),
    phone            TEXT NOT NULL,
    -- The language texts about it are written in.
    lang             TEXT NOT NULL,
    -- Handled by, now (a transfer changes it).
    department_code  TEXT NOT NULL REFERENCES departments (code),
    service_code     TEXT REFERENCES services (code),
    application_id   TEXT REFERENCES applications (id),
    subject          TEXT NOT NULL,
    -- open, awaiting_person, answered or closed
    state            TEXT NOT NULL,
    opened_at        BIGINT NOT NULL,
    -- Shanghai day by which the department answers.
    due              TEXT NOT NULL,
    closed_at        BIGINT
);
CREATE INDEX tickets_department ON tickets (department_code, state, opened_at);
CREATE INDEX tickets_user ON tickets (user_id, opened_at);

CREATE TABLE ticket_events (
    id               TEXT PRIMARY KEY,
    ticket_id        TEXT NOT NULL REFERENCES tickets (id),
    -- The order on the timeline.
    seq              BIGINT NOT NULL,
    at               BIGINT NOT NULL,
    -- filed, replied, asked_for_more, person_replied, transferred or closed
    kind             TEXT NOT NULL,
    -- The officer and their department; none when the person wrote.
    staff_number     TEXT,
    department_code  TEXT REFERENCES departments (code),
    -- Where a transfer sent it.
    to_department    TEXT REFERENCES departments (code),
    -- The words, as written.
    text             TEXT NOT NULL
);
CREATE UNIQUE INDEX ticket_events_ticket ON ticket_events (ticket_id, seq);
