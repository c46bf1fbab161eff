package org.voxgate.pipeline.offline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.audio.VoiceActivityDetector;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.flow.Dialogue;
import org.voxgate.pipeline.speech.SpeechRecognizer;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * One call of an offline dialogue bot (the receptionist, or a skillbase flow without a model,
 * see {@link FlowBot}): a session thread (virtual, from the bot's thread factory) that owns
 * the dialogue engine and its native resources, fed through bounded queues by the media
 * thread's listeners.
 *
 * <p>Threading: the listeners run on the media I/O thread and only copy a frame into a
 * pooled array and offer it (never block; when the session falls behind, frames are dropped
 * and counted). DTMF digits go through their own small queue. Everything else runs on the
 * session thread. {@link #stop()} may be called from any thread: it interrupts the session
 * thread, which then clears the listeners and closes the recognizer and VAD.
 */
final class ReceptionistSession implements BotSession {
    private static final Logger log = LoggerFactory.getLogger(ReceptionistSession.class);
    /** How often the session wakes to run timers when no audio arrives. */
    private static final long TICK_MILLIS = 20;

    private final CallContext call;
    private final OfflineBotConfig config;
    private final java.util.function.Function<CallContext, Dialogue> dialogues;
    private final SpeechSynthesizer synthesizer;
    private final Supplier<SpeechRecognizer> recognizers;
    private final BlockingQueue<short[]> frames;
    private final BlockingQueue<short[]> freeFrames;
    private final BlockingQueue<Character> digits = new ArrayBlockingQueue<>(32);
    /** Why the last transfer failed, set by any thread, taken by the session thread. */
    private final java.util.concurrent.atomic.AtomicReference<String> transferFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    /** @param recognizers makes this call's recognizer, or {@code null} for DTMF only */
    ReceptionistSession(CallContext call, OfflineBotConfig config, java.util.function.Function<CallContext, Dialogue> dialogues,
            SpeechSynthesizer synthesizer, Supplier<SpeechRecognizer> recognizers, ThreadFactory threads) {
        this.call = call;
        this.config = config;
        this.dialogues = dialogues;
        this.synthesizer = synthesizer;
        this.recognizers = recognizers;
        int capacity = config.inboundQueueFrames();
        this.frames = new ArrayBlockingQueue<>(capacity);
        // One spare array beyond the queue: the frame the session is working on.
        this.freeFrames = new ArrayBlockingQueue<>(capacity + 1);
        for (int i = 0; i <= capacity; i++) {
            freeFrames.add(new short[AudioChannel.FRAME_SAMPLES]);
        }
        this.thread = threads.newThread(this::run);
    }

    void start() {
        AudioChannel audio = call.audio();
        audio.setInboundListener(this::onInboundFrame);
        audio.setDtmfListener((digit, millis) -> {
            if (!digits.offer(digit)) {
                log.warn("call {}: DTMF queue full, dropped {}", call.callId(), digit);
            }
        });
        thread.start();
    }

    /**
     * Detaches from the call's audio at once, on the calling thread, so the caller can attach
     * something else (a transfer joins the call to a person) without this session's thread,
     * still winding down, removing it again; then interrupts the session thread.
     */
    @Override
    public void stop() {
        stopped = true;
        AudioChannel audio = call.audio();
        audio.setInboundListener(null);
        audio.setDtmfListener(null);
        thread.interrupt();
    }

    /** Runs on the media thread: copy and hand off, nothing else. */
    private void onInboundFrame(short[] frame) {
        short[] copy = freeFrames.poll();
        if (copy == null || frame.length != copy.length) {
            if (copy != null) {
                freeFrames.offer(copy);
            }
            droppedFrames.incrementAndGet();
            return;
        }
        System.arraycopy(frame, 0, copy, 0, copy.length);
        if (!frames.offer(copy)) {
            freeFrames.offer(copy);
            droppedFrames.incrementAndGet();
        }
    }

    private void run() {
        MDC.put("callId", call.callId());
        DeferredRecognizer recognizer = null;
        VoiceActivityDetector vad = null;
        try {
            TurnDetector turns = null;
            if (recognizers != null) {
                try {
                    recognizer = new DeferredRecognizer(recognizers);
                    VoiceActivityDetector detector = new VoiceActivityDetector(config.vadAggressiveness(),
                            AudioChannel.SAMPLE_RATE);
                    vad = detector;
                    turns = new TurnDetector(frame -> detector.isSpeech(frame, 0, frame.length),
                            config.speechStartMillis(), config.endOfUtteranceMillis(),
                            config.maxUtteranceMillis(), config.preRollMillis());
                } catch (RuntimeException e) {
                    log.warn("speech input unavailable ({}); continuing with DTMF only", e.getMessage());
                    closeQuietly(recognizer);
                    recognizer = null;
                    turns = null;
                }
            }
            DialogEngine engine = new DialogEngine(dialogues.apply(call), call, synthesizer, recognizer, turns, config,
                    transferFailure::set);
            if (stopped) {
                return; // stopped before it began: say nothing on a call that is over
            }
            log.info("receptionist answering {} -> {}", call.caller(), call.callee());
            engine.start();
            if (recognizer != null) {
                try {
                    recognizer.prepare(); // while the greeting plays
                } catch (RuntimeException e) {
                    // Each answer will fail to be recognised and be re-prompted; DTMF still works.
                    log.warn("speech recognizer could not start: {}", e.getMessage());
                }
            }
            loop(engine);
        } catch (InterruptedException e) {
            log.debug("receptionist session interrupted");
        } catch (RuntimeException e) {
            log.error("receptionist session failed; hanging up", e);
            call.hangup("bot_error");
        } finally {
            if (!stopped) { // stop() has already detached, and the listeners may be another's now
                AudioChannel audio = call.audio();
                audio.setInboundListener(null);
                audio.setDtmfListener(null);
            }
            closeQuietly(recognizer);
            if (vad != null) {
                vad.close();
            }
            long dropped = droppedFrames.get();
            if (dropped > 0) {
                log.warn("dropped {} inbound frames: session fell behind", dropped);
            }
            log.info("receptionist session ended");
            MDC.remove("callId");
        }
    }

    private void loop(DialogEngine engine) throws InterruptedException {
        while (!stopped && !engine.finished()) {
            short[] frame = frames.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            if (frame != null) {
                engine.onAudio(frame);
                freeFrames.offer(frame);
            }
            for (Character digit = digits.poll(); digit != null && !engine.finished(); digit = digits.poll()) {
                engine.onDtmf(digit);
            }
            String failure = transferFailure.getAndSet(null);
            if (failure != null && !engine.finished()) {
                engine.onTransferFailed(failure);
            }
            if (!engine.finished()) {
                engine.onTick();
            }
        }
    }

    private static void closeQuietly(SpeechRecognizer recognizer) {
        if (recognizer != null) {
            try {
                recognizer.close();
            } catch (RuntimeException e) {
                log.warn("closing recognizer failed: {}", e.getMessage());
            }
        }
    }
}
