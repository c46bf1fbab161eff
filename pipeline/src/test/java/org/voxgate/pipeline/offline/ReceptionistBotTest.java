package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext.Speaker;

/**
 * The receptionist as the application runs it: built by {@link OfflineBots}, one session
 * thread per call, audio and digits arriving through the channel's listeners. The call's
 * clock only moves when the test moves it; waits are for conditions, with generous deadlines.
 */
class ReceptionistBotTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final FakeCallContext call = new FakeCallContext();
    private final List<Thread> sessionThreads = new CopyOnWriteArrayList<>();
    private final ThreadFactory threads = runnable -> {
        Thread thread = Thread.ofVirtual().name("bot-test").unstarted(runnable);
        sessionThreads.add(thread);
        return thread;
    };
    private BotSession session;

    @AfterEach
    void stopSession() throws InterruptedException {
        if (session != null) {
            session.stop();
        }
        for (Thread thread : sessionThreads) {
            thread.join(DEADLINE.toMillis());
            assertThat(thread.isAlive()).as("session thread ended").isFalse();
        }
    }

    private Bot receptionist(OfflineBotConfig config) {
        OfflineBots bots = OfflineBots.create(config, threads);
        assertThat(bots.bots()).extracting(Bot::name).containsExactly("receptionist", "echo");
        assertThat(bots.defaultBotName()).isEqualTo("receptionist");
        return bots.bots().get(0);
    }

    @Test
    void spokenRequestAdvancesTheFlowAndIsRecorded() {
        Bot bot = receptionist(OfflineBotConfig.defaults().withInboundQueueFrames(2000));
        assertThat(OfflineSpeechCheck.run(OfflineBotConfig.defaults()).canRecognize())
                .as("pocketsphinx and the VAD must be installed for this test").isTrue();
        session = bot.open(call);
        awaitGreetingPlayedOut();

        short[] speech = OfflineTestEngines.callerSays("book an appointment");
        for (int at = 0; at + 160 <= speech.length; at += 160) {
            call.audio.sendFrame(java.util.Arrays.copyOfRange(speech, at, at + 160));
            call.clock.advanceMillis(20);
        }

        await(() -> !call.turns(Speaker.CALLER).isEmpty(), "caller turn recorded");
        assertThat(call.turns(Speaker.CALLER).get(0).text()).contains("appointment");
        await(() -> call.audio.playCount() == 2, "offer prompt played");
        assertThat(call.hangups).isEmpty();
    }

    @Test
    void digitsBookTheAppointmentAndTheBotHangsUp() {
        Bot bot = receptionist(OfflineBotConfig.defaults());
        session = bot.open(call);
        await(() -> call.audio.playCount() == 1, "greeting played");
        call.audio.pressDigit('1');
        await(() -> call.audio.playCount() == 2, "offer prompt played");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> call.turns(Speaker.BOT).size() == 2, "offer prompt recorded");
        call.audio.pressDigit('1');
        await(() -> call.audio.playCount() == 3, "confirmation played");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> call.audio.playCount() == 4, "goodbye played");
        assertThat(call.hangups).isEmpty();

        // Simulated time runs on until the bot hangs up after the goodbye and a short grace.
        long simulatedMillis = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (call.hangups.isEmpty() && System.nanoTime() < deadline) {
            call.clock.advanceMillis(20);
            simulatedMillis += 20;
            pause();
        }
        assertThat(call.hangups).containsExactly("bot_hangup");
        assertThat(call.turns(Speaker.BOT)).extracting(FakeCallContext.Turn::text).last()
                .isEqualTo("Thank you for calling. Goodbye.");
        assertThat(call.turns(Speaker.CALLER)).extracting(FakeCallContext.Turn::text)
                .containsExactly("[dtmf 1]", "[dtmf 1]");
        await(() -> !call.audio.hasListeners(), "listeners removed when the session ends");
        assertThat(simulatedMillis).isGreaterThan(0);
    }

    @Test
    void stopEndsTheSessionPromptlyAndReleasesTheChannel() {
        Bot bot = receptionist(OfflineBotConfig.defaults());
        session = bot.open(call);
        await(() -> call.audio.playCount() == 1, "greeting played");
        session.stop();
        session.stop();
        await(() -> !call.audio.hasListeners(), "listeners removed");
        assertThat(call.hangups).isEmpty();
    }

    @Test
    void stopWhileThePromptIsBeingRenderedEndsQuietly(@TempDir Path dir) throws Exception {
        // An espeak-ng stand-in that never finishes: the session is stuck rendering the greeting.
        Path stalled = dir.resolve("stalled-espeak");
        java.nio.file.Files.writeString(stalled, "#!/bin/sh\nexec sleep 600\n");
        assertThat(stalled.toFile().setExecutable(true)).isTrue();
        OfflineBotConfig config = OfflineBotConfig.defaults();
        Bot bot = new ReceptionistBot(config, ReceptionistFlow.definition(),
                new EspeakSynthesizer(stalled, "en-us", 150, Duration.ofMinutes(5), 4), null, threads);
        session = bot.open(call);
        await(() -> call.audio.hasListeners() && !sessionThreads.isEmpty(), "session started");
        session.stop();
        await(() -> !call.audio.hasListeners(), "listeners removed");
        assertThat(call.hangups).as("a stopped call is not hung up again").isEmpty();
    }

    @Test
    void withoutEspeakTheBotHangsUpInsteadOfSittingSilent() {
        Bot bot = receptionist(OfflineBotConfig.defaults().withEspeakBinary(Path.of("/nonexistent/espeak-ng")));
        session = bot.open(call);
        assertThat(call.hangups).containsExactly("bot_unavailable");
        assertThat(call.audio.playCount()).isZero();
        assertThat(sessionThreads).isEmpty();
    }

    @Test
    void withoutRecognizerTheBotStillAnswersDigits() {
        OfflineBotConfig config = OfflineBotConfig.defaults()
                .withPocketsphinxLibrary(Path.of("/nonexistent/libpocketsphinx.so.3"));
        Bot bot = receptionist(config);
        session = bot.open(call);
        await(() -> call.audio.playCount() == 1, "greeting played");
        call.audio.pressDigit('1');
        await(() -> call.audio.playCount() == 2, "offer prompt played");
    }

    private void awaitGreetingPlayedOut() {
        await(() -> call.audio.playCount() == 1, "greeting played");
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        await(() -> call.turns(Speaker.BOT).size() == 1, "greeting recorded");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
