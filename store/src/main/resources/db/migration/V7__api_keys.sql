-- API keys for the admin HTTP API. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.
--
-- A key reads vxg_<id>_<secret>: id (8 base62 characters) is the primary key the server looks
-- the row up by; only a SHA-256 of the whole key is kept (hex), never the key itself.
-- role is admin | operator | viewer. A revoked key keeps its row (revoked_at set) so the
-- list shows who had access and when it ended.
CREATE TABLE api_keys (
    id           VARCHAR(16)              NOT NULL PRIMARY KEY,
    name         VARCHAR(100)             NOT NULL,
    role         VARCHAR(16)              NOT NULL,
    key_hash     VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX api_keys_role_idx ON api_keys (role, revoked_at);
