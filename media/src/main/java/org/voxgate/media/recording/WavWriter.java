package org.voxgate.media.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends 16-bit little-endian PCM to a new WAV file: a provisional header at open (see
 * {@link WavFile}), blocks of samples as they come, the real sizes at {@link #close()}.
 *
 * <p>Threading: not thread-safe; one writer thread owns it. Buffer ownership: blocks passed
 * to {@link #write} are read from position to limit and not kept.
 */
final class WavWriter implements Closeable {
    private final FileChannel file;
    private long dataBytes;
    private boolean closed;

    /**
     * Creates the file (it must not exist) and writes the provisional header.
     */
    WavWriter(Path path, int channels, int sampleRate) throws IOException {
        file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(WavFile.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            WavFile.putHeader(header, channels, sampleRate, WavFile.PROVISIONAL_SIZE);
            header.flip();
            writeFully(header);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    /** Appends the bytes between {@code block}'s position and limit (little-endian samples). */
    void write(ByteBuffer block) throws IOException {
        dataBytes += writeFully(block);
    }

    /** Bytes of samples written so far. */
    long dataBytes() {
        return dataBytes;
    }

    /** Patches the real sizes into the header and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel f = file) {
            WavFile.patchSizes(f, dataBytes);
        }
    }

    private int writeFully(ByteBuffer block) throws IOException {
        int n = block.remaining();
        while (block.hasRemaining()) {
            file.write(block);
        }
        return n;
    }
}
