package org.voxgate.pipeline.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket to a provider (the JDK's client): connect with headers and a timeout, whole text
 * and binary messages delivered to a {@link Handler}, sends serialized, an optional keep-alive
 * message, and a failed handshake turned into a {@link ProviderException} that says whether a
 * retry may help (429 and 5xx may, 401 or 404 will not).
 *
 * <p>Threading: sends may come from any thread; they are queued in order (the JDK allows one
 * outstanding send). The handler is called on the client's thread, one message at a time, and
 * must not block. Ownership: a {@code ByteBuffer} given to the handler is valid only during
 * the call.
 */
public final class ProviderSocket implements AutoCloseable {
    /** What a provider sends. */
    public interface Handler {
        /** A whole text message (fragments joined). */
        void onText(String text);

        /** A whole binary message (fragments joined). */
        default void onBinary(ByteBuffer data) {}

        /** The provider closed the socket, or we did ({@code code} 1000 then). Called once. */
        void onClosed(int code, String reason);

        /** The connection broke without a close handshake. Called at most once, instead of {@code onClosed}. */
        void onFailure(Throwable error);
    }

    private final String vendor;
    private final WebSocket socket;
    private final Relay relay;
    private final AtomicBoolean ended = new AtomicBoolean();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private volatile long lastSendNanos = System.nanoTime();
    /** We asked for the close: an output closed after this is no failure. Guarded by this. */
    private boolean closeSent;

    private ProviderSocket(String vendor, WebSocket socket, Relay relay) {
        this.vendor = vendor;
        this.socket = socket;
        this.relay = relay;
    }

    /**
     * Opens a WebSocket. Blocks until it is up or {@code timeout} passes: call it on a virtual
     * thread (usually inside {@link ProviderGuard#call}).
     */
    public static ProviderSocket connect(HttpClient client, String vendor, URI uri, Map<String, String> headers,
            Duration timeout, Handler handler) throws ProviderException {
        Relay relay = new Relay(handler);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        CompletableFuture<WebSocket> pending = builder.buildAsync(uri, relay);
        try {
            WebSocket ws = pending.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            ProviderSocket socket = new ProviderSocket(vendor, ws, relay);
            relay.owner = socket;
            return socket;
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(vendor, "interrupted while connecting", false, e);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ProviderException(vendor, "no WebSocket within " + timeout.toMillis() + " ms: " + uri.getHost(), true, e);
        } catch (ExecutionException e) {
            throw handshakeFailure(vendor, uri, e.getCause());
        }
    }

    private static ProviderException handshakeFailure(String vendor, URI uri, Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            boolean retryable = status == 408 || status == 429 || status >= 500;
            return new ProviderException(vendor, "WebSocket refused with HTTP " + status + " at " + uri.getHost()
                    + uri.getPath(), retryable, cause);
        }
        boolean retryable = cause instanceof IOException || cause instanceof HttpTimeoutException;
        return new ProviderException(vendor, "cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": " + cause,
                retryable, cause);
    }

    /** Queues a text message. Ignored once the socket has ended. */
    public void sendText(String text) {
        send(() -> socket.sendText(text, true));
    }

    /** Queues a binary message; {@code data} must not be touched afterwards. Ignored once ended. */
    public void sendBinary(ByteBuffer data) {
        send(() -> socket.sendBinary(data, true));
    }

    private synchronized void send(java.util.function.Supplier<CompletableFuture<WebSocket>> op) {
        if (ended.get()) {
            return;
        }
        if (socket.isOutputClosed()) {
            if (!closeSent) {
                // The JDK closed the output after a transport error without telling the listener.
                reportLater(new IOException("connection lost (output closed by the transport)"));
            }
            return;
        }
        lastSendNanos = System.nanoTime();
        CompletableFuture<?> next = tail.handle((v, e) -> null).thenCompose(v -> socket.isOutputClosed()
                ? CompletableFuture.completedFuture(null) : op.get());
        // The JDK fails only the send's future when the peer has gone (a reset or broken pipe
        // while writing) and may never call the listener: report it as the connection breaking.
        next.whenComplete((v, e) -> {
            if (e != null && !ended.get()) {
                reportLater(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : e);
            }
        });
        tail = next;
    }

    /** Reports a send failure to the handler on a thread of its own, never under this socket's lock. */
    private void reportLater(Throwable error) {
        Thread.ofVirtual().name(vendor + "-send-failed").start(() -> relay.failed(error));
    }

    /**
     * Sends {@code message} whenever nothing was sent for {@code interval} (Deepgram wants a
     * {@code KeepAlive} every few seconds while no audio flows), until the socket ends. Runs on
     * a virtual thread of its own.
     */
    public void keepAlive(Duration interval, String message) {
        Thread.ofVirtual().name(vendor + "-keepalive").start(() -> {
            long intervalNanos = interval.toNanos();
            while (!ended.get()) {
                long idle = System.nanoTime() - lastSendNanos;
                if (idle >= intervalNanos) {
                    sendText(message);
                    idle = 0;
                }
                try {
                    Thread.sleep(Duration.ofNanos(intervalNanos - idle));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Whether the socket is still usable. */
    public boolean isOpen() {
        return !ended.get() && !socket.isOutputClosed();
    }

    /** Closes with 1000 after the queued sends. Idempotent. */
    @Override
    public void close() {
        closeWith(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Drops the connection at once (barge-in on a provider without a cancel message). */
    public void abort() {
        ended.set(true);
        socket.abort();
    }

    private synchronized void closeWith(int code, String reason) {
        if (socket.isOutputClosed()) {
            return;
        }
        closeSent = true;
        tail = tail.handle((v, e) -> null).thenCompose(v -> socket.sendClose(code, reason));
    }

    /** Joins fragments and hands whole messages to the handler. */
    private static final class Relay implements WebSocket.Listener {
        private final Handler handler;
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);
        private volatile ProviderSocket owner;
        private final AtomicBoolean done = new AtomicBoolean();

        Relay(Handler handler) {
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                handler.onText(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last && binary.position() == 0) {
                handler.onBinary(data);
            } else {
                if (binary.remaining() < data.remaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(binary.capacity() * 2, binary.position() + data.remaining()));
                    binary.flip();
                    bigger.put(binary);
                    binary = bigger;
                }
                binary.put(data);
                if (last) {
                    binary.flip();
                    handler.onBinary(binary);
                    binary.clear();
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            end();
            if (done.compareAndSet(false, true)) {
                handler.onClosed(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failed(error);
        }

        void failed(Throwable error) {
            end();
            if (done.compareAndSet(false, true)) {
                handler.onFailure(error);
            }
        }

        private void end() {
            ProviderSocket socket = owner;
            if (socket != null) {
                socket.ended.set(true);
            }
        }
    }
}
