package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackQueueTest {

    @Test
    void samplesComeOutInOrderAcrossWrapAndGrowth() {
        PlaybackQueue q = new PlaybackQueue(8, 100);
        short[] out = new short[16];
        q.offer(seq(0, 6), 0, 6);
        assertThat(q.poll(out, 4)).isEqualTo(4);
        q.offer(seq(6, 20), 0, 20); // wraps, then grows
        assertThat(q.size()).isEqualTo(22);
        assertThat(q.poll(out, 16)).isEqualTo(16);
        assertThat(out).containsExactly(seq(4, 16));
        assertThat(q.poll(out, 16)).isEqualTo(6);
        assertThat(java.util.Arrays.copyOf(out, 6)).containsExactly(seq(20, 6));
    }

    @Test
    void theCapDropsTheExcessAndClearEmpties() {
        PlaybackQueue q = new PlaybackQueue(4, 10);
        assertThat(q.offer(new short[8], 0, 8)).isEqualTo(8);
        assertThat(q.offer(new short[8], 2, 5)).isEqualTo(2);
        assertThat(q.size()).isEqualTo(10);
        q.clear();
        assertThat(q.size()).isZero();
        assertThat(q.poll(new short[4], 4)).isZero();
    }

    private static short[] seq(int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }
}
