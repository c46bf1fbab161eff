package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.G711;
import org.voxgate.media.dtmf.DtmfTones;

/** Digits arriving at a real session over loopback UDP reach the listener and the observer with their source. */
class DtmfReceiveTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CopyOnWriteArrayList<String> observed = new CopyOnWriteArrayList<>();
    private final StringBuffer listened = new StringBuffer();

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
        MediaSession session = engine.open("call-dtmf-receive");
        toClose.add(session);
        String offer = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + peer.port() + " RTP/AVP 0" + (telephoneEvent ? " 101" : "") + "\r\n"
                + (telephoneEvent ? "a=rtpmap:101 telephone-event/8000\r\n" : "") + "a=sendrecv\r\n";
        session.setDtmfObserver((digit, ms, source) -> observed.add(digit + ":" + source.code()));
        session.setDtmfListener((digit, ms) -> listened.append(digit));
        session.start(engine.answer(offer, session).parameters());
        return session;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void inBandTonesAreDetectedWhenTelephoneEventWasNotNegotiated() throws Exception {
        RtpTestPeer peer = new RtpTestPeer();
        toClose.add(peer);
        MediaSession session = call(peer, false);
        InetSocketAddress to = new InetSocketAddress(LoopbackPorts.LOOPBACK, session.localRtpAddress().getPort());
        // 120 ms tones, 100 ms gaps, G.711 encoded the way a phone would send them
        short[] pcm = new short[6 * 1760 + 1600];
        DtmfTones tones = new DtmfTones(8000);
        String keys = "2580*#";
        for (int k = 0; k < keys.length(); k++) {
            tones.start(keys.charAt(k));
            tones.fill(pcm, 800 + k * 1760, 960);
        }
        byte[] payload = new byte[160];
        for (int f = 0; f < pcm.length / 160; f++) {
            G711.encodeUlaw(pcm, f * 160, payload, 0, 160);
            peer.send(to, f == 0, 0, 100 + f, 1000 + 160L * f, 0x55, payload);
            Thread.sleep(2); // a gentle pace; the receive path reorders nothing here
        }
        await(() -> observed.size() >= keys.length());
        assertThat(listened).hasToString(keys);
        assertThat(observed).containsExactly("2:inband", "5:inband", "8:inband", "0:inband", "*:inband", "#:inband");
    }

    @Test
    void telephoneEventsAndSipInfoDigitsAreTaggedWithTheirSource() throws Exception {
        RtpTestPeer peer = new RtpTestPeer();
        toClose.add(peer);
        MediaSession session = call(peer, true);
        InetSocketAddress to = new InetSocketAddress(LoopbackPorts.LOOPBACK, session.localRtpAddress().getPort());
        byte[] end = {9, (byte) 0x8A, 0x03, 0x20};
        for (int i = 0; i < 3; i++) {
            peer.send(to, i == 0, 101, 10 + i, 8000, 0x55, end);
        }
        await(() -> observed.size() >= 1);
        session.injectDtmf('4', 100);
        assertThat(observed).containsExactly("9:rfc4733", "4:sip-info");
        assertThat(listened).hasToString("94");
    }
}
