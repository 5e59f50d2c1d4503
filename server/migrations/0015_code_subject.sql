-- A code that confirms one thing only (a declaration's digest) names it: it confirms nothing else.
ALTER TABLE one_time_codes ADD COLUMN subject TEXT;
