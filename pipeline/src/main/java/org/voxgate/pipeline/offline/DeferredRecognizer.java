package org.voxgate.pipeline.offline;

import java.util.List;
import java.util.function.Supplier;
import org.voxgate.pipeline.speech.SpeechRecognizer;

/**
 * A recognizer whose native decoder is made when the session says so ({@link #prepare()}),
 * or at the latest on first use. Loading a pocketsphinx decoder takes about 130 ms; the
 * session prepares it while the greeting plays, so the caller hears the greeting that much
 * sooner and the first answer is not delayed either.
 *
 * <p>Threading: like every {@link SpeechRecognizer}, confined to its call's session thread.
 * Ownership: owns the decoder it made and closes it in {@link #close()}.
 */
final class DeferredRecognizer implements SpeechRecognizer {
    private final Supplier<SpeechRecognizer> factory;
    private SpeechRecognizer delegate;
    private boolean closed;

    DeferredRecognizer(Supplier<SpeechRecognizer> factory) {
        this.factory = factory;
    }

    /** Makes the decoder now if it is not made yet. */
    void prepare() {
        if (delegate == null && !closed) {
            delegate = factory.get();
        }
    }

    @Override
    public String recognize(short[] pcm, int offset, int length, List<String> expectedPhrases) {
        if (closed) {
            throw new IllegalStateException("recognizer is closed");
        }
        prepare();
        return delegate.recognize(pcm, offset, length, expectedPhrases);
    }

    @Override
    public void close() {
        closed = true;
        if (delegate != null) {
            delegate.close();
            delegate = null;
        }
    }
}
