-- Drafts untouched for 30 days are deleted, after a warning a week before.
ALTER TABLE applications ADD COLUMN expiry_warned_at BIGINT;
