package org.voxgate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.CallRecordingFiles;
import org.voxgate.media.MediaSession;
import org.voxgate.media.recording.CallRecorder;

/**
 * The node's call recordings: starts a {@link CallRecorder} on a call's media when its bot is
 * to be recorded, finishes it when the call ends, and finds the file again for the API. One
 * file per call, {@code <directory>/<call id>.wav} (see {@link #fileName}).
 *
 * <p>Threading: thread-safe; {@link #start} and {@link #stop} run on SIP worker threads, the
 * lookups on HTTP request threads. Each recording writes on a thread of its own from the given
 * factory.
 */
final class CallRecordings implements CallRecordingFiles, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordings.class);
    private static final int MAX_PLAIN_NAME = 100;

    private final RecordingConfig config;
    private final ThreadFactory writers;
    private final Map<String, CallRecorder> active = new ConcurrentHashMap<>();
    private final AtomicLong droppedFrames = new AtomicLong();

    /** Creates the directory if needed. */
    CallRecordings(RecordingConfig config, ThreadFactory writers) {
        this.config = config;
        this.writers = writers;
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new ConfigException("recording.directory " + config.directory() + " cannot be created: "
                    + e.getMessage() + " (VOXGATE_RECORDING_DIRECTORY)", e);
        }
    }

    /** Starts recording the call if its bot is recorded; a failure is logged, never fatal to the call. */
    void start(String callId, String bot, MediaSession media) {
        start(callId, bot, media, false);
    }

    /**
     * The same, for a bot that may ask for its own calls to be recorded (a skillbase's
     * {@code recording.enabled}): the call is recorded when the node's configuration records
     * the bot or when {@code botAsks}.
     */
    void start(String callId, String bot, MediaSession media, boolean botAsks) {
        if (!botAsks && !config.records(bot)) {
            return;
        }
        Path file = config.directory().resolve(fileName(callId));
        try {
            CallRecorder recorder = CallRecorder.start(file, writers);
            if (active.putIfAbsent(callId, recorder) != null) {
                recorder.close(); // cannot happen for one Call-ID; keep the first
                return;
            }
            media.setRecorder(recorder);
            LOG.info("recording to {}", file);
        } catch (IOException e) {
            LOG.warn("call not recorded: {} cannot be created: {}", file, e.toString());
        }
    }

    /** Finishes the call's recording, if any: the file is complete when this returns. */
    void stop(String callId) {
        CallRecorder recorder = active.get(callId);
        if (recorder != null) {
            recorder.close();
            active.remove(callId);
            droppedFrames.addAndGet(recorder.droppedFrames());
        }
    }

    /** Recordings being written now. */
    int active() {
        return active.size();
    }

    /** Frames finished recordings lost because their writer fell behind the call (a slow disk). */
    long droppedFrames() {
        return droppedFrames.get();
    }

    @Override
    public boolean inProgress(String callId) {
        return active.containsKey(callId);
    }

    @Override
    public Optional<Path> finished(String callId) {
        if (active.containsKey(callId)) {
            return Optional.empty();
        }
        Path file = config.directory().resolve(fileName(callId));
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Finishes every recording still open (shutdown, after the calls have ended). */
    @Override
    public void close() {
        for (String callId : active.keySet()) {
            stop(callId);
        }
    }

    /**
     * A file name for a Call-ID, which may hold any characters: the ID itself when it is
     * short and made of letters, digits, {@code . _ - @} (not starting with a dot); otherwise those characters with the
     * rest as {@code _}, plus a hash of the whole ID so two IDs never share a file.
     */
    static String fileName(String callId) {
        StringBuilder plain = new StringBuilder(callId.length());
        boolean changed = callId.isEmpty() || callId.length() > MAX_PLAIN_NAME;
        for (int i = 0; i < callId.length() && i < MAX_PLAIN_NAME; i++) {
            char c = callId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c == '.' && i > 0) || c == '_' || c == '-' || c == '@'; // no hidden files
            plain.append(ok ? c : '_');
            changed |= !ok;
        }
        if (changed) {
            plain.append('-').append(hash(callId));
        }
        return plain.append(".wav").toString();
    }

    private static String hash(String callId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
