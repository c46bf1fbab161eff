package org.voxgate.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.amd.AmdConfig;
import org.voxgate.pipeline.amd.AmdDecision;
import org.voxgate.pipeline.amd.AmdResult;
import org.voxgate.pipeline.amd.AnsweringMachineDetector;
import org.voxgate.pipeline.amd.MessageCue;
import org.voxgate.pipeline.amd.TranscriptAmd;
import org.voxgate.pipeline.speech.SpeechSynthesizer;
import org.voxgate.pipeline.turn.WebRtcVoiceDetector;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.EndReason;
import org.voxgate.store.VoicemailPolicy;

/**
 * Answering-machine detection on an answered campaign call, before its bot speaks: the callee's
 * first seconds of audio go to an {@link AnsweringMachineDetector} (early speech pattern and
 * beep). A person (or a call it cannot tell) gets the bot; a machine gets the campaign's
 * voicemail policy: hang up at once, or wait for the beep (or the end of the greeting) and
 * leave the campaign's message, then hang up. Either way the call ends as
 * {@code answering_machine} and the attempt's outcome is VOICEMAIL.
 *
 * <p>Threading: the detector runs on the media thread that delivers the callee's frames (it
 * neither blocks nor allocates per frame); what follows a decision (starting the bot,
 * synthesizing and playing the message, hanging up) runs on a thread from {@code threads}.
 * One instance serves all calls; each call's state lives in its own {@link Check}.
 */
final class CampaignAmd {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignAmd.class);
    /** WebRTC VAD aggressiveness for the greeting: 2 of 0-3, the bots' default. */
    private static final int VAD_MODE = 2;
    /** Beyond the detector's own analysis time: a callee who sends no audio at all gets the bot. */
    private static final Duration NO_AUDIO_GRACE = Duration.ofSeconds(1);

    /**
     * How long a person's (or unsure) decision by timing waits for the transcript classifier's
     * verdict on the words already heard, when a campaign uses one: a machine whose greeting is
     * one short phrase followed by a pause looks like a person by timing alone.
     */
    static final Duration CLASSIFIER_GRACE = Duration.ofMillis(700);

    private final AmdConfig config;
    private final SpeechSynthesizer voice;
    private final ThreadFactory threads;
    private final AmdClassifiers classifiers;
    private final CampaignMetrics metrics;

    CampaignAmd(AmdConfig config, SpeechSynthesizer voice, ThreadFactory threads, AmdClassifiers classifiers,
            CampaignMetrics metrics) {
        this.config = config;
        this.voice = voice;
        this.threads = threads;
        this.classifiers = classifiers;
        this.metrics = metrics;
    }

    /**
     * Listens to {@code call} until AMD decides; then runs {@code startBot} for a person, or
     * applies the voicemail policy for a machine. Returns at once.
     */
    void check(ActiveCall call, CampaignCall attempt, CallEventLog events, Runnable startBot) {
        Check check = new Check(call, attempt, events, startBot);
        check.transcripts = classifiers.open(attempt.campaign().settings().amd().classifier(), check);
        call.media().setInboundListener(check::onFrame);
        threads.newThread(check::watchdog).start();
    }

    /** One call's detection, from its answer to the bot or the hang-up. */
    private final class Check implements TranscriptAmd.Listener {
        private final ActiveCall call;
        private final CampaignCall attempt;
        private final CallEventLog events;
        private final Runnable startBot;
        /** Closed when the detection is over (the bot has its own); media thread only until then. */
        private final WebRtcVoiceDetector voiceDetector = new WebRtcVoiceDetector(VAD_MODE);
        private final AnsweringMachineDetector detector = new AnsweringMachineDetector(config, voiceDetector);
        private final boolean leavesMessage;
        private volatile MessageCue cue;
        /** The transcript classifier, when the campaign uses one; closed once decided. */
        private volatile TranscriptAmd transcripts;
        /** A person by timing, held for {@link #CLASSIFIER_GRACE} while the classifier may still object. */
        private AmdDecision heldHuman;
        private volatile boolean decided;
        private volatile boolean cued;
        private final java.util.concurrent.CompletableFuture<short[]> message =
                new java.util.concurrent.CompletableFuture<>();

        Check(ActiveCall call, CampaignCall attempt, CallEventLog events, Runnable startBot) {
            this.call = call;
            this.attempt = attempt;
            this.events = events;
            this.startBot = startBot;
            this.leavesMessage = attempt.campaign().settings().voicemail().action()
                    == VoicemailPolicy.Action.LEAVE_MESSAGE;
        }

        /** Media thread: one 20 ms frame of the callee. */
        synchronized void onFrame(short[] frame) {
            TranscriptAmd classifier = transcripts;
            if (!decided && classifier != null) {
                classifier.onFrame(frame);
            }
            if (!decided && heldHuman == null) {
                AmdDecision d = detector.onFrame(frame);
                if (d == null) {
                    return;
                }
                if (d.result() != AmdResult.MACHINE && classifier != null) {
                    heldHuman = d;
                    threads.newThread(this::releaseHeldHuman).start();
                    return;
                }
                decided = true;
                if (d.result() == AmdResult.MACHINE && leavesMessage) {
                    cue = detector.messageCue(); // picks up the beep or silence in progress
                }
                threads.newThread(() -> act(d)).start();
            } else if (decided && cue != null && !cued) {
                cueFrame(frame);
            }
        }

        /** The classifier's verdict (its own thread): a machine wins over a held person. */
        @Override
        public void onDecision(AmdDecision d) {
            synchronized (this) {
                if (decided || d.result() != AmdResult.MACHINE) {
                    return;
                }
                decided = true;
                if (leavesMessage) {
                    cue = detector.messageCue();
                }
            }
            act(d);
        }

        /** The classifier had its grace and said nothing: the person by timing stands. */
        private void releaseHeldHuman() {
            try {
                Thread.sleep(CLASSIFIER_GRACE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            AmdDecision d;
            synchronized (this) {
                if (decided) {
                    return;
                }
                decided = true;
                d = heldHuman;
            }
            act(d);
        }

        private void cueFrame(short[] frame) {
            MessageCue.Start start = cue.onFrame(frame);
            if (start != null) {
                cued = true;
                events.record("voicemail_cue", Map.of("reason", start.reason(),
                        "ms", Integer.toString(start.afterMillis())));
                threads.newThread(this::leaveMessage).start();
            }
        }

        /** Nothing decided within the analysis time plus a grace (no audio came): the bot takes the call. */
        void watchdog() {
            try {
                Thread.sleep(config.totalAnalysisMillis() + NO_AUDIO_GRACE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            boolean act;
            synchronized (this) {
                act = !decided;
                decided = true;
            }
            if (act) {
                act(new AmdDecision(AmdResult.UNSURE, "no_audio", config.totalAnalysisMillis()));
            }
        }

        private void act(AmdDecision d) {
            TranscriptAmd classifier = transcripts;
            if (classifier != null) {
                classifier.close(); // decided: no more audio to the provider
            }
            boolean machine = d.result() == AmdResult.MACHINE;
            attempt.amdDecided(d.result().name(), d.afterMillis(), machine);
            metrics.amdDecided(d.result().name(), d.afterMillis());
            events.record("amd", Map.of("result", d.result().name(), "reason", d.reason(),
                    "ms", Integer.toString(d.afterMillis())));
            LOG.info("AMD: {} ({}) after {} ms", d.result(), d.reason(), d.afterMillis());
            if (!machine) {
                call.media().setInboundListener(null);
                closeDetector();
                startBot.run(); // the bot sets its own inbound listener
                return;
            }
            if (!leavesMessage) {
                call.media().setInboundListener(null);
                closeDetector();
                call.hangup(EndReason.ANSWERING_MACHINE);
                return;
            }
            // Synthesize while the greeting finishes; the cue says when the machine records.
            threads.newThread(this::cueWatchdog).start();
            try {
                String text = attempt.campaign().settings().voicemail().message();
                message.complete(voice.synthesize(CampaignMessages.fill(text, attempt.contact())));
            } catch (RuntimeException e) {
                message.completeExceptionally(e);
            }
        }

        /** The cue's own longest wait, in case the callee's audio stops altogether. */
        private void cueWatchdog() {
            try {
                Thread.sleep(config.messageMaxWaitMillis() + NO_AUDIO_GRACE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            boolean go;
            synchronized (this) {
                go = !cued;
                cued = true;
            }
            if (go) {
                leaveMessage();
            }
        }

        private void leaveMessage() {
            call.media().setInboundListener(null);
            closeDetector();
            short[] pcm;
            try {
                pcm = message.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("voicemail message could not be synthesized ({}); hanging up without it", e.toString());
                call.hangup(EndReason.ANSWERING_MACHINE);
                return;
            }
            LOG.info("voicemail: leaving the campaign's message ({} ms)", pcm.length / 8);
            call.media().play(pcm, 0, pcm.length);
            events.record("voicemail_message", Map.of("ms", Integer.toString(pcm.length / 8)));
            long deadline = System.nanoTime() + Duration.ofMillis(pcm.length / 8 + 5_000).toNanos();
            try {
                // Hang up once the message is out; polled, since nothing else needs the thread.
                while (call.media().queuedPlaybackMillis() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(200); // the last packets' way to the machine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.hangup(EndReason.ANSWERING_MACHINE);
        }

        /** After the listener is cleared: no frame can reach the detector any more. */
        private synchronized void closeDetector() {
            voiceDetector.close();
        }
    }
}
