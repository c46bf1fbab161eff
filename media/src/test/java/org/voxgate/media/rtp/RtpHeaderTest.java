package org.voxgate.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {
    private final RtpHeader header = new RtpHeader();

    @Test
    void writtenHeaderParsesBack() {
        ByteBuf buf = Unpooled.buffer();
        RtpHeader.write(buf, true, 8, 65535, 0xFFFFFFF0L, 0xDEADBEEFL);
        buf.writeBytes(new byte[] {1, 2, 3});

        assertThat(header.parse(buf)).isTrue();
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isEqualTo(8);
        assertThat(header.sequenceNumber()).isEqualTo(65535);
        assertThat(header.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(header.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(header.payloadOffset()).isEqualTo(12);
        assertThat(header.payloadLength()).isEqualTo(3);
        assertThat(buf.readerIndex()).isZero();
        buf.release();
    }

    @Test
    void csrcExtensionAndPaddingAreSkipped() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(0x80 | 0x20 | 0x10 | 2); // V=2, P, X, CC=2
        buf.writeByte(0x00);                    // PT 0, no marker
        buf.writeShort(7);
        buf.writeInt(160);
        buf.writeInt(42);
        buf.writeInt(1).writeInt(2);            // two CSRCs
        buf.writeShort(0xBEDE).writeShort(1);   // extension header, one word
        buf.writeInt(0x11223344);
        buf.writeBytes(new byte[] {9, 9, 9, 9}); // payload
        buf.writeBytes(new byte[] {0, 0, 3});    // 3 bytes of padding, count last

        assertThat(header.parse(buf)).isTrue();
        assertThat(header.csrcCount()).isEqualTo(2);
        assertThat(header.extension()).isTrue();
        assertThat(header.padding()).isTrue();
        assertThat(header.payloadOffset()).isEqualTo(12 + 8 + 8);
        assertThat(header.payloadLength()).isEqualTo(4);
        buf.release();
    }

    @Test
    void garbageIsRejectedWithoutThrowing() {
        assertThat(header.parse(Unpooled.wrappedBuffer(new byte[0]))).isFalse();
        assertThat(header.parse(Unpooled.wrappedBuffer(new byte[11]))).isFalse();
        // version 1
        assertThat(header.parse(Unpooled.wrappedBuffer(bytes(0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)))).isFalse();
        // CSRC count 15 but no CSRCs
        assertThat(header.parse(Unpooled.wrappedBuffer(bytes(0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)))).isFalse();
        // extension bit, no extension header
        assertThat(header.parse(Unpooled.wrappedBuffer(bytes(0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)))).isFalse();
        // extension claiming 100 words
        assertThat(header.parse(Unpooled.wrappedBuffer(
                bytes(0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 100)))).isFalse();
        // padding count larger than the packet, and padding count zero
        assertThat(header.parse(Unpooled.wrappedBuffer(bytes(0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 50)))).isFalse();
        assertThat(header.parse(Unpooled.wrappedBuffer(bytes(0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0)))).isFalse();
        // random text
        assertThat(header.parse(Unpooled.wrappedBuffer("INVITE sip:bob@example.com SIP/2.0".getBytes()))).isFalse();
    }

    @Test
    void readsAtTheReaderIndex() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(new byte[] {7, 7});
        RtpHeader.write(buf, false, 0, 1, 2, 3);
        buf.readerIndex(2);
        assertThat(header.parse(buf)).isTrue();
        assertThat(header.payloadOffset()).isEqualTo(14);
        assertThat(header.payloadLength()).isZero();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
