package org.voxgate.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;
import org.voxgate.media.CodecOptions;
import org.voxgate.media.SdpException;

/** Opus offers and answers (RFC 7587) and the answerer's choice by our preference. */
class OpusNegotiationTest {
    private final SdpParser parser = new SdpParser();
    private final SdpNegotiator negotiator = new SdpNegotiator();

    private static final String HEAD = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\n"
            + "c=IN IP4 192.0.2.10\r\nt=0 0\r\n";
    /** What a WebRTC-style phone offers: Opus first with its fmtp, then G.711. */
    private static final String OPUS_FIRST = HEAD + "m=audio 49170 RTP/AVP 109 0 8 101\r\n"
            + "a=rtpmap:109 opus/48000/2\r\n"
            + "a=fmtp:109 maxplaybackrate=16000; sprop-maxcapturerate=8000;stereo=0;useinbandfec=1;maxaveragebitrate=20000\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=ptime:40\r\n";

    private Negotiation negotiate(String sdp, List<Codec> preference) throws SdpException {
        return negotiator.negotiate(parser.parse(sdp), preference);
    }

    @Test
    void ourPreferenceDecidesNotTheOfferOrder() throws Exception {
        assertThat(negotiate(OPUS_FIRST, List.of(Codec.PCMA, Codec.OPUS)).parameters().codec()).isEqualTo(Codec.PCMA);
        assertThat(negotiate(OPUS_FIRST, List.of(Codec.PCMU, Codec.PCMA)).parameters().codec()).isEqualTo(Codec.PCMU);
        var opus = negotiate(OPUS_FIRST, List.of(Codec.OPUS, Codec.PCMU)).parameters();
        assertThat(opus.codec()).isEqualTo(Codec.OPUS);
        assertThat(opus.payloadType()).as("the offer's dynamic number").isEqualTo(109);
        // without a preference the offer's order decides (reading an answer to our offer)
        assertThat(negotiate(OPUS_FIRST, null).parameters().codec()).isEqualTo(Codec.OPUS);
    }

    @Test
    void opusFmtpAndPtimeAreRead() throws Exception {
        CodecOptions o = negotiate(OPUS_FIRST, List.of(Codec.OPUS)).parameters().options();
        assertThat(o).isEqualTo(new CodecOptions(16000, 8000, false, true, 20000, 40));
    }

    @Test
    void opusWithoutFmtpGetsTheRfcDefaults() throws Exception {
        var p = negotiate(HEAD + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 OPUS/48000/2\r\n", List.of(Codec.OPUS))
                .parameters();
        assertThat(p.codec()).isEqualTo(Codec.OPUS);
        assertThat(p.options()).isEqualTo(CodecOptions.NONE);
        assertThat(p.options().maxPlaybackRate()).isEqualTo(48000);
    }

    @Test
    void opusAtAnotherClockRateIsNotOpus() {
        assertThatThrownBy(() -> negotiate(HEAD + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/16000/1\r\n",
                List.of(Codec.OPUS, Codec.PCMU)))
                .isInstanceOf(SdpException.class);
    }

    @Test
    void g722IsRecognisedByItsStaticTypeAndWrittenAs8000() throws Exception {
        var p = negotiate(HEAD + "m=audio 4000 RTP/AVP 9 0\r\n", List.of(Codec.G722, Codec.PCMU)).parameters();
        assertThat(p.codec()).isEqualTo(Codec.G722);
        String offer = new SdpOfferWriter().write(List.of(Codec.G722), 101, "203.0.113.5", 20000, 7, 1,
                Direction.SENDRECV);
        assertThat(offer).contains("m=audio 20000 RTP/AVP 9 101\r\n").contains("a=rtpmap:9 G722/8000\r\n");
    }

    @Test
    void nothingPreferredInTheOfferIs488() {
        assertThatThrownBy(() -> negotiate(HEAD + "m=audio 4000 RTP/AVP 0\r\n", List.of(Codec.OPUS)))
                .isInstanceOf(SdpException.class)
                .satisfies(e -> assertThat(((SdpException) e).isMalformed()).isFalse());
    }

    @Test
    void answerCarriesOpusRtpmapAndOurFmtp() throws Exception {
        var offer = parser.parse(OPUS_FIRST);
        Negotiation n = negotiator.negotiate(offer, List.of(Codec.OPUS));
        String answer = new SdpAnswerWriter().write(offer, n, "203.0.113.5", 20000, 7, 1);
        assertThat(answer).contains("m=audio 20000 RTP/AVP 109 101\r\n")
                .contains("a=rtpmap:109 opus/48000/2\r\n")
                .contains("a=fmtp:109 maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;useinbandfec=1\r\n");
        // and it reads back as Opus with what we declared
        var back = negotiator.negotiate(parser.parse(answer), null).parameters();
        assertThat(back.codec()).isEqualTo(Codec.OPUS);
        assertThat(back.options().inbandFec()).isTrue();
        assertThat(back.options().maxCaptureRate()).isEqualTo(16000);
    }

    @Test
    void offerListsOpusOnDynamicType111WithFmtp() {
        String offer = new SdpOfferWriter().write(List.of(Codec.OPUS, Codec.PCMU), 101, "203.0.113.5", 20000, 7, 1,
                Direction.SENDRECV);
        assertThat(offer).contains("m=audio 20000 RTP/AVP 111 0 101\r\n")
                .contains("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 maxplaybackrate=16000;")
                .contains("a=rtpmap:0 PCMU/8000\r\n");
    }
}
