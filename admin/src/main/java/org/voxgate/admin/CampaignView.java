package org.voxgate.admin;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignSettings;
import org.voxgate.store.RetryRule;
import org.voxgate.store.Trunk;

/**
 * A campaign as the API shows it: the stored fields in the shape {@link CampaignBody} reads,
 * plus its effective pacing (the campaign's, capped by the trunk's {@code callsPerSecond} and
 * {@code maxCalls} when those are set) and the state and times.
 *
 * <p>Immutable.
 */
record CampaignView(String id, String name, String bot, String trunk, String callerId, String timeZone,
                    String state, List<Window> windows, LocalDate startDate, LocalDate endDate, Pacing pacing,
                    EffectivePacing effectivePacing, Map<String, Retry> retry, Voicemail voicemail, Amd amd,
                    Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt) {

    record Window(List<String> days, String start, String end) {}

    record Pacing(int callsPerSecond, int maxConcurrent) {}

    /**
     * What the dialler will use.
     *
     * @param limitedBy {@code trunk} when the trunk's limits lowered either figure, else null
     */
    record EffectivePacing(int callsPerSecond, int maxConcurrent, String limitedBy) {}

    record Retry(long delaySeconds, int maxAttempts) {}

    record Voicemail(String action, String message) {}

    record Amd(boolean enabled, String classifier) {}

    static CampaignView of(Campaign c, Optional<Trunk> trunk) {
        CampaignSettings s = c.settings();
        List<Window> windows = s.windows().stream()
                .map(w -> new Window(w.days().stream().sorted().map(CampaignView::day).toList(),
                        w.start().toString(), w.end().toString()))
                .toList();
        Map<String, Retry> retry = new LinkedHashMap<>();
        CampaignBody.RETRY_KEYS.forEach((key, outcome) -> {
            RetryRule rule = s.retries().get(outcome);
            if (rule != null) {
                retry.put(key, new Retry(rule.delay().toSeconds(), rule.maxAttempts()));
            }
        });
        String action = switch (s.voicemail().action()) {
            case HANG_UP -> "hangup";
            case LEAVE_MESSAGE -> "leave_message";
        };
        return new CampaignView(c.id(), c.name(), c.bot(), c.trunk(), c.callerId(), c.timeZone(), c.state(), windows,
                s.startDate(), s.endDate(), new Pacing(s.callsPerSecond(), s.maxConcurrent()),
                effective(s, trunk), retry, new Voicemail(action, s.voicemail().message()),
                new Amd(s.amd().enabled(), s.amd().classifier().name().toLowerCase(Locale.ROOT)),
                c.createdAt(), c.updatedAt(), c.startedAt(), c.finishedAt());
    }

    /** The campaign's pacing capped by the trunk's limits (0 on a trunk means no limit). */
    static EffectivePacing effective(CampaignSettings s, Optional<Trunk> trunk) {
        int cps = s.callsPerSecond();
        int max = s.maxConcurrent();
        if (trunk.isPresent()) {
            Trunk t = trunk.get();
            if (t.callsPerSecond() > 0) {
                cps = Math.min(cps, t.callsPerSecond());
            }
            if (t.maxCalls() > 0) {
                max = Math.min(max, t.maxCalls());
            }
        }
        boolean limited = cps != s.callsPerSecond() || max != s.maxConcurrent();
        return new EffectivePacing(cps, max, limited ? "trunk" : null);
    }

    private static String day(DayOfWeek d) {
        return d.name().substring(0, 3);
    }
}
