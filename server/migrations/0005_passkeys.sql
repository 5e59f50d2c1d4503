-- Passkeys (WebAuthn) and the challenges waiting for an answer.

-- The user handle passkeys carry: a random UUID, so the authenticator never holds the account id.
ALTER TABLE users ADD COLUMN passkey_handle TEXT;
CREATE UNIQUE INDEX users_passkey_handle ON users (passkey_handle);

CREATE TABLE passkeys (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id),
    -- base64url of the credential id: one passkey belongs to one account.
    credential_id  TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    -- webauthn-rs's Passkey as JSON: public key, algorithm, signature counter.
    credential     TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    last_used_at   BIGINT
);

CREATE INDEX passkeys_user ON passkeys (user_id);

-- A challenge sent to a browser, kept here until it is answered (once) or expires.
CREATE TABLE passkey_ceremonies (
    id          TEXT PRIMARY KEY,
    -- The account adding a passkey; NULL for a sign-in, where the passkey names the account.
    user_id     TEXT,
    state       TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);

CREATE INDEX passkey_ceremonies_expiry ON passkey_ceremonies (expires_at);
