-- A shown code's checks are on the holder's record once per outcome: the database keeps it so, and
-- a replayed code adds nothing.
CREATE UNIQUE INDEX data_uses_verification_once ON data_uses (subject, purpose_ref, outcome) WHERE purpose_kind = 'verification';
