package org.voxgate.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Finds, at run time, a run of UDP ports on 127.0.0.1 that nothing holds right now. */
final class LoopbackPorts {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private LoopbackPorts() {}

    /** An even base port such that {@code base .. base + count - 1} were all free a moment ago. */
    static int freeRange(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                base = probe.getLocalPort() & ~1;
            }
            if (base < 1024 || base + count - 1 > 65535) {
                continue;
            }
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no free run of " + count + " UDP ports on loopback");
    }

    private static boolean allFree(int base, int count) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int p = base; p < base + count; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, p)));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }
}
