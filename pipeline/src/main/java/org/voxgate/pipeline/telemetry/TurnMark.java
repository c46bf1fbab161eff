package org.voxgate.pipeline.telemetry;

/**
 * The moments of one conversational turn, in the order they normally happen. Voice-to-voice
 * latency is {@link #FIRST_BOT_AUDIO} minus {@link #USER_SPEECH_END}; the marks between them
 * split it into its parts (end-of-turn decision, STT final, LLM first token, TTS first byte,
 * send).
 */
public enum TurnMark {
    /** The caller started speaking (VAD onset, or the provider's speech-started event). */
    USER_SPEECH_START,
    /** The caller's last voiced frame of the turn. */
    USER_SPEECH_END,
    /** The pipeline decided the turn is over (silence window, or the provider's end-of-turn signal). */
    END_OF_TURN,
    /** The final transcript of the turn is known. */
    STT_FINAL,
    /** The language model's first token (or the realtime model's first response event). */
    LLM_FIRST_TOKEN,
    /** The language model finished its reply. */
    LLM_DONE,
    /** The first synthesized audio byte arrived. */
    TTS_FIRST_BYTE,
    /** The first RTP packet of the bot's reply left for the caller. */
    FIRST_BOT_AUDIO
}
