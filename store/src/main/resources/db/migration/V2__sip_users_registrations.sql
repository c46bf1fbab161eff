-- SIP users (phones that register) and their registrations (bindings).
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- Only digest HA1 hashes are stored, never passwords: H(username:realm:password) with MD5
-- and with SHA-256. realm records which realm they were computed for, since changing
-- sip.realm makes them useless (the user's password must then be set again).
CREATE TABLE sip_users (
    username     VARCHAR(64)              NOT NULL PRIMARY KEY,
    realm        VARCHAR(255)             NOT NULL,
    ha1_md5      VARCHAR(32)              NOT NULL,
    ha1_sha256   VARCHAR(64)              NOT NULL,
    display_name VARCHAR(255),
    enabled      BOOLEAN                  DEFAULT TRUE NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per contact of an address of record, written through by the registrar so a
-- restart keeps them; rows past expires_at are purged periodically.
CREATE TABLE registrations (
    aor           VARCHAR(320)             NOT NULL,
    contact       VARCHAR(1024)            NOT NULL,
    received_host VARCHAR(64)              NOT NULL,
    received_port INTEGER                  NOT NULL,
    transport     VARCHAR(8)               NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    call_id       VARCHAR(255)             NOT NULL,
    cseq          BIGINT                   NOT NULL,
    user_agent    VARCHAR(255),
    q             REAL                     NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (aor, contact)
);

CREATE INDEX registrations_expires_at_idx ON registrations (expires_at);
