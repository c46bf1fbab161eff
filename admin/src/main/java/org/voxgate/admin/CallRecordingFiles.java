package org.voxgate.admin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * SPI: where {@code GET /api/calls/{id}/recording} finds a call's recording. Implemented by
 * the application, which records calls; the admin module only serves the file.
 *
 * <p>Threading: called on HTTP request (virtual) threads, concurrently; may touch the disk.
 */
public interface CallRecordingFiles {

    /** Whether the call's recording is being written now (the call is still up). */
    boolean inProgress(String callId);

    /** The finished WAV file of the call, or empty when it has none (never recorded, or deleted). */
    Optional<Path> finished(String callId);
}
