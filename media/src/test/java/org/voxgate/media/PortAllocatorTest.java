package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void handsOutEvenPortsInRotationUntilExhausted() {
        PortAllocator ports = new PortAllocator(10001, 10008); // pairs 10002/3, 10004/5, 10006/7
        assertThat(ports.pairCount()).isEqualTo(3);
        assertThat(ports.reserve()).isEqualTo(10002);
        assertThat(ports.reserve()).isEqualTo(10004);
        ports.release(10002);
        // rotation: the pair released a moment ago is handed out last
        assertThat(ports.reserve()).isEqualTo(10006);
        assertThat(ports.reserve()).isEqualTo(10002);
        assertThat(ports.reserve()).isEqualTo(-1);
        assertThat(ports.reservedPairs()).isEqualTo(3);
    }

    @Test
    void releaseIsIdempotentAndIgnoresForeignPorts() {
        PortAllocator ports = new PortAllocator(20000, 20003);
        int p = ports.reserve();
        ports.release(p);
        ports.release(p);
        ports.release(12345);
        ports.release(p + 1);
        assertThat(ports.reservedPairs()).isZero();
    }

    @Test
    void aRangeWithoutAPairIsRejected() {
        assertThatThrownBy(() -> new PortAllocator(10001, 10002)).isInstanceOf(IllegalArgumentException.class);
    }
}
