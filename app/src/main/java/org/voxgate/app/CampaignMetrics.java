package org.voxgate.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The campaign figures on {@code /metrics}: attempts ended by outcome
 * ({@code voxgate_campaign_attempts_total{outcome}}), AMD decisions by result
 * ({@code voxgate_campaign_amd_decisions_total{result}}) and their time from the answer
 * ({@code voxgate_campaign_amd_decision_ms}, with p50/p95).
 *
 * <p>Thread-safe (Micrometer meters are).
 */
final class CampaignMetrics {
    private final MeterRegistry registry;
    private final DistributionSummary amdMillis;

    CampaignMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.amdMillis = DistributionSummary.builder("voxgate.campaign.amd.decision.ms")
                .description("Answering-machine detection: audio from the answer to the decision")
                .baseUnit("milliseconds").publishPercentiles(0.5, 0.95).register(registry);
    }

    void attemptEnded(String outcome) {
        Counter.builder("voxgate.campaign.attempts").description("Campaign attempts ended, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    void amdDecided(String result, int afterMillis) {
        Counter.builder("voxgate.campaign.amd.decisions").description("Answering-machine decisions, by result")
                .tag("result", result).register(registry).increment();
        amdMillis.record(afterMillis);
    }
}
