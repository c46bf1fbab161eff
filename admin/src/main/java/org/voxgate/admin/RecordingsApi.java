package org.voxgate.admin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /api/calls/{id}/recording}: the call's stereo WAV (caller left, bot right) as
 * {@code audio/wav} with its Content-Length. 404 when the call has no recording; 409 while the
 * call is still up, because until it ends the file's header does not yet state its length
 * (ask again once the call has ended).
 *
 * <p>Stateless and thread-safe; handlers run on request threads and stream from the disk.
 */
final class RecordingsApi {
    static final String CONTENT_TYPE = "audio/wav";

    private final CallRecordingFiles recordings;

    RecordingsApi(CallRecordingFiles recordings) {
        this.recordings = recordings;
    }

    /** Whether the call has a recording, finished or being written; for the call's JSON. */
    boolean exists(String callId) {
        return recordings.inProgress(callId) || recordings.finished(callId).isPresent();
    }

    void download(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        if (recordings.inProgress(id)) {
            throw ApiError.conflict(null, "call " + id + " is still being recorded; its recording is"
                    + " available once the call has ended");
        }
        Optional<Path> file = recordings.finished(id);
        if (file.isEmpty()) {
            throw ApiError.notFound("call " + id + " has no recording");
        }
        InputStream in;
        long size;
        try {
            in = Files.newInputStream(file.get());
            size = Files.size(file.get());
        } catch (NoSuchFileException e) {
            throw ApiError.notFound("call " + id + " has no recording"); // deleted by retention meanwhile
        }
        ctx.contentType(CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.get().getFileName() + "\"");
        ctx.res().setContentLengthLong(size);
        ctx.result(in); // Javalin streams and closes it
    }
}
