package org.voxgate.app.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks ports that are free now on 127.0.0.1, so parallel or leftover runs never collide. */
final class FreePorts {
    private FreePorts() {}

    /** A port free for both UDP and TCP (SIP listens on both). */
    static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(15000, 19999);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free SIP port found");
    }

    /** A TCP port the OS picks. */
    static int tcp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The low end of a range of {@code size} ports, every one free for UDP now. */
    static int udpRange(int size) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(30000, 60000 - size) & ~1;
            boolean free = true;
            for (int port = base; port < base + size && free; port++) {
                free = udpFree(port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free RTP port range found");
    }

    private static boolean isFree(int port) {
        return udpFree(port) && tcpFree(port);
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
