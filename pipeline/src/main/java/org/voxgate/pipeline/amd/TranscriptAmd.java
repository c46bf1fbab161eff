package org.voxgate.pipeline.amd;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.TokenUsage;

/**
 * Answering-machine detection from what the answer says, beside the frame detector: the same
 * frames stream to a speech-to-text provider, and the transcript is a voicemail greeting when
 * it holds a voicemail phrase ("leave a message", "not available", "after the tone",
 * "deje su mensaje", ...: MACHINE, reason {@code transcript}). With a language model, each
 * final piece of transcript that has no such phrase is put to the model, told to answer
 * exactly HUMAN or MACHINE (reason {@code transcript_llm}). Without one, a transcript with no
 * phrase decides nothing and the frame detector's decision stands. The app takes whichever
 * decision is surer first.
 *
 * <p>{@code afterMillis} is the audio sent to the provider when the decision was made, counted
 * in 20 ms frames, so it is comparable with the frame detector's.
 *
 * <p>Threading: {@link #onFrame} is called on the call's media thread and only hands the frame
 * to the provider stream, which copies it and never blocks. Transcripts, the model's answers
 * and the listener all run on this detector's own virtual thread, one at a time; the listener
 * hears at most one decision. {@link #close} may be called from any thread. Ownership: owns
 * the provider stream and the worker, released by {@link #close}; frames are not kept.
 */
public final class TranscriptAmd implements AutoCloseable {
    /** What the classifier reports, on its own thread; implementations hand off and return. */
    public interface Listener {
        /** The one decision. */
        void onDecision(AmdDecision decision);

        /** The speech-to-text or language-model provider failed; no decision will come from it. */
        default void onError(ProviderException error) {}
    }

    static final String SYSTEM_PROMPT = "You hear the first words when an outbound phone call is answered. "
            + "Decide whether a person answered or an answering machine or voicemail greeting is playing. "
            + "Answer with exactly one word: HUMAN or MACHINE.";

    private final LanguageModel llm;
    private final Listener listener;
    private final SttStream stream;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("amd-transcript").factory());
    /** Written by the media thread only. */
    private volatile int frames;
    private volatile String transcript = "";
    private final AtomicBoolean closing = new AtomicBoolean();

    // Worker-thread state.
    private final StringBuilder finals = new StringBuilder();
    private boolean decided;
    private Cancellable inFlight;
    private String askedFor = "";
    private boolean closed;

    /**
     * Opens the provider stream at once.
     *
     * @param stt the speech-to-text provider
     * @param llm the language model to ask, or null for phrases only
     * @param listener told of the decision
     */
    public TranscriptAmd(SpeechToText stt, LanguageModel llm, Listener listener) {
        this.llm = llm;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stream = stt.open(new SttListener() {
            @Override
            public void onTranscript(String text, boolean isFinal) {
                int at = frames;
                post(() -> transcript(text, isFinal, at));
            }

            @Override
            public void onError(ProviderException error) {
                post(() -> fail(error));
            }
        });
    }

    /**
     * Runs {@code task} on the worker; dropped once closed (a provider's last results may
     * still arrive after close, on its own thread, and must not fail there).
     */
    private void post(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closed) {
            // closed: nothing is reported any more
        }
    }

    /** Sends one 20 ms frame of the answer to the provider. Media thread. */
    public void onFrame(short[] frame) {
        if (closing.get()) {
            return;
        }
        stream.sendAudio(frame, 0, frame.length);
        frames = frames + frame.length / 160;
    }

    /** The transcript so far (final pieces, then the latest interim one). */
    public String transcript() {
        return transcript;
    }

    private void transcript(String text, boolean isFinal, int atFrames) {
        if (decided || closed) {
            return;
        }
        String piece = text == null ? "" : text.trim();
        String heard = join(finals, piece);
        if (isFinal && !piece.isEmpty()) {
            finals.setLength(0);
            finals.append(heard);
        }
        transcript = heard;
        if (VoicemailPhrases.find(heard) != null) {
            decide(new AmdDecision(AmdResult.MACHINE, "transcript", atFrames * 20));
            return;
        }
        if (llm != null && isFinal && !heard.isEmpty()) {
            ask();
        }
    }

    /** Asks the model about the finals heard so far, unless it is already being asked. */
    private void ask() {
        String text = finals.toString();
        if (inFlight != null || text.equals(askedFor)) {
            return;
        }
        askedFor = text;
        StringBuilder answer = new StringBuilder();
        LlmRequest request = new LlmRequest(SYSTEM_PROMPT, List.of(new ChatMessage.User(text)), List.of(), 0.0, 5);
        inFlight = llm.stream(request, new LlmListener() {
            @Override
            public void onText(String delta) {
                synchronized (answer) {
                    answer.append(delta);
                }
            }

            @Override
            public void onComplete(StopReason reason, TokenUsage usage) {
                String reply;
                synchronized (answer) {
                    reply = answer.toString();
                }
                post(() -> answered(reply));
            }

            @Override
            public void onError(ProviderException error) {
                post(() -> {
                    inFlight = null;
                    fail(error);
                });
            }
        });
    }

    private void answered(String reply) {
        inFlight = null;
        if (decided || closed) {
            return;
        }
        String word = reply.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        if (word.equals("MACHINE")) {
            decide(new AmdDecision(AmdResult.MACHINE, "transcript_llm", frames * 20));
        } else if (word.equals("HUMAN")) {
            decide(new AmdDecision(AmdResult.HUMAN, "transcript_llm", frames * 20));
        } else if (!finals.toString().equals(askedFor)) {
            // An unusable answer; more was heard meanwhile, so ask again about all of it.
            ask();
        }
    }

    private void decide(AmdDecision decision) {
        decided = true;
        listener.onDecision(decision);
    }

    private void fail(ProviderException error) {
        if (!decided && !closed) {
            listener.onError(error);
        }
    }

    private static String join(CharSequence finals, String piece) {
        if (finals.isEmpty()) {
            return piece;
        }
        return piece.isEmpty() ? finals.toString() : finals + " " + piece;
    }

    /** Closes the provider stream, abandons a question in flight; no decision is reported after. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        stream.close();
        post(() -> {
            closed = true;
            if (inFlight != null) {
                inFlight.cancel();
                inFlight = null;
            }
        });
        worker.shutdown();
    }
}
