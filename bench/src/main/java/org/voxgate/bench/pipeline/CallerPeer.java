package org.voxgate.bench.pipeline;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.codec.G711;

/**
 * The caller's phone: one loopback UDP socket that sends a PCMU packet every 20 ms on a fixed
 * schedule (digital silence, or the frames of an {@link Utterance} once one is queued), each
 * stamped with its {@link Marker} and its send time recorded, and receives the bot's packets,
 * logging the arrival time of every one carrying bot audio louder than {@link #LOUD_RMS}.
 *
 * <p>Times are {@link System#nanoTime()} read just before {@code send} and just after
 * {@code receive}: on loopback a datagram crosses in tens of microseconds, so a send time stands
 * for the server's arrival time (a slight over-estimate of every interval that starts there).
 *
 * <p>Threading: a sender and a receiver platform thread of its own; every public method is
 * thread-safe. Ownership: owns the socket and threads until {@link #close}.
 */
final class CallerPeer implements AutoCloseable {
    /** RMS (16-bit scale) above which a received packet carries bot audio: the fake TTS voice is about 5,600, silence 0. */
    static final double LOUD_RMS = 1000;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int SAMPLES = AudioChannel.FRAME_SAMPLES;

    /** Speech queued to be sent; its first and last packets' send times once sent. */
    static final class Utterance {
        final short[] pcm;
        final int frames;
        volatile long firstSentNanos;
        volatile long lastSentNanos;
        private final CountDownLatch sent = new CountDownLatch(1);

        Utterance(short[] pcm) {
            this.frames = pcm.length / SAMPLES;
            this.pcm = pcm;
        }

        void awaitSent() throws InterruptedException {
            if (!sent.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("utterance not sent within 60 s");
            }
        }
    }

    private final DatagramSocket socket;
    private final ConcurrentLinkedQueue<Utterance> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLongArray sentNanos = new AtomicLongArray(Marker.COUNT);
    private long[] loud = new long[4096];
    private int loudCount;
    private volatile boolean running = true;
    private volatile long maxSlipNanos;
    private Thread sender;
    private Thread receiver;

    CallerPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Starts sending to the server's RTP address, and receiving. */
    void start(InetSocketAddress server) {
        sender = Thread.ofPlatform().name("caller-send").priority(Thread.MAX_PRIORITY).start(() -> send(server));
        receiver = Thread.ofPlatform().name("caller-receive").priority(Thread.MAX_PRIORITY).start(this::receive);
    }

    /** Queues speech (whole 20 ms frames are sent, the rest dropped) after what is queued. */
    Utterance speak(short[] pcm) {
        Utterance u = new Utterance(pcm);
        queue.add(u);
        return u;
    }

    /** When the packet carrying {@code marker} was sent, or 0 if not (yet, or since overwritten). */
    long sentNanos(int marker) {
        return marker < 0 || marker >= Marker.COUNT ? 0 : sentNanos.get(marker);
    }

    /** The sender's worst lateness against its 20 ms schedule so far. */
    long maxSlipNanos() {
        return maxSlipNanos;
    }

    /** The arrival time of the first loud packet after {@code after}, waiting up to {@code timeoutNanos}; -1 if none. */
    long firstLoudAfter(long after, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            synchronized (this) {
                for (int i = loudCount - 1; i >= 0 && loud[i] > after; i--) {
                    if (i == 0 || loud[i - 1] <= after) {
                        return loud[i];
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 5_000_000L));
            }
        }
    }

    /** The arrival time of the last loud packet in {@code (from, to]}, or -1 if none. */
    synchronized long lastLoudIn(long from, long to) {
        for (int i = loudCount - 1; i >= 0 && loud[i] > from; i--) {
            if (loud[i] <= to) {
                return loud[i];
            }
        }
        return -1;
    }

    /**
     * The last loud packet of the run going on at {@code at}: from the last loud packet at or
     * before it, onwards while loud packets follow each other within {@code maxGapNanos}; -1 if
     * no loud packet came before {@code at}.
     */
    synchronized long endOfLoudRun(long at, long maxGapNanos) {
        int i = loudCount - 1;
        while (i >= 0 && loud[i] > at) {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        while (i + 1 < loudCount && loud[i + 1] - loud[i] <= maxGapNanos) {
            i++;
        }
        return loud[i];
    }

    /** Waits until no loud packet has arrived for {@code quietNanos}; false after {@code timeoutNanos}. */
    boolean awaitQuiet(long quietNanos, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            long last;
            synchronized (this) {
                last = loudCount == 0 ? Long.MIN_VALUE : loud[loudCount - 1];
            }
            long now = System.nanoTime();
            if (last == Long.MIN_VALUE || now - last >= quietNanos) {
                return true;
            }
            Thread.sleep(Math.max(1, (quietNanos - (now - last)) / 1_000_000L));
        }
        return false;
    }

    private void send(InetSocketAddress server) {
        byte[] packet = new byte[12 + SAMPLES];
        ByteBuffer header = ByteBuffer.wrap(packet);
        DatagramPacket datagram = new DatagramPacket(packet, packet.length, server);
        short[] silence = new short[SAMPLES];
        Utterance current = null;
        int position = 0;
        long start = System.nanoTime();
        for (long k = 0; running; k++) {
            long due = start + k * FRAME_NANOS;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            maxSlipNanos = Math.max(maxSlipNanos, System.nanoTime() - due);
            if (current == null) {
                current = queue.poll();
                position = 0;
            }
            if (current != null && current.frames > 0) {
                G711.encodeUlaw(current.pcm, position * SAMPLES, packet, 12, SAMPLES);
            } else {
                G711.encodeUlaw(silence, 0, packet, 12, SAMPLES);
            }
            Marker.stamp(packet, 12, k);
            header.put(0, (byte) 0x80).put(1, (byte) (k == 0 ? 0x80 : 0)).putShort(2, (short) k)
                    .putInt(4, (int) (SAMPLES * k)).putInt(8, 0x0BE4C4);
            long now = System.nanoTime();
            sentNanos.set((int) (k % Marker.COUNT), now);
            try {
                socket.send(datagram);
            } catch (IOException e) {
                if (running) {
                    throw new IllegalStateException("caller send failed", e);
                }
                return;
            }
            if (current != null) {
                if (position == 0) {
                    current.firstSentNanos = now;
                }
                position++;
                if (position >= current.frames) {
                    current.lastSentNanos = now;
                    current.sent.countDown();
                    current = null;
                }
            }
        }
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            long now = System.nanoTime();
            int length = datagram.getLength();
            if (length < 12 + SAMPLES || (buffer[1] & 0x7F) != 0) {
                continue; // not a 20 ms PCMU packet (RTCP goes to the next port)
            }
            if (rms(buffer, 12, length - 12) > LOUD_RMS) {
                synchronized (this) {
                    if (loudCount == loud.length) {
                        loud = Arrays.copyOf(loud, loud.length * 2);
                    }
                    loud[loudCount++] = now;
                    notifyAll();
                }
            }
        }
    }

    private static double rms(byte[] ulaw, int offset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = G711.ulawToLinear(ulaw[offset + i]);
            sum += v * v;
        }
        return Math.sqrt(sum / length);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        socket.close();
        if (sender != null) {
            sender.join(1000);
            receiver.join(1000);
        }
    }
}
