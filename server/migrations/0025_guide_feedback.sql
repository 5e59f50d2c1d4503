-- "Is this page useful?" about a guide: anonymous, neither the account nor the address is kept.
CREATE TABLE guide_feedback (
    id            TEXT PRIMARY KEY,
    at            BIGINT NOT NULL,
    service_code  TEXT NOT NULL REFERENCES services (code),
    -- 1 useful, 0 not
    useful        BIGINT NOT NULL,
    -- What was wrong, from a fixed list, comma-separated; empty when useful.
    problems      TEXT NOT NULL,
    comment       TEXT NOT NULL
);
CREATE INDEX guide_feedback_service ON guide_feedback (service_code, at);
