package org.voxgate.pipeline.provider.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.ProviderGuard;

/**
 * What every streaming HTTP language-model client shares: it sends the request through the
 * {@link ProviderGuard} (retries with back-off while the failure is retryable, the circuit
 * breaker, metrics), checks the status, reads the {@code text/event-stream} body on a virtual
 * thread and hands each event to the vendor's {@link SseDecoder}. A vendor class only builds
 * its request and decodes its events.
 *
 * <p>Failures: a refused request (401/403/400/404) fails at once, naming the status and the
 * vendor's error message; 408/429/5xx and I/O errors are retried. A stream that breaks after
 * the headers (I/O error, the body ending before the vendor's end marker, an error event, or
 * no data at all for the idle timeout) is reported to {@link ProviderGuard#streamFailed} and to {@link LlmListener#onError}.
 *
 * <p>Threading: thread-safe and shared by all calls; it owns nothing but borrows the
 * {@link HttpClient} (owned by whoever built it). Each stream owns its response body and
 * closes it when done or cancelled.
 */
public final class SseClient {
    private final String vendor;
    private final HttpClient http;
    private final ProviderGuard guard;
    private final Duration idleTimeout;

    /**
     * @param vendor vendor name, for errors
     * @param http the client to send with (HTTP/1.1 or 2)
     * @param guard the vendor's retries, circuit breaker and metrics
     * @param idleTimeout how long an open stream may send nothing (not even a ping or a
     *     comment) before it is treated as dead
     */
    public SseClient(String vendor, HttpClient http, ProviderGuard guard, Duration idleTimeout) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.http = Objects.requireNonNull(http, "http");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /**
     * Starts one streaming completion and returns at once.
     *
     * @param request the POST, with its headers and a timeout for the response headers
     * @param listener gets the decoder's deliveries, on the stream's virtual thread
     * @param decoders makes the vendor's decoder for this stream, writing to the listener it is given
     * @return cancels the stream: aborts the exchange or closes the body; once {@code cancel}
     *     returns the listener gets nothing more
     */
    public Cancellable stream(HttpRequest request, LlmListener listener, Function<LlmListener, SseDecoder> decoders) {
        SseExchange exchange = new SseExchange(vendor, http, guard, idleTimeout, request, listener, decoders);
        Thread.ofVirtual().name(vendor + "-llm-stream").start(exchange);
        return exchange;
    }
}
