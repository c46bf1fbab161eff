package org.voxgate.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4733DecoderTest {
    private static final long MS = 1_000_000L;
    private final List<String> digits = new ArrayList<>();
    private final Rfc4733Decoder decoder = new Rfc4733Decoder(8000, 250 * MS);
    /** The injected arrival clock: each packet arrives 20 ms after the one before. */
    private long now = 1_000 * MS;

    Rfc4733DecoderTest() {
        decoder.setListener((digit, ms) -> digits.add(digit + "/" + ms));
    }

    private void event(long timestamp, int code, boolean end, int duration) {
        event(timestamp, false, code, end, duration);
    }

    private void event(long timestamp, boolean marker, int code, boolean end, int duration) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(code).writeByte((end ? 0x80 : 0) | 10).writeShort(duration);
        now += 20 * MS;
        assertThat(decoder.onPacket(timestamp, marker, b, 0, b.readableBytes(), now)).isTrue();
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
    void onlyEndPacketsArrivingStillGiveOneDigit() {
        // start and update packets lost, no marker seen: the end packets alone carry the digit
        event(5000, 11, true, 800);
        event(5000, 11, true, 800);
        event(5000, 11, true, 800);
        assertThat(digits).containsExactly("#/100");
    }

    @Test
    void aNewTimestampIsANewEventWithoutAnyMarker() {
        // the decoder never sees the marker bit: timestamps alone separate the presses
        event(1000, 4, false, 160);
        event(1000, 4, true, 480);
        event(2000, 4, false, 160);
        event(2000, 4, true, 480);
        assertThat(digits).containsExactly("4/60", "4/60");
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
        assertThat(digits).isEmpty();
        press(4000, 8, 800);
        assertThat(digits).containsExactly("7/100", "8/100");
    }

    @Test
    void anEventWhoseEndNeverComesIsReportedAfterTheTimeout() {
        event(1000, 3, false, 400);
        event(1000, 3, false, 800);
        decoder.expire(now + 249 * MS);
        assertThat(digits).isEmpty();
        assertThat(decoder.eventRunning()).isTrue();
        decoder.expire(now + 250 * MS);
        assertThat(digits).containsExactly("3/100");
        decoder.expire(now + 900 * MS);
        assertThat(digits).hasSize(1);
    }

    @Test
    void endPacketsOfATimedOutEventDoNotReportItAgain() {
        event(1000, 9, false, 400);
        decoder.expire(now + 300 * MS);
        now += 300 * MS;
        event(1000, 9, true, 1200);
        event(1000, 9, true, 1200);
        assertThat(digits).containsExactly("9/50");
    }

    @Test
    void aLateEndRetransmissionAfterTheNextEventBeganIsIgnored() {
        event(1000, 1, false, 400);
        event(1000, 1, true, 800);
        event(2000, 2, false, 400);
        event(1000, 1, true, 800); // reordered retransmission of the first digit's end
        event(2000, 2, true, 800);
        assertThat(digits).containsExactly("1/100", "2/100");
    }

    @Test
    void aMarkedStartReusingTheLastTimestampIsANewPress() {
        // the same capture replayed twice: identical timestamps, the marker opens each press
        for (int round = 0; round < 2; round++) {
            event(17632, true, 0, false, 0);
            event(17632, false, 0, false, 320);
            for (int i = 0; i < 3; i++) {
                event(17632, false, 0, true, 2240);
            }
        }
        assertThat(digits).containsExactly("0/280", "0/280");
    }

    @Test
    void aCodeChangeUnderOneTimestampIsANewEvent() {
        // a broken sender that keeps the timestamp between digits
        event(1000, 1, false, 400);
        event(1000, 2, false, 400);
        event(1000, 2, true, 800);
        assertThat(digits).containsExactly("1/50", "2/100");
    }

    @Test
    void nonDigitEventsAndShortPayloadsAreIgnored() {
        press(1000, 16, 800); // flash
        assertThat(digits).isEmpty();
        assertThat(decoder.onPacket(2000, Unpooled.wrappedBuffer(new byte[] {1, 2}), 0, 2)).isFalse();
        assertThat(decoder.digits()).isZero();
    }
}
