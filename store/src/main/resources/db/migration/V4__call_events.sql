-- The call's event log: things that happened during a call other than turns (a DTMF digit,
-- and later answer, transfer, hold ...), in order.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.
-- kind is open (no CHECK list) so that new kinds need no migration; detail is a small JSON
-- object stored as text and parsed by the application, never queried inside SQL.

CREATE TABLE call_events (
    call_id VARCHAR(255)             NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq     INTEGER                  NOT NULL,
    at      TIMESTAMP WITH TIME ZONE NOT NULL,
    kind    VARCHAR(64)              NOT NULL,
    -- VARCHAR without a length: unbounded on PostgreSQL, H2's 1 MiB maximum on H2.
    detail  VARCHAR                  NOT NULL,
    PRIMARY KEY (call_id, seq)
);
