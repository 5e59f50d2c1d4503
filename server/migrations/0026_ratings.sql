-- 好差评: one rating per handling, and the follow-up a bad rating opens.

-- How many working days the portal gives for each duty: data, so a rule change is a row.
CREATE TABLE working_day_deadlines (
    name          TEXT PRIMARY KEY,
    working_days  BIGINT NOT NULL
);
-- A bad rating: contact the person within 1 working day, put right within 15.
INSERT INTO working_day_deadlines (name, working_days) VALUES ('rating_contact', 1);
INSERT INTO working_day_deadlines (name, working_days) VALUES ('rating_put_right', 15);

CREATE TABLE ratings (
    id               TEXT PRIMARY KEY,
    -- What was rated: 'decision' (an application's, by its id).
    handling_kind    TEXT NOT NULL,
    handling_ref     TEXT NOT NULL,
    -- Who rated it, and whom the follow-up contacts.
    user_id          TEXT NOT NULL REFERENCES users (id),
    department_code  TEXT NOT NULL REFERENCES departments (code),
    service_code     TEXT REFERENCES services (code),
    -- As it stands: one of the five levels, what was wrong (comma-separated), the person's words.
    satisfaction     TEXT NOT NULL,
    problems         TEXT NOT NULL,
    comment          TEXT NOT NULL,
    at               BIGINT NOT NULL,
    -- The Shanghai day of the first rating: the published periods count by it.
    day              TEXT NOT NULL,
    -- The first level, once the one revision is made.
    revised_from     TEXT,
    UNIQUE (handling_kind, handling_ref)
);
CREATE INDEX ratings_day ON ratings (day);

CREATE TABLE rating_follow_ups (
    rating_id        TEXT PRIMARY KEY REFERENCES ratings (id),
    department_code  TEXT NOT NULL REFERENCES departments (code),
    opened_at        BIGINT NOT NULL,
    contact_due      TEXT NOT NULL,
    put_right_due    TEXT NOT NULL,
    contacted_at     BIGINT,
    contacted_by     TEXT,
    contact_note     TEXT,
    put_right_at     BIGINT,
    put_right_by     TEXT,
    put_right_note   TEXT
);
CREATE INDEX rating_follow_ups_department ON rating_follow_ups (department_code, opened_at);
