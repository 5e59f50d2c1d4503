-- Paper originals posted in (原件寄递): where a service checks originals, the applicant may have
-- the courier collect them and bring them to the department, instead of coming in. Such a parcel
-- is tracked as a posted result is, so both become one table of shipments, each carrying one
-- parcel of an application: `result` (to the applicant) or `originals` (from the applicant).
-- contact, phone, district and detail are the applicant's end: where a result goes, or where
-- originals are collected. An officer of the department checks originals in once they arrive.
CREATE TABLE shipments (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    parcel          TEXT NOT NULL,
    courier         TEXT NOT NULL,
    waybill_no      TEXT UNIQUE,
    contact         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    district        TEXT NOT NULL,
    detail          TEXT NOT NULL,
    state           TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    checked_in_by   TEXT REFERENCES staff (id),
    checked_in_at   BIGINT,
    UNIQUE (application_id, parcel)
);

INSERT INTO shipments (id, application_id, parcel, courier, waybill_no, contact, phone, district, detail, state, created_at, updated_at)
SELECT id, application_id, 'result', courier, waybill_no, recipient, phone, district, detail, state, created_at, updated_at
FROM result_shipments;

CREATE TABLE tracking_events (
    id           TEXT PRIMARY KEY,
    shipment_id  TEXT NOT NULL REFERENCES shipments (id),
    event_id     TEXT NOT NULL,
    state        TEXT NOT NULL,
    occurred_at  BIGINT NOT NULL,
    place_zh     TEXT NOT NULL,
    place_en     TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    UNIQUE (shipment_id, event_id)
);

INSERT INTO tracking_events (id, shipment_id, event_id, state, occurred_at, place_zh, place_en, received_at)
SELECT id, shipment_id, event_id, state, occurred_at, place_zh, place_en, received_at
FROM shipment_events;

DROP TABLE shipment_events;
DROP TABLE result_shipments;
