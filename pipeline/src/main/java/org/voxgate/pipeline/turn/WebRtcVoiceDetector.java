package org.voxgate.pipeline.turn;

import org.voxgate.media.AudioChannel;
import org.voxgate.media.audio.VoiceActivityDetector;

/**
 * {@link VoiceDetector} over media's WebRTC VAD (libfvad) at the bot's aggressiveness.
 *
 * <p>Threading: not thread-safe; one per call. Ownership: owns the native detector, freed by
 * {@link #close()}.
 */
public final class WebRtcVoiceDetector implements VoiceDetector {
    private final VoiceActivityDetector vad;

    /** @param mode aggressiveness 0-3 ({@link TurnTakingSettings#vadMode()}) */
    public WebRtcVoiceDetector(int mode) {
        this.vad = new VoiceActivityDetector(mode, AudioChannel.SAMPLE_RATE);
    }

    @Override
    public boolean isSpeech(short[] frame) {
        return vad.isSpeech(frame, 0, AudioChannel.FRAME_SAMPLES);
    }

    @Override
    public void close() {
        vad.close();
    }
}
