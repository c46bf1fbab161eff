package org.voxgate.bench.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.voxgate.media.codec.AudioCodec;

/**
 * One probe call's media: sends PCMA bursts of its own tone (400 ms tone, 200 ms silence,
 * paced every 20 ms) to the echo bot and, on a second thread, checks what comes back with
 * Goertzel: how many frames carry this probe's tone, how many carry another probe's tone or
 * other loud content (someone else's audio), and the delay from each burst's first sample to
 * its first sample coming back.
 *
 * <p>Threading: {@link #run} sends on the calling thread and receives on one platform thread it
 * starts; results are read after {@link #run} returns.
 */
final class ToneProbe {
    static final int RATE = 8000;
    static final int FRAME = 160;
    static final int TONE_FRAMES = 20;
    static final int SILENCE_FRAMES = 10;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final double AMPLITUDE = 8000;
    private static final double ONSET_LEVEL = 1500;

    private final DatagramSocket socket;
    private final double hz;
    private final double[] otherHz;
    // written by the receiver thread, read after join
    private int framesIn;
    private int ownFrames;
    private int foreignFrames;
    private final List<Double> delaysMillis = new ArrayList<>();
    // burst start times (nanoTime of the first tone sample), written by the sender; the
    // receiver reads them through the volatile count
    private final long[] burstStart = new long[4096];
    private volatile int bursts;
    private int completeBursts;

    ToneProbe(double hz, double[] otherHz) throws SocketException {
        this.hz = hz;
        this.otherHz = otherHz;
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }

    int localPort() { return socket.getLocalPort(); }

    double hz() { return hz; }

    /** Sends bursts to {@code remote} for {@code millis}, receiving meanwhile; returns when done. */
    void run(InetSocketAddress remote, long millis) throws IOException, InterruptedException {
        Thread receiver = Thread.ofPlatform().daemon().name("probe-rx-" + (int) hz).start(this::receiveLoop);
        short[] pcm = new short[FRAME];
        byte[] packet = new byte[12 + FRAME];
        DatagramPacket datagram = new DatagramPacket(packet, packet.length, remote);
        int frames = (int) (millis / 20);
        int cycle = TONE_FRAMES + SILENCE_FRAMES;
        long ssrc = (long) hz * 7919;
        long start = System.nanoTime();
        for (int f = 0; f < frames; f++) {
            long due = start + (f + 1) * FRAME_NANOS; // the frame is complete at its end
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int inCycle = f % cycle;
            boolean tone = inCycle < TONE_FRAMES;
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = tone ? (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * (inCycle * FRAME + i) / RATE)) : 0;
            }
            if (tone && inCycle == 0) {
                burstStart[bursts] = due - FRAME_NANOS;
                bursts++;
            }
            if (inCycle == TONE_FRAMES - 1) {
                completeBursts++;
            }
            packet[0] = (byte) 0x80;
            packet[1] = (byte) (8 | (f == 0 ? 0x80 : 0));
            packet[2] = (byte) (f >> 8);
            packet[3] = (byte) f;
            long ts = (long) f * FRAME;
            packet[4] = (byte) (ts >> 24);
            packet[5] = (byte) (ts >> 16);
            packet[6] = (byte) (ts >> 8);
            packet[7] = (byte) ts;
            packet[8] = (byte) (ssrc >> 24);
            packet[9] = (byte) (ssrc >> 16);
            packet[10] = (byte) (ssrc >> 8);
            packet[11] = (byte) ssrc;
            AudioCodec.PCMA.encode(pcm, 0, packet, 12, FRAME);
            socket.send(datagram);
        }
        Thread.sleep(300); // the last echoes are still on their way
        socket.close();
        receiver.join(2000);
    }

    private void receiveLoop() {
        byte[] buf = new byte[2048];
        short[] pcm = new short[FRAME];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        boolean loud = false;
        double fullToneEnergy = AMPLITUDE * AMPLITUDE * FRAME / 2;
        int matchedBurst = -1;
        try {
            socket.setSoTimeout(500);
        } catch (SocketException e) {
            return;
        }
        while (!socket.isClosed()) {
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            long arrival = System.nanoTime();
            int length = datagram.getLength() - 12;
            if (length <= 0 || (buf[1] & 0x7F) != 8) {
                continue;
            }
            int n = Math.min(length, FRAME);
            AudioCodec.PCMA.decode(buf, 12, pcm, 0, n);
            framesIn++;
            double energy = Goertzel.energy(pcm, n);
            double own = Goertzel.toneShare(pcm, n, hz, RATE);
            if (own > 0.5) {
                ownFrames++;
            } else if (energy > 0.3 * fullToneEnergy && (own < 0.1 || dominatedByOther(pcm, n))) {
                foreignFrames++;
            }
            if (!loud) {
                int onset = firstLoudSample(pcm, n);
                if (onset >= 0 && own > 0.05) {
                    loud = true;
                    long onsetNanos = arrival - (long) (n - onset) * 1_000_000_000L / RATE;
                    int b = latestBurstBefore(onsetNanos);
                    if (b >= 0 && b != matchedBurst) {
                        matchedBurst = b;
                        delaysMillis.add((onsetNanos - burstStart[b]) / 1e6);
                    }
                }
            } else if (energy < 0.01 * fullToneEnergy) {
                loud = false;
            }
        }
    }

    private boolean dominatedByOther(short[] pcm, int n) {
        for (double other : otherHz) {
            if (Goertzel.toneShare(pcm, n, other, RATE) > 0.5) {
                return true;
            }
        }
        return false;
    }

    private static int firstLoudSample(short[] pcm, int n) {
        for (int i = 0; i < n; i++) {
            if (Math.abs(pcm[i]) > ONSET_LEVEL) {
                return i;
            }
        }
        return -1;
    }

    private int latestBurstBefore(long nanos) {
        int count = bursts;
        for (int b = count - 1; b >= 0; b--) {
            if (burstStart[b] <= nanos) {
                return b;
            }
        }
        return -1;
    }

    int framesIn() { return framesIn; }

    int ownFrames() { return ownFrames; }

    int foreignFrames() { return foreignFrames; }

    /** Tone frames sent in bursts that were sent whole. */
    int toneFramesSent() { return completeBursts * TONE_FRAMES; }

    List<Double> delaysMillis() { return delaysMillis; }
}
