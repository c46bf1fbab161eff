package org.voxgate.admin;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.voxgate.store.CallFilter;
import org.voxgate.store.CallerKey;

/**
 * Reads the call filters that {@code GET /api/calls} and {@code GET /api/calls/export.csv}
 * share: {@code bot}, {@code direction} ({@code inbound|outbound}), {@code outcome} (a call
 * outcome: {@code COMPLETED}, {@code TRANSFERRED}, {@code CALLER_HUNG_UP}, {@code VOICEMAIL},
 * {@code NO_ANSWER}, {@code BUSY}, {@code FAILED}), {@code from} and {@code to} (ISO-8601
 * instants bounding the invite time, {@code from} inclusive, {@code to} exclusive) and
 * {@code caller} (a number in any spelling or a SIP user part, matched under every spelling the
 * calls table may hold). A bad value is a 400 naming the parameter.
 *
 * <p>Immutable and thread-safe.
 */
final class CallFilters {

    /** The business outcomes a call's analysis records (see the pipeline's CallOutcome). */
    static final Set<String> OUTCOMES = Set.of("COMPLETED", "TRANSFERRED", "CALLER_HUNG_UP", "VOICEMAIL",
            "NO_ANSWER", "BUSY", "FAILED");

    private final CallerKey keys = new CallerKey();
    private final String defaultRegion;

    /** @param defaultRegion region for caller numbers without a country code, or null to require one */
    CallFilters(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    CallFilter of(Context ctx) {
        String bot = text(ctx, "bot");
        if (bot != null && bot.length() > 255) {
            throw ApiError.badRequest("bot", "bot must be at most 255 characters");
        }
        String direction = text(ctx, "direction");
        if (direction != null) {
            direction = direction.toLowerCase(Locale.ROOT);
            if (!direction.equals("inbound") && !direction.equals("outbound")) {
                throw ApiError.badRequest("direction", "direction must be inbound or outbound");
            }
        }
        String outcome = text(ctx, "outcome");
        if (outcome != null) {
            outcome = outcome.toUpperCase(Locale.ROOT);
            if (!OUTCOMES.contains(outcome)) {
                throw ApiError.badRequest("outcome", "outcome must be one of " + String.join(", ",
                        OUTCOMES.stream().sorted().toList()));
            }
        }
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.badRequest("to", "to must be after from");
        }
        String caller = text(ctx, "caller");
        Set<String> forms = null;
        if (caller != null) {
            String key = callerKey(caller, "caller");
            forms = keys.storedForms(key);
        }
        return new CallFilter(bot, direction, outcome, from, to, forms);
    }

    /** The caller key of {@code raw}, or a 400 naming {@code field}. */
    String callerKey(String raw, String field) {
        // A '+' in a query string or a form-decoded path arrives as a space.
        String text = raw.startsWith(" ") ? "+" + raw.substring(1) : raw;
        return keys.of(text, defaultRegion).orElseThrow(() -> ApiError.badRequest(field,
                field + " must be a telephone number (E.164 such as +14155550123"
                        + (defaultRegion == null ? "" : ", or national in " + defaultRegion)
                        + ") or a SIP user name"));
    }

    /** The key normalizer. */
    CallerKey keys() {
        return keys;
    }

    static Instant instant(Context ctx, String name) {
        String raw = text(ctx, name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name, name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    static String text(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        if (raw.isBlank()) {
            throw ApiError.badRequest(name, name + " must not be empty");
        }
        return raw.strip();
    }
}
