package org.voxgate.media.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The canonical 44-byte RIFF/WAVE header for 16-bit PCM, and the recovery of a file whose
 * writer died before it could patch the sizes in.
 *
 * <p>A recording is opened with a <em>provisional</em> header whose RIFF and data sizes are
 * {@value #PROVISIONAL_SIZE} (the largest a WAV can claim); most readers (sox, ffmpeg) then
 * read to the end of the file. {@link #repair} replaces them with the real sizes. Stateless;
 * all methods are thread-safe on distinct files.
 */
public final class WavFile {
    /** Bytes before the first sample. */
    public static final int HEADER_BYTES = 44;
    /** The size written into a header until the real one is known. */
    public static final long PROVISIONAL_SIZE = 0xFFFF_FFFFL;
    private static final int RIFF_SIZE_OFFSET = 4;
    private static final int DATA_SIZE_OFFSET = 40;

    private WavFile() {}

    /**
     * Puts a header into {@code out} at its position, advancing it by {@value #HEADER_BYTES}.
     *
     * @param dataBytes bytes of samples that follow, or {@link #PROVISIONAL_SIZE}
     */
    static void putHeader(ByteBuffer out, int channels, int sampleRate, long dataBytes) {
        ByteOrder order = out.order();
        out.order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * 2;
        out.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        out.putInt((int) riffSize(dataBytes));
        out.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        out.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        out.putInt(16);                          // fmt chunk size
        out.putShort((short) 1);                 // PCM
        out.putShort((short) channels);
        out.putInt(sampleRate);
        out.putInt(sampleRate * blockAlign);     // byte rate
        out.putShort((short) blockAlign);
        out.putShort((short) 16);                // bits per sample
        out.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        out.putInt((int) dataBytes);
        out.order(order);
    }

    /** Writes the real sizes for {@code dataBytes} of samples into an open file's header. */
    static void patchSizes(FileChannel file, long dataBytes) throws IOException {
        ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        four.putInt(0, (int) riffSize(dataBytes));
        file.write(four, RIFF_SIZE_OFFSET);
        four.clear();
        four.putInt(0, (int) Math.min(dataBytes, PROVISIONAL_SIZE));
        file.write(four, DATA_SIZE_OFFSET);
    }

    private static long riffSize(long dataBytes) {
        return Math.min(dataBytes + HEADER_BYTES - 8, PROVISIONAL_SIZE);
    }

    /**
     * Fixes a recording left with a provisional header (the node stopped while writing it):
     * cuts a torn last sample frame off and writes the real sizes. A file whose header already
     * states its length is left alone. Must not be called on a file still being written.
     *
     * @return true when the file was changed
     * @throws IOException when the file cannot be read or written, or is not a 16-bit PCM WAV
     */
    public static boolean repair(Path path) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && file.read(header, header.position()) > 0) {
                // read the whole header
            }
            if (header.hasRemaining() || header.getInt(0) != 0x4646_4952 /* RIFF */
                    || header.getInt(8) != 0x4556_4157 /* WAVE */ || header.getInt(36) != 0x6174_6164 /* data */
                    || header.getShort(34) != 16) {
                throw new IOException(path + " is not a 16-bit PCM WAV file with a 44-byte header");
            }
            int blockAlign = header.getShort(32);
            long dataBytes = file.size() - HEADER_BYTES;
            dataBytes -= dataBytes % blockAlign;
            long stated = Integer.toUnsignedLong(header.getInt(DATA_SIZE_OFFSET));
            if (stated == dataBytes && Integer.toUnsignedLong(header.getInt(RIFF_SIZE_OFFSET)) == riffSize(dataBytes)) {
                return false;
            }
            file.truncate(HEADER_BYTES + dataBytes);
            patchSizes(file, dataBytes);
            file.force(true);
            return true;
        }
    }
}
