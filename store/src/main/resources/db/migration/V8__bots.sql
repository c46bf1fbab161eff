-- Bot configurations ("skillbases") kept as versioned JSON documents. Every change adds a
-- row to bot_versions; bots points at the version new calls run. Deleting a bot only marks
-- it (deleted_at) so that calls keep referring to the versions they ran. Runs unchanged on
-- H2 (MODE=PostgreSQL) and PostgreSQL 15+.

CREATE TABLE bots (
    -- The routing name: [a-z0-9][a-z0-9_-]{0,63}, checked by the application.
    name            VARCHAR(64)              NOT NULL PRIMARY KEY,
    current_version INTEGER                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    -- Set when the bot is deleted; creating the name again revives it with a new version.
    deleted_at      TIMESTAMP WITH TIME ZONE
);

CREATE TABLE bot_versions (
    bot        VARCHAR(64)              NOT NULL REFERENCES bots (name),
    version    INTEGER                  NOT NULL,
    -- The whole skillbase as JSON text; parsed by the application, never queried in SQL.
    config     TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_by VARCHAR(255),
    comment    VARCHAR(1000),
    PRIMARY KEY (bot, version)
);
