-- A day's payments and refunds, as the reconciliation reads them.
CREATE INDEX payment_orders_paid ON payment_orders (channel, paid_at);
CREATE INDEX payment_refunds_settled ON payment_refunds (settled_at);
