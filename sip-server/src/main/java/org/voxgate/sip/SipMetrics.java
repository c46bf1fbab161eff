package org.voxgate.sip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIP traffic counters: requests by method and responses by status class, each tagged with
 * the direction ({@code in}: received, {@code out}: sent).
 *
 * <p>Thread-safe; counters are created on first use and cached (label sets are small: a
 * handful of methods times six classes).
 */
final class SipMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SipMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void requestReceived(String method) { request(method, "in"); }

    void requestSent(String method) { request(method, "out"); }

    void responseSent(int status, String method) { response(status, method, "out"); }

    void responseReceived(int status, String method) { response(status, method, "in"); }

    /** An INVITE refused before routing because its sender could not be authenticated. */
    void inviteRefused(String why) {
        counters.computeIfAbsent("auth|" + why, k -> Counter.builder("voxgate.sip.invites.refused")
                        .description("INVITEs refused before routing: unauthenticated (401) or forbidden (403)")
                        .tag("why", why)
                        .register(registry))
                .increment();
    }

    private void request(String method, String direction) {
        String m = normalise(method);
        counters.computeIfAbsent("req|" + m + "|" + direction, k -> Counter.builder("voxgate.sip.requests")
                        .description("SIP requests by method")
                        .tag("method", m)
                        .tag("direction", direction)
                        .register(registry))
                .increment();
    }

    private void response(int status, String method, String direction) {
        String m = normalise(method);
        String statusClass = (status / 100) + "xx";
        counters.computeIfAbsent("res|" + statusClass + "|" + m + "|" + direction, k -> Counter.builder("voxgate.sip.responses")
                        .description("SIP responses by status class")
                        .tag("class", statusClass)
                        .tag("method", m)
                        .tag("direction", direction)
                        .register(registry))
                .increment();
    }

    /** Unknown extension methods share one label so a peer cannot blow up the label set. */
    private static String normalise(String method) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return switch (m) {
            case "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "UPDATE", "REFER",
                    "NOTIFY", "SUBSCRIBE", "MESSAGE", "PRACK", "PUBLISH" -> m;
            default -> "OTHER";
        };
    }
}
