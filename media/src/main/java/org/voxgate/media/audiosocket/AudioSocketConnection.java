package org.voxgate.media.audiosocket;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;

/**
 * One AudioSocket TCP connection: reads the UUID message first, hands the session to the
 * acceptor, then reads audio, digits, hang-up and errors until the end.
 *
 * <p>Threading: {@link #run} is the connection's reader, on a virtual thread of its own. Writes
 * (the pacer's audio, our hang-up) are serialized on {@link #out}. {@link #end} runs once,
 * whichever thread gets there first; it closes the socket, which unblocks the reader.
 */
final class AudioSocketConnection implements AudioSocketSession {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketConnection.class);
    /** Error code we send for a first message that is not the UUID (application-specific). */
    static final int ERROR_NO_UUID = 0x10;

    private final Socket socket;
    private final OutputStream out;
    private final String remote;
    private final PlaybackPacer pacer;
    private final AudioSocketChannel channel;
    private volatile UUID uuid;
    private String endReason;
    private Consumer<String> closeListener;

    AudioSocketConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.remote = socket.getRemoteSocketAddress().toString();
        this.pacer = new PlaybackPacer(this::write);
        this.channel = new AudioSocketChannel(pacer);
    }

    /** Reader loop; returns when the session has ended. */
    void run(AudioSocketAcceptor acceptor) {
        String reason = CONNECTION_LOST;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
            AudioSocketFrame first = AudioSocketFrame.read(in);
            if (first == null || first.kind() != AudioSocketFrame.ID || first.payload().length != 16) {
                LOG.warn("AudioSocket {}: the first message must be the 16-byte UUID, got {}", remote,
                        first == null ? "end of stream" : "kind 0x" + Integer.toHexString(first.kind()));
                write(AudioSocketFrame.error(ERROR_NO_UUID));
                end(CONNECTION_LOST);
                return;
            }
            uuid = first.uuid();
            try {
                acceptor.accept(this);
            } catch (RuntimeException e) {
                LOG.warn("AudioSocket {}: the acceptor refused the session: {}", uuid, e.toString());
                hangup();
                return;
            }
            pacer.start("audiosocket-out-" + uuid);
            reason = readUntilEnd(in);
        } catch (IOException e) {
            reason = CONNECTION_LOST; // broken mid-message, or closed by our own end()
        }
        end(reason);
    }

    private String readUntilEnd(DataInputStream in) throws IOException {
        while (true) {
            AudioSocketFrame frame = AudioSocketFrame.read(in);
            if (frame == null) {
                return REMOTE_HANGUP; // "socket closure is also sufficient"
            }
            switch (frame.kind()) {
                case AudioSocketFrame.AUDIO -> channel.onAudio(frame.samples());
                case AudioSocketFrame.DTMF -> {
                    if (frame.payload().length > 0) {
                        channel.onDigit((char) frame.payload()[0]);
                    }
                }
                case AudioSocketFrame.HANGUP -> {
                    return REMOTE_HANGUP;
                }
                case AudioSocketFrame.ERROR -> {
                    int code = frame.payload().length > 0 ? frame.payload()[0] & 0xff : 0;
                    LOG.info("AudioSocket {}: Asterisk reported error 0x{}", uuid, Integer.toHexString(code));
                    return "remote_error:" + code;
                }
                // Higher-rate audio kinds (0x11..0x18) and anything newer: not negotiated by us.
                default -> LOG.debug("AudioSocket {}: ignoring message kind 0x{}", uuid, Integer.toHexString(frame.kind()));
            }
        }
    }

    private void write(AudioSocketFrame frame) throws IOException {
        synchronized (out) {
            frame.writeTo(out);
        }
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public AudioChannel audio() {
        return channel;
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public void hangup() {
        synchronized (this) {
            if (endReason != null) {
                return;
            }
        }
        try {
            write(AudioSocketFrame.hangup());
        } catch (IOException e) {
            // already gone; ending anyway
        }
        end(LOCAL_HANGUP);
    }

    @Override
    public void onClosed(Consumer<String> listener) {
        String reason;
        synchronized (this) {
            closeListener = listener;
            reason = endReason;
        }
        if (reason != null) {
            listener.accept(reason);
        }
    }

    private void end(String reason) {
        Consumer<String> listener;
        synchronized (this) {
            if (endReason != null) {
                return;
            }
            endReason = reason;
            listener = closeListener;
        }
        pacer.stop();
        channel.setInboundListener(null);
        channel.setDtmfListener(null);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
        LOG.info("AudioSocket {} from {} ended: {}", uuid == null ? "(no uuid)" : uuid, remote, reason);
        if (listener != null) {
            listener.accept(reason);
        }
    }
}
