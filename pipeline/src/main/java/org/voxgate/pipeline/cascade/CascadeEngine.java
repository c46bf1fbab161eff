package org.voxgate.pipeline.cascade;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.frame.Frame;
import org.voxgate.pipeline.frame.FrameLoop;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.turn.BargeInPolicy;
import org.voxgate.pipeline.turn.Endpointer;
import org.voxgate.pipeline.turn.TurnTranscript;
import org.voxgate.pipeline.turn.VoiceDetector;

/**
 * The conversation of one call, frame by frame: caller audio through the VAD and endpointer to
 * turns, barge-in decisions, replies ({@link ReplyDriver}) played through {@link ReplyAudio},
 * and the turn timeline, dead air and turn records.
 *
 * <p>Barge-in: caller speech onset over an interruptible reply pauses it at once (the channel's
 * queue is cleared on that frame); {@link BargeInPolicy} then decides: a real interruption
 * cancels the completion, clears text-to-speech and flushes the reply's queued frames; a false
 * alarm resumes the paused audio where it stopped. Speech over an uninterruptible reply is
 * heard, and answered once the reply has played.
 *
 * <p>Threading: not thread-safe; every method runs on the call's {@link FrameLoop}, one frame at
 * a time. Ownership: owns the VAD and, from {@link #attach}, the two provider streams, all
 * released on {@link Frame.EndOfCall}.
 */
final class CascadeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CascadeEngine.class);

    private final CallContext call;
    private final CascadeSettings settings;
    private final AudioChannel audio;
    private final TurnObserver observer;
    private final VoiceDetector vad;
    private final Endpointer endpointer;
    private final BargeInPolicy policy;
    private final ReplyDriver driver;
    private final ConversationPolicy rules;
    /** What the bot's rules do once the current reply has played (a hang-up, a transfer). */
    private Runnable afterThisReply;
    /** The bot's rules ended the call or handed it over: the caller's words wait for the outcome. */
    private boolean leaving;
    private final ReplyAudio replyAudio = new ReplyAudio();
    private final List<ChatMessage> history = new ArrayList<>();
    private final TurnLog turns;
    private SttStream stt;
    private TtsStream tts;
    private BotReply reply;
    private boolean candidate;
    private boolean heldTurn;
    private long awaitingFinalUntil = -1;
    private final DeadAirWatch deadAir;
    private String hangupReason;
    /** A note for the model (a failed transfer), answered once the bot is not speaking. */
    private String pendingNote;
    private boolean ended;

    CascadeEngine(CallContext call, CascadeSettings settings, VoiceDetector vad, ReplyDriver driver,
            ConversationPolicy policy, long nowNanos) {
        this.rules = policy;
        this.call = call;
        this.settings = settings;
        this.audio = call.audio();
        this.observer = call.turnObserver();
        this.vad = vad;
        this.endpointer = new Endpointer(settings.turnTaking());
        this.policy = new BargeInPolicy(settings.turnTaking());
        this.driver = driver;
        this.turns = new TurnLog(call, nowNanos);
        this.deadAir = new DeadAirWatch(observer, settings.turnTaking().deadAirMs());
    }

    void attach(SttStream stt, TtsStream tts) {
        this.stt = stt;
        this.tts = tts;
        driver.attach(tts, history);
    }

    /** Handles one frame; see the class comment. */
    void handle(Frame frame, long now) {
        if (ended) {
            return;
        }
        switch (frame) {
            case Frame.AudioIn a -> onAudio(a.pcm(), a.nanos());
            case Frame.Transcript t -> onTranscript(t.text(), t.isFinal(), t.nanos());
            case Frame.ProviderEndOfTurn e -> {
                if (endpointer.onProviderEndOfTurn(e.nanos()) == Endpointer.Event.TURN_ENDED) {
                    onTurnEnded(e.nanos());
                }
            }
            case Frame.PlaybackStarted p -> onPlaybackStarted(p.nanos());
            case Frame.CallStarted s -> greet(s.nanos());
            case Frame.HangupAfterReply h -> {
                hangupReason = h.reason();
                maybeFinish(now);
            }
            case Frame.TransferFailed f -> {
                leaving = false;
                pendingNote = "(The transfer to a person failed: " + f.reason() + ". Tell the caller and keep helping.)";
                maybeFinish(now);
            }
            case Frame.SttFailed f -> {
                LOG.warn("call {}: speech-to-text failed for good, hanging up: {}", call.callId(), f.error().getMessage());
                call.hangup("stt_failed");
            }
            case Frame.ReplyFrame r -> {
                if (reply != null && r.replyId() == reply.id) {
                    driver.handle(reply, r, replyAudio);
                    maybeFinish(now);
                }
            }
            case Frame.Interruption i -> interrupt(i.nanos());
            case Frame.CancelReply c -> {
                if (reply != null && reply.id == c.replyId()) {
                    cut(now);
                }
            }
            case Frame.Dtmf d -> onDigit(d.digit(), d.nanos());
            case Frame.EndOfCall e -> end(now);
        }
    }

    /** A key press the bot's rules act on (a DTMF transition) cuts the bot short and is answered at once. */
    private void onDigit(char digit, long nanos) {
        ConversationPolicy.Directive d = rules.onDigit(digit);
        if (d == null) {
            return;
        }
        if (reply != null) {
            observer.interruption(false, nanos);
            cut(nanos);
        }
        turns.caller("[dtmf " + digit + "]", nanos, nanos);
        follow(d, nanos);
    }

    private void onAudio(short[] pcm, long nanos) {
        stt.sendAudio(pcm, 0, pcm.length);
        Endpointer.Event event = endpointer.onFrame(vad.isSpeech(pcm), nanos);
        if (event == Endpointer.Event.SPEECH_STARTED) {
            onSpeechStarted(nanos);
        }
        if (event == Endpointer.Event.TURN_ENDED) {
            onTurnEnded(nanos); // settles a pending barge-in first
        } else if (candidate) {
            decideBargeIn(nanos);
        }
        if (awaitingFinalUntil >= 0 && nanos >= awaitingFinalUntil) {
            answer(nanos); // the provider kept its final: answer with what it said so far
        }
        maybeFinish(nanos);
    }

    private void onTranscript(String text, boolean isFinal, long nanos) {
        endpointer.onTranscript(text, isFinal, nanos);
        if (candidate) {
            decideBargeIn(nanos);
        } else if (awaitingFinalUntil >= 0 && isFinal && !endpointer.transcript().hasOpenInterim()) {
            answer(nanos);
        }
    }

    private void onSpeechStarted(long nanos) {
        deadAir.end(nanos);
        if (reply == null || !reply.interruptible) {
            return;
        }
        if (policy.immediate()) {
            interrupt(nanos);
        } else {
            candidate = true;
            replyAudio.pause(audio); // the caller stops hearing the bot on this frame
        }
    }

    private void decideBargeIn(long nanos) {
        TurnTranscript t = endpointer.transcript();
        switch (policy.decide(endpointer.voicedMs(), endpointer.isSpeaking(), endpointer.silenceMs(), t.text())) {
            case INTERRUPT -> interrupt(nanos);
            case RESUME -> {
                candidate = false;
                observer.interruption(true, nanos);
                endpointer.discardSpeech(); // a cough or an "uh-huh" is not a turn
                replyAudio.resume(audio);
            }
            case WAIT -> { }
        }
    }

    /** A real interruption: the reply stops for good and the caller's words start the next turn. */
    private void interrupt(long nanos) {
        candidate = false;
        if (reply == null) {
            return;
        }
        observer.interruption(false, nanos);
        cut(nanos);
    }

    /** Abandons the reply: cancels its work, drops its audio and records what the caller heard. */
    private void cut(long nanos) {
        BotReply r = reply;
        r.llm.cancel();
        tts.clear();
        audio.clearPlayback();
        driver.cancelled(r);
        String heard = r.heard(replyAudio.played(audio), replyAudio.length());
        replyAudio.reset();
        reply = null;
        driver.setActive(-1);
        afterThisReply = null; // a key press took the flow elsewhere: its step replaces this one
        closeReply(r, heard, nanos, true);
        hangupReason = null; // the caller cut the goodbye short: they want to talk
    }

    private void onTurnEnded(long nanos) {
        if (candidate) {
            decideBargeIn(nanos);
            if (candidate) {
                interrupt(nanos); // the turn is over and was not a false alarm
            }
            if (reply != null) {
                return; // resumed: the words were a backchannel
            }
        }
        if (reply != null && !reply.interruptible) {
            heldTurn = true; // answered once the uninterruptible reply has played
            return;
        }
        if (reply != null) {
            if (policy.realWords(endpointer.transcript().text()) == 0) {
                endpointer.discardSpeech(); // a backchannel the provider ended: the bot talks on
                return;
            }
            // the caller talked on over a reply that started meanwhile: answer the new words
            observer.interruption(false, nanos);
            cut(nanos);
        }
        if (endpointer.speechStartNanos() >= 0) { // absent when only the provider heard words
            observer.mark(TurnMark.USER_SPEECH_START, endpointer.speechStartNanos());
            observer.mark(TurnMark.USER_SPEECH_END, endpointer.speechEndNanos());
        }
        observer.mark(TurnMark.END_OF_TURN, nanos);
        deadAir.start(endpointer.speechEndNanos());
        TurnTranscript t = endpointer.transcript();
        if (!t.isEmpty() && !t.hasOpenInterim()) {
            answer(nanos);
        } else {
            stt.finalizeTurn(); // the provider holds words: ask for its final now
            awaitingFinalUntil = nanos + settings.finalWaitMs() * 1_000_000L;
        }
    }

    /** Starts the reply to the turn just ended. */
    private void answer(long nanos) {
        awaitingFinalUntil = -1;
        TurnTranscript t = endpointer.transcript();
        String text = t.text().strip();
        long start = endpointer.speechStartNanos();
        long end = endpointer.speechEndNanos();
        long finalNanos = t.lastFinalNanos() >= 0 ? t.lastFinalNanos() : nanos;
        endpointer.reset();
        if (text.isEmpty()) {
            deadAir.cancel();
            observer.turnEnded("", "", nanos); // noise: nothing to answer
            return;
        }
        observer.mark(TurnMark.STT_FINAL, finalNanos);
        turns.caller(text, start >= 0 ? start : nanos, end >= 0 ? end : nanos);
        int last = history.size() - 1;
        if (last >= 0 && history.get(last) instanceof ChatMessage.User u) {
            history.set(last, new ChatMessage.User(u.text() + " " + text)); // the cut reply said nothing
        } else {
            history.add(new ChatMessage.User(text));
        }
        if (leaving) {
            return; // heard and kept in the history; answered if the handover fails
        }
        ConversationPolicy.Directive d = rules.onCallerTurn(text);
        if (d == null) {
            reply = driver.start(text, true, nanos);
        } else {
            follow(d, nanos);
        }
    }

    /**
     * Speaks what the bot's rules said instead of the model, then does what they said after it.
     * Words followed by a hang-up or handover are heard whole (speech over them is answered
     * only if the handover fails), as a goodbye cut short would otherwise cancel it.
     */
    private void follow(ConversationPolicy.Directive d, long nanos) {
        if (d.say().isEmpty()) {
            if (d.then() != null) {
                leaving = true;
                d.then().run();
            }
            return;
        }
        reply = driver.speak(d.say(), d.then() == null, nanos);
        afterThisReply = d.then();
    }

    private void greet(long nanos) {
        if (!settings.greeting().isEmpty()) {
            reply = driver.speak(settings.greeting(), !settings.greetingUninterruptible(), nanos);
        }
    }

    private void onPlaybackStarted(long nanos) {
        if (reply != null && reply.firstAudioNanos < 0 && replyAudio.any()) {
            // the pacer stamps a packet with the start of its tick, which can precede the audio's
            // arrival by the tick's work; the packet cannot have left before its audio came
            long sent = Math.max(nanos, reply.firstByteNanos);
            reply.firstAudioNanos = sent;
            observer.mark(TurnMark.FIRST_BOT_AUDIO, sent);
            deadAir.end(sent);
        }
    }

    /** Closes the reply once everything it had was synthesized and played. */
    private void maybeFinish(long nanos) {
        if (reply == null) {
            if (hangupReason != null) {
                call.hangup(hangupReason);
                hangupReason = null;
            } else if (pendingNote != null && !endpointer.isSpeaking()) {
                history.add(new ChatMessage.User(pendingNote));
                pendingNote = null;
                reply = driver.start("", true, nanos);
            }
            return;
        }
        if (candidate || !reply.allSynthesized() || !replyAudio.allSent() || audio.queuedPlaybackMillis() > 0) {
            return;
        }
        BotReply r = reply;
        reply = null;
        driver.setActive(-1);
        replyAudio.reset();
        deadAir.end(nanos);
        closeReply(r, r.spoken.toString().strip(), nanos, false);
        Runnable then = afterThisReply;
        afterThisReply = null;
        if (then != null) {
            leaving = true;
            then.run();
            return; // the call ends or leaves the bot; a failed transfer comes back as a frame
        } else if (hangupReason == null) {
            ConversationPolicy.Directive d = rules.afterReply();
            if (d != null) {
                follow(d, nanos);
                return;
            }
        }
        if (hangupReason != null) {
            call.hangup(hangupReason);
            hangupReason = null;
        } else if (heldTurn) {
            heldTurn = false;
            if (policy.realWords(endpointer.transcript().text()) == 0) {
                endpointer.discardSpeech(); // only acknowledged the disclosure
            } else {
                onTurnEnded(nanos);
            }
        }
    }

    private void closeReply(BotReply r, String botText, long nanos, boolean cutShort) {
        driver.remember(r, botText, cutShort);
        turns.bot(r, botText, nanos);
    }

    private void end(long nanos) {
        ended = true;
        if (reply != null) {
            cut(nanos);
        }
        deadAir.end(nanos);
        closeQuietly(stt);
        closeQuietly(tts);
        vad.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            LOG.debug("closing a provider stream failed", e);
        }
    }
}
