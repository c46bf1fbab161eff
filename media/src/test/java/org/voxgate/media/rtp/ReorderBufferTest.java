package org.voxgate.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private final List<Integer> played = new ArrayList<>();
    /** Each payload is two bytes holding its own sequence number, so the sink can tell. */
    private final ReorderBuffer buffer = new ReorderBuffer(4, 2,
            (payload, offset, length) -> played.add(((payload[offset] & 0xFF) << 8) | (payload[offset + 1] & 0xFF)));

    private void offer(int seq) {
        buffer.offer(seq, Unpooled.wrappedBuffer(new byte[] {(byte) (seq >> 8), (byte) seq}), 0, 2);
    }

    @Test
    void inOrderPacketsPassStraightThrough() {
        for (int s = 100; s < 110; s++) {
            offer(s);
            assertThat(played).last().isEqualTo(s);
        }
        assertThat(buffer.holding()).isFalse();
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void reorderedPacketsArePlayedInSequence() {
        offer(10);
        offer(12);
        offer(11);
        offer(14);
        offer(13);
        assertThat(played).containsExactly(10, 11, 12, 13, 14);
        assertThat(buffer.lost()).isZero();
        assertThat(buffer.late()).isZero();
    }

    @Test
    void duplicatesArePlayedOnce() {
        offer(1);
        offer(3);
        offer(3);
        offer(2);
        offer(2);
        assertThat(played).containsExactly(1, 2, 3);
        assertThat(buffer.duplicates()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(1); // the second 2 came after 2 was played
    }

    @Test
    void aHoleIsGivenUpWhenTheBufferFillsAndTheStragglerIsLate() {
        offer(0);
        offer(2);
        offer(3);
        offer(4);
        assertThat(played).containsExactly(0);
        offer(5); // four held behind the hole at 1: the hole is given up
        assertThat(played).containsExactly(0, 2, 3, 4, 5);
        assertThat(buffer.lost()).isEqualTo(1);
        offer(1);
        assertThat(buffer.late()).isEqualTo(1);
        assertThat(played).containsExactly(0, 2, 3, 4, 5);
    }

    @Test
    void skipGapReleasesHeldPacketsAndCountsLoss() {
        offer(0);
        offer(3);
        assertThat(buffer.holding()).isTrue();
        buffer.skipGap();
        assertThat(played).containsExactly(0, 3);
        assertThat(buffer.lost()).isEqualTo(2);
        assertThat(buffer.holding()).isFalse();
    }

    @Test
    void sequenceWrapIsContinuous() {
        offer(65534);
        offer(0);
        offer(65535);
        offer(1);
        assertThat(played).containsExactly(65534, 65535, 0, 1);
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void aLargeJumpIsARestartNotLoss() {
        offer(5);
        offer(30000);
        offer(30001);
        assertThat(played).containsExactly(5, 30000, 30001);
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void depthMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new ReorderBuffer(3, 10, (p, o, l) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
