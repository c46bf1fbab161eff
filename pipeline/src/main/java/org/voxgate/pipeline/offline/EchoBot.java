package org.voxgate.pipeline.offline;

import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;

/**
 * Plays the caller's audio straight back, frame by frame: a loopback for media tests. It
 * never hangs up by itself.
 *
 * <p>Threading: stateless and shareable. The inbound listener runs on the media thread and
 * only calls {@link AudioChannel#play}, which copies the frame and queues it without
 * blocking, so no session thread is needed. {@link BotSession#stop()} (any thread) removes
 * the listener.
 */
public final class EchoBot implements Bot {
    static final String NAME = "echo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BotSession open(CallContext call) {
        AudioChannel audio = call.audio();
        audio.setInboundListener(frame -> audio.play(frame, 0, frame.length));
        return () -> audio.setInboundListener(null);
    }
}
