package org.voxgate.pipeline.realtime;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.InboundAudioListener;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.RealtimeModel;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.tools.Tools;

/**
 * A {@link RealtimeBot} on one call. Caller frames are copied on the media thread into a
 * bounded queue that a virtual thread drains into the model (the media thread never waits on
 * the provider). The model's audio is handed to {@link AudioChannel#play} as it arrives. When
 * the model hears the caller start speaking while its reply is playing, playback is cleared
 * at once and the model told how much of the reply the caller heard: the reply audio handed
 * to {@code play} minus what is still queued.
 *
 * <p>Threading: model events arrive on the provider's thread, in order; tool calls run on
 * virtual threads of their own; {@link #stop} from any thread. The reply state is guarded by
 * {@code this}. Ownership: the session owns the stream and closes it in {@link #stop}.
 */
final class RealtimeCallSession implements BotSession, RealtimeListener, InboundAudioListener {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeCallSession.class);
    /** 5 s of caller audio: beyond that the model is not keeping up and the oldest frames go. */
    private static final int QUEUE_FRAMES = 250;

    private final CallContext call;
    private final AudioChannel audio;
    private final RealtimeModel model;
    private final Tools tools;
    private final LongSupplier nanoTime;
    /** The model's VAD silence window: it reports the end of speech this long after the caller stopped. */
    private final long silenceNanos;
    private final BlockingQueue<short[]> inbound = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread sender;
    private volatile RealtimeStream stream;

    /** The model is generating a response (between response started and done). */
    private boolean replying;
    /** The caller talked over the current reply: the rest of its audio is dropped. */
    private boolean cutOff;
    /**
     * Samples of the current reply handed to the channel. Kept after the response is done,
     * because the model generates faster than real time and the caller may still cut in while
     * the tail plays out.
     */
    private long replySamplesHanded;
    /** The bot's turn has begun (its first audio) and not yet been recorded. */
    private boolean botTurnOpen;
    /**
     * The open bot turn's first packet has not gone out yet. Read by the pacer thread without
     * the lock (it must not wait on a call's session); cleared when the turn closes or is cut off.
     */
    private final AtomicBoolean awaitingFirstPacket = new AtomicBoolean();
    private Instant callerStart;
    private Instant callerEnd;
    private String callerText = "";
    private Instant botStart;
    private final StringBuilder botText = new StringBuilder();

    private RealtimeCallSession(CallContext call, RealtimeModel model, Tools tools, int silenceMillis,
            LongSupplier nanoTime) {
        this.call = call;
        this.nanoTime = nanoTime;
        this.silenceNanos = silenceMillis * 1_000_000L;
        this.audio = call.audio();
        this.model = model;
        this.tools = tools;
        this.sender = Thread.ofVirtual().name("realtime-sender-" + call.callId()).unstarted(this::drainInbound);
    }

    static RealtimeCallSession start(CallContext call, RealtimeModel model, RealtimeSession session, Tools tools,
            LongSupplier nanoTime) {
        RealtimeCallSession s = new RealtimeCallSession(call, model, tools, session.silenceMillis(), nanoTime);
        s.stream = model.open(session, s);
        s.sender.start();
        call.audio().setPlaybackListener(s::onPlaybackStarted);
        call.audio().setInboundListener(s);
        return s;
    }

    @Override
    public void onAudio(short[] frame) {
        short[] copy = frame.clone();
        while (!inbound.offer(copy)) {
            inbound.poll();
        }
    }

    private void drainInbound() {
        try {
            while (!stopped.get()) {
                short[] frame = inbound.take();
                stream.sendAudio(frame, 0, frame.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() ends the session
        }
    }

    /** The turn timeline's time: the same nanosecond source as the call's telemetry (not epoch time). */
    private long nanos() {
        return nanoTime.getAsLong();
    }

    @Override
    public void onSpeechStarted() {
        if (stopped.get()) {
            return;
        }
        long now = nanos();
        long played = -1;
        synchronized (this) {
            boolean playing = replySamplesHanded > 0 && !cutOff && (replying || audio.queuedPlaybackMillis() > 0);
            if (playing) {
                // what the caller heard: the reply handed to the channel minus what still waits there
                played = Math.max(0, replySamplesHanded * 1000 / AudioChannel.SAMPLE_RATE - audio.queuedPlaybackMillis());
                audio.clearPlayback();
                cutOff = true;
                awaitingFirstPacket.set(false);
                if (botTurnOpen) {
                    endBotTurn(now); // the cut-off reply closes its turn; the caller's words start the next
                }
            }
            callerStart = call.clock().instant();
            callerEnd = null;
            call.turnObserver().mark(TurnMark.USER_SPEECH_START, now);
        }
        if (played < 0) {
            return;
        }
        stream.interrupt(played);
        call.turnObserver().interruption(false, now);
    }

    @Override
    public synchronized void onSpeechStopped() {
        long now = nanos();
        // The model's VAD decides after its silence window: the caller stopped that long ago, and
        // the wait is the turn's endpointing (as the cascade's endpointer reports it).
        callerEnd = call.clock().instant().minusNanos(silenceNanos);
        call.turnObserver().mark(TurnMark.USER_SPEECH_END, now - silenceNanos);
        call.turnObserver().mark(TurnMark.END_OF_TURN, now);
    }

    @Override
    public synchronized void onUserTranscript(String text) {
        call.turnObserver().mark(TurnMark.STT_FINAL, nanos());
        callerText = text;
        Instant end = callerEnd != null ? callerEnd : call.clock().instant();
        if (!text.isBlank()) {
            call.recordTurn(CallContext.Speaker.CALLER, text, callerStart != null ? callerStart : end, end);
        }
    }

    @Override
    public synchronized void onResponseStarted() {
        call.turnObserver().mark(TurnMark.LLM_FIRST_TOKEN, nanos());
        replying = true;
        cutOff = false;
        if (!botTurnOpen) {
            replySamplesHanded = 0; // a new reply (a response that only called a tool had no audio)
        }
    }

    @Override
    public void onAudio(short[] pcm, int offset, int length) {
        synchronized (this) {
            if (cutOff || stopped.get()) {
                return; // the rest of a reply the caller talked over
            }
            if (!botTurnOpen) {
                botTurnOpen = true;
                awaitingFirstPacket.set(true);
                botStart = call.clock().instant();
                call.turnObserver().mark(TurnMark.TTS_FIRST_BYTE, nanos());
            }
            // FIRST_BOT_AUDIO comes from the channel when the first packet goes out (onPlaybackStarted)
            audio.play(pcm, offset, length);
            replySamplesHanded += length;
        }
    }

    /** The pacer sent the first packet after an empty queue: the bot's turn is heard from now. */
    private void onPlaybackStarted(long packetNanos) {
        if (awaitingFirstPacket.compareAndSet(true, false)) {
            call.turnObserver().mark(TurnMark.FIRST_BOT_AUDIO, packetNanos);
        }
    }

    @Override
    public synchronized void onResponseTranscript(String delta) {
        if (!cutOff) {
            botText.append(delta);
        }
    }

    @Override
    public void onToolCall(ToolCall toolCall) {
        Thread.ofVirtual().name("realtime-tool-" + toolCall.name()).start(() -> {
            String result = tools.run(toolCall);
            if (!stopped.get()) {
                stream.sendToolResult(toolCall, result);
            }
        });
    }

    @Override
    public void onResponseDone(boolean cancelled, TokenUsage usage) {
        call.usage().realtime(model.vendor(), model.model(), usage);
        synchronized (this) {
            replying = false;
            if (cutOff) {
                return; // its turn already ended at the barge-in; the marks now belong to the caller's new turn
            }
            call.turnObserver().mark(TurnMark.LLM_DONE, nanos());
            if (botTurnOpen) {
                endBotTurn(nanos()); // a reply that only called a tool goes on in the next response
            }
        }
    }

    /** Records the bot's turn (what it said, or began to say) and closes the turn's timeline. */
    private void endBotTurn(long now) {
        awaitingFirstPacket.set(false); // a reply that never went out has no first packet
        String said = botText.toString().trim();
        if (!said.isEmpty()) {
            call.recordTurn(CallContext.Speaker.BOT, said, botStart, call.clock().instant());
        }
        call.turnObserver().turnEnded(callerText, said, now);
        botText.setLength(0);
        callerText = "";
        botTurnOpen = false;
    }

    @Override
    public void onError(ProviderException error) {
        if (stopped.get()) {
            return;
        }
        LOG.error("call {}: realtime model {} failed: {}", call.callId(), model.vendor(), error.getMessage());
        call.hangup("realtime_failed"); // with no model there is nobody to talk to
    }

    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        audio.setInboundListener(null);
        audio.setPlaybackListener(null);
        audio.setDtmfListener(null);
        sender.interrupt();
        inbound.clear();
        RealtimeStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
