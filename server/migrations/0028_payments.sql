-- Fees an application owes, the orders made to pay them through a payment channel, each move of
-- an order, the channels' notifications taken, and the sandbox channel's own books.

-- A fee one application owes, copied from its service when it fell due (a fee changed later in
-- the catalogue does not change it). The first order that succeeds pays it; money any other
-- order takes is surplus, recorded and given back.
-- payer_kind: person (payer_ref = users.id) or company (payer_ref = credit code);
-- state: due or paid.
CREATE TABLE application_fees (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    item            TEXT NOT NULL,
    basis_zh        TEXT NOT NULL,
    basis_en        TEXT NOT NULL,
    amount_fen      BIGINT NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    payer_kind      TEXT NOT NULL,
    payer_ref       TEXT NOT NULL,
    state           TEXT NOT NULL,
    paid_order_id   TEXT UNIQUE,
    due_at          BIGINT NOT NULL,
    paid_at         BIGINT,
    UNIQUE (application_id, item)
);
CREATE INDEX application_fees_payer ON application_fees (payer_kind, payer_ref, due_at);

-- An order to pay a fee through one channel (GOV.UK Pay's states; `finished` once it ends).
-- out_trade_no: the portal's number for the trade, as the channel knows it;
-- the same idempotency_key from the same person gets this order back;
-- next/return tokens: the single-use addresses to the cashier and back (their hashes);
-- surplus_reason: late, duplicate or withdrawn (money taken that was not owed).
CREATE TABLE payment_orders (
    id                TEXT PRIMARY KEY,
    fee_id            TEXT NOT NULL REFERENCES application_fees (id),
    application_id    TEXT NOT NULL REFERENCES applications (id),
    channel           TEXT NOT NULL,
    out_trade_no      TEXT NOT NULL UNIQUE,
    amount_fen        BIGINT NOT NULL,
    state             TEXT NOT NULL,
    finished          BIGINT NOT NULL,
    created_by        TEXT NOT NULL REFERENCES users (id),
    company           TEXT,
    idempotency_key   TEXT,
    next_token_hash   TEXT NOT NULL,
    next_used_at      BIGINT,
    return_token_hash TEXT NOT NULL,
    returned_at       BIGINT,
    cashier_url       TEXT,
    channel_trade_no  TEXT,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    paid_at           BIGINT,
    surplus_reason    TEXT,
    UNIQUE (created_by, idempotency_key)
);
CREATE INDEX payment_orders_fee ON payment_orders (fee_id, created_at);
CREATE INDEX payment_orders_open ON payment_orders (finished, expires_at);

-- Each move of an order. source: applicant, cashier, return, notify, query or sweep.
CREATE TABLE payment_events (
    id         TEXT PRIMARY KEY,
    order_id   TEXT NOT NULL REFERENCES payment_orders (id),
    seq        BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    source     TEXT NOT NULL,
    detail     TEXT NOT NULL
);
CREATE UNIQUE INDEX payment_events_order ON payment_events (order_id, seq);

-- Every notification whose signature verified; one signature is taken once (a replay is refused).
-- kind: the channel's name for what it reports (TRADE_SUCCESS …); outcome: applied or unchanged.
CREATE TABLE payment_notifications (
    id             TEXT PRIMARY KEY,
    channel        TEXT NOT NULL,
    signature_hash TEXT NOT NULL,
    received_at    BIGINT NOT NULL,
    out_trade_no   TEXT NOT NULL,
    kind           TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    UNIQUE (channel, signature_hash)
);

-- The sandbox channel's own books: what "Alipay" knows, apart from the portal.
-- state: open, paying, paid, declined, closed or bank_error;
-- mischief (how its notifications go): normal, duplicate, delay, drop or reorder.
CREATE TABLE sandbox_trades (
    channel      TEXT NOT NULL,
    trade_no     TEXT NOT NULL,
    out_trade_no TEXT NOT NULL,
    merchant     TEXT NOT NULL,
    amount_fen   BIGINT NOT NULL,
    subject      TEXT NOT NULL,
    notify_url   TEXT NOT NULL,
    return_url   TEXT NOT NULL,
    state        TEXT NOT NULL,
    sub_code     TEXT,
    time_expire  BIGINT NOT NULL,
    mischief     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    paid_at      BIGINT,
    PRIMARY KEY (channel, trade_no),
    UNIQUE (channel, out_trade_no)
);
