package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecordingsTest {
    @TempDir
    Path dir;

    @Test
    void aPlainCallIdIsItsOwnFileName() {
        assertThat(CallRecordings.fileName("a84b4c76e66710@pc33.example.com")).isEqualTo("a84b4c76e66710@pc33.example.com.wav");
    }

    @Test
    void anyOtherCallIdGetsASafeNameThatNoOtherIdShares() {
        String a = CallRecordings.fileName("../../etc/passwd");
        String b = CallRecordings.fileName("__.__etc_passwd");
        assertThat(a).doesNotContain("/").startsWith("_").endsWith(".wav");
        assertThat(a).isNotEqualTo(b);
        assertThat(CallRecordings.fileName("x/y")).isNotEqualTo(CallRecordings.fileName("x:y"));
        assertThat(CallRecordings.fileName(".hidden")).isNotEqualTo(".hidden.wav");
        String longId = "a".repeat(300);
        assertThat(CallRecordings.fileName(longId).length()).isLessThan(130);
        assertThat(CallRecordings.fileName(longId)).isNotEqualTo(CallRecordings.fileName("a".repeat(301)));
    }

    @Test
    void aFinishedFileIsFoundByItsCallIdAndAbsentOtherwise() throws Exception {
        CallRecordings recordings = new CallRecordings(new RecordingConfig(false, Set.of(), dir.resolve("rec"),
                Duration.ofDays(1)), Thread.ofVirtual().factory());
        assertThat(dir.resolve("rec")).isDirectory();
        assertThat(recordings.finished("c1@host")).isEmpty();
        Files.write(dir.resolve("rec").resolve("c1@host.wav"), new byte[44]);
        assertThat(recordings.finished("c1@host")).contains(dir.resolve("rec").resolve("c1@host.wav"));
        assertThat(recordings.inProgress("c1@host")).isFalse();
    }
}
