-- The e-licence wallet: which department seals each licence, the licence's status over time, the
-- departments' seal keys, and the record of every use of someone's data by another (Art. 24).

-- The department whose electronic seal a licence carries (its issuer's department).
ALTER TABLE e_licences ADD COLUMN seal_department TEXT NOT NULL DEFAULT 'ga';
-- valid, superseded (a renewed licence replaced it) or revoked; "expired" follows from valid_until.
ALTER TABLE e_licences ADD COLUMN status TEXT NOT NULL DEFAULT 'valid';
ALTER TABLE e_licences ADD COLUMN status_reason TEXT;
ALTER TABLE e_licences ADD COLUMN status_changed_at BIGINT;
UPDATE e_licences SET seal_department = 'mz' WHERE kind = 'marriage_cert';
UPDATE e_licences SET seal_department = 'sj' WHERE kind IN ('business_licence', 'food_business_licence');

ALTER TABLE service_licences ADD COLUMN seal_department TEXT NOT NULL DEFAULT 'ga';
UPDATE service_licences SET seal_department = 'mz' WHERE kind = 'marriage_cert';
UPDATE service_licences SET seal_department = 'sj' WHERE kind IN ('business_licence', 'food_business_licence');

-- Seal keys (SM2). Every key ever used stays here, published, so that what it sealed can still be
-- checked after a rotation. The secret is kept only for keys development generated; production
-- reads its secrets from files and stores none.
CREATE TABLE seal_keys (
    key_id           TEXT PRIMARY KEY,
    department_code  TEXT NOT NULL,
    public_key       TEXT NOT NULL,
    secret_key       TEXT,
    valid_from       BIGINT NOT NULL,
    retired_at       BIGINT
);
CREATE INDEX seal_keys_department ON seal_keys (department_code, retired_at);

-- Every use of a person's or company's data by someone else: an officer opening an application,
-- a licence verified or redeemed, a licence used in a case. "Who used my data" is read from here.
CREATE TABLE data_uses (
    id               TEXT PRIMARY KEY,
    at               BIGINT NOT NULL,
    -- Whose data: resident ID number or unified social credit code.
    subject          TEXT NOT NULL,
    -- officer, verifier (anyone shown a code), department or company (redeeming an authorisation)
    user_kind        TEXT NOT NULL,
    -- The department's code or the company's credit code, when known.
    organisation     TEXT,
    staff_number     TEXT,
    -- licence, application, file
    data_kind        TEXT NOT NULL,
    -- The licence or application used.
    data_ref         TEXT NOT NULL,
    -- What was seen, in words kept in both languages.
    what_zh          TEXT NOT NULL,
    what_en          TEXT NOT NULL,
    -- verification, application, authorisation
    purpose_kind     TEXT NOT NULL,
    purpose_ref      TEXT,
    -- ok, or why it was refused
    outcome          TEXT NOT NULL
);
CREATE INDEX data_uses_subject ON data_uses (subject, at);
