package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.G711;
import org.voxgate.media.dtmf.DtmfToneDetector;

/** Digits sent by the engine, captured by a plain UDP socket playing the caller. */
class DtmfSendTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private MediaSession call(RtpTestPeer peer, boolean telephoneEvent) throws Exception {
        int base = LoopbackPorts.freeRange(2);
        RtpMediaEngine engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 1,
                Duration.ofSeconds(60)), Clock.systemUTC(), 1);
        toClose.add(engine);
        engine.start();
        MediaSession session = engine.open("call-dtmf-send");
        toClose.add(session);
        String offer = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + peer.port() + " RTP/AVP 0" + (telephoneEvent ? " 101" : "") + "\r\n"
                + (telephoneEvent ? "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n" : "")
                + "a=sendrecv\r\n";
        session.start(engine.answer(offer, session).parameters());
        return session;
    }

    /** Packets until {@code silentAfterDigits} silent audio packets followed the last digit packet. */
    private static List<RtpTestPeer.Packet> capture(RtpTestPeer peer, int eventPt, int silentAfterDigits)
            throws Exception {
        List<RtpTestPeer.Packet> packets = new ArrayList<>();
        boolean seenDigit = false;
        int quiet = 0;
        while (quiet < silentAfterDigits) {
            RtpTestPeer.Packet p = peer.receive();
            assertThat(p).as("RTP from the engine").isNotNull();
            packets.add(p);
            boolean digit = p.payloadType() == eventPt || !isSilence(p.payload());
            if (digit) {
                seenDigit = true;
                quiet = 0;
            } else if (seenDigit) {
                quiet++;
            }
            assertThat(packets.size()).as("packets captured").isLessThan(500);
        }
        return packets;
    }

    private static boolean isSilence(byte[] ulaw) {
        for (byte b : ulaw) {
            if (b != (byte) 0xFF && b != (byte) 0x7F) {
                return false;
            }
        }
        return true;
    }

    @Test
    void telephoneEventsFollowRfc4733AndAudioTimestampsStayConsistent() throws Exception {
        RtpTestPeer peer = new RtpTestPeer();
        toClose.add(peer);
        MediaSession session = call(peer, true);
        assertThat(peer.receive()).isNotNull(); // silence flows first
        session.sendDtmf("1#");
        session.sendDtmf('7', 60);
        List<RtpTestPeer.Packet> packets = capture(peer, 101, 10);

        // one stream: every packet, audio or event, shares the SSRC and the sequence numbering
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).ssrc()).isEqualTo(packets.get(0).ssrc());
            assertThat(packets.get(i).sequence()).isEqualTo((packets.get(i - 1).sequence() + 1) & 0xFFFF);
        }
        // the stream clock: packet i is stamped base + 160 i, an event with its first packet's time
        long clock0 = packets.get(0).timestamp();
        List<List<RtpTestPeer.Packet>> events = new ArrayList<>();
        List<Integer> firstIndex = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            RtpTestPeer.Packet p = packets.get(i);
            long expected = (clock0 + 160L * i) & 0xFFFFFFFFL;
            if (p.payloadType() != 101) {
                assertThat(p.timestamp()).as("audio timestamp of packet %d", i).isEqualTo(expected);
                continue;
            }
            if (p.marker()) {
                events.add(new ArrayList<>());
                firstIndex.add(i);
                assertThat(p.timestamp()).as("event start timestamp").isEqualTo(expected);
            }
            assertThat(events).as("an event packet before any marker").isNotEmpty();
            events.get(events.size() - 1).add(p);
        }
        assertThat(events).hasSize(3);
        assertEvent(events.get(0), 1, 800);
        assertEvent(events.get(1), 11, 800);
        assertEvent(events.get(2), 7, 480);
        // an inter-digit gap of audio-clock silence between events
        int gap = firstIndex.get(1) - (firstIndex.get(0) + events.get(0).size());
        assertThat(gap * 20).isGreaterThanOrEqualTo(40);
    }

    private static void assertEvent(List<RtpTestPeer.Packet> event, int code, int finalDuration) {
        long ts = event.get(0).timestamp();
        int last = -1;
        int ends = 0;
        for (int i = 0; i < event.size(); i++) {
            RtpTestPeer.Packet p = event.get(i);
            byte[] b = p.payload();
            assertThat(b).hasSize(4);
            assertThat(p.marker()).isEqualTo(i == 0);
            assertThat(p.timestamp()).isEqualTo(ts);
            assertThat(b[0] & 0xFF).isEqualTo(code);
            assertThat(b[1] & 0x3F).as("volume").isEqualTo(10);
            boolean end = (b[1] & 0x80) != 0;
            int duration = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            if (end) {
                ends++;
                assertThat(duration).isEqualTo(finalDuration);
            } else {
                assertThat(ends).as("no update after an end packet").isZero();
                assertThat(duration).isGreaterThan(last).isEqualTo(160 * (i + 1));
            }
            last = duration;
        }
        assertThat(ends).as("end packets").isEqualTo(3);
    }

    @Test
    void withoutTelephoneEventDigitsGoInBandAsDualTones() throws Exception {
        RtpTestPeer peer = new RtpTestPeer();
        toClose.add(peer);
        MediaSession session = call(peer, false);
        assertThat(peer.receive()).isNotNull();
        session.sendDtmf("159#*0");
        List<RtpTestPeer.Packet> packets = capture(peer, -1, 10);

        StringBuilder heard = new StringBuilder();
        DtmfToneDetector detector = new DtmfToneDetector(8000, 160);
        detector.setListener((digit, ms) -> heard.append(digit));
        short[] pcm = new short[160];
        for (RtpTestPeer.Packet p : packets) {
            assertThat(p.payloadType()).isZero();
            G711.decodeUlaw(p.payload(), 0, pcm, 0, 160);
            detector.process(pcm, 160);
        }
        assertThat(heard).hasToString("159#*0");
    }

    @Test
    void queuedAudioWaitsForTheDigitsAndNonKeysAreRefused() throws Exception {
        RtpTestPeer peer = new RtpTestPeer();
        toClose.add(peer);
        MediaSession session = call(peer, true);
        assertThatThrownBy(() -> session.sendDtmf("12x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(peer.receive()).isNotNull();
        session.sendDtmf("5");
        short[] tone = Tones.sine(1000, 1600, 8000, 0);
        session.play(tone, 0, tone.length);
        List<RtpTestPeer.Packet> packets = capture(peer, 101, 15);
        int lastEvent = -1;
        int firstAudio = -1;
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).payloadType() == 101) {
                lastEvent = i;
            } else if (firstAudio < 0 && !isSilence(packets.get(i).payload())) {
                firstAudio = i;
            }
        }
        assertThat(lastEvent).isPositive();
        assertThat(firstAudio).as("the tone follows the digit").isGreaterThan(lastEvent);
        assertThat(packets.get(firstAudio).marker()).isTrue();
    }
}
