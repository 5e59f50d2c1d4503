-- Application numbers come from a counter per Shanghai day, taken in the submitting transaction:
-- two submissions can never draw the same number (random numbers clashed at scale).
CREATE TABLE application_number_days (
    day   TEXT PRIMARY KEY,
    last  BIGINT NOT NULL
);
