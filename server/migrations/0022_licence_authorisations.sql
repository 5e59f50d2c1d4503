-- Authorisations to use a licence (授权用证): the holder lets a department or a company use one
-- licence, for a purpose, with only the chosen fields, until a day, once or repeatedly.
CREATE TABLE licence_authorisations (
    id            TEXT PRIMARY KEY,
    -- 8 characters without look-alikes; what the organisation types.
    code          TEXT NOT NULL UNIQUE,
    licence_id    TEXT NOT NULL REFERENCES e_licences (id),
    holder        TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES users (id),
    -- department or company, and its code or credit code
    grantee_kind  TEXT NOT NULL,
    grantee       TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    -- the disclosed fields, comma-separated
    fields        TEXT NOT NULL,
    -- the last day it may be used, YYYY-MM-DD in Shanghai
    valid_until   TEXT NOT NULL,
    -- 1 for once; NULL for any number of times until valid_until
    max_uses      BIGINT,
    uses          BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    revoked_at    BIGINT
);
CREATE INDEX licence_authorisations_holder ON licence_authorisations (holder, created_at);
