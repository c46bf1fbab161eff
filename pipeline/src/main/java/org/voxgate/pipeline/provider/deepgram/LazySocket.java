package org.voxgate.pipeline.provider.deepgram;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.provider.ProviderAction;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;

/**
 * A provider socket that is connected on a virtual thread (through the guard's retries) while
 * the caller already sends: messages given before it is up wait in a bounded queue (the
 * oldest audio is dropped past {@code maxPendingBytes}) and go out, in order, once it is.
 * {@link #end} sends a last message and drops the connection if the provider has not closed
 * it within a grace period.
 *
 * <p>Threading: all methods may be called from any thread and never block.
 */
final class LazySocket {
    private static final Logger log = LoggerFactory.getLogger(LazySocket.class);

    private final String vendor;
    private final int maxPendingBytes;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private int pendingBytes;
    private boolean droppedAudio;
    private ProviderSocket socket;
    private boolean ended;
    private boolean aborted;

    LazySocket(String vendor, int maxPendingBytes) {
        this.vendor = vendor;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Connects on a virtual thread. {@code up} runs once connected, before the queued messages
     * are sent; {@code failed} gets the guard's final failure.
     */
    void connect(ProviderGuard guard, ProviderAction<ProviderSocket> attempt, Consumer<ProviderSocket> up,
            Consumer<ProviderException> failed) {
        Thread.ofVirtual().name(vendor + "-connect").start(() -> {
            ProviderSocket connected;
            try {
                connected = guard.call(attempt);
            } catch (ProviderException e) {
                synchronized (this) {
                    ended = true;
                    pending.clear();
                }
                failed.accept(e);
                return;
            }
            up.accept(connected);
            synchronized (this) {
                socket = connected;
                for (Object message : pending) {
                    if (message instanceof String text) {
                        connected.sendText(text);
                    } else {
                        connected.sendBinary((ByteBuffer) message);
                    }
                }
                pending.clear();
                pendingBytes = 0;
                if (aborted) {
                    connected.abort();
                }
            }
        });
    }

    /** Sends (or queues) a text message; ignored after {@link #end} or {@link #abort}. */
    synchronized void sendText(String text) {
        if (ended) {
            return;
        }
        if (socket != null) {
            socket.sendText(text);
        } else {
            pending.add(text);
        }
    }

    /** Sends (or queues) {@code data}, which the caller must not touch afterwards; ignored once ended. */
    synchronized void sendBinary(ByteBuffer data) {
        if (ended) {
            return;
        }
        if (socket != null) {
            socket.sendBinary(data);
            return;
        }
        pending.add(data);
        pendingBytes += data.remaining();
        while (pendingBytes > maxPendingBytes) {
            Object oldest = pending.stream().filter(m -> m instanceof ByteBuffer).findFirst().orElse(null);
            if (oldest == null) {
                break;
            }
            pending.remove(oldest);
            pendingBytes -= ((ByteBuffer) oldest).remaining();
            if (!droppedAudio) {
                droppedAudio = true;
                log.warn("{}: still connecting; dropping the oldest buffered audio", vendor);
            }
        }
    }

    /** Whether {@link #end} was called or the connection failed. */
    synchronized boolean ended() {
        return ended;
    }

    /**
     * Sends {@code lastMessage} (after anything queued) and gives the provider {@code grace} to
     * close; then drops the connection. Idempotent.
     */
    void end(String lastMessage, Duration grace) {
        synchronized (this) {
            if (ended) {
                return;
            }
            sendText(lastMessage);
            ended = true;
        }
        Thread.ofVirtual().name(vendor + "-closing").start(() -> {
            long deadline = System.nanoTime() + grace.toNanos();
            ProviderSocket s;
            while (true) {
                synchronized (this) {
                    s = socket;
                }
                if (s != null && !s.isOpen()) {
                    return;
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    break;
                }
            }
            if (s != null) {
                s.abort();
            }
        });
    }

    /** Drops the connection now (or as soon as it is made). */
    synchronized void abort() {
        ended = true;
        aborted = true;
        pending.clear();
        if (socket != null) {
            socket.abort();
        }
    }
}
