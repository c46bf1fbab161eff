package org.voxgate.app.it;

import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tomp2p.opuswrapper.Opus;

/**
 * A caller's media side speaking one codec: PCMU, PCMA (G.711 written here from the tables'
 * definition, not the server's code) or Opus (through opus-java's own JNA interface at the
 * full 48 kHz rate, where the server codes at 16 kHz: so the test also crosses the server's
 * resampling). Records what the server sends, decoded at the peer's rate, and the RTP
 * timestamp steps it saw.
 */
final class CodecRtpPeer implements AutoCloseable {
    enum Kind { PCMU, PCMA, OPUS }

    private final Kind kind;
    private final int payloadType;
    private final int rate;
    private final int frame;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final short[] received;
    private volatile int receivedSamples;
    private volatile SocketAddress server;
    private volatile long timestampSteps;
    private volatile long otherSteps;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int sequence = ThreadLocalRandom.current().nextInt(0, 65536);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    private PointerByReference encoder;
    private PointerByReference decoder;

    CodecRtpPeer(Kind kind, int payloadType) throws IOException {
        this.kind = kind;
        this.payloadType = payloadType;
        this.rate = kind == Kind.OPUS ? 48000 : 8000;
        this.frame = rate / 50;
        this.received = new short[rate * 60];
        if (kind == Kind.OPUS) {
            club.minnced.opus.util.OpusLibrary.loadFromJar();
            IntBuffer error = IntBuffer.allocate(1);
            encoder = Opus.INSTANCE.opus_encoder_create(rate, 1, Opus.OPUS_APPLICATION_AUDIO, error);
            decoder = Opus.INSTANCE.opus_decoder_create(rate, 1, error);
        }
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(200);
        receiver = Thread.ofPlatform().daemon().name("codec-rtp-peer").start(this::receive);
    }

    int port() { return socket.getLocalPort(); }

    int rate() { return rate; }

    int receivedSamples() { return receivedSamples; }

    /** Consecutive packets from the server whose timestamps stepped by one 20 ms frame. */
    long frameSteps() { return timestampSteps; }

    /** Consecutive packets whose timestamp step was anything else. */
    long otherSteps() { return otherSteps; }

    short[] received(int from, int to) {
        short[] copy = new short[Math.max(0, to - from)];
        System.arraycopy(received, from, copy, 0, copy.length);
        return copy;
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        short[] pcm = new short[frame * 6];
        long lastTimestamp = -1;
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            int length = packet.getLength();
            if (length < 12 || (buffer[0] & 0xc0) != 0x80 || (buffer[1] & 0x7f) != payloadType) {
                continue;
            }
            server = packet.getSocketAddress();
            long ts = ByteBuffer.wrap(buffer, 4, 4).getInt() & 0xffffffffL;
            if (lastTimestamp >= 0) {
                if (((ts - lastTimestamp) & 0xffffffffL) == frame) {
                    timestampSteps++;
                } else {
                    otherSteps++;
                }
            }
            lastTimestamp = ts;
            int offset = 12 + 4 * (buffer[0] & 0x0f);
            int n = decode(buffer, offset, length - offset, pcm);
            int at = receivedSamples;
            n = Math.min(n, received.length - at);
            System.arraycopy(pcm, 0, received, at, Math.max(0, n));
            receivedSamples = at + Math.max(0, n);
        }
    }

    private int decode(byte[] buffer, int offset, int length, short[] pcm) {
        switch (kind) {
            case PCMU -> {
                for (int i = 0; i < length; i++) {
                    pcm[i] = RtpPeer.ulawToLinear(buffer[offset + i]);
                }
                return length;
            }
            case PCMA -> {
                for (int i = 0; i < length; i++) {
                    pcm[i] = alawToLinear(buffer[offset + i]);
                }
                return length;
            }
            default -> {
                byte[] data = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
                ShortBuffer out = ShortBuffer.allocate(pcm.length);
                int n = Opus.INSTANCE.opus_decode(decoder, data, length, out, pcm.length, 0);
                if (n > 0) {
                    out.get(pcm, 0, n);
                }
                return n;
            }
        }
    }

    boolean awaitServer(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (server == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server != null;
    }

    /** Sends a tone at the peer's rate in 20 ms packets, paced in real time. */
    void sendTone(double hz, double seconds, double amplitude) throws IOException {
        int samples = (int) (seconds * rate);
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        long next = System.nanoTime();
        boolean first = true;
        for (int offset = 0; offset + frame <= pcm.length; offset += frame) {
            byte[] payload = encode(pcm, offset);
            byte[] packet = new byte[12 + payload.length];
            ByteBuffer b = ByteBuffer.wrap(packet);
            b.put((byte) 0x80).put((byte) ((first ? 0x80 : 0) | payloadType));
            b.putShort((short) sequence++).putInt((int) timestamp).putInt(ssrc);
            b.put(payload);
            first = false;
            socket.send(new DatagramPacket(packet, packet.length, server));
            timestamp += frame; // 20 ms: 160 at 8 kHz, 960 at Opus's 48 kHz clock
            next += TimeUnit.MILLISECONDS.toNanos(20);
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private byte[] encode(short[] pcm, int offset) {
        switch (kind) {
            case PCMU -> {
                byte[] out = new byte[frame];
                for (int i = 0; i < frame; i++) {
                    out[i] = RtpPeer.linearToUlaw(pcm[offset + i]);
                }
                return out;
            }
            case PCMA -> {
                byte[] out = new byte[frame];
                for (int i = 0; i < frame; i++) {
                    out[i] = linearToAlaw(pcm[offset + i]);
                }
                return out;
            }
            default -> {
                ShortBuffer in = ShortBuffer.wrap(pcm, offset, frame).slice();
                ByteBuffer out = ByteBuffer.allocate(1275);
                int n = Opus.INSTANCE.opus_encode(encoder, in, frame, out, out.capacity());
                if (n <= 0) {
                    throw new IllegalStateException("opus_encode failed: " + n);
                }
                byte[] bytes = new byte[n];
                out.get(bytes);
                return bytes;
            }
        }
    }

    /** G.711 A-law (ITU-T G.711 table 1): segment and 4-bit step of the 13-bit magnitude. */
    static byte linearToAlaw(short sample) {
        int s = sample >> 3; // 13-bit
        int sign = s >= 0 ? 0x80 : 0;
        int magnitude = s >= 0 ? s : -s - 1;
        int segment = 0;
        while (segment < 7 && magnitude >= (32 << segment)) {
            segment++;
        }
        int step = segment == 0 ? magnitude >> 1 : (magnitude >> segment) & 0x0f;
        return (byte) ((sign | (segment << 4) | step) ^ 0x55);
    }

    static short alawToLinear(byte code) {
        int a = (code ^ 0x55) & 0xff;
        int segment = (a >> 4) & 0x07;
        int step = a & 0x0f;
        int magnitude = segment == 0 ? (step << 1) + 1 : ((step << 1) + 33) << (segment - 1);
        magnitude <<= 3;
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    /** Goertzel power at {@code hz} as a share of the energy, over the loud 20 ms frames. */
    double toneShare(short[] pcm, double hz) {
        double atTone = 0;
        double total = 0;
        for (int f = 0; f + frame <= pcm.length; f += frame) {
            double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
            double s1 = 0;
            double s2 = 0;
            double energy = 0;
            for (int i = f; i < f + frame; i++) {
                double s0 = pcm[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
                energy += (double) pcm[i] * pcm[i];
            }
            if (Math.sqrt(energy / frame) < 327) { // below -40 dBFS: not part of the echo
                continue;
            }
            atTone += (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (frame / 2.0);
            total += energy;
        }
        return total == 0 ? 0 : atTone / total;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        receiver.join(2000);
        if (encoder != null) {
            Opus.INSTANCE.opus_encoder_destroy(encoder);
            Opus.INSTANCE.opus_decoder_destroy(decoder);
        }
    }
}
