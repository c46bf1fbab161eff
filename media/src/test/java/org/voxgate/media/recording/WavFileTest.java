package org.voxgate.media.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {
    @TempDir
    Path dir;

    @Test
    void headerFieldsAreThoseOfStereo16Bit8kHzPcm() throws Exception {
        Path file = dir.resolve("a.wav");
        try (WavWriter w = new WavWriter(file, 2, 8000)) {
            w.write(samples(1, -2, 3, -4));
        }
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 8, h.limit());
        assertEquals("RIFF", ascii(h, 0));
        assertEquals(36 + 8, h.getInt(4));
        assertEquals("WAVE", ascii(h, 8));
        assertEquals("fmt ", ascii(h, 12));
        assertEquals(16, h.getInt(16));
        assertEquals(1, h.getShort(20));       // PCM
        assertEquals(2, h.getShort(22));       // channels
        assertEquals(8000, h.getInt(24));      // sample rate
        assertEquals(32000, h.getInt(28));     // byte rate
        assertEquals(4, h.getShort(32));       // block align
        assertEquals(16, h.getShort(34));      // bits
        assertEquals("data", ascii(h, 36));
        assertEquals(8, h.getInt(40));

        // an independent reader agrees
        AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
        assertEquals(AudioFileFormat.Type.WAVE, format.getType());
        AudioFormat f = format.getFormat();
        assertEquals(2, f.getChannels());
        assertEquals(8000f, f.getSampleRate());
        assertEquals(16, f.getSampleSizeInBits());
        assertFalse(f.isBigEndian());
        assertEquals(2, format.getFrameLength());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            byte[] pcm = in.readAllBytes();
            ByteBuffer s = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
            assertArrayEquals(new short[] {1, -2, 3, -4},
                    new short[] {s.getShort(0), s.getShort(2), s.getShort(4), s.getShort(6)});
        }
    }

    @Test
    void openFileHasAProvisionalHeaderAndCloseWritesTheRealSizes() throws Exception {
        Path file = dir.resolve("b.wav");
        WavWriter w = new WavWriter(file, 2, 8000);
        w.write(samples(new short[640]));
        ByteBuffer open = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xFFFF_FFFF, open.getInt(4));
        assertEquals(0xFFFF_FFFF, open.getInt(40));
        assertEquals(44 + 1280, open.limit(), "samples are on disk before close");
        w.write(samples(new short[320]));
        w.close();
        w.close(); // idempotent
        ByteBuffer closed = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1920, closed.getInt(40));
        assertEquals(1920 + 36, closed.getInt(4));
        assertEquals(480, AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength());
    }

    @Test
    void repairMakesAFileLeftByACrashExactAndCutsATornSample() throws Exception {
        Path file = dir.resolve("crash.wav");
        WavWriter w = new WavWriter(file, 2, 8000);
        w.write(samples(new short[] {5, 6, 7, 8, 9, 10}));
        // the writer never closes (the node died), and a block was cut mid-sample
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        assertTrue(WavFile.repair(file));
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 12, h.limit(), "the torn stereo frame is cut off");
        assertEquals(12, h.getInt(40));
        assertEquals(12 + 36, h.getInt(4));
        assertEquals(3, AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength());
        assertEquals(10, h.getShort(44 + 10));

        assertFalse(WavFile.repair(file), "an exact file is left alone");
    }

    @Test
    void repairRefusesWhatIsNotAWav() throws IOException {
        Path file = dir.resolve("x.wav");
        Files.write(file, new byte[100]);
        assertThrows(IOException.class, () -> WavFile.repair(file));
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("taken.wav");
        Files.write(file, new byte[] {1});
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> new WavWriter(file, 2, 8000));
    }

    static ByteBuffer samples(int... values) {
        short[] s = new short[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) values[i];
        }
        return samples(s);
    }

    static ByteBuffer samples(short[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(values);
        return b;
    }

    private static String ascii(ByteBuffer b, int at) {
        return new String(new byte[] {b.get(at), b.get(at + 1), b.get(at + 2), b.get(at + 3)},
                java.nio.charset.StandardCharsets.US_ASCII);
    }
}
