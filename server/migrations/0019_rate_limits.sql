-- Rate limits live in the database, so several server processes count as one. `hits` holds the
-- times (microseconds, comma-separated) within the key's window; `version` lets a writer update
-- only what it read (compare-and-set), so concurrent hits are never lost.
CREATE TABLE rate_limits (
    key         TEXT PRIMARY KEY,
    hits        TEXT NOT NULL,
    version     BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX rate_limits_updated ON rate_limits (updated_at);
