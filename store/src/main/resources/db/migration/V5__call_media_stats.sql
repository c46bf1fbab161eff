-- Per-call media figures, written once when a call's media ends: counters both ways, RFC 3550
-- receiver statistics, what the caller's RTCP reports said of our stream, an E-model
-- (ITU-T G.107) R and MOS per direction, and the jitter buffer's delay and concealment.
-- A table of its own (one row per call at most) keeps the calls row and its upsert unchanged.
-- Figures that were never measured (no RTCP report, no packet) are NULL.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

CREATE TABLE call_media_stats (
    call_id              VARCHAR(255)     NOT NULL PRIMARY KEY REFERENCES calls (call_id) ON DELETE CASCADE,
    packets_in           BIGINT           NOT NULL,
    packets_out          BIGINT           NOT NULL,
    bytes_in             BIGINT           NOT NULL,
    bytes_out            BIGINT           NOT NULL,
    packets_lost         BIGINT           NOT NULL,
    packets_late         BIGINT           NOT NULL,
    -- dropped for coming from a source other than the latched one (anti-hijack)
    packets_rejected     BIGINT           NOT NULL,
    jitter_ms            DOUBLE PRECISION,
    rtt_ms               DOUBLE PRECISION,
    remote_packets_lost  BIGINT,
    remote_jitter_ms     DOUBLE PRECISION,
    r_inbound            DOUBLE PRECISION,
    mos_inbound          DOUBLE PRECISION,
    r_outbound           DOUBLE PRECISION,
    mos_outbound         DOUBLE PRECISION,
    jb_delay_p50_ms      DOUBLE PRECISION,
    jb_delay_p95_ms      DOUBLE PRECISION,
    frames_concealed     BIGINT,
    -- thrown away unplayed (buffer overflow, stream restart) and received twice
    packets_discarded    BIGINT,
    packets_duplicate    BIGINT
);
