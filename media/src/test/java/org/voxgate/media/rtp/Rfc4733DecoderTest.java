package org.voxgate.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4733DecoderTest {
    private final List<String> digits = new ArrayList<>();
    private final Rfc4733Decoder decoder = new Rfc4733Decoder(8000);

    Rfc4733DecoderTest() {
        decoder.setListener((digit, ms) -> digits.add(digit + "/" + ms));
    }

    private void event(long timestamp, int code, boolean end, int duration) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(code).writeByte((end ? 0x80 : 0) | 10).writeShort(duration);
        assertThat(decoder.onPacket(timestamp, b, 0, b.readableBytes())).isTrue();
    }

    /** A key press the way senders transmit it: updates every 50 ms, then three end packets. */
    private void press(long timestamp, int code, int durationUnits) {
        for (int d = 400; d < durationUnits; d += 400) {
            event(timestamp, code, false, d);
        }
        for (int i = 0; i < 3; i++) {
            event(timestamp, code, true, durationUnits);
        }
    }

    @Test
    void tripleEndPacketsGiveOneDigit() {
        press(1000, 5, 1600);
        assertThat(digits).containsExactly("5/200");
    }

    @Test
    void missingMarkerAndStartPacketsAreTolerated() {
        // only end packets arrive: no marker, no start
        event(5000, 11, true, 800);
        event(5000, 11, true, 800);
        assertThat(digits).containsExactly("#/100");
    }

    @Test
    void consecutiveDigitsIncludingRepeatsAreEachReported() {
        press(1000, 1, 800);
        press(3000, 1, 800);
        press(5000, 10, 800);
        press(7000, 15, 960);
        assertThat(digits).containsExactly("1/100", "1/100", "*/100", "D/120");
    }

    @Test
    void anEventWhoseEndPacketsWereLostIsReportedWhenTheNextBegins() {
        event(1000, 7, false, 400);
        event(1000, 7, false, 800);
        press(4000, 8, 800);
        assertThat(digits).containsExactly("7/100", "8/100");
    }

    @Test
    void nonDigitEventsAndShortPayloadsAreIgnored() {
        press(1000, 16, 800); // flash
        assertThat(digits).isEmpty();
        assertThat(decoder.onPacket(2000, Unpooled.wrappedBuffer(new byte[] {1, 2}), 0, 2)).isFalse();
        assertThat(decoder.digits()).isZero();
    }
}
