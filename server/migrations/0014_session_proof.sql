-- When the session's person last gave a password, a code or a passkey: sensitive changes
-- (passkeys, companies, agents) need one within the last few minutes.
ALTER TABLE sessions ADD COLUMN proved_at BIGINT NOT NULL DEFAULT 0;
