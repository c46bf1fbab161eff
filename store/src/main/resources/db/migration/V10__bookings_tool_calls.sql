-- Appointment bookings (the book_appointment tool and the admin API) and the tool calls a
-- bot made on a call.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- The slot conflict check must hold across nodes, so it lives in the database. A partial
-- unique index (WHERE status = 'booked') would say it best, but H2 has none; instead
-- held_starts_at equals starts_at while the booking holds its slot and is NULL once it is
-- cancelled. Unique constraints treat NULLs as distinct on both databases, so a cancelled
-- row frees its slot and any number of cancelled rows may share one.
CREATE TABLE bookings (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    calendar       VARCHAR(64)              NOT NULL,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    caller         VARCHAR(255),
    name           VARCHAR(255),
    notes          VARCHAR(2000),
    bot            VARCHAR(255),
    -- No foreign key: the call row is written asynchronously (possibly after the booking),
    -- and manual bookings have no call.
    call_id        VARCHAR(255),
    status         VARCHAR(16)              NOT NULL CHECK (status IN ('booked', 'cancelled')),
    held_starts_at TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bookings_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT bookings_held_matches_status CHECK (
        (status = 'booked' AND held_starts_at = starts_at)
        OR (status = 'cancelled' AND held_starts_at IS NULL)),
    CONSTRAINT bookings_slot_unique UNIQUE (calendar, held_starts_at)
);

CREATE INDEX bookings_calendar_starts_idx ON bookings (calendar, starts_at);

-- One row per calendar, locked (SELECT ... FOR UPDATE) by each booking transaction so that the
-- overlap check and the insert of one calendar run one at a time across nodes; the unique key
-- above is the last guard.
CREATE TABLE booking_calendars (
    calendar VARCHAR(64) NOT NULL PRIMARY KEY
);
CREATE INDEX bookings_caller_idx ON bookings (caller);

-- One row per tool call a bot made, in call order. arguments and result are JSON text,
-- parsed by the application and never queried inside SQL.
CREATE TABLE call_tool_calls (
    call_id     VARCHAR(255)             NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq         INTEGER                  NOT NULL,
    tool        VARCHAR(128)             NOT NULL,
    arguments   VARCHAR                  NOT NULL,
    result      VARCHAR,
    ok          BOOLEAN                  NOT NULL,
    error       VARCHAR(2000),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms BIGINT                   NOT NULL,
    PRIMARY KEY (call_id, seq)
);
