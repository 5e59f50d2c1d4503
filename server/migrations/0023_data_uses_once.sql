-- A shown code's checks are on the holder's record once per outcome: the database keeps it so, and
-- a replayed code adds nothing. Repeats an earlier check-then-insert let through are removed first
-- (the earliest stays).
DELETE FROM data_uses WHERE purpose_kind = 'verification' AND EXISTS (
    SELECT 1 FROM data_uses e WHERE e.purpose_kind = 'verification' AND e.subject = data_uses.subject
        AND e.purpose_ref = data_uses.purpose_ref AND e.outcome = data_uses.outcome
        AND (e.at < data_uses.at OR (e.at = data_uses.at AND e.id < data_uses.id))
);
CREATE UNIQUE INDEX data_uses_verification_once ON data_uses (subject, purpose_ref, outcome) WHERE purpose_kind = 'verification';
