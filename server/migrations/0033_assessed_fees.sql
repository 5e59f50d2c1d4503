-- Fees an officer assesses at acceptance from the service's charging standard (收费标准), kept
-- with the application as assessed: the line charged, how many units, and by whom. A fee due on
-- submission has none of these.
ALTER TABLE application_fees ADD COLUMN tariff_code TEXT;
ALTER TABLE application_fees ADD COLUMN units BIGINT;
ALTER TABLE application_fees ADD COLUMN assessed_by TEXT REFERENCES staff (id);
