package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.SessionTimerPolicy.Refresher;
import org.voxgate.sip.SessionTimerPolicy.Timer;

/** RFC 4028 arithmetic: acceptance, interval, refresher choice, refresh and expiry times. */
class SessionTimerPolicyTest {
    private final SessionTimerPolicy policy = new SessionTimerPolicy(
            new SessionTimerConfig(true, Duration.ofSeconds(1800), Duration.ofSeconds(90)));

    @Test
    void anIntervalBelowOurMinSeIsTooSmall() {
        assertThat(policy.decide(60, "uac", null, true)).isEqualTo(new SessionTimerPolicy.TooSmall(90));
        assertThat(policy.decide(90, "uac", null, true)).isEqualTo(new Timer(90, Refresher.UAC));
    }

    @Test
    void aLongerIntervalIsShortenedToOursButNeverBelowTheirMinSe() {
        assertThat(policy.decide(3600, null, null, true)).isEqualTo(new Timer(1800, Refresher.UAC));
        assertThat(policy.decide(3600, null, 2400, true)).isEqualTo(new Timer(2400, Refresher.UAC));
        assertThat(policy.decide(600, null, null, true)).isEqualTo(new Timer(600, Refresher.UAC));
    }

    @Test
    void withoutSessionExpiresWeInsertOursAndRefreshWhenTheCallerCannot() {
        assertThat(policy.decide(null, null, null, false)).isEqualTo(new Timer(1800, Refresher.UAS));
        assertThat(policy.decide(null, null, null, true)).isEqualTo(new Timer(1800, Refresher.UAC));
        assertThat(policy.decide(null, null, 2000, true)).isEqualTo(new Timer(2000, Refresher.UAC));
    }

    @Test
    void theCallersChoiceOfRefresherIsHonouredWhenItCanRefresh() {
        assertThat(policy.decide(1800, "uas", null, true).toString()).contains("UAS");
        assertThat(policy.decide(1800, "uac", null, true).toString()).contains("UAC");
        // "uac" from a caller that does not support timers cannot bind it: we refresh
        assertThat(policy.decide(1800, "uac", null, false)).isEqualTo(new Timer(1800, Refresher.UAS));
    }

    @Test
    void disabledMeansNoTimer() {
        SessionTimerPolicy off = new SessionTimerPolicy(
                new SessionTimerConfig(false, Duration.ofSeconds(1800), Duration.ofSeconds(90)));
        assertThat(off.decide(10, "uac", null, true)).isInstanceOf(SessionTimerPolicy.NoTimer.class);
    }

    @Test
    void refreshAtHalfAndExpiryBeforeTheEnd() {
        assertThat(SessionTimerPolicy.refreshDelayMillis(1800)).isEqualTo(900_000);
        assertThat(SessionTimerPolicy.expiryDelayMillis(1800)).isEqualTo(1_768_000); // less 32 s
        assertThat(SessionTimerPolicy.expiryDelayMillis(90)).isEqualTo(60_000); // less a third
        assertThat(SessionTimerPolicy.expiryDelayMillis(3)).isEqualTo(2_000);
    }

    @Test
    void headerValuesAreRead() {
        assertThat(SessionTimerPolicy.deltaSeconds("1800;refresher=uac")).isEqualTo(1800);
        assertThat(SessionTimerPolicy.deltaSeconds(" 90 ")).isEqualTo(90);
        assertThat(SessionTimerPolicy.deltaSeconds("soon")).isNull();
        assertThat(SessionTimerPolicy.deltaSeconds(null)).isNull();
        assertThat(SessionTimerPolicy.refresherParam("1800; Refresher=UAS")).isEqualTo("uas");
        assertThat(SessionTimerPolicy.refresherParam("1800")).isNull();
        assertThat(new Timer(90, Refresher.UAS).headerValue()).isEqualTo("90;refresher=uas");
    }
}
