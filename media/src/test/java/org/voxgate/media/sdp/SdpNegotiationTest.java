package org.voxgate.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;
import org.voxgate.media.MediaParameters;
import org.voxgate.media.SdpException;

class SdpNegotiationTest {
    private final SdpParser parser = new SdpParser();
    private final SdpNegotiator negotiator = new SdpNegotiator();
    private final SdpAnswerWriter writer = new SdpAnswerWriter();

    private static final String HEAD = "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\n"
            + "c=IN IP4 192.0.2.10\r\nt=0 0\r\n";

    private Negotiation negotiate(String sdp) throws SdpException {
        return negotiator.negotiate(parser.parse(sdp));
    }

    @Test
    void pcmuOnlyOffer() throws Exception {
        Negotiation n = negotiate(HEAD + "m=audio 49170 RTP/AVP 0\r\n");
        MediaParameters p = n.parameters();
        assertThat(p.codec()).isEqualTo(Codec.PCMU);
        assertThat(p.payloadType()).isZero();
        assertThat(p.telephoneEventPayloadType()).isEqualTo(-1);
        assertThat(p.remoteRtp()).isEqualTo(new InetSocketAddress("192.0.2.10", 49170));
        assertThat(n.direction()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void offerOrderDecidesAndPcmaCanWin() throws Exception {
        Negotiation n = negotiate(HEAD + "m=audio 49170 RTP/AVP 18 8 0 101\r\n"
                + "a=rtpmap:18 G729/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n");
        assertThat(n.parameters().codec()).isEqualTo(Codec.PCMA);
        assertThat(n.parameters().payloadType()).isEqualTo(8);
        assertThat(n.parameters().telephoneEventPayloadType()).isEqualTo(101);
    }

    @Test
    void telephoneEventKeepsTheOfferedNumberAndDynamicCodecNumbersAreHonoured() throws Exception {
        Negotiation n = negotiate("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\n"
                + "m=audio 4000 RTP/AVP 97 96\nc=IN IP4 10.0.0.2\n"
                + "a=rtpmap:97 pcmu/8000/1\na=rtpmap:96 telephone-event/8000\na=fmtp:96 0-16\n");
        assertThat(n.parameters().codec()).isEqualTo(Codec.PCMU);
        assertThat(n.parameters().payloadType()).isEqualTo(97);
        assertThat(n.parameters().telephoneEventPayloadType()).isEqualTo(96);
        assertThat(n.parameters().remoteRtp()).isEqualTo(new InetSocketAddress("10.0.0.2", 4000));
    }

    @Test
    void unknownLinesAndAttributesAreTolerated() throws Exception {
        Negotiation n = negotiate(HEAD + "b=AS:64\r\nz=0 0\r\na=tool:foo\r\nm=audio 49170 RTP/AVP 0\r\n"
                + "a=rtcp:49171\r\na=silenceSupp:off - - - -\r\na=x-weird\r\n");
        assertThat(n.parameters().codec()).isEqualTo(Codec.PCMU);
    }

    @Test
    void directionIsMirrored() throws Exception {
        assertThat(negotiate(HEAD + "m=audio 1 RTP/AVP 0\r\na=sendonly\r\n").direction())
                .isEqualTo(Direction.RECVONLY);
        assertThat(negotiate(HEAD + "m=audio 1 RTP/AVP 0\r\na=recvonly\r\n").direction())
                .isEqualTo(Direction.SENDONLY);
        assertThat(negotiate(HEAD + "a=inactive\r\nm=audio 1 RTP/AVP 0\r\n").direction())
                .isEqualTo(Direction.INACTIVE);
    }

    @Test
    void noCommonCodecIsNotMalformed() {
        assertNotMalformed(HEAD + "m=audio 49170 RTP/AVP 18 3\r\na=rtpmap:18 G729/8000\r\n"); // 9 (G.722) is ours now
        assertNotMalformed(HEAD + "m=video 51372 RTP/AVP 31\r\n");
        assertNotMalformed(HEAD + "m=audio 0 RTP/AVP 0\r\n");
        assertNotMalformed(HEAD + "m=audio 49170 RTP/SAVP 0\r\n");
        assertNotMalformed(HEAD + "m=audio 49170 RTP/AVP 96\r\na=rtpmap:96 PCMU/16000\r\n");
    }

    @Test
    void garbageIsMalformed() {
        assertMalformed("");
        assertMalformed("hello world");
        assertMalformed("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n"); // no m= at all
        assertMalformed("v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n");          // no c=
        assertMalformed(HEAD + "m=audio 70000 RTP/AVP 0\r\n");
        assertMalformed(HEAD + "m=audio abc RTP/AVP 0\r\n");
        assertMalformed(HEAD + "m=audio 4000 RTP/AVP\r\n");
        assertMalformed(HEAD + "this is not sdp\r\nm=audio 4000 RTP/AVP 0\r\n");
        assertMalformed("v=0\r\nc=IN IP4\r\nm=audio 4000 RTP/AVP 0\r\n");
    }

    @Test
    void answerHasOurAddressCodecEventsAndRejectsOtherStreams() throws Exception {
        SessionDescription offer = parser.parse(HEAD + "m=video 5000 RTP/AVP 31\r\n"
                + "m=audio 49170 RTP/AVP 8 0 96\r\na=rtpmap:96 telephone-event/8000\r\na=sendonly\r\n");
        Negotiation n = negotiator.negotiate(offer);
        String answer = writer.write(offer, n, "203.0.113.5", 30000, 42, 3);

        assertThat(answer).doesNotContain("\r\r").endsWith("\r\n");
        assertThat(answer.replace("\r\n", "")).doesNotContain("\n");
        assertThat(answer.split("\r\n")).containsExactly(
                "v=0",
                "o=voxgate 42 3 IN IP4 203.0.113.5",
                "s=voxgate",
                "c=IN IP4 203.0.113.5",
                "t=0 0",
                "m=video 0 RTP/AVP 31",
                "m=audio 30000 RTP/AVP 8 96",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:96 telephone-event/8000",
                "a=fmtp:96 0-16",
                "a=ptime:20",
                "a=recvonly");
        // our own answer is itself valid SDP that negotiates to the same thing
        Negotiation again = negotiate(answer);
        assertThat(again.parameters().codec()).isEqualTo(Codec.PCMA);
        assertThat(again.parameters().telephoneEventPayloadType()).isEqualTo(96);
    }

    private void assertMalformed(String sdp) {
        assertThatThrownBy(() -> negotiate(sdp))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.isMalformed()).isTrue());
    }

    private void assertNotMalformed(String sdp) {
        assertThatThrownBy(() -> negotiate(sdp))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.isMalformed()).isFalse());
    }
}
