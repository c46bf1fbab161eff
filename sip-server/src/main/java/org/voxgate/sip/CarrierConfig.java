package org.voxgate.sip;

import java.time.Duration;

/**
 * Settings for talking to carriers: keep-alive, registration and outbound calls. Validated
 * once at construction.
 *
 * @param optionsInterval how often each enabled trunk gets an OPTIONS ({@code sip.trunks.options-interval-seconds})
 * @param optionsFailuresDown consecutive unanswered OPTIONS that mark a trunk down
 * @param registerRetryMin first back-off after a failed REGISTER; doubles on each failure
 * @param registerRetryMax back-off ceiling
 * @param ringTimeout default ring timeout of calls we place
 */
public record CarrierConfig(Duration optionsInterval, int optionsFailuresDown, Duration registerRetryMin,
        Duration registerRetryMax, Duration ringTimeout) {

    public CarrierConfig {
        if (optionsInterval == null || optionsInterval.toMillis() < 100) {
            throw new IllegalArgumentException("sip.trunks.options-interval-seconds must be positive");
        }
        if (optionsFailuresDown < 1) {
            throw new IllegalArgumentException("sip.trunks.options-failures-down must be at least 1");
        }
        if (registerRetryMin == null || registerRetryMin.isNegative() || registerRetryMin.isZero()
                || registerRetryMax == null || registerRetryMax.compareTo(registerRetryMin) < 0) {
            throw new IllegalArgumentException("sip.trunks.register-retry-min/max-seconds must be positive, min <= max");
        }
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("sip.trunks.ring-timeout-seconds must be positive");
        }
    }

    /** 30 s keep-alive, down after 3 misses, REGISTER back-off 2 s to 5 min, 60 s ring timeout. */
    public static CarrierConfig defaults() {
        return new CarrierConfig(Duration.ofSeconds(30), 3, Duration.ofSeconds(2), Duration.ofMinutes(5),
                Duration.ofSeconds(60));
    }
}
