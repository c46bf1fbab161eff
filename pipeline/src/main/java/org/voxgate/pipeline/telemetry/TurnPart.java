package org.voxgate.pipeline.telemetry;

import java.util.Locale;

/**
 * The parts voice-to-voice latency splits into. Each part ends at its {@link #end()} mark and
 * starts at the latest earlier mark of the chain that was seen (see {@link TurnMetrics}).
 */
public enum TurnPart {
    /** USER_SPEECH_END to END_OF_TURN: how long the pipeline waited to be sure the turn was over. */
    ENDPOINTING(TurnMark.END_OF_TURN),
    /** END_OF_TURN to STT_FINAL: may be zero or negative when the final transcript came first. */
    STT(TurnMark.STT_FINAL),
    /** To LLM_FIRST_TOKEN. */
    LLM(TurnMark.LLM_FIRST_TOKEN),
    /** To TTS_FIRST_BYTE. */
    TTS(TurnMark.TTS_FIRST_BYTE),
    /** TTS_FIRST_BYTE to FIRST_BOT_AUDIO: queueing, encoding and pacing of the first packet. */
    SEND(TurnMark.FIRST_BOT_AUDIO);

    private final TurnMark end;

    TurnPart(TurnMark end) {
        this.end = end;
    }

    /** The mark this part ends at. */
    public TurnMark end() {
        return end;
    }

    /** Lower-case name used in records, JSON and metric labels, for example {@code endpointing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
