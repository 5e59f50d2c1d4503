-- Results collected at a window by a pick-up code (取件码): made in the transaction that issues the
-- result of an application whose applicant chose to collect it, at the issuing department's own
-- window; handed over once, by an officer of that department who checked the collector's
-- identity document. code: 8 digits, unique among results still waiting; state: ready or
-- handed_over.
CREATE TABLE result_pickups (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES applications (id),
    department_code TEXT NOT NULL REFERENCES departments (code),
    window_code     TEXT NOT NULL REFERENCES service_windows (code),
    code            TEXT NOT NULL,
    state           TEXT NOT NULL,
    ready_at        BIGINT NOT NULL,
    handed_over_at  BIGINT,
    handed_over_by  TEXT REFERENCES staff (id)
);
CREATE UNIQUE INDEX result_pickups_waiting ON result_pickups (code) WHERE state = 'ready';
