-- When each attempt's INVITE actually left (real clock). A carrier counts calls per second as
-- it receives them, so a claim looks at the sends of the last second across all nodes, not at
-- claims made a few milliseconds before their sends. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE call_tasks ADD COLUMN dialled_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX call_tasks_dialled_idx ON call_tasks (campaign_id, dialled_at);
