package org.voxgate.pipeline.provider;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Retries, circuit breaking and metrics for one provider client (resilience4j and
 * Micrometer), so that a vendor class only speaks its protocol.
 *
 * <p>{@link #call} runs a connection or request attempt with retries and exponential back-off
 * while the failure is {@link ProviderException#retryable() retryable}, through a circuit
 * breaker that refuses at once while the provider keeps failing (a failover chain then moves
 * on without waiting). A stream that breaks after it was established is reported with
 * {@link #streamFailed}, which counts towards the circuit too.
 *
 * <p>Metrics: {@code voxgate_provider_requests_total{vendor,kind,outcome}} (outcome
 * {@code ok}, {@code failed}, {@code rejected} by the open circuit),
 * {@code voxgate_provider_connect_seconds{vendor,kind}} and
 * {@code voxgate_provider_stream_failures_total{vendor,kind}}.
 *
 * <p>Threading: thread-safe. {@link #call} blocks while it retries: call it on a virtual
 * thread, never on a media event loop.
 */
public final class ProviderGuard {
    private final String vendor;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Counter ok;
    private final Counter failed;
    private final Counter rejected;
    private final Counter streamFailures;
    private final Timer connectTime;

    /**
     * @param vendor vendor name (metrics tag)
     * @param kind {@code stt}, {@code llm}, {@code tts} or {@code realtime} (metrics tag)
     */
    public ProviderGuard(String vendor, String kind, RetryPolicy policy, MeterRegistry registry) {
        this.vendor = vendor;
        String name = vendor + "-" + kind;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRatePercent())
                .slidingWindowSize(policy.window())
                .minimumNumberOfCalls(Math.min(policy.window(), 4))
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), 2.0,
                        policy.maxBackoff()))
                .retryOnException(e -> e instanceof ProviderException p && p.retryable())
                .failAfterMaxAttempts(false)
                .build());
        this.ok = requests(registry, vendor, kind, "ok");
        this.failed = requests(registry, vendor, kind, "failed");
        this.rejected = requests(registry, vendor, kind, "rejected");
        this.streamFailures = Counter.builder("voxgate_provider_stream_failures_total")
                .description("Provider streams that broke after they were established")
                .tag("vendor", vendor).tag("kind", kind).register(registry);
        this.connectTime = Timer.builder("voxgate_provider_connect_seconds")
                .description("Time to connect to a provider or get its response headers, retries included")
                .tag("vendor", vendor).tag("kind", kind).register(registry);
    }

    private static Counter requests(MeterRegistry registry, String vendor, String kind, String outcome) {
        return Counter.builder("voxgate_provider_requests_total")
                .description("Connections and requests to AI providers by outcome")
                .tag("vendor", vendor).tag("kind", kind).tag("outcome", outcome).register(registry);
    }

    /**
     * Runs {@code action}, retrying retryable failures with back-off, through the circuit
     * breaker.
     *
     * @throws ProviderException the last failure, or a non-retryable one naming the open
     *     circuit when the provider is being given a rest
     */
    public <T> T call(ProviderAction<T> action) throws ProviderException {
        long start = System.nanoTime();
        try {
            T result = Retry.decorateCheckedSupplier(retry,
                    CircuitBreaker.decorateCheckedSupplier(breaker, action::attempt)).get();
            ok.increment();
            return result;
        } catch (CallNotPermittedException e) {
            rejected.increment();
            throw new ProviderException(vendor, "circuit open after repeated failures; not tried", false, e);
        } catch (ProviderException e) {
            failed.increment();
            throw e;
        } catch (Throwable e) {
            failed.increment();
            throw new ProviderException(vendor, "unexpected failure: " + e, false, e);
        } finally {
            connectTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** An established stream broke: counts towards opening the circuit. */
    public void streamFailed(ProviderException error) {
        streamFailures.increment();
        breaker.onError(0, TimeUnit.NANOSECONDS, error);
    }

    /** Whether the circuit currently lets calls through. */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }
}
