package org.voxgate.pipeline.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.pipeline.outcome.OutcomeClassifier.classify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeClassifierTest {

    /** Every end reason the SIP layer records (EndReason.code()), answered and with the setup outcome it reports. */
    @ParameterizedTest(name = "{0} ({1}, {2}, answered={3}, bot={4}) -> {5}")
    @CsvSource(nullValues = "null", value = {
            "caller_hangup,   ANSWERED,  200,  true,  null,              CALLER_HUNG_UP",
            "callee_hangup,   ANSWERED,  200,  true,  null,              CALLER_HUNG_UP",
            "cancelled,       CANCELLED, 487,  false, null,              CALLER_HUNG_UP",
            "bot_hangup,      ANSWERED,  200,  true,  bot_hangup,        COMPLETED",
            "admin_hangup,    ANSWERED,  200,  true,  null,              COMPLETED",
            "admin_hangup,    CANCELLED, null, false, null,              FAILED",
            "bot_hangup,      ANSWERED,  200,  true,  voicemail,         VOICEMAIL",
            "caller_hangup,   ANSWERED,  200,  true,  answering_machine, VOICEMAIL",
            "transferred,     ANSWERED,  200,  true,  null,              TRANSFERRED",
            "not_answered,    BUSY,      486,  false, null,              BUSY",
            "not_answered,    null,      600,  false, null,              BUSY",
            "not_answered,    NO_ANSWER, 480,  false, null,              NO_ANSWER",
            "not_answered,    null,      408,  false, null,              NO_ANSWER",
            "not_answered,    NO_ANSWER, null, false, null,              NO_ANSWER",
            "not_answered,    REJECTED,  603,  false, null,              FAILED",
            "not_answered,    FAILED,    503,  false, null,              FAILED",
            "not_answered,    CANCELLED, null, false, null,              FAILED",
            "bot_unavailable, ANSWERED,  200,  true,  bot_unavailable,   FAILED",
            "error,           ANSWERED,  200,  true,  bot_error,         FAILED",
            "media_timeout,   ANSWERED,  200,  true,  null,              FAILED",
            "session_timeout, ANSWERED,  200,  true,  null,              FAILED",
            "no_ack,          ANSWERED,  200,  true,  null,              FAILED",
            "no_common_codec, FAILED,    488,  false, null,              FAILED",
            "rejected,        FAILED,    404,  false, null,              FAILED",
            "shutdown,        ANSWERED,  200,  true,  null,              FAILED",
            "null,            null,      null, false, null,              FAILED"})
    void classifiesEveryEnding(String endReason, String setup, Integer status, boolean answered, String bot,
            CallOutcome expected) {
        assertThat(classify(endReason, setup, status, answered, bot)).isEqualTo(expected);
    }
}
