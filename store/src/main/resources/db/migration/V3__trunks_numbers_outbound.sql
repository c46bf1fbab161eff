-- Carrier and PBX trunks, the numbers table that routes dialled numbers to bots, and what
-- outbound calls record. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

CREATE TABLE trunks (
    name               VARCHAR(64)              NOT NULL PRIMARY KEY,
    peer_host          VARCHAR(255),
    peer_port          INTEGER                  DEFAULT 5060 NOT NULL,
    transport          VARCHAR(8)               DEFAULT 'udp' NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
    -- Comma-separated IPs and CIDRs whose INVITEs belong to this trunk without digest.
    inbound_sources    VARCHAR(4096)            DEFAULT '' NOT NULL,
    -- Digest credentials the carrier uses towards us: only the HA1 hashes, never a password.
    inbound_username   VARCHAR(255),
    inbound_ha1_md5    VARCHAR(64),
    inbound_ha1_sha256 VARCHAR(128),
    -- Digest credentials we answer the carrier's challenges with. The secret must be kept
    -- as given (a challenge names its own realm and algorithm); the API never returns it.
    outbound_username  VARCHAR(255),
    outbound_secret    VARCHAR(255),
    register_enabled   BOOLEAN                  DEFAULT FALSE NOT NULL,
    register_expiry    INTEGER                  DEFAULT 3600 NOT NULL,
    from_user          VARCHAR(255),
    from_domain        VARCHAR(255),
    default_region     VARCHAR(2)               DEFAULT 'US' NOT NULL,
    -- Comma-separated codec names in order of preference, e.g. PCMA,PCMU.
    codecs             VARCHAR(255)             DEFAULT 'PCMU,PCMA' NOT NULL,
    max_calls          INTEGER                  DEFAULT 0 NOT NULL,
    calls_per_second   INTEGER                  DEFAULT 0 NOT NULL,
    default_bot        VARCHAR(255),
    enabled            BOOLEAN                  DEFAULT TRUE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE numbers (
    -- E.164 with the leading +, normalized before it is stored.
    number     VARCHAR(32)              NOT NULL PRIMARY KEY,
    bot        VARCHAR(255)             NOT NULL,
    -- When set, only calls arriving on this trunk match the number.
    trunk      VARCHAR(64)              REFERENCES trunks (name) ON DELETE SET NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE calls ADD COLUMN outcome VARCHAR(32);
ALTER TABLE calls ADD COLUMN trunk VARCHAR(64);
ALTER TABLE calls ADD COLUMN sip_status INTEGER;
