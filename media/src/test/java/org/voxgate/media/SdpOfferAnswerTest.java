package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.sdp.SdpNegotiator;
import org.voxgate.media.sdp.SdpParser;

/** Our side as the offerer (calls we place): the offer we write and the answers we accept. */
class SdpOfferAnswerTest {
    private RtpMediaEngine engine;
    private MediaSession session;

    @BeforeEach
    void open() throws Exception {
        int base = LoopbackPorts.freeRange(4);
        engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(30)),
                Clock.systemUTC(), 1).start();
        session = engine.open("uac-test");
    }

    @AfterEach
    void close() {
        session.close();
        engine.close();
    }

    private static String answer(String formats, String extra) {
        return "v=0\r\no=carrier 5 5 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP " + formats + "\r\n" + extra;
    }

    @Test
    void offerListsTheTrunksCodecsInOrderWithTelephoneEvent() throws Exception {
        String offer = engine.offer(session, List.of(Codec.PCMA, Codec.PCMU));
        int port = session.localRtpAddress().getPort();
        assertThat(offer).contains("m=audio " + port + " RTP/AVP 8 0 101\r\n", "a=rtpmap:8 PCMA/8000\r\n",
                "a=rtpmap:101 telephone-event/8000\r\n", "a=sendrecv\r\n", "c=IN IP4 127.0.0.1\r\n");
        // Our own offer must be something our answerer side would accept (and prefer PCMA).
        assertThat(new SdpNegotiator().negotiate(new SdpParser().parse(offer)).parameters().codec())
                .isEqualTo(Codec.PCMA);
    }

    @Test
    void acceptsAnAnswerPickingAnOfferedCodec() throws Exception {
        engine.offer(session, List.of(Codec.PCMU, Codec.PCMA));
        MediaParameters p = engine.acceptAnswer(answer("8 101", "a=rtpmap:101 telephone-event/8000\r\n"),
                session);
        assertThat(p.codec()).isEqualTo(Codec.PCMA);
        assertThat(p.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(p.remoteRtp()).isEqualTo(new InetSocketAddress("127.0.0.1", 40000));
    }

    @Test
    void refusesAnAnswerWithACodecWeDidNotOffer() {
        engine.offer(session, List.of(Codec.PCMA));
        assertThatThrownBy(() -> engine.acceptAnswer(answer("0", ""), session))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.isMalformed()).isFalse());
        assertThatThrownBy(() -> engine.acceptAnswer("garbage", session))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.isMalformed()).isTrue());
    }
}
