-- Officers work at a window: their department's own, or a district centre's.
ALTER TABLE staff ADD COLUMN window_code TEXT REFERENCES service_windows (code);
