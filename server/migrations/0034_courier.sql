-- Results sent by courier (政务专递). A person's address book (收件地址簿) offers the addresses
-- they post to; the form's answer is a copy, so an address changed or removed later does not
-- change where a result went.
CREATE TABLE delivery_addresses (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    recipient  TEXT NOT NULL,
    phone      TEXT NOT NULL,
    district   TEXT NOT NULL,
    detail     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX delivery_addresses_user ON delivery_addresses (user_id, created_at);

-- One result posted: made in the transaction that issues it, for an applicant who chose the
-- post; the courier's waybill is asked for by the outbox, so a courier out of reach delays it and
-- loses nothing. state: requested (no waybill yet), accepted, in_transit, out_for_delivery,
-- failed_attempt, delivered or returned: the latest of the tracking events heard, by when it
-- happened at the courier, whatever order they came in.
CREATE TABLE result_shipments (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES applications (id),
    courier         TEXT NOT NULL,
    waybill_no      TEXT UNIQUE,
    recipient       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    district        TEXT NOT NULL,
    detail          TEXT NOT NULL,
    state           TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

-- Every tracking event whose signature verified, once (the courier's event id).
CREATE TABLE shipment_events (
    id           TEXT PRIMARY KEY,
    shipment_id  TEXT NOT NULL REFERENCES result_shipments (id),
    event_id     TEXT NOT NULL,
    state        TEXT NOT NULL,
    occurred_at  BIGINT NOT NULL,
    place_zh     TEXT NOT NULL,
    place_en     TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    UNIQUE (shipment_id, event_id)
);

-- The sandbox courier's own books: the waybills it made, for which portal order, and how each
-- one's route goes.
CREATE TABLE sandbox_waybills (
    waybill_no   TEXT PRIMARY KEY,
    order_no     TEXT NOT NULL UNIQUE,
    callback_url TEXT NOT NULL,
    route        TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
