package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallOutcomeTest {

    @Test
    void mapsFinalStatusesToOutcomes() {
        assertThat(CallOutcome.fromStatus(200)).isEqualTo(CallOutcome.ANSWERED);
        assertThat(CallOutcome.fromStatus(486)).isEqualTo(CallOutcome.BUSY);
        assertThat(CallOutcome.fromStatus(600)).isEqualTo(CallOutcome.BUSY);
        assertThat(CallOutcome.fromStatus(408)).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(CallOutcome.fromStatus(480)).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(CallOutcome.fromStatus(603)).isEqualTo(CallOutcome.REJECTED);
        assertThat(CallOutcome.fromStatus(404)).isEqualTo(CallOutcome.FAILED);
        assertThat(CallOutcome.fromStatus(503)).isEqualTo(CallOutcome.FAILED);
        assertThat(CallOutcome.fromStatus(401)).isEqualTo(CallOutcome.FAILED);
    }

    @Test
    void aForkedCallReportsThePersonsAnswerOverATimeoutOrFailure() {
        assertThat(CallOutcome.preferredStatus(408, 486)).isEqualTo(486);
        assertThat(CallOutcome.preferredStatus(486, 408)).isEqualTo(486);
        assertThat(CallOutcome.preferredStatus(503, 480)).isEqualTo(480);
        assertThat(CallOutcome.preferredStatus(486, 603)).isEqualTo(603);
        assertThat(CallOutcome.preferredStatus(500, 404)).isEqualTo(500);
    }

    @Test
    void registrationRefreshesBeforeExpiryAndBacksOffExponentially() {
        assertThat(CarrierRegistration.refreshDelay(3600)).isEqualTo(Duration.ofSeconds(3540));
        assertThat(CarrierRegistration.refreshDelay(120)).isEqualTo(Duration.ofSeconds(60));
        assertThat(CarrierRegistration.refreshDelay(1)).isEqualTo(Duration.ofSeconds(1));
        Duration max = Duration.ofSeconds(60);
        assertThat(CarrierRegistration.nextBackoff(Duration.ofSeconds(2), max)).isEqualTo(Duration.ofSeconds(4));
        assertThat(CarrierRegistration.nextBackoff(Duration.ofSeconds(40), max)).isEqualTo(max);
    }
}
