-- Money given back from a paid order: by an officer (with a reason), or by the rules — money an
-- order took that was not owed, and a fee paid for an application that then ended without a
-- decision in the applicant's favour, where its service's rules give the fee back.

-- Whether a service gives its fee back when the application is withdrawn, not accepted or
-- refused; copied to the fee when it falls due, like the amount.
ALTER TABLE services ADD COLUMN fee_refund_when_refused BIGINT NOT NULL DEFAULT 1;
ALTER TABLE application_fees ADD COLUMN refund_when_refused BIGINT NOT NULL DEFAULT 1;
-- Applications that ended before refunds existed were decided under the old rules: their fees
-- are not given back by themselves now (an officer still can).
UPDATE application_fees SET refund_when_refused = 0
    WHERE application_id IN (SELECT id FROM applications WHERE state IN ('withdrawn', 'not_accepted', 'rejected'));

-- What the order's refunds hold (under way or done): never more than the order took, guarded
-- by one conditional update. A refund the channel refuses gives its part back.
ALTER TABLE payment_orders ADD COLUMN refunded_fen BIGINT NOT NULL DEFAULT 0;

-- out_request_no: the portal's number for the refund, as the channel knows it (one per refund;
-- the rules' own refund of an order has a fixed one, so it is asked for once);
-- cause: officer, late, duplicate or ended; reason: the officer's words;
-- state: submitted, success or failed; failure: the channel's code for a refusal.
CREATE TABLE payment_refunds (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES payment_orders (id),
    out_request_no TEXT NOT NULL UNIQUE,
    amount_fen     BIGINT NOT NULL,
    cause          TEXT NOT NULL,
    reason         TEXT NOT NULL,
    state          TEXT NOT NULL,
    requested_by   TEXT REFERENCES staff (id),
    failure        TEXT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    settled_at     BIGINT
);
CREATE INDEX payment_refunds_order ON payment_refunds (order_id, created_at);
CREATE INDEX payment_refunds_open ON payment_refunds (state, updated_at);

-- The sandbox channel's books of refunds. state: processing or success.
CREATE TABLE sandbox_refunds (
    channel        TEXT NOT NULL,
    out_trade_no   TEXT NOT NULL,
    out_request_no TEXT NOT NULL,
    amount_fen     BIGINT NOT NULL,
    state          TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    refunded_at    BIGINT,
    PRIMARY KEY (channel, out_request_no)
);
