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

    private final AmdConfig config;
    private final SpeechSynthesizer voice;
    private final ThreadFactory threads;

    CampaignAmd(AmdConfig config, SpeechSynthesizer voice, ThreadFactory threads) {
        this.config = config;
        this.voice = voice;
        this.threads = threads;
    }

    /**
     * Listens to {@code call} until AMD decides; then runs {@code startBot} for a person, or
     * applies the voicemail policy for a machine. Returns at once.
     */
    void check(ActiveCall call, CampaignCall attempt, CallEventLog events, Runnable startBot) {
        Check check = new Check(call, attempt, events, startBot);
        call.media().setInboundListener(check::onFrame);
        threads.newThread(check::watchdog).start();
    }

    /** One call's detection, from its answer to the bot or the hang-up. */
    private final class Check {
        private final ActiveCall call;
        private final CampaignCall attempt;
        private final CallEventLog events;
        private final Runnable startBot;
        /** Closed when the detection is over (the bot has its own); media thread only until then. */
        private final WebRtcVoiceDetector voiceDetector = new WebRtcVoiceDetector(VAD_MODE);
        private final AnsweringMachineDetector detector = new AnsweringMachineDetector(config, voiceDetector);
        private final boolean leavesMessage;
        private volatile MessageCue cue;
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
            if (!decided) {
                AmdDecision d = detector.onFrame(frame);
                if (d != null) {
                    decided = true;
                    if (d.result() == AmdResult.MACHINE && leavesMessage) {
                        cue = detector.messageCue(); // picks up the beep or silence in progress
                    }
                    threads.newThread(() -> act(d)).start();
                }
            } else if (cue != null && !cued) {
                MessageCue.Start start = cue.onFrame(frame);
                if (start != null) {
                    cued = true;
                    events.record("voicemail_cue", Map.of("reason", start.reason(),
                            "ms", Integer.toString(start.afterMillis())));
                    threads.newThread(this::leaveMessage).start();
                }
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
            boolean machine = d.result() == AmdResult.MACHINE;
            attempt.amdDecided(d.result().name(), d.afterMillis(), machine);
            events.record("amd", Map.of("result", d.result().name(), "reason", d.reason(),
                    "ms", Integer.toString(d.afterMillis())));
            LOG.info("AMD: {} ({}) after {} ms", d.result(), d.reason(), d.afterMillis());
            if (!machine) {
                call.media().setInboundListener(null);
                closeDetector();
                startBot.run(); // the bot sets its own inbound listener
                return;
            }
            VoicemailPolicy policy = attempt.campaign().settings().voicemail();
            if (!leavesMessage) {
                call.media().setInboundListener(null);
                closeDetector();
                call.hangup(EndReason.ANSWERING_MACHINE);
                return;
            }
            // Synthesize while the greeting finishes; the cue says when the machine records.
            threads.newThread(this::cueWatchdog).start();
            try {
                message.complete(voice.synthesize(CampaignMessages.fill(policy.message(), attempt.contact())));
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
