package org.voxgate.fakes.deepgram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one {@code /v1/listen} connection sent the fake. Thread-safe: written by the fake's
 * threads, read by tests at any time.
 */
public final class ListenTraffic {
    private final Map<String, String> query;
    private final List<String> textFrames = new CopyOnWriteArrayList<>();
    private final AtomicLong audioBytes = new AtomicLong();
    private final AtomicInteger binaryFrames = new AtomicInteger();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile int closeCode = -1;

    ListenTraffic(Map<String, String> query) {
        this.query = Map.copyOf(query);
    }

    /** The upgrade request's query parameters (first value of each). */
    public Map<String, String> query() {
        return query;
    }

    /** Every text frame received, in order (KeepAlive, Finalize, CloseStream ...). */
    public List<String> textFrames() {
        return List.copyOf(textFrames);
    }

    /** Mu-law bytes received in binary frames. */
    public long audioBytes() {
        return audioBytes.get();
    }

    /** Binary frames received. */
    public int binaryFrames() {
        return binaryFrames.get();
    }

    /** Every JSON message the fake sent, in order. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    /** The close code the fake closed with, or -1 while open (or when dropped). */
    public int closeCode() {
        return closeCode;
    }

    void text(String frame) {
        textFrames.add(frame);
    }

    void audio(int bytes) {
        binaryFrames.incrementAndGet();
        audioBytes.addAndGet(bytes);
    }

    void sent(String message) {
        sent.add(message);
    }

    void closed(int code) {
        closeCode = code;
    }
}
