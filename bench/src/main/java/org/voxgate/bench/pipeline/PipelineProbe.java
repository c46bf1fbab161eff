package org.voxgate.bench.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.MediaSession;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.cascade.CascadeBot;
import org.voxgate.pipeline.cascade.CascadeSettings;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.deepgram.DeepgramStt;
import org.voxgate.pipeline.provider.deepgram.DeepgramTts;
import org.voxgate.pipeline.provider.openai.OpenAiChat;
import org.voxgate.pipeline.tools.ToolsFactory;
import org.voxgate.pipeline.turn.TurnTakingSettings;

/**
 * The voice pipeline's own latency with zero-latency providers, in one JVM so every time is one
 * {@link System#nanoTime()}: the real {@link RtpMediaEngine} on loopback, a real
 * {@link CascadeBot} (default turn-taking, WebRTC VAD) with the real Deepgram STT and TTS and
 * OpenAI Chat clients pointed at the in-process fakes, and a {@link CallerPeer} sending espeak-ng
 * speech and silence as RTP on a 20 ms schedule.
 *
 * <ul>
 *   <li>turn overhead: last caller speech packet sent -> first bot packet carrying audio received,
 *       minus the silence window (Deepgram {@code endpointing} = {@code min-silence-ms} = 300 ms);
 *   <li>barge-in: first packet of caller speech sent while the bot talks -> the last bot packet
 *       carrying audio (RMS above {@link CallerPeer#LOUD_RMS}; the pacer sends silence after it);
 *   <li>RTP to provider: for each frame the fake STT's socket receives, the caller packet that
 *       carried its middle sample sent -> the frame received (split at the media layer's
 *       hand-over to the bot).
 * </ul>
 *
 * <pre>java -cp ... org.voxgate.bench.pipeline.PipelineProbe [--turns 40] [--barge-ins 20] [--warmup 3]
 *     [--jitter-min-ms 20]</pre>
 *
 * Progress and the parts go to stderr; the last stdout line is the JSON object of scripts/bench.
 *
 * <p>Threading: the main thread drives the caller; the engine, bot, fakes and caller run their own.
 */
public final class PipelineProbe {
    private static final String KEY = "bench-key";
    private static final int SILENCE_WINDOW_MS = 300;
    private static final long MS = 1_000_000L;
    private static final String SHORT_REPLY = "Sure, we open at nine.";
    private static final String LONG_REPLY = "We offer cleanings, fillings, crowns, whitening and implants, "
            + "and prices depend on what the dentist finds at your first visit, which takes about an hour, "
            + "so the best thing is to book that first visit and we will tell you everything after it.";

    private final Percentiles turnOverhead = new Percentiles();
    private final Percentiles bargeIn = new Percentiles();
    private final Percentiles rtpToProvider = new Percentiles();
    private final Percentiles rtpToBot = new Percentiles();
    private final Percentiles botToProvider = new Percentiles();
    private final Percentiles bargeInDecision = new Percentiles();
    private final Percentiles frameShift = new Percentiles();
    private final Percentiles endOfTurnLag = new Percentiles();
    private final Percentiles replyToPacer = new Percentiles();
    private final Percentiles pacerToCaller = new Percentiles();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private int failures;

    private PipelineProbe() {}

    public static void main(String[] args) throws Exception {
        int turns = 40;
        int bargeIns = 20;
        int warmup = 3;
        int jitterMinMs = MediaConfig.DEFAULT_JITTER_MIN_MS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--turns" -> turns = Integer.parseInt(args[++i]);
                case "--barge-ins" -> bargeIns = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--jitter-min-ms" -> jitterMinMs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException(
                        "usage: PipelineProbe [--turns N] [--barge-ins N] [--warmup N] [--jitter-min-ms N]");
            }
        }
        new PipelineProbe().run(turns, bargeIns, warmup, jitterMinMs);
    }

    private void run(int turns, int bargeIns, int warmup, int jitterMinMs) throws Exception {
        short[] question = CallerSpeech.render("What time do you open tomorrow");
        short[] cutIn = CallerSpeech.render("How much does a cleaning cost");
        int base = FreePorts.evenPair();
        try (FakeDeepgram deepgram = FakeDeepgram.start(KEY); FakeOpenAiChat chat = FakeOpenAiChat.start(KEY);
                RtpMediaEngine engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3,
                        Duration.ofSeconds(60), jitterMinMs, MediaConfig.DEFAULT_JITTER_MAX_MS), Clock.systemUTC()).start();
                CallerPeer caller = new CallerPeer()) {
            for (int i = 0; i < 4 * (turns + bargeIns + 2 * warmup) + 20; i++) {
                deepgram.script("What time do you open tomorrow?");
            }
            chat.replyAlways(ScriptedReply.words(SHORT_REPLY));

            MediaSession session = engine.open("bench-pipeline");
            String offer = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + caller.port() + " RTP/AVP 0\r\na=sendrecv\r\n";
            session.start(engine.answer(offer, session).parameters());
            TimedAudioChannel channel = new TimedAudioChannel(session, marker -> recent(caller, marker));
            deepgram.onListenAudio((data, offset, length, nanos) -> onProviderAudio(caller, channel, data, offset,
                    length, nanos));
            BenchCall call = new BenchCall(channel);
            BotSession bot = bot(deepgram, chat).open(call);
            caller.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), session.localRtpAddress().getPort()));
            try {
                Thread.sleep(1000); // provider sockets open, media flowing
                for (int i = 0; i < warmup; i++) {
                    turn(caller, call, question, false);
                    bargeIn(caller, call, channel, chat, question, cutIn, false);
                }
                measuring.set(true);
                for (int i = 0; i < turns; i++) {
                    turn(caller, call, question, true);
                }
                for (int i = 0; i < bargeIns; i++) {
                    bargeIn(caller, call, channel, chat, question, cutIn, true);
                }
                measuring.set(false);
            } finally {
                bot.stop();
                session.close();
            }
            report(caller, call);
        }
    }

    private static CascadeBot bot(FakeDeepgram deepgram, FakeOpenAiChat chat) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpClient http = HttpClient.newHttpClient();
        var stt = new DeepgramStt(ProviderSettings.of("deepgram", deepgram.baseUrl(), KEY, "nova-3")
                .withOption("endpointing", Integer.toString(SILENCE_WINDOW_MS)),
                new ProviderGuard("deepgram", "stt", RetryPolicy.DEFAULT, registry), http);
        var llm = new OpenAiChat(ProviderSettings.of("openai", chat.baseUrl(), KEY, "gpt-4o-mini"), http,
                new ProviderGuard("openai", "llm", RetryPolicy.DEFAULT, registry));
        var tts = new DeepgramTts(ProviderSettings.of("deepgram", deepgram.baseUrl(), KEY, "aura-2-thalia-en"),
                new ProviderGuard("deepgram", "tts", RetryPolicy.DEFAULT, registry), http);
        TurnTakingSettings defaults = TurnTakingSettings.defaults();
        if (defaults.minSilenceMs() != SILENCE_WINDOW_MS) {
            throw new IllegalStateException("default min-silence-ms is no longer " + SILENCE_WINDOW_MS);
        }
        CascadeSettings settings = CascadeSettings.of("You are the front desk of a dental clinic.", "")
                .withTurnTaking(defaults);
        return new CascadeBot("bench", settings, stt, llm, tts, ToolsFactory.NONE);
    }

    /**
     * The fake STT got a frame: time it back to the RTP packet that carried its middle sample (a
     * frame that starts part-way into a packet, before the marker of the next one, holds audio of
     * both: it counts from the earlier when most of its audio came in that one), and split it at
     * the frame's hand-over to the bot.
     */
    private void onProviderAudio(CallerPeer caller, TimedAudioChannel channel, byte[] data, int offset, int length,
            long nanos) {
        if (!measuring.get()) {
            return;
        }
        int at = Marker.position(data, offset, length, m -> recent(caller, m));
        if (at < 0) {
            return; // silence or concealment the jitter buffer made, not a caller packet
        }
        int marker = Marker.find(data, offset + at, length - at, m -> true);
        frameShift.add(at / 8.0); // 8 mu-law bytes per ms
        int middle = at < AudioChannel.FRAME_SAMPLES / 2 ? marker : (marker + Marker.COUNT - 1) % Marker.COUNT;
        long sent = caller.sentNanos(middle);
        if (sent == 0) {
            return;
        }
        long delivered = channel.deliveredNanos(marker);
        rtpToProvider.add((nanos - sent) / 1e6);
        if (delivered >= sent && delivered <= nanos) {
            rtpToBot.add((delivered - sent) / 1e6);
            botToProvider.add((nanos - delivered) / 1e6);
        }
    }

    /** Whether {@code marker} names a packet sent within the last second (not a look-alike in speech). */
    private static boolean recent(CallerPeer caller, int marker) {
        long sent = caller.sentNanos(marker);
        long age = System.nanoTime() - sent;
        return sent != 0 && age >= 0 && age < 1_000 * MS;
    }

    /** One caller turn: speak, then time the bot's first audio. */
    private void turn(CallerPeer caller, BenchCall call, short[] question, boolean measured) throws Exception {
        awaitQuiet(caller);
        call.clearMarks();
        CallerPeer.Utterance u = caller.speak(question);
        u.awaitSent();
        long first = caller.firstLoudAfter(u.lastSentNanos, 5_000 * MS);
        if (!measured) {
            return;
        }
        if (first < 0) {
            failures++;
            System.err.println("bench: no bot audio within 5 s of the end of a turn");
            return;
        }
        double overhead = (first - u.lastSentNanos) / 1e6 - SILENCE_WINDOW_MS;
        turnOverhead.add(overhead);
        long endOfTurn = call.mark(org.voxgate.pipeline.telemetry.TurnMark.END_OF_TURN);
        long firstAudio = call.mark(org.voxgate.pipeline.telemetry.TurnMark.FIRST_BOT_AUDIO);
        if (endOfTurn > 0 && firstAudio > 0) {
            endOfTurnLag.add((endOfTurn - u.lastSentNanos) / 1e6 - SILENCE_WINDOW_MS);
            replyToPacer.add((firstAudio - endOfTurn) / 1e6);
            pacerToCaller.add((first - firstAudio) / 1e6);
        }
    }

    /**
     * A long reply, cut in on about a second after it starts: the bot's audio must stop. "Last bot
     * packet" is the last packet carrying bot audio (RMS above {@link CallerPeer#LOUD_RMS}) of the
     * run of such packets going on at the onset: the pacer sends digital silence after it, and the
     * answer to the cut-in starts a new run later.
     */
    private void bargeIn(CallerPeer caller, BenchCall call, TimedAudioChannel channel, FakeOpenAiChat chat,
            short[] question, short[] cutIn, boolean measured) throws Exception {
        awaitQuiet(caller);
        // every request answers long until the long reply plays: a queued reply could be taken by
        // a stray request (a turn the fake STT split in two)
        chat.replyAlways(ScriptedReply.words(LONG_REPLY));
        CallerPeer.Utterance q = caller.speak(question);
        q.awaitSent();
        long first = caller.firstLoudAfter(q.lastSentNanos, 5_000 * MS);
        chat.replyAlways(ScriptedReply.words(SHORT_REPLY));
        if (first < 0) {
            failures++;
            System.err.println("bench: the long reply did not start");
            return;
        }
        Thread.sleep(1000);
        CallerPeer.Utterance c = caller.speak(cutIn);
        c.awaitSent();
        long onset = c.firstSentNanos;
        long talking = caller.lastLoudIn(onset - 100 * MS, onset);
        long last = caller.endOfLoudRun(onset, 60 * MS);
        if (!measured) {
            return;
        }
        if (talking < 0) {
            failures++;
            System.err.println("bench: the bot was not talking when the caller cut in (false interruptions so far: "
                    + call.falseInterruptions() + ")");
            return;
        }
        if (last >= c.lastSentNanos) {
            failures++;
            System.err.println("bench: the bot talked on through the whole cut-in");
        }
        bargeIn.add(last < 0 ? 0 : (last - onset) / 1e6);
        long pause = channel.firstClearAfter(onset);
        if (pause > 0) {
            bargeInDecision.add((pause - onset) / 1e6);
        }
    }

    private static void awaitQuiet(CallerPeer caller) throws InterruptedException {
        if (!caller.awaitQuiet(700 * MS, 30_000 * MS)) {
            throw new IllegalStateException("the bot did not go quiet within 30 s");
        }
    }

    private void report(CallerPeer caller, BenchCall call) {
        System.err.println("bench: turn overhead (last caller speech packet sent -> first bot audio packet received, "
                + "minus " + SILENCE_WINDOW_MS + " ms): " + turnOverhead.summary());
        System.err.println("bench:   end-of-turn decision lag (END_OF_TURN - last speech sent - 300 ms): "
                + endOfTurnLag.summary());
        System.err.println("bench:   end of turn -> first reply packet sent (LLM + TTS + playout queue + pacer tick): "
                + replyToPacer.summary());
        System.err.println("bench:   first reply packet sent -> received by the caller: " + pacerToCaller.summary());
        System.err.println("bench: barge-in (caller speech onset sent -> last bot audio packet received): "
                + bargeIn.summary() + "; interruptions " + call.interruptions() + ", false " + call.falseInterruptions());
        System.err.println("bench:   onset sent -> the bot clears its outbound audio (VAD onset, pause): "
                + bargeInDecision.summary());
        System.err.println("bench: RTP sent -> frame at the fake STT socket: " + rtpToProvider.summary());
        System.err.println("bench:   RTP sent -> frame handed to the bot (receive path: jitter buffer, eager playout, decode): "
                + rtpToBot.summary());
        System.err.println("bench:   frame handed to the bot -> at the fake STT socket (pipeline): "
                + botToProvider.summary());
        System.err.println("bench:   frames' shift against packets (ms of the earlier packet at a frame's start; "
                + "0 = aligned): " + frameShift.summary());
        System.err.printf(Locale.ROOT, "bench: caller sender's worst slip %.1f ms; failures %d%n",
                caller.maxSlipNanos() / 1e6, failures);
        System.out.printf(Locale.ROOT,
                "{\"turn_overhead_p95_ms\": %s, \"barge_in_p95_ms\": %s, \"rtp_to_provider_p99_ms\": %s}%n",
                json(turnOverhead.percentile(95)), json(bargeIn.percentile(95)), json(rtpToProvider.percentile(99)));
    }

    private static String json(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.1f", v);
    }
}
