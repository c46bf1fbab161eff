package org.voxgate.media.audiosocket;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * One AudioSocket message as Asterisk's {@code app_audiosocket} / {@code chan_audiosocket}
 * frame it: one byte of kind, a 16-bit big-endian payload length, then the payload.
 * Kinds used here: {@link #HANGUP} (no payload), {@link #ID} (16 bytes, the stream's id),
 * {@link #DTMF} (one ASCII digit), {@link #AUDIO} (signed linear 16-bit little-endian, 8 kHz
 * mono; Asterisk sends 320 bytes per 20 ms) and {@link #ERROR} (optional error code).
 *
 * <p>Immutable; the payload array is owned by the frame once constructed.
 */
record AudioSocketFrame(int kind, byte[] payload) {
    static final int HANGUP = 0x00;
    static final int ID = 0x01;
    static final int DTMF = 0x03;
    static final int AUDIO = 0x10;
    static final int ERROR = 0xff;
    /** The largest payload the 16-bit length can carry. */
    static final int MAX_PAYLOAD = 0xffff;

    AudioSocketFrame {
        if (kind < 0 || kind > 0xff) {
            throw new IllegalArgumentException("frame kind must be one byte: " + kind);
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
    }

    /**
     * Reads one frame, blocking until it is complete.
     *
     * @return the frame, or null when the stream ended cleanly between frames
     * @throws EOFException when the stream ends inside a frame
     */
    static AudioSocketFrame read(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        int length = in.readUnsignedShort();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new AudioSocketFrame(kind, payload);
    }

    /** Writes header and payload in one {@code write} call, so one TCP segment usually carries a frame. */
    void writeTo(OutputStream out) throws IOException {
        byte[] wire = new byte[3 + payload.length];
        wire[0] = (byte) kind;
        wire[1] = (byte) (payload.length >>> 8);
        wire[2] = (byte) payload.length;
        System.arraycopy(payload, 0, wire, 3, payload.length);
        out.write(wire);
    }

    static AudioSocketFrame hangup() {
        return new AudioSocketFrame(HANGUP, new byte[0]);
    }

    static AudioSocketFrame error(int code) {
        return new AudioSocketFrame(ERROR, new byte[] {(byte) code});
    }

    /** 16-bit samples as little-endian bytes. */
    static AudioSocketFrame audio(short[] pcm, int offset, int length) {
        byte[] payload = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            short s = pcm[offset + i];
            payload[2 * i] = (byte) s;
            payload[2 * i + 1] = (byte) (s >> 8);
        }
        return new AudioSocketFrame(AUDIO, payload);
    }

    /** The samples of an {@link #AUDIO} payload (an odd trailing byte is dropped). */
    short[] samples() {
        short[] pcm = new short[payload.length / 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) ((payload[2 * i] & 0xff) | (payload[2 * i + 1] << 8));
        }
        return pcm;
    }

    /** The id of an {@link #ID} frame: the 16 bytes in network order, as Asterisk writes them. */
    UUID uuid() {
        if (kind != ID || payload.length != 16) {
            throw new IllegalStateException("not a 16-byte UUID frame: kind " + kind + ", " + payload.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        return new UUID(b.getLong(), b.getLong());
    }

    static AudioSocketFrame id(UUID id) {
        return new AudioSocketFrame(ID, ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }
}
