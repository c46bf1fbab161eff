package org.voxgate.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.recording.WavFile;

/**
 * Deletes recordings older than the retention period (by their last write, on the injected
 * clock), and at start-up repairs the headers of recordings the previous run left open.
 *
 * <p>Threading: {@link #sweep} may run on any one thread at a time (start-up, then the daily
 * timer); it only reads the directory listing and deletes old files, so recordings being
 * written (always recent) are never touched.
 */
final class RecordingRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRetention.class);

    private final Path directory;
    private final Duration retention;
    private final Clock clock;

    RecordingRetention(Path directory, Duration retention, Clock clock) {
        this.directory = directory;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Deletes every {@code *.wav} in the directory last written before now minus the retention.
     *
     * @return how many files were deleted
     */
    int sweep() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.wav")) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        Files.delete(file);
                        deleted++;
                    }
                } catch (NoSuchFileException e) {
                    // deleted meanwhile
                } catch (IOException e) {
                    LOG.warn("recording {} not deleted: {}", file, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // logged, not thrown: a throw would cancel the daily timer for good
            LOG.warn("recording retention sweep of {} failed: {}", directory, e.toString());
        }
        if (deleted > 0) {
            LOG.info("deleted {} recording(s) older than {} days", deleted, retention.toDays());
        }
        return deleted;
    }

    /**
     * Patches the sizes into recordings the previous run could not finish (it stopped while
     * they were written). Call at start-up only, before any call is recorded.
     *
     * @return how many files were repaired
     */
    int repairUnfinished() {
        int repaired = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.wav")) {
            for (Path file : files) {
                try {
                    var written = Files.getLastModifiedTime(file);
                    if (WavFile.repair(file)) {
                        Files.setLastModifiedTime(file, written); // its age still counts from the call

                        repaired++;
                        LOG.info("recording {} was left unfinished; header repaired", file);
                    }
                } catch (IOException e) {
                    LOG.warn("recording {} cannot be repaired: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("recordings in {} not checked: {}", directory, e.toString());
        }
        return repaired;
    }
}
