package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.media.recording.CallRecorder;

/** The retention sweep and the start-up repair, on real files and an injected clock. */
class RecordingRetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T04:00:00Z");

    @TempDir
    Path dir;

    @Test
    void deletesRecordingsOlderThanTheRetentionAndNothingElse() throws Exception {
        Path old = file("old.wav", NOW.minus(Duration.ofDays(31)));
        Path edge = file("edge.wav", NOW.minus(Duration.ofDays(30)).plusSeconds(60));
        Path fresh = file("fresh.wav", NOW.minus(Duration.ofHours(1)));
        Path other = file("notes.txt", NOW.minus(Duration.ofDays(400)));
        RecordingRetention retention = new RecordingRetention(dir, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.sweep()).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(edge).exists();
        assertThat(fresh).exists();
        assertThat(other).as("only recordings are swept").exists();

        // a day later the edge file is past the retention too
        RecordingRetention nextDay = new RecordingRetention(dir, Duration.ofDays(30),
                Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(nextDay.sweep()).isEqualTo(1);
        assertThat(edge).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void aSweepOfAMissingDirectoryIsLoggedNotThrown() {
        assertThat(new RecordingRetention(dir.resolve("gone"), Duration.ofDays(1), Clock.systemUTC()).sweep()).isZero();
    }

    @Test
    void startUpRepairsARecordingTheLastRunLeftOpenAndKeepsItsAge() throws Exception {
        // a recorder whose writer appends frames but is never closed: the node died mid-call
        Path file = dir.resolve("crashed.wav");
        java.util.concurrent.atomic.AtomicReference<Thread> writer = new java.util.concurrent.atomic.AtomicReference<>();
        ThreadFactory threads = task -> {
            Thread t = Thread.ofPlatform().daemon().unstarted(task);
            writer.set(t);
            return t;
        };
        CallRecorder recorder = CallRecorder.start(file, threads);
        short[] frame = new short[160];
        java.util.Arrays.fill(frame, (short) 1234);
        for (int i = 0; i < 40; i++) {
            recorder.onBotFrame(frame);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.size(file) < 44 + 15 * 640 && System.nanoTime() < deadline) {
            Thread.sleep(20); // the writer appends blocks as it aligns them
        }
        ByteBuffer open = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(open.getInt(40)).as("provisional data size").isEqualTo(0xFFFF_FFFF);
        long onDisk = Files.size(file) - 44;
        assertThat(onDisk).isPositive();
        FileTime written = FileTime.from(NOW.minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(file, written);

        RecordingRetention retention = new RecordingRetention(dir, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(retention.repairUnfinished()).isEqualTo(1);
        ByteBuffer repaired = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Integer.toUnsignedLong(repaired.getInt(40))).isEqualTo(repaired.limit() - 44L);
        assertThat(repaired.getInt(4)).isEqualTo(repaired.limit() - 8);
        assertThat(repaired.getShort(44 + 2)).as("right channel sample").isEqualTo((short) 1234);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
        assertThat(retention.repairUnfinished()).as("repaired once").isZero();
        recorder.close();
    }

    private Path file(String name, Instant modified) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }
}
