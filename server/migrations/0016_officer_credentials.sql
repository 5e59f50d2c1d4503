-- Officers sign in with a second factor, a code to their work phone. An officer made by the
-- administrator's command signs in first with a one-time password, which they must replace.
ALTER TABLE staff ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
