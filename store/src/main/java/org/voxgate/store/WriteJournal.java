package org.voxgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of {@link PendingWrite}s, one JSON document per line, that keeps writes
 * the store could not take across a crash or shutdown.
 *
 * <p>Thread-safe: file operations are serialised by an internal lock, and no other lock is
 * held while they run. Every append is forced to disk before it returns, because the journal
 * only matters when the process might die next. Entries may be journaled more than once or
 * after they were written; that is harmless because every write is idempotent.
 */
final class WriteJournal {

    /** The journal's file name inside the journal directory. */
    static final String FILE_NAME = "pending-call-writes.jsonl";

    private static final Logger log = LoggerFactory.getLogger(WriteJournal.class);

    private final Path file;
    private final ObjectMapper mapper;
    private final ReentrantLock lock = new ReentrantLock();
    /** Set after a failed append, which may have left half a line behind. */
    private boolean mayEndMidLine;

    WriteJournal(Path directory) {
        this.file = directory.resolve(FILE_NAME);
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    Path file() {
        return file;
    }

    /**
     * Reads every intact entry, skipping lines a crash cut short, and rewrites the file with
     * just those so later appends start on a clean line.
     */
    List<PendingWrite> load() throws IOException {
        lock.lock();
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<PendingWrite> writes = new ArrayList<>();
            int skipped = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    writes.add(mapper.readValue(line, PendingWrite.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    skipped++;
                }
            }
            if (skipped > 0) {
                log.warn("Skipped {} damaged line(s) in {}", skipped, file);
            }
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, encode(writes), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            mayEndMidLine = false;
            return writes;
        } finally {
            lock.unlock();
        }
    }

    /** Appends the writes in order and forces them to disk. */
    void append(List<PendingWrite> writes) throws IOException {
        if (writes.isEmpty()) {
            return;
        }
        String text = encode(writes);
        lock.lock();
        try {
            if (mayEndMidLine) {
                // Terminate whatever a failed append left, so it spoils only itself.
                text = "\n" + text;
            }
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                mayEndMidLine = true;
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
                mayEndMidLine = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes the file once everything in it has reached the store. */
    void delete() throws IOException {
        lock.lock();
        try {
            Files.deleteIfExists(file);
            mayEndMidLine = false;
        } finally {
            lock.unlock();
        }
    }

    private String encode(List<PendingWrite> writes) throws JsonProcessingException {
        StringBuilder text = new StringBuilder();
        for (PendingWrite write : writes) {
            // The sealed interface is the declared type so the "type" property is written.
            text.append(mapper.writerFor(PendingWrite.class).writeValueAsString(write))
                    .append('\n');
        }
        return text.toString();
    }
}
