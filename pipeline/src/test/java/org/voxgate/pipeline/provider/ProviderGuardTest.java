package org.voxgate.pipeline.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderGuardTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger attempts = new AtomicInteger();

    private ProviderGuard guard(int maxAttempts, int window, Duration openFor) {
        return new ProviderGuard("acme", "llm", new RetryPolicy(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(4),
                50, window, openFor), registry);
    }

    private double requests(String outcome) {
        return registry.get("voxgate_provider_requests_total").tag("vendor", "acme").tag("outcome", outcome)
                .counter().count();
    }

    private ProviderAction<String> failing(boolean retryable) {
        return () -> {
            attempts.incrementAndGet();
            throw new ProviderException("acme", "HTTP 503", retryable);
        };
    }

    @Test
    void retriesRetryableFailuresUntilOneSucceeds() throws Exception {
        ProviderGuard guard = guard(3, 10, Duration.ofMinutes(1));

        String result = guard.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ProviderException("acme", "HTTP 503", true);
            }
            return "headers";
        });

        assertThat(result).isEqualTo("headers");
        assertThat(attempts).hasValue(3);
        assertThat(requests("ok")).isEqualTo(1.0);
        assertThat(requests("failed")).isZero();
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        ProviderGuard guard = guard(3, 10, Duration.ofMinutes(1));

        assertThatThrownBy(() -> guard.call(failing(true))).isInstanceOf(ProviderException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(attempts).hasValue(3);
        assertThat(requests("failed")).isEqualTo(1.0);
    }

    @Test
    void doesNotRetryWhatCannotSucceed() {
        ProviderGuard guard = guard(3, 10, Duration.ofMinutes(1));

        assertThatThrownBy(() -> guard.call(failing(false)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anUnexpectedExceptionBecomesANonRetryableProviderException() {
        ProviderGuard guard = guard(3, 10, Duration.ofMinutes(1));

        assertThatThrownBy(() -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.vendor()).isEqualTo("acme");
        });
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndRefusesWithoutTrying() {
        ProviderGuard guard = guard(1, 4, Duration.ofMinutes(5));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guard.call(failing(true))).hasMessageContaining("HTTP 503");
        }
        assertThat(guard.available()).isFalse();

        assertThatThrownBy(() -> guard.call(failing(true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.getMessage()).contains("circuit open");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(attempts).hasValue(4);
        assertThat(requests("rejected")).isEqualTo(1.0);
    }

    @Test
    void brokenStreamsCountTowardsTheCircuit() {
        ProviderGuard guard = guard(1, 4, Duration.ofMinutes(5));
        for (int i = 0; i < 4; i++) {
            guard.streamFailed(new ProviderException("acme", "socket dropped", true));
        }

        assertThat(guard.available()).isFalse();
        assertThat(registry.get("voxgate_provider_stream_failures_total").counter().count()).isEqualTo(4.0);
    }

    @Test
    void anOpenCircuitLetsATrialCallThroughAfterItsRestAndClosesOnSuccess() throws Exception {
        ProviderGuard guard = guard(1, 4, Duration.ofMillis(50));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guard.call(failing(true))).hasMessageContaining("HTTP 503");
        }
        assertThat(guard.available()).isFalse();

        Await.until("the circuit lets a trial call through", () -> {
            try {
                return "ok".equals(guard.call(() -> "ok"));
            } catch (ProviderException stillOpen) {
                return false;
            }
        });
        assertThat(guard.available()).isTrue();
    }
}
