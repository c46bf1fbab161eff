package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RemoteLatchTest {
    private static final InetSocketAddress OFFERED = new InetSocketAddress("127.0.0.1", 4000);
    private static final InetSocketAddress NATTED = new InetSocketAddress("127.0.0.1", 5000);
    private static final InetSocketAddress FLOOD = new InetSocketAddress("127.0.0.2", 6000);

    @Test
    void offeredSourceIsPlayedAtOnceAndLatchedAfterARun() {
        RemoteLatch latch = new RemoteLatch(OFFERED);
        assertThat(latch.accept(OFFERED, 1, 10)).isTrue();
        assertThat(latch.accept(OFFERED, 1, 11)).isTrue();
        assertThat(latch.latched()).isNull();
        assertThat(latch.accept(OFFERED, 1, 12)).isTrue();
        assertThat(latch.latched()).isEqualTo(OFFERED);
        assertThat(latch.rejected()).isZero();
    }

    @Test
    void aFloodBeforeOrAfterTheLatchIsDroppedAndCounted() {
        RemoteLatch latch = new RemoteLatch(OFFERED);
        // the flooder sends in sequence first, but the offered address has already spoken
        assertThat(latch.accept(OFFERED, 1, 10)).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(latch.accept(FLOOD, 99, 500 + i)).isFalse();
        }
        assertThat(latch.latched()).isNull();
        assertThat(latch.accept(OFFERED, 1, 11)).isTrue();
        assertThat(latch.accept(OFFERED, 1, 12)).isTrue();
        assertThat(latch.latched()).isEqualTo(OFFERED);
        for (int i = 10; i < 20; i++) {
            assertThat(latch.accept(FLOOD, 99, 500 + i)).isFalse();
        }
        assertThat(latch.rejected()).isEqualTo(20);
        assertThat(latch.acceptRtcp(new InetSocketAddress("127.0.0.1", 4001))).isTrue();
        assertThat(latch.acceptRtcp(FLOOD)).isFalse();
    }

    @Test
    void behindNatTheFirstInSequenceRunWinsWhileTheOfferedAddressIsSilent() {
        RemoteLatch latch = new RemoteLatch(OFFERED);
        assertThat(latch.accept(NATTED, 7, 100)).isFalse();
        assertThat(latch.accept(NATTED, 7, 102)).isFalse(); // a gap restarts the run
        assertThat(latch.accept(NATTED, 7, 103)).isFalse();
        assertThat(latch.accept(NATTED, 7, 104)).isTrue();
        assertThat(latch.latched()).isEqualTo(NATTED);
        assertThat(latch.accept(OFFERED, 1, 1)).isFalse(); // latched: even the SDP address is now foreign
        assertThat(latch.accept(NATTED, 7, 105)).isTrue();
    }

    @Test
    void anotherSsrcBreaksTheRunAndResetRelatches() {
        RemoteLatch latch = new RemoteLatch(OFFERED);
        latch.accept(NATTED, 7, 1);
        latch.accept(NATTED, 8, 2);
        assertThat(latch.accept(NATTED, 7, 3)).isFalse();
        assertThat(latch.latched()).isNull();
        for (int i = 0; i < RemoteLatch.RUN; i++) {
            latch.accept(OFFERED, 1, i);
        }
        assertThat(latch.latched()).isEqualTo(OFFERED);

        InetSocketAddress moved = new InetSocketAddress("127.0.0.3", 7000); // re-INVITE
        latch.reset(moved);
        assertThat(latch.latched()).isNull();
        assertThat(latch.accept(OFFERED, 1, 3)).isFalse();
        for (int i = 0; i < RemoteLatch.RUN; i++) {
            assertThat(latch.accept(moved, 2, 40 + i)).isTrue();
        }
        assertThat(latch.latched()).isEqualTo(moved);
    }
}
