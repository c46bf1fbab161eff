package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.G711;

/** Two real sessions on loopback, bridged: a tone sent into each comes out of the other. */
class AudioBridgeTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static String offer(int port) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=sendrecv\r\n";
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Test
    void eachSideHearsTheOtherAndNothingAfterClose() throws Exception {
        int base = LoopbackPorts.freeRange(4);
        RtpMediaEngine engine = closeLater(new RtpMediaEngine(
                new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(60)), Clock.systemUTC(), 1))
                .start();
        RtpTestPeer callerPeer = closeLater(new RtpTestPeer());
        RtpTestPeer operatorPeer = closeLater(new RtpTestPeer());
        MediaSession caller = closeLater(engine.open("caller"));
        MediaSession operator = closeLater(engine.open("operator"));
        caller.start(engine.answer(offer(callerPeer.port()), caller).parameters());
        operator.start(engine.answer(offer(operatorPeer.port()), operator).parameters());

        assertThat(((RtpSession) caller).inboundPlayout()).as("a session starts feeding a bot").isEqualTo(InboundPlayout.EAGER);
        assertThat(((RtpSession) caller).talkspurts().start()).isEqualTo(PlaybackStart.IMMEDIATE);
        short[] prompt = new short[8000];
        caller.play(prompt, 0, prompt.length);
        AudioBridge bridge = closeLater(AudioBridge.open(caller, operator));
        assertThat(caller.queuedPlaybackMillis()).as("the bot's prompt is cut when the bridge opens").isZero();
        // people listen now: both legs back to the jitter buffer's paced timing (a bot had them eager)
        assertThat(((RtpSession) caller).inboundPlayout()).isEqualTo(InboundPlayout.PACED);
        assertThat(((RtpSession) operator).inboundPlayout()).isEqualTo(InboundPlayout.PACED);
        // relayed frames come one per tick: they go on the tick, as before talkspurts could start early
        assertThat(((RtpSession) caller).talkspurts().start()).isEqualTo(PlaybackStart.ON_TICK);
        assertThat(((RtpSession) operator).talkspurts().start()).isEqualTo(PlaybackStart.ON_TICK);

        sendTone(callerPeer, caller, 1000);
        sendTone(operatorPeer, operator, 600);
        List<short[]> heardByOperator = receiveAudio(operatorPeer);
        List<short[]> heardByCaller = receiveAudio(callerPeer);
        assertThat(medianToneShare(heardByOperator, 1000)).isGreaterThan(0.8);
        assertThat(medianToneShare(heardByCaller, 600)).isGreaterThan(0.8);

        bridge.close();
        sendTone(callerPeer, caller, 1000);
        Thread.sleep(200);
        assertThat(operator.queuedPlaybackMillis()).as("nothing relayed after close").isZero();
    }

    private static void sendTone(RtpTestPeer peer, MediaSession to, double hz) throws Exception {
        InetSocketAddress target = new InetSocketAddress(LoopbackPorts.LOOPBACK, to.localRtpAddress().getPort());
        short[] tone = Tones.sine(hz, 8000, 8000, 0);
        byte[] payload = new byte[160];
        for (int f = 0; f < 50; f++) {
            G711.encodeUlaw(tone, f * 160, payload, 0, 160);
            peer.send(target, f == 0, 0, 100 + f, 1000 + 160L * f, 0x4321, payload);
            Thread.sleep(20); // real time, like a phone: the far side's pacer cannot take a burst
        }
    }

    /** Collects the non-silent frames the peer receives until 20 have come or 5 s pass. */
    private static List<short[]> receiveAudio(RtpTestPeer peer) throws Exception {
        List<short[]> frames = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (frames.size() < 20 && System.nanoTime() < deadline) {
            RtpTestPeer.Packet packet = peer.receive();
            if (packet == null) {
                break;
            }
            short[] pcm = new short[packet.payload().length];
            G711.decodeUlaw(packet.payload(), 0, pcm, 0, pcm.length);
            if (energy(pcm) > 1e5) {
                frames.add(pcm);
            }
        }
        assertThat(frames).as("audio frames received").hasSizeGreaterThanOrEqualTo(20);
        return frames;
    }

    /**
     * The tone's share frame by frame, the median over the frames: a jitter buffer may drop or
     * conceal a frame on a busy machine, which breaks the phase between frames (and a Goertzel
     * run over all of them) but not the tone inside each.
     */
    private static double medianToneShare(List<short[]> frames, double hz) {
        double[] shares = frames.stream().mapToDouble(f -> Tones.toneShare(f, hz)).sorted().toArray();
        return shares[shares.length / 2];
    }

    private static double energy(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return sum / pcm.length;
    }
}
