package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void lateTicksAreMadeUpSoTheAverageRateHolds() {
        PacerSchedule s = new PacerSchedule(20 * MS, 100 * MS, 0);
        assertThat(s.delayAfterTick(1 * MS)).isEqualTo(19 * MS);  // tick 1 ran 1 ms late
        assertThat(s.delayAfterTick(27 * MS)).isEqualTo(13 * MS); // tick 2 ran 7 ms late
        assertThat(s.delayAfterTick(65 * MS)).isZero();            // 5 ms behind: run at once
        assertThat(s.delayAfterTick(66 * MS)).isEqualTo(14 * MS);  // and back on the 20 ms grid
        assertThat(s.resyncs()).isZero();
    }

    @Test
    void aLongStallRestartsTheGridInsteadOfBursting() {
        PacerSchedule s = new PacerSchedule(20 * MS, 100 * MS, 0);
        assertThat(s.delayAfterTick(500 * MS)).isZero();
        assertThat(s.resyncs()).isEqualTo(1);
        assertThat(s.delayAfterTick(501 * MS)).isEqualTo(19 * MS);
    }
}
