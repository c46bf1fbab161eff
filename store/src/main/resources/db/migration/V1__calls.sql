-- Call records and their turns.
-- This file must run unchanged on H2 (MODE=PostgreSQL) and on PostgreSQL 15+, so it
-- sticks to plain DDL both accept: no SERIAL/identity tricks, no PostgreSQL-only types.

CREATE TABLE calls (
    call_id     VARCHAR(255)             NOT NULL PRIMARY KEY,
    direction   VARCHAR(16)              NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    from_uri    VARCHAR(2048)            NOT NULL,
    to_uri      VARCHAR(2048)            NOT NULL,
    bot         VARCHAR(255)             NOT NULL,
    invited_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE,
    ended_at    TIMESTAMP WITH TIME ZONE,
    end_reason  VARCHAR(255),
    codec       VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- The admin list pages calls newest first.
CREATE INDEX calls_invited_at_idx ON calls (invited_at);

CREATE TABLE call_turns (
    call_id    VARCHAR(255)             NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq        INTEGER                  NOT NULL,
    speaker    VARCHAR(16)              NOT NULL CHECK (speaker IN ('caller', 'bot')),
    -- VARCHAR without a length: unbounded on PostgreSQL, H2's 1 MiB maximum on H2.
    text       VARCHAR                  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (call_id, seq)
);
