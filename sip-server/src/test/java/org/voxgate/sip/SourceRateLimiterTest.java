package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a hand-driven clock. */
class SourceRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstPassesThenTheRateApplies() {
        SourceRateLimiter limiter = new SourceRateLimiter(10, 5, 100, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        now.addAndGet(100_000_000L); // 100 ms at 10/s: one token
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        now.addAndGet(60_000_000_000L); // a minute: refilled, but never beyond the burst
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
    }

    @Test
    void sourcesAreIndependent() {
        SourceRateLimiter limiter = new SourceRateLimiter(1, 1, 100, now::get);
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeen() {
        SourceRateLimiter limiter = new SourceRateLimiter(1, 1, 3, now::get);
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("192.0.2." + (i % 250) + "/" + i);
        }
        assertThat(limiter.trackedSources()).isEqualTo(3);
    }
}
