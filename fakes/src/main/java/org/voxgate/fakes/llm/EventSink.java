package org.voxgate.fakes.llm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes server-sent events to one response, each flushed at once, waiting the configured
 * delay between events, and breaking the stream where the reply's script says.
 *
 * <p>Threading: one per response, used by the thread serving it.
 */
public final class EventSink {
    private final OutputStream out;
    private final Duration delay;
    private final int breakAfter;
    private int sent;

    EventSink(OutputStream out, Duration delay, int breakAfter) {
        this.out = out;
        this.delay = delay;
        this.breakAfter = breakAfter;
    }

    /**
     * Sends one event: an {@code event:} line when {@code name} is not null, then its
     * {@code data:} line and the blank line.
     *
     * @throws IOException the client has gone
     */
    public void send(String name, String data) throws IOException {
        if (breakAfter >= 0 && sent == breakAfter) {
            throw new BreakNow();
        }
        if (sent > 0 && !delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        String event = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
        sent++;
    }

    /** Thrown out of {@link #send} where the script breaks the stream. */
    static final class BreakNow extends RuntimeException {
        BreakNow() {
            super("scripted break", null, false, false);
        }
    }
}
