package org.voxgate.media;

/**
 * Told when queued outbound audio starts going out: the first packet after the playback queue
 * was empty (the start of a bot reply, or its resumption after a pause) has just been sent.
 * The voice pipeline uses it to time "first bot audio" to the packet, not to the enqueue.
 *
 * <p>Threading: called on the media pacer thread; must not block (hand off and return).
 */
@FunctionalInterface
public interface PlaybackListener {
    /** @param nanoTime {@link System#nanoTime()} when the packet was sent */
    void onPlaybackStarted(long nanoTime);
}
