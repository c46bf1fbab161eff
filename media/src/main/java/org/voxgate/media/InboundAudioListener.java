package org.voxgate.media;

/**
 * Receives the caller's decoded audio, one 20 ms frame at a time, in playout order. Once the
 * caller's media starts flowing, exactly one frame comes every 20 ms: decoded audio, packet-loss
 * concealment, comfort noise or silence, so a consumer sees a continuous 50 frame/s stream.
 *
 * <p>Threading: called on a media I/O thread; implementations copy and return at once.
 */
@FunctionalInterface
public interface InboundAudioListener {
    /**
     * @param frame {@link AudioChannel#FRAME_SAMPLES} samples of 8 kHz PCM; the array is
     *     owned by the caller and reused after this method returns
     */
    void onAudio(short[] frame);
}
