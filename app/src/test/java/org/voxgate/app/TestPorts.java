package org.voxgate.app;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports for the RTP engines that app's unit tests start. Stateless. */
final class TestPorts {
    private TestPorts() {}

    /**
     * An even base port with {@code size} free UDP ports above it on loopback, checked by binding
     * them all at once (and letting go), so an engine given the range can bind it.
     */
    static int freeUdpRange(int size) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 2 * ThreadLocalRandom.current().nextInt(20_000, 30_000);
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int p = base; p < base + size; p++) {
                    held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p)));
                }
                return base;
            } catch (java.io.IOException taken) {
                // try another range
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no free UDP port range");
    }
}
