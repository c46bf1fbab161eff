package org.voxgate.pipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.fakes.twilio.MediaStream.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.twilio.FakeMediaStreamsBot;
import org.voxgate.fakes.twilio.MediaStream;
import org.voxgate.media.codec.G711;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.offline.FakeCallContext;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.RetryPolicy;

/**
 * The bridge against a bot written for Twilio (the fake) over loopback: the real WebSocket
 * client, the real codec, the test's audio channel whose playback only advances with its
 * stepped clock (so "played" is decided by the test).
 */
class TwilioBridgeBotTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeCallContext call = new FakeCallContext();
    private FakeMediaStreamsBot fake;
    private BotSession session;

    @BeforeEach
    void startFake() {
        fake = FakeMediaStreamsBot.start();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
        fake.close();
    }

    private TwilioBridgeBot bot(String url, RetryPolicy policy) {
        ProviderGuard guard = new ProviderGuard("bridge-mybot", "bridge", policy, new SimpleMeterRegistry());
        return new TwilioBridgeBot(TwilioBridgeConfig.of("mybot", url, Map.of("tenant", "acme", "caller", "spoof")),
                http, guard, Thread.ofVirtual().factory());
    }

    private MediaStream open() throws InterruptedException {
        session = bot(fake.url(), RetryPolicy.DEFAULT).open(call);
        return fake.awaitStarted(1, WAIT);
    }

    private static short[] tone(int frame) {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (frame * 160 + i) / 8000.0));
        }
        return pcm;
    }

    @Test
    void startCarriesTwilioFieldsAndOurCustomParameters() throws Exception {
        MediaStream stream = open();
        assertThat(stream.received().get(0).toString())
                .isEqualTo("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        assertThat(stream.received().get(1).path("sequenceNumber").asText()).isEqualTo("1");
        assertThat(stream.customParameters()).as("ours win over a configured 'caller'").isEqualTo(
                Map.of("tenant", "acme", "caller", "alice", "callee", "1000", "callId", "test-call-1"));
        assertThat(stream.start().path("callSid").asText()).isEqualTo(TwilioIds.callSid("test-call-1"));
        assertThat(stream.start().path("streamSid").asText()).matches("MZ[0-9a-f]{32}");
        assertThat(stream.problems()).as("deviations from Twilio's messages").isEmpty();
    }

    @Test
    void mediaFlowsBothWays() throws Exception {
        fake.marksEvery(1000);
        MediaStream stream = open();
        for (int f = 0; f < 10; f++) {
            call.audio.sendFrame(tone(f));
        }
        assertThat(await(() -> stream.mediaReceived() == 10, WAIT)).isTrue();
        byte[] heard = stream.callerAudio();
        assertThat(heard).hasSize(1600);
        byte[] expected = new byte[160];
        G711.encodeUlaw(tone(3), 0, expected, 0, 160);
        assertThat(java.util.Arrays.copyOfRange(heard, 480, 640)).isEqualTo(expected);

        assertThat(await(() -> call.audio.playedSamples() == 1600, WAIT)).as("echo played").isTrue();
        short[] back = call.audio.played(3);
        short[] decoded = new short[160];
        G711.decodeUlaw(expected, 0, decoded, 0, 160);
        assertThat(back).isEqualTo(decoded);
        assertThat(stream.problems()).isEmpty();
    }

    @Test
    void marksAreEchoedOnlyOnceTheAudioBeforeThemHasPlayed() throws Exception {
        fake.echo(false);
        MediaStream stream = open();
        stream.sendMark("nothing-queued");
        assertThat(await(() -> stream.marksEchoed().equals(List.of("nothing-queued")), WAIT)).isTrue();

        stream.sendMedia(new byte[1600]); // 200 ms
        stream.sendMark("after-200ms");
        assertThat(await(() -> call.audio.playedSamples() == 1600, WAIT)).isTrue();
        Thread.sleep(200); // ten ticks of the echo check: the clock has not moved, nothing has played
        assertThat(stream.marksEchoed()).containsExactly("nothing-queued");

        call.clock.advanceMillis(100);
        Thread.sleep(100);
        assertThat(stream.marksEchoed()).as("half played").containsExactly("nothing-queued");
        call.clock.advanceMillis(100);
        assertThat(await(() -> stream.marksEchoed().size() == 2, WAIT)).isTrue();
        assertThat(stream.marksEchoed()).containsExactly("nothing-queued", "after-200ms");
        assertThat(stream.problems()).isEmpty();
    }

    @Test
    void clearEmptiesPlaybackAndReturnsPendingMarks() throws Exception {
        fake.echo(false);
        MediaStream stream = open();
        stream.sendMedia(new byte[8000]);
        stream.sendMark("a");
        stream.sendMedia(new byte[8000]);
        stream.sendMark("b");
        assertThat(await(() -> call.audio.playedSamples() == 16000, WAIT)).isTrue();
        assertThat(call.audio.queuedPlaybackMillis()).isEqualTo(2000);
        stream.sendClear();
        assertThat(await(() -> stream.marksEchoed().size() == 2, WAIT)).isTrue();
        assertThat(stream.marksEchoed()).containsExactly("a", "b");
        assertThat(call.audio.clears()).isEqualTo(1);
        assertThat(call.audio.queuedPlaybackMillis()).isZero();
    }

    @Test
    void callerDigitsAreForwarded() throws Exception {
        MediaStream stream = open();
        // the session starts listening for digits just after it sent start
        assertThat(await(call.audio::hasDtmfListener, WAIT)).isTrue();
        call.audio.pressDigit('5');
        call.audio.pressDigit('#');
        assertThat(await(() -> stream.digits().size() == 2, WAIT)).isTrue();
        assertThat(stream.digits()).containsExactly("5", "#");
        assertThat(stream.problems()).isEmpty();
    }

    @Test
    void stopSendsStopThenClosesAndLetsGoOfTheAudio() throws Exception {
        MediaStream stream = open();
        call.audio.sendFrame(tone(0));
        session.stop();
        assertThat(call.audio.hasListeners()).isFalse();
        assertThat(await(() -> stream.closeCode() != -1, WAIT)).isTrue();
        assertThat(stream.stopped()).isTrue();
        assertThat(stream.received().getLast().path("event").asText()).isEqualTo("stop");
        assertThat(stream.problems()).isEmpty();
        assertThat(call.hangups).isEmpty();
    }

    @Test
    void theBotClosingTheSocketEndsTheCall() throws Exception {
        MediaStream stream = open();
        stream.hangUp();
        assertThat(await(() -> !call.hangups.isEmpty(), WAIT)).isTrue();
        assertThat(call.hangups).containsExactly("bot_hangup");
        assertThat(call.audio.hasListeners()).isFalse();
    }

    @Test
    void malformedAndBinaryMessagesAreIgnoredAndTheStreamGoesOn() throws Exception {
        fake.echo(false);
        MediaStream stream = open();
        stream.sendRaw("{not json");
        stream.sendRaw("{\"event\":\"media\",\"streamSid\":\"MZ00000000000000000000000000000000\",\"media\":{\"payload\":\"AAAA\"}}");
        stream.sendRaw("{\"event\":\"media\",\"streamSid\":\"" + stream.streamSid() + "\",\"media\":{}}");
        stream.sendBinary(new byte[160]);
        stream.sendMark("still-here");
        assertThat(await(() -> stream.marksEchoed().contains("still-here"), WAIT)).isTrue();
        assertThat(call.audio.playCount()).isZero();
        assertThat(call.hangups).isEmpty();
        assertThat(stream.closeCode()).isEqualTo(-1);
    }

    @Test
    void anUnreachableBotHangsTheCallUpWithAClearReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), 50, 10, Duration.ofSeconds(30));
        session = bot("ws://127.0.0.1:" + closedPort + "/media", quick).open(call);
        assertThat(await(() -> !call.hangups.isEmpty(), WAIT)).isTrue();
        assertThat(call.hangups).containsExactly("bridge_unreachable");
    }
}
