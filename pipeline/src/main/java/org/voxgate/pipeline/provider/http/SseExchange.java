package org.voxgate.pipeline.provider.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;

/**
 * One streaming completion: the guarded request, then the event stream read to its end.
 *
 * <p>Threading: {@link #run} on its own virtual thread; {@link #cancel} from any thread.
 * Cancel and the reader meet through two volatile fields (the pending request and the open
 * body): each side writes its own and then reads the other's, so whichever comes second
 * aborts the exchange. While the body is read, a second virtual thread watches for silence
 * longer than the idle timeout and closes the body, which fails the stream. The exchange owns
 * the response body and always closes it.
 */
final class SseExchange implements Runnable, Cancellable {
    private final String vendor;
    private final HttpClient http;
    private final ProviderGuard guard;
    private final Duration idleTimeout;
    private final HttpRequest request;
    private final GatedListener listener;
    private final SseDecoder decoder;
    private volatile boolean cancelled;
    private volatile CompletableFuture<?> pending;
    private volatile InputStream body;
    private volatile boolean reading;
    private volatile long lastData;
    private volatile boolean fellSilent;

    SseExchange(String vendor, HttpClient http, ProviderGuard guard, Duration idleTimeout, HttpRequest request,
            LlmListener listener, Function<LlmListener, SseDecoder> decoders) {
        this.vendor = vendor;
        this.http = http;
        this.guard = guard;
        this.idleTimeout = idleTimeout;
        this.request = request;
        this.listener = new GatedListener(listener);
        this.decoder = decoders.apply(this.listener);
    }

    @Override
    public void cancel() {
        cancelled = true;
        listener.close();
        CompletableFuture<?> request = pending;
        if (request != null) {
            request.cancel(true); // aborts the exchange while it waits for headers
        }
        closeQuietly(body); // closing the body mid-stream closes the connection
    }

    @Override
    public void run() {
        HttpResponse<InputStream> response;
        try {
            response = guard.call(this::attempt);
        } catch (ProviderException e) {
            listener.onError(e);
            return;
        }
        if (response == null) {
            return; // cancelled before the headers came
        }
        body = response.body();
        if (cancelled) {
            closeQuietly(body);
            return;
        }
        read(body);
    }

    /** One request attempt; {@code null} when cancelled (a success for the guard: nothing failed). */
    private HttpResponse<InputStream> attempt() throws ProviderException {
        if (cancelled) {
            return null;
        }
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        pending = future;
        if (cancelled) {
            future.cancel(true);
        }
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (CancellationException e) {
            if (cancelled) {
                return null;
            }
            throw new ProviderException(vendor, "request aborted", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(vendor, "interrupted while waiting for the response", false, e);
        } catch (ExecutionException e) {
            if (cancelled) {
                return null;
            }
            Throwable cause = e.getCause();
            throw new ProviderException(vendor, "request failed: " + cause, cause instanceof IOException, cause);
        } finally {
            pending = null;
        }
        if (response.statusCode() / 100 != 2) {
            throw HttpErrors.of(vendor, response);
        }
        return response;
    }

    private void read(InputStream in) {
        SseEvents parser = new SseEvents();
        lastData = System.nanoTime();
        reading = true;
        Thread watchdog = Thread.ofVirtual().name(vendor + "-llm-idle").start(this::watchForSilence);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                lastData = System.nanoTime();
                if (cancelled) {
                    return;
                }
                SseEvent event = parser.line(line);
                if (event != null && decoder.accept(event)) {
                    return;
                }
            }
            broken(new ProviderException(vendor, endedEarly(), true));
        } catch (ProviderException e) {
            broken(e);
        } catch (IOException e) {
            broken(new ProviderException(vendor, fellSilent ? endedEarly() : "stream broke: " + e, true, e));
        } finally {
            reading = false;
            watchdog.interrupt();
        }
    }

    private String endedEarly() {
        return fellSilent ? "stream sent nothing for " + idleTimeout.toMillis() + " ms; treated as dead"
                : "stream ended before the completion did";
    }

    /** Closes the body when the stream has been silent for the idle timeout. */
    private void watchForSilence() {
        long limit = idleTimeout.toNanos();
        while (reading) {
            long silent = System.nanoTime() - lastData;
            if (silent >= limit) {
                fellSilent = true;
                closeQuietly(body);
                return;
            }
            try {
                Thread.sleep(Duration.ofNanos(limit - silent));
            } catch (InterruptedException e) {
                return; // the read ended
            }
        }
    }

    private void broken(ProviderException error) {
        if (cancelled) {
            return; // our own close broke the read
        }
        guard.streamFailed(error);
        listener.onError(error);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }
}
