package org.voxgate.pipeline.amd;

import org.voxgate.media.AudioChannel;

/**
 * After a MACHINE decision, says when to start speaking the message so that the recording
 * holds all of it: when the machine's beep ends ({@code beep_end}); with no beep, once the
 * greeting has been followed by {@code messageSilenceMillis} of silence ({@code silence});
 * and in any case after {@code messageMaxWaitMillis} from the cue's start ({@code max_wait}).
 * Fed the same 20 ms frames that the detector was fed, continuing where it stopped, it
 * returns null until then and the cue once.
 *
 * <p>Threading: not thread-safe; one per call, on its media thread; allocates nothing per
 * frame. Ownership: takes over the detector's beep detector and speech gate (made by
 * {@link AnsweringMachineDetector#messageCue()}); frames are read, never kept.
 */
public final class MessageCue {
    /**
     * When to start the message. Immutable.
     *
     * @param reason {@code beep_end}, {@code silence} or {@code max_wait}
     * @param afterMillis audio time from the answer, in 20 ms frames
     */
    public record Start(String reason, int afterMillis) {}

    private final SpeechGate gate;
    private final BeepDetector beep;
    private final int silenceFrames;
    private final int lastFrame;
    private int frames;
    private boolean heardSpeech;
    private int silentRun;
    private boolean done;

    MessageCue(AmdConfig config, SpeechGate gate, BeepDetector beep, int framesSoFar, boolean heardSpeech,
            int silentRun) {
        this.gate = gate;
        this.beep = beep;
        this.silenceFrames = AmdConfig.frames(config.messageSilenceMillis());
        this.frames = framesSoFar;
        this.lastFrame = framesSoFar + AmdConfig.frames(config.messageMaxWaitMillis());
        this.heardSpeech = heardSpeech;
        this.silentRun = silentRun;
    }

    /** Reads the next 20 ms frame; returns the cue on the frame that gives it, else null. */
    public Start onFrame(short[] frame) {
        if (frame.length != AudioChannel.FRAME_SAMPLES) {
            throw new IllegalArgumentException("a frame is " + AudioChannel.FRAME_SAMPLES + " samples, not "
                    + frame.length);
        }
        if (done) {
            return null;
        }
        frames++;
        BeepDetector.Event event = beep.onFrame(frame);
        if (event == BeepDetector.Event.ENDED) {
            return go("beep_end");
        }
        // The frames of a beep (and the ones before it is confirmed) are loud: not silence.
        boolean voiced = gate.isSpeech(frame) || beep.inBeep();
        if (voiced) {
            heardSpeech = true;
            silentRun = 0;
        } else {
            silentRun++;
        }
        if (heardSpeech && silentRun >= silenceFrames) {
            return go("silence");
        }
        if (frames >= lastFrame) {
            return go("max_wait");
        }
        return null;
    }

    private Start go(String reason) {
        done = true;
        return new Start(reason, frames * 20);
    }
}
