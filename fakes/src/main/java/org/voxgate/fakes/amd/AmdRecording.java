package org.voxgate.fakes.amd;

/**
 * One labelled answer of an outbound call, as 8 kHz mono 16-bit samples from the moment of
 * answer. Times are in milliseconds from the first sample; {@code -1} when there is none.
 * Immutable by convention: the sample array is the caller's to read, never to change.
 *
 * @param name a short id for reports, e.g. {@code human-03-hello}
 * @param label what a detector should say: {@code HUMAN}, {@code MACHINE} or {@code UNSURE}
 *     (the silent answer)
 * @param samples the audio, a whole number of 20 ms frames
 * @param speechEndMillis where the last speech (the greeting) ends, or -1 for a silent answer
 * @param beepStartMillis where the beep starts, or -1 without a beep
 * @param beepEndMillis where the beep ends, or -1 without a beep
 * @param beepHz the beep's frequency, or 0 without a beep
 */
public record AmdRecording(String name, String label, short[] samples, int speechEndMillis, int beepStartMillis,
        int beepEndMillis, int beepHz) {
    /** Whether a beep follows the greeting. */
    public boolean hasBeep() {
        return beepStartMillis >= 0;
    }

    /** The length in milliseconds. */
    public int millis() {
        return samples.length / 8;
    }
}
