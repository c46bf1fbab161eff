package org.voxgate.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The far end of a call in tests: a plain {@link DatagramSocket} that writes RTP by hand
 * (independently of the engine's own writer) and reads what the engine sends.
 */
final class RtpTestPeer implements AutoCloseable {
    /** One received packet's header fields and payload. */
    record Packet(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {}

    final DatagramSocket socket;

    RtpTestPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(LoopbackPorts.LOOPBACK, 0));
        socket.setSoTimeout(5000);
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(InetSocketAddress to, boolean marker, int pt, int seq, long ts, long ssrc, byte[] payload)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq)
                .putInt((int) ts).putInt((int) ssrc).put(payload);
        socket.send(new DatagramPacket(b.array(), b.capacity(), to));
    }

    /** The next packet, or null when none arrives within the socket timeout. */
    Packet receive() throws IOException {
        byte[] buf = new byte[1500];
        DatagramPacket dp = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(dp);
        } catch (SocketTimeoutException e) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, dp.getLength());
        int b0 = b.get() & 0xFF;
        if (b0 != 0x80) {
            throw new IOException("unexpected first byte " + Integer.toHexString(b0));
        }
        int b1 = b.get() & 0xFF;
        int seq = b.getShort() & 0xFFFF;
        long ts = b.getInt() & 0xFFFFFFFFL;
        long ssrc = b.getInt() & 0xFFFFFFFFL;
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new Packet((b1 & 0x80) != 0, b1 & 0x7F, seq, ts, ssrc, payload);
    }

    @Override
    public void close() {
        socket.close();
    }
}
