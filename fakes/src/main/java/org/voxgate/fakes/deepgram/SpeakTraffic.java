package org.voxgate.fakes.deepgram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one {@code /v1/speak} connection sent the fake and how much audio it got back.
 * Thread-safe: written by the fake's threads, read by tests at any time.
 */
public final class SpeakTraffic {
    private final Map<String, String> query;
    private final List<String> textFrames = new CopyOnWriteArrayList<>();
    private final AtomicLong audioBytesSent = new AtomicLong();

    SpeakTraffic(Map<String, String> query) {
        this.query = Map.copyOf(query);
    }

    /** The upgrade request's query parameters (first value of each). */
    public Map<String, String> query() {
        return query;
    }

    /** Every text frame received (Speak, Flush, Clear, Close), in order. */
    public List<String> textFrames() {
        return List.copyOf(textFrames);
    }

    /** Mu-law bytes of synthetic audio sent to the client. */
    public long audioBytesSent() {
        return audioBytesSent.get();
    }

    void text(String frame) {
        textFrames.add(frame);
    }

    void audioSent(int bytes) {
        audioBytesSent.addAndGet(bytes);
    }
}
