package org.voxgate.media.audiosocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts Asterisk AudioSocket connections ({@code AudioSocket(uuid, host:port)} in the
 * dialplan, or the {@code AudioSocket/host:port/uuid} channel) and hands each one to an
 * {@link AudioSocketAcceptor} as an {@link AudioSocketSession} once its UUID has arrived.
 *
 * <p>Why blocking sockets on virtual threads rather than Netty: an AudioSocket connection is
 * one TCP stream of small frames at 50 per second each way, and the protocol is "read a
 * three-byte header, read the payload", which a blocking {@code DataInputStream} says in five
 * lines. A virtual thread per connection (reader) plus one per session (outbound pacer) costs
 * a few kilobytes, and nothing here runs on the RTP event loops, so a slow bot cannot stall
 * SIP calls' media.
 *
 * <p>Threading: {@link #start} and {@link #close} from one thread (the node's lifecycle); the
 * accept loop runs on a virtual thread; {@link #close} hangs up every open session and waits
 * for nothing. Ownership: the server owns its sessions and their sockets.
 */
public final class AudioSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketServer.class);

    private final String bindAddress;
    private final int port;
    private final AudioSocketAcceptor acceptor;
    private final Set<AudioSocketConnection> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private volatile boolean closed;

    /**
     * @param bindAddress address to listen on (usually 127.0.0.1, or the address Asterisk reaches)
     * @param port TCP port, 0 for a free one (see {@link #port()})
     */
    public AudioSocketServer(String bindAddress, int port, AudioSocketAcceptor acceptor) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.acceptor = acceptor;
    }

    /** Binds and starts accepting. */
    public AudioSocketServer start() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        Thread.ofVirtual().name("audiosocket-accept").start(this::acceptLoop);
        LOG.info("AudioSocket listening on {}:{}", bindAddress, port());
        return this;
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Sessions open now. */
    public int openSessions() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("AudioSocket accept failed: {}", e.toString());
                }
                return;
            }
            Thread.ofVirtual().name("audiosocket-" + socket.getPort()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        AudioSocketConnection connection;
        try {
            socket.setTcpNoDelay(true); // 20 ms frames must not wait for Nagle
            connection = new AudioSocketConnection(socket);
        } catch (IOException e) {
            LOG.warn("AudioSocket connection from {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
            return;
        }
        open.add(connection);
        try {
            if (closed) {
                connection.hangup();
            }
            connection.run(acceptor);
        } finally {
            open.remove(connection);
        }
    }

    /** Stops listening and hangs up every open session. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (AudioSocketConnection connection : open) {
            connection.hangup();
        }
    }
}
