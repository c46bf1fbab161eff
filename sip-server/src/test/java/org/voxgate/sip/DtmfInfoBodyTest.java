package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two DTMF INFO body formats, and what is not a key. */
class DtmfInfoBodyTest {

    @Test
    void dtmfRelayWithSignalAndDuration() {
        assertThat(DtmfInfoBody.parse("dtmf-relay", "Signal=5\r\nDuration=160\r\n"))
                .isEqualTo(new DtmfInfoBody.Digit('5', 160));
        assertThat(DtmfInfoBody.parse("dtmf-relay", "signal= #\nduration=250"))
                .isEqualTo(new DtmfInfoBody.Digit('#', 250));
        assertThat(DtmfInfoBody.parse("dtmf-relay", "Signal=11\r\n")).isEqualTo(new DtmfInfoBody.Digit('#', 160));
        assertThat(DtmfInfoBody.parse("dtmf-relay", "Signal=a\r\nDuration=x\r\n"))
                .isEqualTo(new DtmfInfoBody.Digit('A', 160));
    }

    @Test
    void bareDtmf() {
        assertThat(DtmfInfoBody.parse("dtmf", "5")).isEqualTo(new DtmfInfoBody.Digit('5', 160));
        assertThat(DtmfInfoBody.parse("DTMF", " *\r\n")).isEqualTo(new DtmfInfoBody.Digit('*', 160));
    }

    @Test
    void notAKey() {
        assertThat(DtmfInfoBody.parse("dtmf-relay", "Duration=160")).isNull();
        assertThat(DtmfInfoBody.parse("dtmf-relay", "Signal=Z")).isNull();
        assertThat(DtmfInfoBody.parse("dtmf", "55")).isNull();
        assertThat(DtmfInfoBody.parse("dtmf", "")).isNull();
        assertThat(DtmfInfoBody.parse("dtmf", null)).isNull();
    }

    @Test
    void contentTypes() {
        assertThat(DtmfInfoBody.isDtmf("application", "dtmf-relay")).isTrue();
        assertThat(DtmfInfoBody.isDtmf("Application", "DTMF")).isTrue();
        assertThat(DtmfInfoBody.isDtmf("application", "media_control+xml")).isFalse();
    }
}
