package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign carrier's log, hand-written: pairing, concurrency, the sliding second. */
class CarrierLogTest {
    /*
     * Six calls; who is up when (ms):
     *   a  1000 ........ 5000          (human, carrier hangs up)
     *   b  1200 . 1700                 (busy)
     *   c  1700 ...... 4000            (starts as b ends: not overlapping)
     *   d  1950 ............... never  (SIPp stopped first)
     *   e  2100 . 2150                 (rejected)
     *   f  3500 ..... 4200             (a, c, d, f up at once)
     * INVITEs in [1000, 2000): a b c d -> 4; [1200, 2200): b c d e -> 4; [2100, 3100): e -> 1.
     */
    private static final List<String> LOG = List.of(
            "1000 INVITE call-a@127.0.0.1 14155550001",
            "1200 INVITE call-b@127.0.0.1 14155550013",
            "",
            "1700 END call-b@127.0.0.1 final_486",
            "1700 INVITE call-c@127.0.0.1 14155550021",
            "1950 INVITE call-d@127.0.0.1 14155550036",
            "2100 INVITE call-e@127.0.0.1 14155550044",
            "2150 END call-e@127.0.0.1 final_603",
            "3500 INVITE call-f@127.0.0.1 14155550001",
            "4000 END call-c@127.0.0.1 bye_received",
            "4200 END call-f@127.0.0.1 cancel_received",
            "5000 END call-a@127.0.0.1 bye_sent");

    @Test
    void pairsEachEndWithItsInvite() {
        CarrierLog log = CarrierLog.parse(LOG);
        assertThat(log.total()).isEqualTo(6);
        assertThat(log.calls()).extracting(CarrierLog.Call::callId).containsExactly(
                "call-a@127.0.0.1", "call-b@127.0.0.1", "call-c@127.0.0.1", "call-d@127.0.0.1", "call-e@127.0.0.1",
                "call-f@127.0.0.1");
        CarrierLog.Call a = log.calls().get(0);
        assertThat(a.invitedAt()).isEqualTo(1000);
        assertThat(a.endedAt()).isEqualTo(5000);
        assertThat(a.end()).isEqualTo("bye_sent");
        assertThat(log.calls().get(1).end()).isEqualTo("final_486");
        assertThat(log.unended()).extracting(CarrierLog.Call::callId).containsExactly("call-d@127.0.0.1");
        assertThat(log.unended().get(0).end()).isNull();
    }

    @Test
    void countsInvitesPerNumber() {
        assertThat(CarrierLog.parse(LOG).invitesPerNumber()).isEqualTo(Map.of(
                "14155550001", 2, "14155550013", 1, "14155550021", 1, "14155550036", 1, "14155550044", 1));
    }

    @Test
    void maxConcurrentCountsOverlapsAndNotTouchingEnds() {
        // a c d f at 3500; b and c only touch at 1700 (a b d e never all up: b ended before e)
        assertThat(CarrierLog.parse(LOG).maxConcurrent()).isEqualTo(4);
        // everything overlapping at one instant
        assertThat(CarrierLog.parse(List.of(
                "10 INVITE x 1", "11 INVITE y 2", "12 INVITE z 3", "20 END x bye_sent", "20 END y bye_sent",
                "20 END z bye_sent")).maxConcurrent()).isEqualTo(3);
        // strictly one after another: never more than one
        assertThat(CarrierLog.parse(List.of(
                "10 INVITE x 1", "20 END x bye_sent", "20 INVITE y 2", "30 END y bye_sent", "30 INVITE z 3",
                "40 END z final_503")).maxConcurrent()).isEqualTo(1);
    }

    @Test
    void maxInvitesPerSecondSlidesOverEveryArrival() {
        CarrierLog log = CarrierLog.parse(LOG);
        assertThat(log.maxInvitesPerSecond()).isEqualTo(4);
        assertThat(log.maxInvitesWithin(300)).as("[1700, 2000): c d").isEqualTo(2);
        assertThat(log.maxInvitesWithin(401)).as("[1700, 2101): c d e").isEqualTo(3);
        // a burst straddling a whole-second boundary is still one second's worth
        CarrierLog burst = CarrierLog.parse(List.of(
                "900 INVITE a 1", "1100 INVITE b 1", "1200 INVITE c 1", "1899 INVITE d 1", "1900 INVITE e 1"));
        assertThat(burst.maxInvitesPerSecond()).as("[900, 1900) holds a b c d, not e").isEqualTo(4);
        assertThat(CarrierLog.parse(List.of()).maxInvitesPerSecond()).isZero();
        assertThat(CarrierLog.parse(List.of()).maxConcurrent()).isZero();
    }

    @Test
    void refusesLinesItDoesNotKnow() {
        assertThatThrownBy(() -> CarrierLog.parse(List.of("1000 INVITE only-three")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only-three");
        assertThatThrownBy(() -> CarrierLog.parse(List.of("soon INVITE x 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock tick");
        assertThatThrownBy(() -> CarrierLog.parse(List.of("10 END x bye_sent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("END without an INVITE");
    }

    @Test
    void readsEveryLogFileSippLeftInItsDirectory(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("uas-campaign-carrier.xml_123_logs.log"), LOG.subList(0, 4));
        Files.writeString(dir.resolve("uas-campaign-carrier_123_errors.log"), "not ours\n");
        assertThat(CarrierLog.read(dir).total()).isEqualTo(2);
        assertThat(CarrierLog.read(dir).calls().get(1).end()).isEqualTo("final_486");
    }

    @Test
    void leavesALineSippIsStillWritingForTheNextRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("uas-campaign-carrier.xml_123_logs.log");
        Files.writeString(file, "1000 INVITE call-a@127.0.0.1 14155550001\n1200 INVITE call-b@127.0.0.1 1415");
        assertThat(CarrierLog.read(dir).total()).isEqualTo(1);
        Files.writeString(file, "5550013\n", StandardOpenOption.APPEND);
        assertThat(CarrierLog.read(dir).total()).isEqualTo(2);
        assertThat(CarrierLog.read(dir).calls().get(1).number()).isEqualTo("14155550013");
    }
}
