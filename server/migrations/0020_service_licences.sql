-- What an approved application of a service results in, when that is a licence: its kind, title
-- and issuer, and the answers (ID number, name) naming a second holder, such as the other spouse.
-- Data, so that a service that issues a licence is added without code.
CREATE TABLE service_licences (
    service_code         TEXT PRIMARY KEY REFERENCES services (code),
    kind                 TEXT NOT NULL,
    title_zh             TEXT NOT NULL,
    title_en             TEXT NOT NULL,
    issuer_zh            TEXT NOT NULL,
    issuer_en            TEXT NOT NULL,
    also_to_id_answer    TEXT,
    also_to_name_answer  TEXT
);

-- Catalogues seeded before this table existed get the licences their services always issued.
INSERT INTO service_licences SELECT code, 'residence_permit', '上海市居住证', 'Shanghai residence permit', '上海市公安局', 'Shanghai Public Security Bureau', NULL, NULL FROM services WHERE code = 'GA-001';
INSERT INTO service_licences SELECT code, 'driving_licence', '机动车驾驶证（换证）', 'Driving licence (renewed)', '上海市公安局交通警察总队', 'Shanghai Traffic Police', NULL, NULL FROM services WHERE code = 'JT-001';
INSERT INTO service_licences SELECT code, 'business_licence', '个体工商户营业执照', 'Sole trader business licence', '上海市市场监督管理局', 'Shanghai Administration for Market Regulation', NULL, NULL FROM services WHERE code = 'SJ-002';
INSERT INTO service_licences SELECT code, 'food_business_licence', '食品经营许可证', 'Food business licence', '上海市市场监督管理局', 'Shanghai Administration for Market Regulation', NULL, NULL FROM services WHERE code = 'SJ-003';
INSERT INTO service_licences SELECT code, 'marriage_cert', '结婚证', 'Marriage certificate', '上海市民政局', 'Shanghai Civil Affairs Bureau', 'partner_id', 'partner_name' FROM services WHERE code = 'MZ-001';
