package org.voxgate.pipeline.cascade;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.frame.Frame;
import org.voxgate.pipeline.frame.FrameLoop;
import org.voxgate.pipeline.frame.FrameQueue;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.tools.ConversationControl;
import org.voxgate.pipeline.tools.ToolsFactory;

/**
 * One call of a {@link CascadeBot}: the listeners that turn media and provider callbacks into
 * frames, and the {@link FrameLoop} that feeds them to the call's {@link CascadeEngine}.
 *
 * <p>Threading: the media listener copies each 20 ms frame and offers it (never blocks: when the
 * engine falls behind, the queue refuses and the frame is dropped and counted); provider
 * listeners likewise only offer frames, except usage, forwarded at once to the call's thread-safe
 * {@link org.voxgate.pipeline.telemetry.UsageMeter}. {@link #stop()} may be called from any
 * thread: it detaches from the audio before returning and queues the urgent end of call, on
 * which the engine releases the provider streams and the VAD; it then waits (at most
 * {@link EngineRuntime#stopWait()}) until the engine has done so, so that the usage the streams report as they
 * close (Deepgram bills at its close) is metered before the caller totals the call's cost.
 */
final class CascadeSession implements BotSession, ConversationControl {
    private static final Logger LOG = LoggerFactory.getLogger(CascadeSession.class);

    private final CallContext call;
    private final SpeechToText stt;
    private final TextToSpeech tts;
    private final EngineRuntime runtime;
    private final FrameLoop loop;
    private final ReplyDriver driver;
    private final CascadeEngine engine;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    /** The thread handling a frame now, so a stop from inside the engine does not wait for itself. */
    private volatile Thread engineThread;
    /** Caller-frame arrays the engine has finished with, reused so steady state allocates no audio buffers. */
    private final ArrayBlockingQueue<short[]> freeFrames = new ArrayBlockingQueue<>(256);
    private double sttSecondsReported;

    CascadeSession(CallContext call, CascadeSettings settings, SpeechToText stt, LanguageModel llm, TextToSpeech tts,
            ToolsFactory tools, ConversationPolicy.Factory policies, EngineRuntime runtime) {
        this.call = call;
        this.stt = stt;
        this.tts = tts;
        this.runtime = runtime;
        this.loop = new FrameLoop(new FrameQueue(settings.queueFrames()), runtime.executor(), this::handle);
        ConversationPolicy policy = policies.create(call, this,
                org.voxgate.pipeline.tools.RecordedTools.of(call, tools.create(call, this)));
        this.driver = new ReplyDriver(call, settings, llm, policy, loop, runtime.executor(), runtime.nanoTime());
        this.engine = new CascadeEngine(call, settings,
                runtime.voiceDetectors().apply(settings.turnTaking().vadMode()), driver, policy,
                runtime.nanoTime().getAsLong());
    }

    void start() {
        engine.attach(stt.open(new SttEvents()), tts.open(new TtsEvents()));
        AudioChannel audio = call.audio();
        audio.setPlaybackListener(nanos -> loop.offer(new Frame.PlaybackStarted(nanos)));
        audio.setInboundListener(this::onInboundFrame);
        audio.setDtmfListener((digit, millis) -> loop.offer(new Frame.Dtmf(digit, now())));
        loop.offer(new Frame.CallStarted(now()));
    }

    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        AudioChannel audio = call.audio();
        audio.setInboundListener(null);
        audio.setPlaybackListener(null);
        audio.setDtmfListener(null);
        loop.offer(new Frame.EndOfCall("stopped"));
        long waitMs = runtime.stopWait().toMillis();
        if (waitMs == 0 || Thread.currentThread() == engineThread) {
            return; // a stop from inside the engine must not wait for itself
        }
        try {
            if (!released.await(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("call {}: the engine did not release its provider streams within {} ms", call.callId(), waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void hangUpAfterReply(String reason) {
        loop.offer(new Frame.HangupAfterReply(reason));
    }

    @Override
    public void transferFailed(String reason) {
        loop.offer(new Frame.TransferFailed(reason));
    }

    private void handle(Frame frame) {
        engineThread = Thread.currentThread();
        try {
            engine.handle(frame, now());
        } finally {
            engineThread = null;
        }
        if (frame instanceof Frame.AudioIn a) {
            freeFrames.offer(a.pcm()); // read by the VAD, copied by the STT stream: free again
        } else if (frame instanceof Frame.EndOfCall) {
            loop.close();
            released.countDown();
            LOG.debug("call {}: engine refused {} frames (behind), interruptions flushed {} reply frames",
                    call.callId(), loop.queue().refusedCount(), loop.queue().flushedCount());
        }
    }

    /** Media thread: copy (the media layer reuses its buffer) into a pooled array and hand off. */
    private void onInboundFrame(short[] frame) {
        short[] copy = freeFrames.poll();
        if (copy == null || copy.length != frame.length) {
            copy = new short[frame.length];
        }
        System.arraycopy(frame, 0, copy, 0, frame.length);
        if (!loop.offer(new Frame.AudioIn(copy, now()))) {
            freeFrames.offer(copy);
            LOG.debug("call {}: engine behind, caller frame dropped", call.callId());
        }
    }

    private long now() {
        return runtime.nanoTime().getAsLong();
    }

    private final class SttEvents implements SttListener {
        @Override
        public void onTranscript(String text, boolean isFinal) {
            loop.offer(new Frame.Transcript(text, isFinal, now()));
        }

        @Override
        public void onEndOfTurn() {
            loop.offer(new Frame.ProviderEndOfTurn(now()));
        }

        /** The provider reports its running total; the meter is given what is new. */
        @Override
        public void onUsage(double audioSeconds) {
            double delta;
            synchronized (this) {
                // a smaller total means a new stream (a failover re-opened it): all of it is new
                delta = audioSeconds >= sttSecondsReported ? audioSeconds - sttSecondsReported : audioSeconds;
                sttSecondsReported = audioSeconds;
            }
            if (delta > 0) {
                call.usage().speechToText(stt.vendor(), stt.model(), delta);
            }
        }

        @Override
        public void onError(ProviderException error) {
            loop.offer(new Frame.SttFailed(error));
        }
    }

    private final class TtsEvents implements TtsListener {
        @Override
        public void onAudio(short[] pcm, int offset, int length) {
            short[] copy = java.util.Arrays.copyOfRange(pcm, offset, offset + length);
            if (!loop.offer(new Frame.TtsAudio(driver.active(), copy, now()))) {
                LOG.warn("call {}: engine behind, {} samples of bot audio dropped", call.callId(), length);
            }
        }

        @Override
        public void onFlushed() {
            loop.offer(new Frame.TtsFlushed(driver.active()));
        }

        @Override
        public void onUsage(long characters) {
            call.usage().textToSpeech(tts.vendor(), tts.model(), characters);
        }

        @Override
        public void onError(ProviderException error) {
            loop.offer(new Frame.TtsFailed(driver.active(), error));
        }
    }
}
