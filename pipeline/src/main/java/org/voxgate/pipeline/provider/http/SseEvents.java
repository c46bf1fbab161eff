package org.voxgate.pipeline.provider.http;

/**
 * Parses a {@code text/event-stream} line by line (WHATWG server-sent events, the subset the
 * model vendors use): {@code event:} and {@code data:} fields, several {@code data:} lines
 * joined with newlines, one optional space after the colon removed, comment lines (starting
 * with a colon) and unknown fields ignored, an event dispatched at the blank line that ends
 * it. An event with no data is not dispatched; what is pending when the stream ends without
 * its blank line is dropped, as the standard says.
 *
 * <p>Threading: not thread-safe; one parser per stream, fed by the thread reading it.
 */
public final class SseEvents {
    private String event;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /**
     * Feeds one line (without its line terminator).
     *
     * @return the event this blank line completes, or {@code null}
     */
    public SseEvent line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.charAt(0) == ':') {
            return null; // a comment, e.g. a keep-alive
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> { } // id, retry and unknown fields mean nothing to a one-shot completion
        }
        return null;
    }

    private SseEvent dispatch() {
        SseEvent result = hasData ? new SseEvent(event == null || event.isEmpty() ? "message" : event,
                data.toString()) : null;
        event = null;
        data.setLength(0);
        hasData = false;
        return result;
    }
}
