-- Application numbers come from a counter per Shanghai day, taken in the submitting transaction:
-- two submissions can never draw the same number (random numbers clashed at scale).
CREATE TABLE application_number_days (
    day   TEXT PRIMARY KEY,
    last  BIGINT NOT NULL
);

-- Numbers drawn at random before this change continue from the highest of their day.
INSERT INTO application_number_days (day, last)
SELECT substr(number, 3, 8), MAX(CAST(substr(number, 11) AS BIGINT)) FROM applications
WHERE number IS NOT NULL GROUP BY substr(number, 3, 8);
