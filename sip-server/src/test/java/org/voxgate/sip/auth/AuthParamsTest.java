package org.voxgate.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthParamsTest {
    @Test
    void parsesQuotedAndTokenValuesOfAWholeHeaderLine() {
        Map<String, String> p = AuthParams.parseDigest(
                "Authorization: Digest username=\"bob\",realm=\"a,b\", nc=00000001 , uri=\"sip:x@y:5060\", qop=auth\r\n")
                .orElseThrow();
        assertThat(p).containsEntry("username", "bob").containsEntry("realm", "a,b").containsEntry("nc", "00000001")
                .containsEntry("uri", "sip:x@y:5060").containsEntry("qop", "auth");
    }

    @Test
    void unescapesQuotedPairs() {
        assertThat(AuthParams.parseDigest("Digest realm=\"say \\\"hi\\\"\"").orElseThrow())
                .containsEntry("realm", "say \"hi\"");
        assertThat(AuthParams.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void refusesOtherSchemesUnclosedQuotesAndRepeats() {
        assertThat(AuthParams.parseDigest("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(AuthParams.parseDigest("Digest realm=\"open")).isEmpty();
        assertThat(AuthParams.parseDigest("Digest nc=1, nc=2")).isEmpty();
        assertThat(AuthParams.parseDigest("Digestive realm=x")).isEmpty();
    }
}
