package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a re-INVITE or UPDATE does to a running session: a new codec and a new remote address
 * take effect, our own offers describe what is in use, answers to them are applied, and
 * digits from SIP INFO reach the same listener as RFC 4733 ones.
 */
class RenegotiationTest {
    private RtpMediaEngine engine;
    private RtpTestPeer first;
    private RtpTestPeer second;

    @BeforeEach
    void setUp() throws Exception {
        int base = LoopbackPorts.freeRange(4);
        engine = new RtpMediaEngine(
                new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(60)),
                Clock.systemUTC(), 1).start();
        first = new RtpTestPeer();
        second = new RtpTestPeer();
        second.socket.setSoTimeout(1000);
    }

    @AfterEach
    void tearDown() {
        first.close();
        second.close();
        engine.close();
    }

    private static String sdp(int port, String formats, String direction) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + formats + " 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=" + direction + "\r\n";
    }

    @Test
    void aNewCodecAndAddressTakeEffectOnTheNextFrames() throws Exception {
        MediaSession session = engine.open("call-reneg");
        session.start(engine.answer(sdp(first.port(), "0", "sendrecv"), session).parameters());
        assertThat(first.receive().payloadType()).isEqualTo(0);

        SdpAnswer changed = engine.answer(sdp(second.port(), "8", "sendrecv"), session);
        assertThat(changed.sdp()).contains("RTP/AVP 8 101");
        session.update(changed.parameters());
        assertThat(session.parameters().codec()).isEqualTo(Codec.PCMA);
        RtpTestPeer.Packet packet = second.receive();
        assertThat(packet).as("RTP goes to the new address").isNotNull();
        assertThat(packet.payloadType()).isEqualTo(8);
        session.close();
    }

    @Test
    void updateBeforeStartIsRefusedAndSameParametersChangeNothing() throws Exception {
        MediaSession session = engine.open("call-unstarted");
        SdpAnswer answer = engine.answer(sdp(first.port(), "0", "sendrecv"), session);
        assertThatThrownBy(() -> session.update(answer.parameters())).isInstanceOf(IllegalStateException.class);
        session.start(answer.parameters());
        session.update(answer.parameters());
        assertThat(session.parameters()).isEqualTo(answer.parameters());
        session.close();
    }

    @Test
    void ourOfferNamesTheCodecInUseAndTheAnswerToItIsApplied() throws Exception {
        MediaSession session = engine.open("call-offer");
        assertThatThrownBy(() -> engine.offer(session)).as("no re-offer before start")
                .isInstanceOf(IllegalStateException.class);
        String fresh = engine.offer(session, List.of(Codec.PCMU, Codec.PCMA));
        assertThat(fresh).contains("RTP/AVP 0 8 101").contains("a=sendrecv");
        session.start(engine.answer(sdp(first.port(), "8", "sendrecv"), session).parameters());
        String refresh = engine.offer(session);
        assertThat(refresh).contains("RTP/AVP 8 101").doesNotContain("PCMU");

        // the peer answers our late offer with "recvonly": we send; then "inactive": we stop
        MediaParameters settled = engine.acceptAnswer(sdp(second.port(), "8", "sendonly"), session);
        assertThat(settled.remoteRtp().getPort()).isEqualTo(second.port());
        assertThat(second.receive()).as("not sending while the peer only sends").isNull();
        engine.acceptAnswer(sdp(second.port(), "8", "recvonly"), session);
        assertThat(second.receive()).isNotNull();
        session.close();
    }

    @Test
    void oldStyleHoldOnTheNullAddressStopsSending() throws Exception {
        MediaSession session = engine.open("call-null-hold");
        session.start(engine.answer(sdp(first.port(), "0", "sendrecv"), session).parameters());
        assertThat(first.receive()).isNotNull();
        SdpAnswer held = engine.answer(sdp(first.port(), "0", "sendrecv").replace("c=IN IP4 127.0.0.1",
                "c=IN IP4 0.0.0.0"), session);
        session.update(held.parameters());
        drain(first);
        assertThat(first.receive()).isNull();
        session.close();
    }

    @Test
    void injectedDigitsReachTheDtmfListener() throws Exception {
        MediaSession session = engine.open("call-info");
        List<String> digits = new CopyOnWriteArrayList<>();
        session.setDtmfListener((digit, millis) -> digits.add(digit + "/" + millis));
        session.injectDtmf('5', 160);
        session.injectDtmf('x', 100); // not a DTMF key: ignored
        assertThat(digits).containsExactly("5/160");
        session.close();
    }

    private static void drain(RtpTestPeer peer) throws Exception {
        peer.socket.setSoTimeout(100);
        while (peer.receive() != null) {
            // packets sent before the update took effect
        }
        peer.socket.setSoTimeout(1000);
    }

}
