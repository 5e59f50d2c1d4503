-- The service catalogue. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Integers are BIGINT everywhere and flags are 0/1 so that both databases decode alike.

CREATE TABLE departments (
    code        TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    phone       TEXT NOT NULL,
    sort_order  BIGINT NOT NULL
);

CREATE TABLE themes (
    code        TEXT PRIMARY KEY,
    audience    TEXT NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    sort_order  BIGINT NOT NULL
);

-- A window with no department is a general service centre that takes every service (Art. 36).
CREATE TABLE service_windows (
    code             TEXT PRIMARY KEY,
    department_code  TEXT REFERENCES departments (code),
    name_zh          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    district_zh      TEXT NOT NULL,
    district_en      TEXT NOT NULL,
    address_zh       TEXT NOT NULL,
    address_en       TEXT NOT NULL,
    hours_zh         TEXT NOT NULL,
    hours_en         TEXT NOT NULL,
    phone            TEXT NOT NULL
);

CREATE TABLE services (
    code             TEXT PRIMARY KEY,
    name_zh          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    summary_zh       TEXT NOT NULL,
    summary_en       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    department_code  TEXT NOT NULL REFERENCES departments (code),
    for_individuals  BIGINT NOT NULL,
    for_businesses   BIGINT NOT NULL,
    mode             TEXT NOT NULL,
    visits           BIGINT NOT NULL,
    statutory_days   BIGINT NOT NULL,
    promised_days    BIGINT NOT NULL,
    fee_fen          BIGINT NOT NULL,
    fee_basis_zh     TEXT NOT NULL,
    fee_basis_en     TEXT NOT NULL,
    phone            TEXT NOT NULL,
    popularity       BIGINT NOT NULL,
    -- Lower-cased names, code, pinyin and pinyin initials, matched by catalogue search.
    search_text      TEXT NOT NULL
);

CREATE INDEX services_department ON services (department_code);
CREATE INDEX services_popularity ON services (popularity);

-- Legal basis, conditions, materials and process steps, as the server's GuideDetails. Kept apart
-- from `services` so that searching scans narrow rows.
CREATE TABLE service_guides (
    service_code  TEXT PRIMARY KEY REFERENCES services (code),
    guide_json    TEXT NOT NULL
);

CREATE TABLE service_themes (
    service_code  TEXT NOT NULL REFERENCES services (code),
    theme_code    TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (service_code, theme_code)
);

CREATE INDEX service_themes_theme ON service_themes (theme_code);
