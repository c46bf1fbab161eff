package org.voxgate.pipeline.provider.http;

import java.util.concurrent.locks.ReentrantLock;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * Passes deliveries to the real listener until the stream is closed (cancelled, or ended by
 * {@code onComplete}/{@code onError}), and nothing after. Deliveries and {@link #close} share
 * one lock, so once {@code close} returns no delivery is running or will start: barge-in
 * relies on that to drop stale text. Listeners must not block, so {@code close} waits at most
 * for one short listener call; the lock is reentrant, so a listener may cancel from inside a
 * delivery.
 *
 * <p>Threading: deliveries come from the stream's thread; {@code close} from any.
 */
final class GatedListener implements LlmListener {
    private final LlmListener target;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    GatedListener(LlmListener target) {
        this.target = target;
    }

    /** Stops all further deliveries. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onText(String delta) {
        lock.lock();
        try {
            if (!closed) {
                target.onText(delta);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onToolCall(ToolCall call) {
        lock.lock();
        try {
            if (!closed) {
                target.onToolCall(call);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete(StopReason reason, TokenUsage usage) {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                target.onComplete(reason, usage);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(ProviderException error) {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                target.onError(error);
            }
        } finally {
            lock.unlock();
        }
    }
}
