-- Real-name verification and the level each service requires.

-- Stand-in for a bank-card verification service: which demo cards belong to whom, and the phone
-- each bank holds for its card.
CREATE TABLE sandbox_bank_cards (
    card_number     TEXT PRIMARY KEY,
    id_number       TEXT NOT NULL,
    name            TEXT NOT NULL,
    reserved_phone  TEXT NOT NULL
);

-- 1 phone verified, 2 real-name verified, 3 passkey.
ALTER TABLE services ADD COLUMN required_level BIGINT NOT NULL DEFAULT 1;
