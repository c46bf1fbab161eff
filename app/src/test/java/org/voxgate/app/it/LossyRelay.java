package org.voxgate.app.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A UDP relay between a test caller and the server that damages the media in known ways,
 * written independently of the server's RTP and RTCP code so that it checks it.
 *
 * <p>The caller's SDP names {@link #serverSidePort()} (the relay's "caller" socket towards the
 * server, with RTCP on the port above it); the server's RTP is forwarded to the caller's real
 * port from a second socket, to which the caller answers. Caller to server: every
 * {@code dropEvery}-th packet is dropped and every other one delayed by a uniform random
 * 0 to {@code maxDelayMillis} (a seeded generator, so runs repeat). Server to caller: every
 * {@code outboundDropEvery}-th packet is dropped. RTCP from the server is captured; each SR is
 * answered, {@code rrHoldMillis} later, by an RR about the server's stream carrying the relay's
 * own loss count, LSR and DLSR, so the server can measure the round trip and our loss.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket towardsServer;
    private final DatagramSocket rtcp;
    private final DatagramSocket towardsCaller;
    private final InetSocketAddress caller;
    private final int dropEvery;
    private final int maxDelayMillis;
    private final int outboundDropEvery;
    private final int rrHoldMillis;
    private final Random random;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<byte[]> rtcpFromServer = new CopyOnWriteArrayList<>();
    private final List<Long> reportedLost = new CopyOnWriteArrayList<>();
    private final int ssrc = new Random().nextInt();
    private volatile SocketAddress server;
    private volatile int droppedToServer;
    private volatile int forwardedToServer;
    // server stream as the relay's caller side sees it (written by the one server-side thread)
    private volatile long serverSsrc;
    private volatile int firstSeq = -1;
    private volatile long highestExtended;
    private volatile long forwardedToCaller;

    LossyRelay(int callerPort, int dropEvery, int maxDelayMillis, int outboundDropEvery, int rrHoldMillis, long seed)
            throws IOException {
        int base = FreePorts.udpRange(2);
        towardsServer = new DatagramSocket(new InetSocketAddress("127.0.0.1", base));
        rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", base + 1));
        towardsCaller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        for (DatagramSocket s : List.of(towardsServer, rtcp, towardsCaller)) {
            s.setSoTimeout(200);
        }
        this.caller = new InetSocketAddress("127.0.0.1", callerPort);
        this.dropEvery = dropEvery;
        this.maxDelayMillis = maxDelayMillis;
        this.outboundDropEvery = outboundDropEvery;
        this.rrHoldMillis = rrHoldMillis;
        this.random = new Random(seed);
        threads.add(Thread.ofPlatform().daemon().name("relay-from-server").start(this::fromServer));
        threads.add(Thread.ofPlatform().daemon().name("relay-from-caller").start(this::fromCaller));
        threads.add(Thread.ofPlatform().daemon().name("relay-rtcp").start(this::readRtcp));
    }

    /** The RTP port to put into the caller's SDP (RTCP is on the next one). */
    int serverSidePort() { return towardsServer.getLocalPort(); }

    int droppedToServer() { return droppedToServer; }

    int forwardedToServer() { return forwardedToServer; }

    /** Compound RTCP packets the server sent us, in arrival order. */
    List<byte[]> rtcpFromServer() { return rtcpFromServer; }

    /** The cumulative loss each of our RRs reported, in order. */
    List<Long> reportedLost() { return reportedLost; }

    private void fromServer() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long count = 0;
        while (!towardsServer.isClosed()) {
            if (!receive(towardsServer, packet)) {
                continue;
            }
            server = packet.getSocketAddress();
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, packet.getLength());
            int seq = b.getShort(2) & 0xFFFF;
            serverSsrc = b.getInt(8) & 0xFFFFFFFFL;
            if (firstSeq < 0) {
                firstSeq = seq;
                highestExtended = seq;
            } else {
                long cycles = highestExtended & ~0xFFFFL;
                long candidate = cycles | seq;
                if (candidate < highestExtended - 0x8000) {
                    candidate += 0x10000;
                }
                highestExtended = Math.max(highestExtended, candidate);
            }
            count++;
            if (outboundDropEvery > 0 && count % outboundDropEvery == 0) {
                continue;
            }
            forwardedToCaller++;
            send(towardsCaller, buffer, packet.getLength(), caller);
        }
    }

    private void fromCaller() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long count = 0;
        while (!towardsCaller.isClosed()) {
            if (!receive(towardsCaller, packet) || server == null) {
                continue;
            }
            count++;
            if (count % dropEvery == 0) {
                droppedToServer++;
                continue;
            }
            byte[] copy = java.util.Arrays.copyOf(buffer, packet.getLength());
            long delayMicros = (long) (random.nextDouble() * maxDelayMillis * 1000);
            forwardedToServer++;
            SocketAddress to = server;
            delays.schedule(() -> send(towardsServer, copy, copy.length, to), delayMicros, TimeUnit.MICROSECONDS);
        }
    }

    private void readRtcp() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!rtcp.isClosed()) {
            if (!receive(rtcp, packet)) {
                continue;
            }
            long arrivalNanos = System.nanoTime();
            byte[] copy = java.util.Arrays.copyOf(buffer, packet.getLength());
            rtcpFromServer.add(copy);
            ByteBuffer b = ByteBuffer.wrap(copy);
            if ((copy[1] & 0xFF) != 200 || copy.length < 28) {
                continue; // only an SR is answered
            }
            long lsr = (b.getLong(8) >>> 16) & 0xFFFFFFFFL;
            SocketAddress from = packet.getSocketAddress();
            delays.schedule(() -> sendReceiverReport(lsr, arrivalNanos, from), rrHoldMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** An RR (RFC 3550 6.4.2) about the server's stream, with one report block. */
    private void sendReceiverReport(long lsr, long srArrivalNanos, SocketAddress to) {
        long expected = highestExtended - firstSeq + 1;
        long lost = Math.max(0, expected - forwardedToCaller);
        long dlsr = ((System.nanoTime() - srArrivalNanos) << 16) / 1_000_000_000L;
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(ssrc);
        b.putInt((int) serverSsrc);
        b.putInt((int) (lost & 0xFFFFFF)); // fraction lost 0: only the cumulative count is checked
        b.putInt((int) highestExtended);
        b.putInt(0); // jitter: the relay adds none that way
        b.putInt((int) lsr);
        b.putInt((int) dlsr);
        reportedLost.add(lost);
        send(rtcp, b.array(), 32, to);
    }

    private static boolean receive(DatagramSocket socket, DatagramPacket packet) {
        try {
            packet.setLength(packet.getData().length);
            socket.receive(packet);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(DatagramSocket socket, byte[] data, int length, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, length, to));
        } catch (IOException e) {
            // the socket closed under us at the end of the test
        }
    }

    @Override
    public void close() throws InterruptedException {
        delays.shutdownNow();
        towardsServer.close();
        rtcp.close();
        towardsCaller.close();
        for (Thread t : threads) {
            t.join(2000);
        }
    }
}
