-- The version of the bot's configuration a call ran (bot_versions.version of calls.bot);
-- null for built-in and bots.agents bots, which are not versioned, and for calls before V9.
ALTER TABLE calls ADD COLUMN bot_version INTEGER;
