package org.voxgate.store;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One bot's calls in a period, summed up. Immutable; the outcome map is an unmodifiable copy.
 *
 * @param bot                the bot's name
 * @param calls              calls invited in the period
 * @param outcomes           calls per business outcome ({@code COMPLETED}, ...); calls without an
 *                           analysis are counted under {@code UNKNOWN}
 * @param answeredCalls      calls that were answered and have ended, the base of the handle time
 * @param avgHandleSeconds   mean answered-to-ended time of those, or null when there are none
 * @param measuredTurns      turns with a voice-to-voice latency, the base of the percentiles
 * @param voiceToVoiceP50Ms  median voice-to-voice latency (nearest rank), or null without turns
 * @param voiceToVoiceP95Ms  95th percentile (nearest rank), or null without turns
 * @param costTotal          US dollars, the sum of the calls' totals
 * @param interruptions      barge-ins over all calls
 */
public record BotFigures(String bot, long calls, Map<String, Long> outcomes, long answeredCalls,
                         Double avgHandleSeconds, long measuredTurns, Long voiceToVoiceP50Ms,
                         Long voiceToVoiceP95Ms, BigDecimal costTotal, long interruptions) {

    public BotFigures {
        outcomes = Map.copyOf(outcomes);
    }
}
