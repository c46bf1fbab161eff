package org.voxgate.pipeline.offline;

import java.util.ArrayList;
import java.util.List;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.DtmfListener;
import org.voxgate.media.InboundAudioListener;
import org.voxgate.media.PlaybackListener;

/**
 * Test scaffolding standing in for the media layer: playback is "sent" at real-time pace on
 * the test's {@link SteppedClock}, and the test injects caller frames and digits. Audio played
 * into an empty queue starts "going out" at once: the playback listener hears the clock's time
 * (in {@link SteppedClock#nanos()}). Public so the engine tests of other packages can use it.
 */
public final class FakeAudioChannel implements AudioChannel {
    private final SteppedClock clock;
    private volatile InboundAudioListener inbound;
    private volatile DtmfListener dtmf;
    private volatile PlaybackListener playbackListener;
    private final List<short[]> played = new ArrayList<>();
    private long playoutEndMillis;
    private int clears;
    private long playedSamples;
    private final StringBuilder sentDigits = new StringBuilder();
    private volatile long playbackStampLagNanos;

    public FakeAudioChannel(SteppedClock clock) {
        this.clock = clock;
    }

    @Override
    public void setInboundListener(InboundAudioListener listener) {
        inbound = listener;
    }

    @Override
    public void setDtmfListener(DtmfListener listener) {
        dtmf = listener;
    }

    @Override
    public void setPlaybackListener(PlaybackListener listener) {
        playbackListener = listener;
    }

    @Override
    public void play(short[] pcm, int offset, int length) {
        boolean starts;
        synchronized (this) {
            played.add(java.util.Arrays.copyOfRange(pcm, offset, offset + length));
            long now = clock.millis();
            starts = length > 0 && playoutEndMillis <= now;
            playoutEndMillis = Math.max(playoutEndMillis, now) + length * 1000L / SAMPLE_RATE;
            playedSamples += length;
        }
        PlaybackListener l = playbackListener;
        if (starts && l != null) {
            l.onPlaybackStarted(clock.nanos() - playbackStampLagNanos); // outside the lock, as the pacer thread would
        }
    }

    /**
     * Stamps playback starts this much before {@link #play} (the real pacer stamps a packet
     * with the start of its tick, which may precede the audio's arrival).
     */
    public void stampPlaybackEarly(long nanos) {
        playbackStampLagNanos = nanos;
    }

    /** Every sample handed to {@link #play} so far. */
    public synchronized long playedSamples() {
        return playedSamples;
    }

    public boolean hasPlaybackListener() {
        return playbackListener != null;
    }

    @Override
    public synchronized void sendDtmf(String digits) {
        sentDigits.append(digits);
    }

    @Override
    public synchronized void sendDtmf(char digit, int durationMillis) {
        sentDigits.append(digit);
    }

    /** Digits the bot asked to send, in order. */
    public synchronized String sentDigits() {
        return sentDigits.toString();
    }

    @Override
    public synchronized void clearPlayback() {
        clears++;
        playoutEndMillis = clock.millis();
    }

    @Override
    public synchronized long queuedPlaybackMillis() {
        return Math.max(0, playoutEndMillis - clock.millis());
    }

    public synchronized int playCount() {
        return played.size();
    }

    public synchronized short[] played(int index) {
        return played.get(index);
    }

    public synchronized int clears() {
        return clears;
    }

    public boolean hasListeners() {
        return inbound != null || dtmf != null;
    }

    /** Delivers one caller frame as the media thread would (listener must copy). */
    public void sendFrame(short[] frame) {
        InboundAudioListener listener = inbound;
        if (listener != null) {
            short[] reused = frame.clone();
            listener.onAudio(reused);
            java.util.Arrays.fill(reused, (short) 12345); // the media layer reuses its buffer
        }
    }

    /** Whether someone listens for the caller's digits. */
    public boolean hasDtmfListener() {
        return dtmf != null;
    }

    public void pressDigit(char digit) {
        DtmfListener listener = dtmf;
        if (listener != null) {
            listener.onDtmf(digit, 100);
        }
    }
}
