-- Companies acting through people: the representative binds the company, adds agents with
-- scopes, and an agent switches their session to act for the company.

-- Stand-in for the market-entity register: which company exists and who represents it.
CREATE TABLE company_register (
    credit_code          TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    legal_rep_id_number  TEXT NOT NULL
);

CREATE TABLE company_bindings (
    credit_code  TEXT PRIMARY KEY REFERENCES company_register (credit_code),
    user_id      TEXT NOT NULL REFERENCES users (id),
    bound_at     BIGINT NOT NULL
);

-- scopes: comma-separated, from apply, pay, view_licences.
CREATE TABLE company_agents (
    credit_code  TEXT NOT NULL REFERENCES company_register (credit_code),
    user_id      TEXT NOT NULL REFERENCES users (id),
    scopes       TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     BIGINT NOT NULL,
    PRIMARY KEY (credit_code, user_id)
);

ALTER TABLE sessions ADD COLUMN acting_company TEXT;
