-- Fiscal e-receipts (财政电子票据) for fees paid: one per fee, issued by the department that
-- charged it under the fiscal bureau's supervision, in the transaction that records the payment,
-- and sealed by both. code: 票据代码 (region, kind, year, batch); number: 票据号码, counted per
-- code; check_code: 校验码, 10 characters from the issuer's seal; content: the exact text both
-- seals cover.
CREATE TABLE receipt_numbers (
    code  TEXT PRIMARY KEY,
    last  BIGINT NOT NULL
);

CREATE TABLE fee_receipts (
    id               TEXT PRIMARY KEY,
    fee_id           TEXT NOT NULL UNIQUE REFERENCES application_fees (id),
    order_id         TEXT NOT NULL UNIQUE REFERENCES payment_orders (id),
    code             TEXT NOT NULL,
    number           TEXT NOT NULL,
    check_code       TEXT NOT NULL,
    payer_kind       TEXT NOT NULL,
    payer_ref        TEXT NOT NULL,
    content          TEXT NOT NULL,
    -- What refunds of the order that paid it have given back: the receipt is written off (冲红) by that much.
    refunded_fen     BIGINT NOT NULL DEFAULT 0,
    issuer_key       TEXT NOT NULL,
    issuer_seal      TEXT NOT NULL,
    supervisor_key   TEXT NOT NULL,
    supervisor_seal  TEXT NOT NULL,
    issued_at        BIGINT NOT NULL,
    UNIQUE (code, number)
);
CREATE INDEX fee_receipts_payer ON fee_receipts (payer_kind, payer_ref, issued_at);
