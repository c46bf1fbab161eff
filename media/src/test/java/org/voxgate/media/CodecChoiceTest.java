package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's codec choice over a call's life: the first answer by our preference, a later
 * re-offer by the same preference with the codec in use first, and an Opus session whose
 * packets carry 960-tick timestamps.
 */
class CodecChoiceTest {
    private RtpMediaEngine engine;
    private RtpTestPeer peer;

    @BeforeEach
    void setUp() throws Exception {
        int base = LoopbackPorts.freeRange(4);
        engine = new RtpMediaEngine(
                new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(60)),
                Clock.systemUTC(), 1).start();
        peer = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() {
        peer.close();
        engine.close();
    }

    private static String sdp(int port, String formats, String extra) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + formats + "\r\n" + extra;
    }

    @Test
    void reOfferKeepsTheCodecInUseAndOtherwiseFollowsTheFirstAnswersPreference() throws Exception {
        MediaSession session = engine.open("choice");
        SdpAnswer first = engine.answer(sdp(peer.port(), "0 8", ""), session, List.of(Codec.PCMA, Codec.PCMU));
        assertThat(first.parameters().codec()).isEqualTo(Codec.PCMA);
        session.start(first.parameters());
        // the re-offer lists PCMU first: the codec in use stays
        assertThat(engine.answer(sdp(peer.port(), "0 8", ""), session).parameters().codec()).isEqualTo(Codec.PCMA);
        // PCMA gone from the re-offer: the next of our list
        SdpAnswer changed = engine.answer(sdp(peer.port(), "9 0", ""), session);
        assertThat(changed.parameters().codec()).isEqualTo(Codec.PCMU);
        session.close();
    }

    @Test
    void opusSessionSendsOpusWith960TickTimestamps() throws Exception {
        MediaSession session = engine.open("opus");
        SdpAnswer answer = engine.answer(sdp(peer.port(), "0 111",
                "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n"), session, List.of(Codec.OPUS));
        assertThat(answer.sdp()).contains("a=rtpmap:111 opus/48000/2");
        session.start(answer.parameters());
        short[] tone = new short[1600];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        session.play(tone, 0, tone.length);
        long previous = -1;
        int steps = 0;
        for (int i = 0; i < 8; i++) {
            RtpTestPeer.Packet p = peer.receive();
            assertThat(p).isNotNull();
            assertThat(p.payloadType()).isEqualTo(111);
            assertThat(p.payload().length).as("an Opus packet, not 160 G.711 bytes").isLessThan(160);
            if (previous >= 0) {
                assertThat((p.timestamp() - previous) & 0xffffffffL).isEqualTo(960);
                steps++;
            }
            previous = p.timestamp();
        }
        assertThat(steps).isEqualTo(7);
        session.close();
    }
}
