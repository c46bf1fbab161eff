-- Caller profiles: what operators know about a caller, keyed by the caller's number in E.164
-- (+14155550123) or, for callers that are not phone numbers, the SIP user part as written
-- (alice, 4000). Call statistics are not stored here: they are computed from calls.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.
CREATE TABLE caller_profiles (
    phone        VARCHAR(64)              NOT NULL PRIMARY KEY,
    display_name VARCHAR(255),
    -- VARCHAR without a length: unbounded on PostgreSQL, H2's 1 MiB maximum on H2.
    notes        VARCHAR,
    -- A JSON array of tags (["vip","spanish"]), stored as text and parsed with Jackson.
    tags         VARCHAR(4096)            DEFAULT '[]' NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Caller statistics look calls up by the caller's stored forms of a number.
CREATE INDEX calls_from_uri_idx ON calls (from_uri);
CREATE INDEX calls_to_uri_idx ON calls (to_uri);
