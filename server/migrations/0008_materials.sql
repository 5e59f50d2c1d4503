-- The e-licence library, uploaded files, and which of them an application uses for each material.

-- Licences the government has issued (电子证照库); `kind` is the catalogue's material code.
CREATE TABLE e_licences (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    -- Resident ID number or unified social credit code of whom it is issued to.
    holder        TEXT NOT NULL,
    holder_name   TEXT NOT NULL,
    number        TEXT NOT NULL,
    title_zh      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    issuer_zh     TEXT NOT NULL,
    issuer_en     TEXT NOT NULL,
    issued_on     TEXT NOT NULL,
    valid_until   TEXT,
    -- The application whose result it is, when issued here.
    application_id TEXT
);

CREATE INDEX e_licences_holder ON e_licences (holder, kind);

CREATE TABLE files (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id),
    material_code TEXT NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    content       BYTEA NOT NULL,
    uploaded_at   BIGINT NOT NULL
);

CREATE INDEX files_user ON files (user_id, material_code);

CREATE TABLE application_materials (
    application_id  TEXT NOT NULL REFERENCES applications (id),
    material_code   TEXT NOT NULL,
    licence_id      TEXT REFERENCES e_licences (id),
    file_id         TEXT REFERENCES files (id),
    provided_at     BIGINT NOT NULL,
    PRIMARY KEY (application_id, material_code)
);
