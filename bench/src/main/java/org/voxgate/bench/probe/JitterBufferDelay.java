package org.voxgate.bench.probe;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.MediaSession;
import org.voxgate.media.MediaStats;
import org.voxgate.media.RtpMediaEngine;

/**
 * What the adaptive jitter buffer adds on clean loopback: a real {@link RtpMediaEngine} on
 * free loopback ports receives one call's 20 ms PCMU packets from a plain UDP socket sending
 * on a fixed schedule, and the session's own figures ({@link MediaStats#jitterDelayP50Ms},
 * {@link MediaStats#jitterDelayP95Ms}: arrival to playout) are read at the end. A first call
 * warms the receive path up, so the measured one does not start with JIT pauses.
 *
 * <pre>
 * java -cp ... org.voxgate.bench.probe.JitterBufferDelay [--seconds 20]
 * </pre>
 *
 * Prints one line: {@code jitter_buffer_delay p50_ms=.. p95_ms=.. packets=.. late=.. lost=..
 * sender_max_slip_ms=..}. A sender that slipped its schedule by more than a frame means the
 * machine was busy and the stream was not clean; the line says so.
 *
 * <p>Threading: the calling thread sends; the engine's threads receive and play out.
 */
public final class JitterBufferDelay {
    private static final long FRAME_NANOS = 20_000_000L;

    private JitterBufferDelay() {}

    public static void main(String[] args) throws Exception {
        int seconds = 20;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds")) {
                seconds = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("usage: JitterBufferDelay [--seconds N]");
            }
        }
        int base = freeEvenPortPair();
        try (RtpMediaEngine engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3,
                Duration.ofSeconds(60)), Clock.systemUTC(), 1).start();
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            call(engine, peer, "warm-up", 3);
            Result r = call(engine, peer, "measured", seconds);
            System.out.printf("jitter_buffer_delay p50_ms=%d p95_ms=%d packets=%d late=%d lost=%d sender_max_slip_ms=%.1f%s%n",
                    r.stats.jitterDelayP50Ms(), r.stats.jitterDelayP95Ms(), r.stats.packetsIn(), r.stats.packetsLate(),
                    r.stats.packetsLost(), r.maxSlipNanos / 1e6,
                    r.maxSlipNanos > FRAME_NANOS ? " (the sender missed its schedule: not a clean stream)" : "");
        }
    }

    private record Result(MediaStats stats, long maxSlipNanos) {}

    private static Result call(RtpMediaEngine engine, DatagramSocket peer, String id, int seconds) throws Exception {
        MediaSession session = engine.open(id);
        try {
            session.setInboundListener(frame -> { });
            String offer = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + peer.getLocalPort() + " RTP/AVP 0\r\na=sendrecv\r\n";
            session.start(engine.answer(offer, session).parameters());
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    session.localRtpAddress().getPort());
            byte[] packet = new byte[12 + 160];
            java.util.Arrays.fill(packet, 12, packet.length, (byte) 0xFF); // mu-law silence
            ByteBuffer header = ByteBuffer.wrap(packet);
            DatagramPacket datagram = new DatagramPacket(packet, packet.length, to);
            int packets = seconds * 50;
            long maxSlip = 0;
            long start = System.nanoTime();
            for (int k = 0; k < packets; k++) {
                long due = start + k * FRAME_NANOS;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                maxSlip = Math.max(maxSlip, System.nanoTime() - due);
                header.put(0, (byte) 0x80).put(1, (byte) (k == 0 ? 0x80 : 0)).putShort(2, (short) (1000 + k))
                        .putInt(4, 4000 + 160 * k).putInt(8, 0x5150);
                peer.send(datagram);
            }
            Thread.sleep(1500); // the session publishes its delay percentiles about once a second
            return new Result(session.stats(), maxSlip);
        } finally {
            session.close();
        }
    }

    private static int freeEvenPortPair() throws java.io.IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                base = probe.getLocalPort() & ~1;
            }
            if (base >= 1024 && base + 3 <= 65535 && free(base, 4)) {
                return base;
            }
        }
        throw new java.io.IOException("no four free UDP ports in a row on loopback");
    }

    private static boolean free(int base, int count) {
        java.util.List<DatagramSocket> held = new java.util.ArrayList<>();
        try {
            for (int p = base; p < base + count; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p)));
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }
}
