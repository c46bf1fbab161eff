package org.voxgate.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry in a call's event log: something that happened during the call other than a
 * turn, such as a DTMF digit ({@code kind = "dtmf"}, detail {@code digit}, {@code source},
 * {@code durationMillis}). The kind is open: new kinds ({@code answered}, {@code transfer},
 * {@code hold} ...) need no schema change.
 *
 * <p>Immutable and thread-safe; the detail map is an unmodifiable copy. {@code (callId, seq)}
 * identifies the event, so writing it again replaces rather than duplicates it.
 *
 * @param seq    position in the call's event log; never negative
 * @param at     when it happened
 * @param kind   lower-case name, letters, digits, {@code _} and {@code -}, at most 64 characters
 * @param detail small string-to-string map describing the event; {@code null} reads as empty
 */
public record CallEvent(int seq, Instant at, String kind, Map<String, String> detail) {

    /** The kind of a DTMF digit event. */
    public static final String DTMF = "dtmf";

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public CallEvent {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative (was " + seq + ")");
        }
        Objects.requireNonNull(at, "at");
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be a lower-case name (was " + kind + ")");
        }
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** A DTMF digit event. */
    public static CallEvent dtmf(int seq, Instant at, char digit, String source, int durationMillis) {
        return new CallEvent(seq, at, DTMF, Map.of("digit", String.valueOf(digit), "source", source,
                "durationMillis", Integer.toString(durationMillis)));
    }
}
