-- A refusal names the provision it rests on, as the guide states it ({"zh": …, "en": …}).
ALTER TABLE application_events ADD COLUMN legal_basis TEXT;
