package org.voxgate.pipeline.provider.failover;

import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;

/**
 * Text-to-speech over an ordered chain: each call's stream starts on the first provider; when the
 * stream in use fails for good, the next provider's stream is opened mid-call and the clause
 * being spoken, and those after it, are spoken again on it.
 *
 * <p>Which clause was being spoken is estimated from the audio delivered since the last
 * {@code onFlushed}, at the stream's own rate of samples per character (learned at each
 * {@code onFlushed}; about 14 characters a second until then): clauses wholly covered by that
 * audio are not repeated, the first one not covered is spoken again from its start. Flushes
 * pass straight through, so clients that acknowledge each flush and those that acknowledge
 * several at once behave the same.
 *
 * <p>Threading: thread-safe; a lock orders the caller's calls and members' events. Listener
 * calls other than audio are made outside it. {@link #vendor()}/{@link #model()} name the
 * provider that opened or took over a stream last.
 */
public final class FailoverTextToSpeech implements TextToSpeech {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverTextToSpeech.class);

    private final Chain<TextToSpeech> chain;

    public FailoverTextToSpeech(List<TextToSpeech> providers) {
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
    public TtsStream open(TtsListener listener) {
        return new ChainStream(listener);
    }

    private final class ChainStream implements TtsStream {
        private static final double DEFAULT_SAMPLES_PER_CHAR = 8000 / 14.0;

        private final TtsListener listener;
        /** Clauses given since the last {@code onFlushed}, oldest first. */
        private final ArrayDeque<String> outstanding = new ArrayDeque<>();
        private long audioSinceFlushed;
        private double samplesPerChar = DEFAULT_SAMPLES_PER_CHAR;
        private boolean calibrated;
        private boolean flushWanted;
        private int index;
        private TtsStream current;
        private boolean closed;

        ChainStream(TtsListener listener) {
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
        public synchronized void speak(String text) {
            if (!closed && !text.isEmpty()) {
                outstanding.add(text);
                current.speak(text);
            }
        }

        @Override
        public synchronized void flush() {
            if (!closed) {
                flushWanted = true;
                current.flush();
            }
        }

        @Override
        public synchronized void clear() {
            outstanding.clear();
            audioSinceFlushed = 0;
            flushWanted = false;
            if (!closed) {
                current.clear();
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                current.close();
            }
        }

        private synchronized boolean audio(int i, int length) {
            if (i != index || closed) {
                return false;
            }
            audioSinceFlushed += length;
            return true;
        }

        private void flushed(int i) {
            synchronized (this) {
                if (i != index || closed) {
                    return;
                }
                long chars = outstanding.stream().mapToLong(String::length).sum();
                if (chars >= 20 && audioSinceFlushed > 0) {
                    double observed = (double) audioSinceFlushed / chars;
                    samplesPerChar = calibrated ? 0.7 * samplesPerChar + 0.3 * observed : observed;
                    calibrated = true;
                }
                outstanding.clear();
                audioSinceFlushed = 0;
                flushWanted = false;
            }
            listener.onFlushed();
        }

        private void failed(int i, ProviderException error) {
            synchronized (this) {
                if (closed || i != index) {
                    return;
                }
                if (i + 1 < chain.size()) {
                    dropDelivered();
                    LOG.warn("text-to-speech {} failed, failing over to {} ({} clauses again): {}",
                            chain.get(i).vendor(), chain.get(i + 1).vendor(), outstanding.size(), error.getMessage());
                    TtsStream old = current;
                    openAt(i + 1);
                    Chain.closeQuietly(old);
                    for (String clause : outstanding) {
                        current.speak(clause);
                    }
                    if (flushWanted) {
                        current.flush();
                    }
                    return;
                }
            }
            listener.onError(error);
        }

        /** Forgets the clauses the audio delivered so far covers whole. */
        private void dropDelivered() {
            double deliveredChars = audioSinceFlushed / samplesPerChar;
            double covered = 0;
            while (!outstanding.isEmpty() && covered + outstanding.peek().length() <= deliveredChars) {
                covered += outstanding.poll().length();
            }
            audioSinceFlushed = 0;
        }

        private final class Member implements TtsListener {
            private final int i;

            Member(int i) {
                this.i = i;
            }

            @Override public void onAudio(short[] pcm, int offset, int length) {
                if (audio(i, length)) {
                    listener.onAudio(pcm, offset, length);
                }
            }

            @Override public void onFlushed() {
                flushed(i);
            }

            @Override public void onUsage(long characters) {
                listener.onUsage(characters);
            }

            @Override public void onError(ProviderException error) {
                failed(i, error);
            }
        }
    }
}
