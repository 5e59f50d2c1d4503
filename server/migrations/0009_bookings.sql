-- Applying at a window: a slot booked at a service window, prepared online and finished there.

CREATE TABLE bookings (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    window_code     TEXT NOT NULL REFERENCES service_windows (code),
    day             TEXT NOT NULL,
    slot            TEXT NOT NULL,
    -- Which of the slot's places this is: a place is taken once, so capacity holds under load.
    seat            BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    cancelled_at    BIGINT
);

-- One live booking per application, and each place of a slot once.
CREATE UNIQUE INDEX bookings_application ON bookings (application_id) WHERE cancelled_at IS NULL;
CREATE UNIQUE INDEX bookings_seat ON bookings (window_code, day, slot, seat) WHERE cancelled_at IS NULL;
