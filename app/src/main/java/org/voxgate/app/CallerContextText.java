package org.voxgate.app;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.voxgate.store.CallerProfile;
import org.voxgate.store.CallerProfileRepository;
import org.voxgate.store.CallerStats;

/**
 * Writes what is known about a caller as plain English for a bot's system prompt, for example
 * "This caller has called 3 times in the last 7 days (5 in all); the last call, on 21 November,
 * ended TRANSFERRED. Name: Ann. Notes: prefers mornings. Tags: vip." A first-time caller without
 * a profile gets "" (the bot should not be told anything rather than be told "no history").
 *
 * <p>Lives in app because the pipeline must not see store records; the pipeline only gets the
 * text through {@link org.voxgate.pipeline.CallContext#callerContext()}.
 *
 * <p>Immutable and thread-safe.
 */
final class CallerContextText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private final ZoneId zone;

    /** @param zone the zone in which the last call's day is named (the node's, usually UTC) */
    CallerContextText(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * The text for a caller.
     *
     * @param stats   the caller's earlier calls (not counting the one in progress)
     * @param profile the operators' profile, or null when there is none
     */
    String format(CallerStats stats, CallerProfile profile) {
        List<String> parts = new ArrayList<>();
        if (stats.totalCalls() > 0) {
            StringBuilder s = new StringBuilder("This caller has called ")
                    .append(times(stats.recentCalls())).append(" in the last ")
                    .append(CallerProfileRepository.RECENT_DAYS).append(" days (")
                    .append(stats.totalCalls()).append(" in all)");
            if (stats.lastCallAt() != null) {
                s.append("; the last call, on ").append(DAY.format(stats.lastCallAt().atZone(zone)));
                s.append(stats.lastOutcome() == null ? "" : ", ended " + stats.lastOutcome());
            }
            parts.add(s.append('.').toString());
        } else if (profile != null) {
            parts.add("This is the caller's first call.");
        }
        if (profile != null) {
            if (present(profile.displayName())) {
                parts.add("Name: " + profile.displayName().strip() + ".");
            }
            if (present(profile.notes())) {
                parts.add("Notes: " + sentence(profile.notes().strip()));
            }
            if (!profile.tags().isEmpty()) {
                parts.add("Tags: " + String.join(", ", profile.tags()) + ".");
            }
        }
        return String.join(" ", parts);
    }

    private static String times(long n) {
        return n == 0 ? "no times" : n == 1 ? "once" : n + " times";
    }

    private static String sentence(String text) {
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?' ? text : text + ".";
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
