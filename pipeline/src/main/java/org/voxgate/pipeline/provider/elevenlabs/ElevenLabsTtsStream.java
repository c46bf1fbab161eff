package org.voxgate.pipeline.provider.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;

/**
 * One call's ElevenLabs synthesis, one {@link ReplySocket} per reply.
 *
 * <p>The single-stream endpoint has no "flushed" marker and no clear, so: {@link #flush} sends
 * {@code {"text":" ","flush":true}} and then {@code {"text":""}} (end of input); the server
 * renders the rest, answers {@code isFinal} and closes, and that {@code isFinal} is
 * {@link TtsListener#onFlushed}. The next reply goes to a socket opened in advance (right at
 * {@link #open}, then after every flush and clear), so no reply waits for a handshake.
 * {@link #clear} aborts every socket holding the replies not yet played out and discards what
 * they still deliver; the pre-opened socket is kept. If replies overlap, audio is delivered in
 * reply order (a later reply's audio waits until the earlier one's {@code isFinal}). A
 * pre-opened socket that dies before it is used (the inactivity timeout, a refused handshake)
 * is dropped silently and the next reply opens a fresh one, whose failure is reported. Usage
 * is the characters of each {@link #speak}, reported from {@code speak} itself.
 *
 * <p>Threading: any thread, nothing blocks. Listener calls for audio, flushes and errors come
 * from the sockets' threads, serialized by this stream's lock (so one at a time).
 */
final class ElevenLabsTtsStream implements TtsStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLUSH = "{\"text\":\" \",\"flush\":true}";
    private static final String END_OF_INPUT = "{\"text\":\"\"}";

    private final String vendor;
    private final TtsListener listener;
    private final ProviderGuard guard;
    private final ReplySocket.Connector connector;
    private final String initMessage;
    /** Replies given text and not yet played out, oldest (playing) first. */
    private final ArrayDeque<ReplySocket> playing = new ArrayDeque<>();
    private ReplySocket active;
    private ReplySocket standby;
    private boolean closed;
    private boolean failed;

    ElevenLabsTtsStream(String vendor, TtsListener listener, ProviderGuard guard, ReplySocket.Connector connector,
            String initMessage) {
        this.vendor = vendor;
        this.listener = listener;
        this.guard = guard;
        this.connector = connector;
        this.initMessage = initMessage;
        synchronized (this) {
            standby = openSocket();
        }
    }

    private ReplySocket openSocket() {
        ReplySocket socket = new ReplySocket(vendor, this);
        socket.connect(guard, connector, initMessage);
        return socket;
    }

    @Override
    public void speak(String text) {
        if (text.isEmpty()) {
            return;
        }
        // Every chunk ends with a space, as the endpoint expects.
        String chunk = text.endsWith(" ") ? text : text + " ";
        synchronized (this) {
            if (closed || failed) {
                return;
            }
            if (active == null) {
                active = standby != null ? standby : openSocket();
                standby = null;
                playing.add(active);
            }
            active.send(JSON.createObjectNode().put("text", chunk).put("try_trigger_generation", true).toString());
        }
        listener.onUsage(text.length());
    }

    @Override
    public void flush() {
        boolean nothingPending;
        synchronized (this) {
            if (closed || failed) {
                return;
            }
            nothingPending = active == null && playing.isEmpty();
            if (active != null) {
                active.send(FLUSH);
                active.send(END_OF_INPUT);
                active = null;
                standby = standby != null ? standby : openSocket();
            }
        }
        if (nothingPending) {
            listener.onFlushed(); // nothing was given since the last flush: it is all delivered
        }
    }

    @Override
    public synchronized void clear() {
        playing.forEach(ReplySocket::abort);
        playing.clear();
        active = null;
        if (standby == null && !closed && !failed) {
            standby = openSocket();
        }
    }

    /** Replies already flushed still play out; the unflushed one and the pre-opened socket are dropped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (active != null) {
            active.abort();
            playing.remove(active);
            active = null;
        }
        if (standby != null) {
            standby.abort();
            standby = null;
        }
    }

    synchronized void audio(ReplySocket socket, short[] pcm) {
        if (socket.aborted() || !playing.contains(socket)) {
            return;
        }
        if (playing.peekFirst() == socket) {
            listener.onAudio(pcm, 0, pcm.length);
        } else {
            socket.backlog.add(pcm);
        }
    }

    synchronized void finished(ReplySocket socket) {
        if (socket.finished || socket.aborted() || !playing.contains(socket)) {
            return;
        }
        socket.finished = true;
        while (!playing.isEmpty() && playing.peekFirst().finished) {
            playing.pollFirst();
            listener.onFlushed();
            ReplySocket next = playing.peekFirst();
            if (next != null) {
                next.backlog.forEach(pcm -> listener.onAudio(pcm, 0, pcm.length));
                next.backlog.clear();
            }
        }
    }

    void failed(ReplySocket socket, ProviderException error, boolean established) {
        synchronized (this) {
            if (socket == standby) {
                standby = null; // never used: the next reply opens a fresh socket
                return;
            }
            if (failed || closed || socket.aborted() || socket.finished
                    || !playing.contains(socket)) {
                return;
            }
            failed = true;
            playing.forEach(ReplySocket::abort);
            playing.clear();
            active = null;
            if (standby != null) {
                standby.abort();
                standby = null;
            }
            if (established) {
                guard.streamFailed(error);
            }
            listener.onError(error);
        }
    }
}
