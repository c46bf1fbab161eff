package org.voxgate.media;

import java.util.List;
import java.util.Locale;

/**
 * Audio codecs Voxgate can negotiate, with the RTP payload type we offer each on, its
 * {@code a=rtpmap} name, RTP clock rate and channel count.
 *
 * <p>Opus (RFC 7587) has no static payload type: {@link #payloadType()} is the dynamic number
 * we put in our own offers; in an answer we use whatever number the offer gave it. Its rtpmap
 * is always {@code opus/48000/2} whatever is really sent (RFC 7587 section 7).
 */
public enum Codec {
    PCMU(0, "PCMU", 8000, 1),
    PCMA(8, "PCMA", 8000, 1),
    /** Sampled at 16 kHz, but its RTP clock is 8000 for historical reasons (RFC 3551 4.5.2). */
    G722(9, "G722", 8000, 1),
    OPUS(111, "opus", 48000, 2);

    /** The order used when nothing else is configured: G.711 first, as every peer has it. */
    public static final List<Codec> DEFAULT_PREFERENCE = List.of(PCMU, PCMA, OPUS);

    private final int payloadType;
    private final String encodingName;
    private final int clockRate;
    private final int channels;

    Codec(int payloadType, String encodingName, int clockRate, int channels) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.channels = channels;
    }

    /** The static payload type, or for Opus the dynamic one we offer it on. */
    public int payloadType() { return payloadType; }

    public String encodingName() { return encodingName; }

    /** RTP timestamp rate (Hz). */
    public int clockRate() { return clockRate; }

    /** Channel count written in the rtpmap (2 for Opus, which may still carry mono). */
    public int channels() { return channels; }

    /** True when the payload type is negotiated per session rather than fixed (RFC 3551). */
    public boolean dynamic() { return payloadType >= 96; }

    /**
     * Parses a codec name as written in configuration or the API ({@code pcmu}, {@code PCMA},
     * {@code opus}), case-insensitively.
     *
     * @throws IllegalArgumentException naming the unknown codec and the known ones
     */
    public static Codec parse(String name) {
        String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Codec c : values()) {
            if (c.name().equals(upper)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + name + "' (known: pcmu, pcma, g722, opus)");
    }
}
