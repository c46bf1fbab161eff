package org.voxgate.bench.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntPredicate;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.DtmfListener;
import org.voxgate.media.InboundAudioListener;
import org.voxgate.media.InboundPlayout;
import org.voxgate.media.PlaybackListener;

/**
 * The media session as the bot sees it, passed through unchanged except that each caller frame's
 * hand-over to the bot is timed: {@link System#nanoTime()} and the frame's {@link Marker} are
 * recorded just before the bot's listener runs. That splits RTP arrival -> provider socket into
 * the media layer's part (jitter buffer and playout tick) and the pipeline's part. The times the
 * bot clears its outbound audio are kept too (a barge-in's pause decision).
 *
 * <p>Threading: as the wrapped channel; the timing runs on the media thread that delivers the
 * frame (a nanoTime read, a mu-law encode and search of the frame for its marker, an array store: a
 * few microseconds, counted in the media part of the split, not the pipeline's).
 */
final class TimedAudioChannel implements AudioChannel {
    private final AudioChannel media;
    private final AtomicLongArray deliveredNanos = new AtomicLongArray(Marker.COUNT);
    private final byte[] scratch = new byte[FRAME_SAMPLES];
    private final IntPredicate plausible;
    private final List<Long> clears = new CopyOnWriteArrayList<>();

    /**
     * @param plausible whether a marker found in a frame can be a packet's (sent within the last
     *     second): a search through speech can hit four quiet samples that look like one
     */
    TimedAudioChannel(AudioChannel media, IntPredicate plausible) {
        this.media = media;
        this.plausible = plausible;
    }

    /** When the frame carrying {@code marker} was handed to the bot, or 0. */
    long deliveredNanos(int marker) {
        return marker < 0 || marker >= Marker.COUNT ? 0 : deliveredNanos.get(marker);
    }

    @Override
    public void setInboundPlayout(InboundPlayout playout) {
        media.setInboundPlayout(playout);
    }

    @Override
    public void setInboundListener(InboundAudioListener listener) {
        if (listener == null) {
            media.setInboundListener(null);
            return;
        }
        media.setInboundListener(frame -> {
            long now = System.nanoTime();
            int marker = Marker.find(frame, scratch, plausible);
            if (marker != Marker.NONE) {
                deliveredNanos.set(marker, now);
            }
            listener.onAudio(frame);
        });
    }

    @Override
    public void setDtmfListener(DtmfListener listener) {
        media.setDtmfListener(listener);
    }

    @Override
    public void play(short[] pcm, int offset, int length) {
        media.play(pcm, offset, length);
    }

    @Override
    public void sendDtmf(String digits) {
        media.sendDtmf(digits);
    }

    @Override
    public void sendDtmf(char digit, int durationMillis) {
        media.sendDtmf(digit, durationMillis);
    }

    /** When the bot first cleared its outbound audio (a barge-in pause or cut) after {@code after}, or -1. */
    long firstClearAfter(long after) {
        for (long t : clears) {
            if (t > after) {
                return t;
            }
        }
        return -1;
    }

    @Override
    public void clearPlayback() {
        clears.add(System.nanoTime());
        media.clearPlayback();
    }

    @Override
    public long queuedPlaybackMillis() {
        return media.queuedPlaybackMillis();
    }

    @Override
    public void setPlaybackListener(PlaybackListener listener) {
        media.setPlaybackListener(listener);
    }
}
