package org.voxgate.media;

import java.time.Duration;

/**
 * Media settings, validated once at construction.
 *
 * @param bindAddress local address RTP sockets bind to (for example 0.0.0.0 or 127.0.0.1)
 * @param advertisedAddress address written into SDP answers
 * @param portMin lowest RTP port (inclusive, rounded up to even)
 * @param portMax highest port (inclusive); RTCP uses RTP port + 1, so it must fit too
 * @param mediaTimeout silence on the wire after which the timeout listener fires
 * @param jitterBufferMinMs floor of the adaptive jitter buffer's target delay
 * @param jitterBufferMaxMs ceiling of that target (at most 500)
 */
public record MediaConfig(
        String bindAddress, String advertisedAddress, int portMin, int portMax, Duration mediaTimeout,
        int jitterBufferMinMs, int jitterBufferMaxMs) {
    /** Default floor of the jitter buffer's target delay. */
    public static final int DEFAULT_JITTER_MIN_MS = 20;
    /** Default ceiling of the jitter buffer's target delay. */
    public static final int DEFAULT_JITTER_MAX_MS = 200;

    /** Settings with the default jitter buffer bounds (20-200 ms). */
    public MediaConfig(String bindAddress, String advertisedAddress, int portMin, int portMax, Duration mediaTimeout) {
        this(bindAddress, advertisedAddress, portMin, portMax, mediaTimeout, DEFAULT_JITTER_MIN_MS, DEFAULT_JITTER_MAX_MS);
    }

    public MediaConfig {
        if (portMin < 1024 || portMax > 65535 || portMax - portMin < 1) {
            throw new IllegalArgumentException(
                    "rtp port range must lie within 1024-65535 and hold at least one pair: "
                            + portMin + "-" + portMax);
        }
        if (mediaTimeout.isNegative() || mediaTimeout.isZero()) {
            throw new IllegalArgumentException("media timeout must be positive: " + mediaTimeout);
        }
        if (jitterBufferMinMs < 0 || jitterBufferMaxMs < jitterBufferMinMs || jitterBufferMaxMs > 500) {
            throw new IllegalArgumentException("jitter buffer bounds must satisfy 0 <= min <= max <= 500 ms: "
                    + jitterBufferMinMs + "-" + jitterBufferMaxMs);
        }
    }
}
