package org.voxgate.pipeline.provider.failover;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;

/**
 * Speech-to-text over an ordered chain (for example Deepgram, then the local recognizer): each
 * call's stream starts on the first provider; when the stream in use fails for good (its
 * client's own retries spent, or its circuit open, which fails it at once) the next provider's
 * stream is opened mid-call, given the last two seconds of audio again (so the words being said
 * are not lost), and the call carries on. Only when the last provider fails is the listener told.
 *
 * <p>Threading: thread-safe. {@link #vendor()} and {@link #model()} name the provider that
 * opened or took over a stream last (usage is reported under them). Each stream's audio comes
 * from the pipeline's thread, failures from provider threads; a lock orders the two.
 */
public final class FailoverSpeechToText implements SpeechToText {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverSpeechToText.class);
    private static final int REPLAY_SAMPLES = 2 * AudioChannel.SAMPLE_RATE;

    private final Chain<SpeechToText> chain;

    public FailoverSpeechToText(List<SpeechToText> providers) {
        this.chain = new Chain<>(providers);
    }

    @Override
    public String vendor() {
        return chain.last().vendor();
    }

    @Override
    public String model() {
        return chain.last().model();
    }

    @Override
    public SttStream open(SttListener listener) {
        return new ChainStream(listener);
    }

    private final class ChainStream implements SttStream {
        private final SttListener listener;
        private final short[] recent = new short[REPLAY_SAMPLES];
        private int recentEnd;
        private int recentSize;
        private int index;
        private SttStream current;
        private boolean closed;

        ChainStream(SttListener listener) {
            this.listener = listener;
            synchronized (this) {
                openAt(0);
            }
        }

        private void openAt(int i) {
            index = i;
            chain.served(i);
            current = chain.get(i).open(new Member(i));
        }

        @Override
        public synchronized void sendAudio(short[] pcm, int offset, int length) {
            if (closed) {
                return;
            }
            remember(pcm, offset, length);
            current.sendAudio(pcm, offset, length);
        }

        @Override
        public synchronized void finalizeTurn() {
            if (!closed) {
                current.finalizeTurn();
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                current.close();
            }
        }

        private void remember(short[] pcm, int offset, int length) {
            for (int k = 0; k < length; k++) {
                recent[recentEnd] = pcm[offset + k];
                recentEnd = (recentEnd + 1) % recent.length;
            }
            recentSize = Math.min(recent.length, recentSize + length);
        }

        /** The member {@code i} failed: move on if it is the one in use and another is left. */
        private void failed(int i, ProviderException error) {
            synchronized (this) {
                if (closed || i != index) {
                    return;
                }
                if (i + 1 < chain.size()) {
                    LOG.warn("speech-to-text {} failed, failing over to {}: {}", chain.get(i).vendor(),
                            chain.get(i + 1).vendor(), error.getMessage());
                    SttStream old = current;
                    openAt(i + 1);
                    Chain.closeQuietly(old);
                    replay();
                    return;
                }
            }
            listener.onError(error);
        }

        private void replay() {
            int start = (recentEnd - recentSize + recent.length) % recent.length;
            int first = Math.min(recentSize, recent.length - start);
            if (first > 0) {
                current.sendAudio(recent, start, first);
            }
            if (recentSize > first) {
                current.sendAudio(recent, 0, recentSize - first);
            }
        }

        private boolean inUse(int i) {
            synchronized (this) {
                return i == index && !closed;
            }
        }

        /** One member's events, passed on only while that member is the one in use. */
        private final class Member implements SttListener {
            private final int i;

            Member(int i) {
                this.i = i;
            }

            @Override public void onSpeechStarted() {
                if (inUse(i)) {
                    listener.onSpeechStarted();
                }
            }

            @Override public void onTranscript(String text, boolean isFinal) {
                if (inUse(i)) {
                    listener.onTranscript(text, isFinal);
                }
            }

            @Override public void onEndOfTurn() {
                if (inUse(i)) {
                    listener.onEndOfTurn();
                }
            }

            @Override public void onUsage(double audioSeconds) {
                listener.onUsage(audioSeconds); // billed even after it was replaced
            }

            @Override public void onError(ProviderException error) {
                failed(i, error);
            }
        }
    }
}
