package org.voxgate.fakes.elevenlabs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one {@code stream-input} connection sent the fake and what it got back. Thread-safe:
 * written by the fake's threads, read by tests at any time.
 */
public final class StreamInputTraffic {
    private final String voiceId;
    private final Map<String, String> query;
    private final List<String> textFrames = new CopyOnWriteArrayList<>();
    private final AtomicLong audioBytesSent = new AtomicLong();
    private volatile int closeCode = -1;
    private volatile boolean clientGone;

    StreamInputTraffic(String voiceId, Map<String, String> query) {
        this.voiceId = voiceId;
        this.query = Map.copyOf(query);
    }

    /** The voice id from the path. */
    public String voiceId() {
        return voiceId;
    }

    /** The upgrade request's query parameters (first value of each). */
    public Map<String, String> query() {
        return query;
    }

    /** Every text frame received, in order; the first is the init message. */
    public List<String> textFrames() {
        return List.copyOf(textFrames);
    }

    /** Mu-law bytes of synthetic audio sent (before base64). */
    public long audioBytesSent() {
        return audioBytesSent.get();
    }

    /** The close code the fake sent, or -1 if it did not close the socket itself. */
    public int closeCode() {
        return closeCode;
    }

    /** Whether the socket has ended, whoever ended it. */
    public boolean ended() {
        return clientGone || closeCode != -1;
    }

    void text(String frame) {
        textFrames.add(frame);
    }

    void audioSent(int bytes) {
        audioBytesSent.addAndGet(bytes);
    }

    void closed(int code) {
        closeCode = code;
    }

    void gone() {
        clientGone = true;
    }
}
