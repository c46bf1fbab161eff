package org.voxgate.media.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AudioSocketFrameTest {
    @Test
    void hangupIsThreeZeroBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSocketFrame.hangup().writeTo(out);
        assertThat(out.toByteArray()).containsExactly(0, 0, 0);
    }

    @Test
    void audioIsLittleEndianWithBigEndianLength() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSocketFrame.audio(new short[] {0x1234, -2, 7}, 1, 2).writeTo(out);
        assertThat(out.toByteArray()).containsExactly(0x10, 0x00, 0x04, 0xfe, 0xff, 0x07, 0x00);
    }

    @Test
    void lengthAbove255UsesBothBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSocketFrame.audio(new short[160], 0, 160).writeTo(out);
        byte[] wire = out.toByteArray();
        assertThat(wire).hasSize(323);
        assertThat(wire[1] & 0xff).isEqualTo(0x01);
        assertThat(wire[2] & 0xff).isEqualTo(0x40);
    }

    @Test
    void readsUuidAudioDtmfAndErrorFramesBackToBack() throws Exception {
        UUID id = UUID.fromString("40325ec2-5efd-4bd3-805f-53576e581d13");
        byte[] wire = {
            0x01, 0x00, 0x10, 0x40, 0x32, 0x5e, (byte) 0xc2, 0x5e, (byte) 0xfd, 0x4b, (byte) 0xd3,
            (byte) 0x80, 0x5f, 0x53, 0x57, 0x6e, 0x58, 0x1d, 0x13,
            0x10, 0x00, 0x02, 0x00, (byte) 0x80,
            0x03, 0x00, 0x01, '5',
            (byte) 0xff, 0x00, 0x01, 0x02};
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
        assertThat(AudioSocketFrame.read(in).uuid()).isEqualTo(id);
        assertThat(AudioSocketFrame.read(in).samples()).containsExactly((short) -32768);
        AudioSocketFrame digit = AudioSocketFrame.read(in);
        assertThat(digit.kind()).isEqualTo(AudioSocketFrame.DTMF);
        assertThat((char) digit.payload()[0]).isEqualTo('5');
        AudioSocketFrame error = AudioSocketFrame.read(in);
        assertThat(error.kind()).isEqualTo(0xff);
        assertThat(error.payload()).containsExactly(2);
        assertThat(AudioSocketFrame.read(in)).as("clean end between frames").isNull();
    }

    @Test
    void uuidRoundTrips() throws Exception {
        UUID id = UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSocketFrame.id(id).writeTo(out);
        assertThat(AudioSocketFrame.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray()))).uuid())
                .isEqualTo(id);
    }

    @Test
    void endInsideAFrameIsAnError() {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {0x10, 0x01, 0x40, 1, 2}));
        assertThatThrownBy(() -> AudioSocketFrame.read(in)).isInstanceOf(EOFException.class);
    }
}
