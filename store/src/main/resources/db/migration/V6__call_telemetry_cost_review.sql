-- Per-turn latency figures, per-call outcome, cost and latency summary, the cost lines, and a
-- post-call review (summary and 1-10 rating). Runs unchanged on H2 (MODE=PostgreSQL) and
-- PostgreSQL 15+.
-- The calls upsert names its columns, so it never touches these: they are written once at the
-- end of the call (telemetry) or later (review) by statements of their own.

-- call_outcome is the business classification (COMPLETED, TRANSFERRED, CALLER_HUNG_UP,
-- VOICEMAIL, NO_ANSWER, BUSY, FAILED), beside outcome, which says how the SIP setup ended.
ALTER TABLE calls ADD COLUMN call_outcome VARCHAR(32);
-- US dollars, rounded to micro-dollars; call_costs holds the exact lines.
ALTER TABLE calls ADD COLUMN cost_total NUMERIC(12, 6);
ALTER TABLE calls ADD COLUMN v2v_min_ms BIGINT;
ALTER TABLE calls ADD COLUMN v2v_avg_ms DOUBLE PRECISION;
ALTER TABLE calls ADD COLUMN v2v_max_ms BIGINT;
ALTER TABLE calls ADD COLUMN v2v_p95_ms BIGINT;
ALTER TABLE calls ADD COLUMN interruptions INTEGER;
ALTER TABLE calls ADD COLUMN false_interruptions INTEGER;
ALTER TABLE calls ADD COLUMN dead_air_count INTEGER;
-- VARCHAR without a length: unbounded on PostgreSQL, H2's 1 MiB maximum on H2.
ALTER TABLE calls ADD COLUMN summary VARCHAR;
ALTER TABLE calls ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 10);
-- The reviewer's reasons as it gave them (plain text or a JSON document kept as text).
ALTER TABLE calls ADD COLUMN rating_reasons VARCHAR;
ALTER TABLE calls ADD COLUMN reviewed_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE call_costs (
    call_id   VARCHAR(255)   NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq       INTEGER        NOT NULL,
    component VARCHAR(16)    NOT NULL,
    vendor    VARCHAR(64)    NOT NULL,
    model     VARCHAR(255)   NOT NULL,
    quantity  NUMERIC(20, 6) NOT NULL,
    unit      VARCHAR(64)    NOT NULL,
    amount    NUMERIC(20, 12) NOT NULL,
    -- false when no price was known and amount is therefore 0
    priced    BOOLEAN        NOT NULL,
    PRIMARY KEY (call_id, seq)
);

-- One row per conversational turn (the caller spoke, the bot answered), seq from 1. Marks are
-- the absolute times of the turn's moments (NULL when not seen); the *_ms parts add up to
-- voice_to_voice_ms (see TurnMetrics in the pipeline).
CREATE TABLE turn_metrics (
    call_id             VARCHAR(255)             NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
    seq                 INTEGER                  NOT NULL,
    user_speech_start_at TIMESTAMP WITH TIME ZONE,
    user_speech_end_at  TIMESTAMP WITH TIME ZONE,
    end_of_turn_at      TIMESTAMP WITH TIME ZONE,
    stt_final_at        TIMESTAMP WITH TIME ZONE,
    llm_first_token_at  TIMESTAMP WITH TIME ZONE,
    llm_done_at         TIMESTAMP WITH TIME ZONE,
    tts_first_byte_at   TIMESTAMP WITH TIME ZONE,
    first_bot_audio_at  TIMESTAMP WITH TIME ZONE,
    ended_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    endpointing_ms      BIGINT,
    stt_ms              BIGINT,
    llm_ms              BIGINT,
    tts_ms              BIGINT,
    send_ms             BIGINT,
    voice_to_voice_ms   BIGINT,
    interrupted         BOOLEAN                  NOT NULL,
    interruptions       INTEGER                  NOT NULL,
    false_interruptions INTEGER                  NOT NULL,
    caller_text         VARCHAR                  NOT NULL,
    bot_text            VARCHAR                  NOT NULL,
    PRIMARY KEY (call_id, seq)
);
