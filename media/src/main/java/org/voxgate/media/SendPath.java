package org.voxgate.media;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.voxgate.media.codec.AudioEncoder;

/**
 * The sending half of one session, run once per 20 ms pacer tick: takes a frame from the
 * {@link PlaybackQueue} (or, while {@link DtmfSender} plays a digit, the digit's frame),
 * hands a copy to the recorder tap, encodes it with the session's {@link AudioEncoder} and
 * sends it through {@link RtpSender}, telling {@link RtcpSession} what went out.
 *
 * <p>Threading: {@link #tick} runs only on the engine's pacer thread, which owns the arrays,
 * the sender and the digit player's output; {@link #useEncoder}, {@link #setRecorder} and the
 * digit queue may be called from any thread (volatile publication, thread-safe queue).
 */
final class SendPath {
    /**
     * The encoder with the payload type it sends under, published together so a tick never
     * labels one codec's payload with the other's number during a change.
     */
    private record Outbound(AudioEncoder encoder, int payloadType) {}

    private final PlaybackQueue playback;
    private final RtpSender sender;
    private final DtmfSender digits = new DtmfSender();
    private final short[] pcm = new short[AudioChannel.FRAME_SAMPLES];
    private final byte[] payload = new byte[AudioEncoder.MAX_PAYLOAD_BYTES];
    private volatile Outbound outbound;
    private volatile CallRecorderTap recorder;
    private volatile PlaybackListener playbackListener;
    /** Pacer thread: the last audio tick found the queue empty, so the next audio starts a talkspurt. */
    private boolean idle = true;
    private volatile long packetsOut;
    private boolean partialHeld;

    SendPath(PlaybackQueue playback, RandomGenerator random) {
        this.playback = playback;
        this.sender = new RtpSender(random);
    }

    RtpSender sender() { return sender; }

    DtmfSender digits() { return digits; }

    long packetsOut() { return packetsOut; }

    /** Pacer thread: the last audio slot found nothing queued, so queued audio now opens a talkspurt. */
    boolean idle() { return idle; }

    void setRecorder(CallRecorderTap tap) { recorder = tap; }

    void setPlaybackListener(PlaybackListener listener) { playbackListener = listener; }

    /**
     * Sends with {@code encoder} under {@code payloadType} from the next tick on; the previous
     * encoder, if different, is closed (safe against a tick in flight: a closed encoder encodes
     * nothing and the tick skips).
     */
    void useEncoder(AudioEncoder encoder, int payloadType) {
        Outbound old = outbound;
        outbound = new Outbound(encoder, payloadType);
        if (old != null && old.encoder() != encoder) {
            old.encoder().close();
        }
    }

    /** Keeps the encoder, sending under a renegotiated payload type from the next tick. */
    void usePayloadType(int payloadType) {
        Outbound old = outbound;
        outbound = new Outbound(old.encoder(), payloadType);
    }

    /** Frees the encoder's native state (session close). */
    void close() {
        Outbound out = outbound;
        if (out != null) {
            out.encoder().close();
        }
    }

    /**
     * One tick: a digit's frame if one is playing, else the next queued audio (silence when
     * nothing is queued, which keeps NAT bindings, carrier RTP timeouts and a stateful
     * encoder's stream alive).
     *
     * @param channel the RTP socket, {@code to} where the caller is, {@code maySend} whether the
     *     SDP direction lets us send, {@code eventPt} the telephone-event payload type or -1: the
     *     session's view at this tick (plain arguments: a holder object would be one allocation
     *     per frame)
     * @return true when a packet went out (for the engine's counter)
     */
    boolean tick(long nowNanos, Channel channel, InetSocketAddress to, boolean maySend, int eventPt,
            RtcpSession rtcp) {
        if (digits.busy()) {
            DtmfSender.Frame frame = digits.next(eventPt >= 0, pcm);
            if (frame != DtmfSender.Frame.NONE) {
                return sendDigitFrame(frame, nowNanos, channel, to, maySend, eventPt, rtcp);
            }
        }
        int n = pollFrame();
        boolean audio = n > 0;
        boolean starts = audio && idle;
        if (audio) {
            idle = false;
        } else if (!partialHeld) {
            idle = true;
        }
        Outbound out = outbound;
        AudioEncoder encoder = out.encoder();
        // a short last chunk is padded with silence rather than held back a whole tick
        Arrays.fill(pcm, n, pcm.length, (short) 0);
        if (!sendable(channel, to, maySend)) {
            tap(0); // nothing goes out: the recording hears silence
            sender.skip(encoder.timestampStep(), audio);
            return false;
        }
        tap(pcm.length);
        int length = encoder.encode(pcm, 0, payload, 0);
        if (length == 0) {
            sender.skip(encoder.timestampStep(), audio); // closed or failed encoder
            return false;
        }
        rtcp.onRtpSent(sender.timestamp(), length, nowNanos);
        sender.send(channel, to, out.payloadType(), payload, length, encoder.timestampStep(), audio);
        packetsOut++; // single writer: the pacer thread
        if (starts) {
            playbackStarted(nowNanos);
        }
        return true;
    }

    private void playbackStarted(long nowNanos) {
        PlaybackListener l = playbackListener;
        if (l != null) {
            try {
                l.onPlaybackStarted(nowNanos);
            } catch (RuntimeException e) {
                // the pacer serves every call: a listener's bug must not stop it
                org.slf4j.LoggerFactory.getLogger(SendPath.class).warn("playback listener failed", e);
            }
        }
    }

    private int pollFrame() {
        int queued = playback.size();
        if (queued > 0 && queued < pcm.length && !partialHeld) {
            // a producer streaming in odd-sized chunks usually tops this up within a tick;
            // waiting one tick avoids a silence gap inside the talkspurt
            partialHeld = true;
            return 0;
        }
        partialHeld = false;
        return playback.poll(pcm, pcm.length);
    }

    /**
     * Sends this tick's frame of a digit (telephone-event packet, in-band tone, or the silence
     * between digits) instead of queued audio, which waits for the digits to end.
     */
    private boolean sendDigitFrame(DtmfSender.Frame frame, long nowNanos, Channel channel, InetSocketAddress to,
            boolean maySend, int eventPt, RtcpSession rtcp) {
        Outbound out = outbound;
        AudioEncoder encoder = out.encoder();
        int step = encoder.timestampStep();
        boolean tone = frame == DtmfSender.Frame.TONE;
        if (!sendable(channel, to, maySend) || (frame == DtmfSender.Frame.EVENT && eventPt < 0)) {
            sender.skip(step, false);
            tap(0);
            return false;
        }
        if (frame == DtmfSender.Frame.EVENT) {
            byte[] event = digits.eventPayload();
            // the sender report's RTP time is the stream's sampling clock, events included
            rtcp.onRtpSent(sender.timestamp(), event.length, nowNanos);
            sender.sendEvent(channel, to, eventPt, event, event.length, digits.eventStart(), step);
        } else {
            if (!tone) {
                Arrays.fill(pcm, (short) 0); // the gap between digits
            }
            int length = encoder.encode(pcm, 0, payload, 0);
            if (length == 0) {
                sender.skip(step, false);
                tap(0);
                return false;
            }
            rtcp.onRtpSent(sender.timestamp(), length, nowNanos);
            sender.send(channel, to, out.payloadType(), payload, length, step, tone);
        }
        // the recording hears in-band tones as sent; telephone-events and gaps as silence
        tap(tone ? pcm.length : 0);
        packetsOut++; // single writer: the pacer thread
        return true;
    }

    /** Gives the recorder this tick's frame: the first {@code n} samples, the rest silence. */
    private void tap(int n) {
        CallRecorderTap tap = recorder;
        if (tap != null) {
            Arrays.fill(pcm, n, pcm.length, (short) 0);
            tap.onBotFrame(pcm);
        }
    }

    private static boolean sendable(Channel channel, InetSocketAddress to, boolean maySend) {
        return maySend && sendableAddress(to) && channel != null && channel.isActive();
    }

    /** Whether packets may go to {@code to} at all (RTP and RTCP alike). */
    static boolean sendableAddress(InetSocketAddress to) {
        return to != null && !to.isUnresolved() && to.getPort() != 0
                && !to.getAddress().isAnyLocalAddress(); // c=0.0.0.0 means "on hold, do not send"
    }
}
