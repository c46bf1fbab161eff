package org.voxgate.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.tools.ConversationControl;

/**
 * What the built-in tools of a realtime bot may ask of its conversation: a hang-up waits until
 * the reply queued for the caller has been played (at most 30 s), so the goodbye is heard. A
 * realtime model learns of a failed transfer from the tool's own result, so that is only logged.
 *
 * <p>Threading: thread-safe; the wait runs on a virtual thread of its own.
 */
final class AfterPlaybackControl implements ConversationControl {
    private static final Logger LOG = LoggerFactory.getLogger(AfterPlaybackControl.class);
    private static final long MAX_WAIT_MILLIS = 30_000;

    private final CallContext call;

    AfterPlaybackControl(CallContext call) {
        this.call = call;
    }

    @Override
    public void hangUpAfterReply(String reason) {
        Thread.ofVirtual().name("hangup-after-reply").start(() -> {
            long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000L;
            try {
                // give the model's goodbye a moment to start arriving, then wait for it to play out
                Thread.sleep(200);
                while (call.audio().queuedPlaybackMillis() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.hangup(reason);
        });
    }

    @Override
    public void transferFailed(String reason) {
        LOG.info("call {}: transfer failed: {}", call.callId(), reason);
    }
}
