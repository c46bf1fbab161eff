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
 * stream in use fails for good, the next provider's stream is opened mid-call and the clauses
 * whose audio had not been delivered yet are spoken again on it.
 *
 * <p>To know which clauses those are, each clause is flushed as it is given (one {@code
 * onFlushed} per {@code flush}, as the SPI says), so a member's {@code onFlushed} marks the end of
 * the oldest outstanding clause; the caller's own {@link TtsStream#flush} is answered once every
 * clause given before it is delivered.
 *
 * <p>Threading: thread-safe; a lock orders the caller's calls and members' failures. Listener
 * calls are made outside it. {@link #vendor()}/{@link #model()} name the provider that opened or
 * took over a stream last.
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
        private final TtsListener listener;
        /** Clauses given whose audio is not known to be delivered, oldest first. */
        private final ArrayDeque<String> outstanding = new ArrayDeque<>();
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
            if (closed || text.isEmpty()) {
                return;
            }
            outstanding.add(text);
            current.speak(text);
            current.flush();
        }

        @Override
        public void flush() {
            boolean now;
            synchronized (this) {
                if (closed) {
                    return;
                }
                now = outstanding.isEmpty();
                flushWanted = !now;
            }
            if (now) {
                listener.onFlushed();
            }
        }

        @Override
        public synchronized void clear() {
            outstanding.clear();
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

        private synchronized boolean inUse(int i) {
            return i == index && !closed;
        }

        private void clauseDelivered(int i) {
            boolean tell;
            synchronized (this) {
                if (i != index || closed) {
                    return;
                }
                outstanding.poll();
                tell = flushWanted && outstanding.isEmpty();
                if (tell) {
                    flushWanted = false;
                }
            }
            if (tell) {
                listener.onFlushed();
            }
        }

        private void failed(int i, ProviderException error) {
            synchronized (this) {
                if (closed || i != index) {
                    return;
                }
                if (i + 1 < chain.size()) {
                    LOG.warn("text-to-speech {} failed, failing over to {} ({} clauses again): {}",
                            chain.get(i).vendor(), chain.get(i + 1).vendor(), outstanding.size(), error.getMessage());
                    TtsStream old = current;
                    openAt(i + 1);
                    Chain.closeQuietly(old);
                    for (String clause : outstanding) {
                        current.speak(clause);
                        current.flush();
                    }
                    return;
                }
            }
            listener.onError(error);
        }

        private final class Member implements TtsListener {
            private final int i;

            Member(int i) {
                this.i = i;
            }

            @Override public void onAudio(short[] pcm, int offset, int length) {
                if (inUse(i)) {
                    listener.onAudio(pcm, offset, length);
                }
            }

            @Override public void onFlushed() {
                clauseDelivered(i);
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
