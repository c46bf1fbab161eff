package org.voxgate.app.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The caller's media side in integration tests: a real UDP socket on 127.0.0.1 that records
 * the PCMU audio the server sends and sends paced PCMU audio and RFC 4733 digits back to
 * wherever the server's packets come from. Written independently of the server's media code
 * so it checks that code rather than mirroring it.
 */
final class RtpPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread receiver;
    private final short[] received = new short[8000 * 300];
    private volatile int receivedSamples;
    private volatile SocketAddress server;
    /** Digits of the RFC 4733 events the server sent (payload type 101, as our SDP offers), in order. */
    private final StringBuffer digitsReceived = new StringBuffer();
    private long lastEventTimestamp = -1;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int sequence = ThreadLocalRandom.current().nextInt(0, 65536);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xffffffffL;

    RtpPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(200);
        receiver = Thread.ofPlatform().daemon().name("rtp-peer").start(this::receive);
    }

    int port() { return socket.getLocalPort(); }

    int receivedSamples() { return receivedSamples; }

    /** A copy of the audio received so far (8 kHz PCM). */
    short[] received(int from, int to) {
        short[] copy = new short[Math.max(0, to - from)];
        System.arraycopy(received, from, copy, 0, copy.length);
        return copy;
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            int length = packet.getLength();
            if (length < 12 || (buffer[0] & 0xc0) != 0x80) {
                continue;
            }
            server = packet.getSocketAddress();
            int payloadType = buffer[1] & 0x7f;
            int headerLength = 12 + 4 * (buffer[0] & 0x0f);
            if (payloadType == 101) {
                telephoneEvent(buffer, headerLength, length);
                continue;
            }
            if (payloadType != 0) {
                continue;
            }
            int n = receivedSamples;
            for (int i = headerLength; i < length && n < received.length; i++) {
                received[n++] = ulawToLinear(buffer[i]);
            }
            receivedSamples = n;
        }
    }

    /** One event is counted once: at its first end packet (the end is sent three times, same timestamp). */
    private void telephoneEvent(byte[] buffer, int headerLength, int length) {
        if (length < headerLength + 4 || (buffer[headerLength + 1] & 0x80) == 0) {
            return;
        }
        long eventTimestamp = ByteBuffer.wrap(buffer, 4, 4).getInt() & 0xffffffffL;
        if (eventTimestamp == lastEventTimestamp) {
            return;
        }
        lastEventTimestamp = eventTimestamp;
        int event = buffer[headerLength] & 0xff;
        if (event < 16) {
            digitsReceived.append("0123456789*#ABCD".charAt(event));
        }
    }

    /** The digits the server sent as RFC 4733 events so far. */
    String digitsReceived() { return digitsReceived.toString(); }

    /** Where the server's RTP comes from, or null before its first packet. */
    SocketAddress serverAddress() { return server; }

    /** Blocks until the server's first packet arrives (so we know where to send). */
    boolean awaitServer(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (server == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server != null;
    }

    /** Sends {@code pcm} as PCMU in 20 ms packets, paced in real time. */
    void sendAudio(short[] pcm) throws IOException {
        if (server == null) {
            throw new IllegalStateException("no RTP from the server yet: call awaitServer first");
        }
        long next = System.nanoTime();
        boolean first = true;
        for (int offset = 0; offset + 160 <= pcm.length; offset += 160) {
            byte[] packet = new byte[12 + 160];
            header(packet, 0, first);
            first = false;
            for (int i = 0; i < 160; i++) {
                packet[12 + i] = linearToUlaw(pcm[offset + i]);
            }
            socket.send(new DatagramPacket(packet, packet.length, server));
            timestamp += 160;
            next += TimeUnit.MILLISECONDS.toNanos(20);
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    /** Sends {@code millis} of silence, paced. */
    void sendSilence(int millis) throws IOException {
        sendAudio(new short[millis * 8]);
    }

    /** Sends one DTMF digit as RFC 4733 events (payload type 101): 3 updates, 3 end packets. */
    void sendDigit(char digit) throws IOException {
        int event = "0123456789*#".indexOf(digit);
        long eventTimestamp = timestamp;
        for (int i = 1; i <= 6; i++) {
            boolean end = i > 3;
            int duration = Math.min(i, 4) * 160;
            byte[] packet = new byte[12 + 4];
            header(packet, 101, i == 1);
            ByteBuffer.wrap(packet, 4, 4).putInt((int) eventTimestamp);
            packet[12] = (byte) event;
            packet[13] = (byte) ((end ? 0x80 : 0) | 10);
            packet[14] = (byte) (duration >> 8);
            packet[15] = (byte) duration;
            socket.send(new DatagramPacket(packet, packet.length, server));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        timestamp += 4 * 160;
    }

    private void header(byte[] packet, int payloadType, boolean marker) {
        ByteBuffer b = ByteBuffer.wrap(packet);
        b.put((byte) 0x80);
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) sequence++);
        b.putInt((int) timestamp);
        b.putInt(ssrc);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        receiver.join(2000);
    }

    // ITU-T G.711 mu-law, written from the standard's segment description.
    static byte linearToUlaw(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        if (s < 0) {
            s = -s;
        }
        s = Math.min(s, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static short ulawToLinear(byte encoded) {
        int u = ~encoded & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }
}
