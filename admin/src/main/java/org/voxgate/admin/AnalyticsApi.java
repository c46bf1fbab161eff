package org.voxgate.admin;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.voxgate.store.BotAnalytics;
import org.voxgate.store.BotFigures;

/**
 * {@code GET /api/analytics/bots?from=&to=&bot=}: per bot, the calls invited in {@code [from, to)}
 * (both optional ISO-8601 instants; absent = unbounded), their count by outcome (calls not yet
 * analysed count as {@code UNKNOWN}), average handle time (answered to ended, seconds), voice-to-voice
 * latency p50/p95 over their turns (nearest rank, milliseconds), cost (US dollars) and
 * interruptions. Bots without calls in the period are left out.
 *
 * <p>Stateless and thread-safe.
 */
final class AnalyticsApi {

    private final BotAnalytics analytics;

    AnalyticsApi(BotAnalytics analytics) {
        this.analytics = analytics;
    }

    /** The response body. */
    record Report(Instant from, Instant to, List<BotReport> bots) {}

    /** One bot's figures as JSON. */
    record BotReport(String bot, long calls, Map<String, Long> outcomes, long answeredCalls,
                     Double averageHandleSeconds, Latency latency, BigDecimal costTotal, long interruptions) {}

    /** Voice-to-voice latency over {@code turns} measured turns; the percentiles are null without turns. */
    record Latency(long turns, Long voiceToVoiceP50Ms, Long voiceToVoiceP95Ms) {}

    void bots(Context ctx) {
        Instant from = CallFilters.instant(ctx, "from");
        Instant to = CallFilters.instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.badRequest("to", "to must be after from");
        }
        String bot = CallFilters.text(ctx, "bot");
        List<BotReport> bots = analytics.perBot(from, to, bot).stream().map(AnalyticsApi::report).toList();
        ctx.json(new Report(from, to, bots));
    }

    private static BotReport report(BotFigures f) {
        Double avg = f.avgHandleSeconds() == null ? null : Math.round(f.avgHandleSeconds() * 1000) / 1000.0;
        return new BotReport(f.bot(), f.calls(), new java.util.TreeMap<>(f.outcomes()), f.answeredCalls(), avg,
                new Latency(f.measuredTurns(), f.voiceToVoiceP50Ms(), f.voiceToVoiceP95Ms()), f.costTotal(),
                f.interruptions());
    }
}
