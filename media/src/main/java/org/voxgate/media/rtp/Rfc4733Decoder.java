package org.voxgate.media.rtp;

import io.netty.buffer.ByteBuf;
import org.voxgate.media.DtmfListener;

/**
 * Turns RFC 4733 telephone-event packets into exactly one {@link DtmfListener} call per key
 * press.
 *
 * <p>All packets of one event share an RTP timestamp, so an event is identified by its
 * timestamp (and event code) rather than by the marker bit, which senders set inconsistently
 * and which is lost with its packet. The digit is reported:
 * <ul>
 *   <li>on the first packet with the end bit; the usual retransmissions of the end packet
 *       (same timestamp) are ignored, even when they arrive after the next event began;</li>
 *   <li>if every end packet is lost, when the next event (a new timestamp or code) begins, or
 *       when no packet of the event has arrived for the end timeout (checked by
 *       {@link #expire}, which the owner calls as packets of any kind arrive);</li>
 *   <li>if only end packets arrive (every start and update packet lost), on the first of them.</li>
 * </ul>
 * The same digit pressed twice in a row has two timestamps and gives two reports.
 *
 * <p>Threading: not thread-safe; owned by one receive thread. The listener is called on
 * that thread. Buffer ownership: {@link #onPacket} only reads the caller's buffer.
 * Allocation: none per packet.
 */
public final class Rfc4733Decoder {
    private static final char[] DIGITS = "0123456789*#ABCD".toCharArray();
    /** Bytes in one event block: event, E/R/volume, 16-bit duration. */
    private static final int EVENT_SIZE = 4;
    /**
     * Senders refresh a running event every 50 ms or so (RFC 4733 section 2.5.1.2); a quarter
     * of a second of nothing means the end packets were lost.
     */
    public static final long DEFAULT_END_TIMEOUT_NANOS = 250_000_000L;

    private final int clockRate;
    private final long endTimeoutNanos;
    private DtmfListener listener;
    private boolean active;
    private long eventTimestamp;
    private int eventCode;
    private int eventDuration;
    private long lastPacketNanos;
    private long nowNanos;
    // the last finished event, so that its late end retransmissions are not taken for a new one
    private boolean haveFinished;
    private long finishedTimestamp;
    private int finishedCode;
    private long digits;

    /** @param clockRate the telephone-event clock rate (8000 for telephone-event/8000) */
    public Rfc4733Decoder(int clockRate) {
        this(clockRate, DEFAULT_END_TIMEOUT_NANOS);
    }

    /**
     * @param clockRate the telephone-event clock rate
     * @param endTimeoutNanos how long after its last packet an event without an end packet
     *     is reported anyway
     */
    public Rfc4733Decoder(int clockRate, long endTimeoutNanos) {
        this.clockRate = clockRate;
        this.endTimeoutNanos = endTimeoutNanos;
    }

    /** Sets the receiver of digits; {@code null} drops them. */
    public void setListener(DtmfListener listener) {
        this.listener = listener;
    }

    /** Handles one telephone-event packet at the time last given to {@link #expire}. */
    public boolean onPacket(long rtpTimestamp, ByteBuf buf, int payloadOffset, int payloadLength) {
        return onPacket(rtpTimestamp, false, buf, payloadOffset, payloadLength, nowNanos);
    }

    /**
     * Handles one telephone-event packet.
     *
     * @param marker the packet's RTP marker bit; only used to tell a new press that reuses the
     *     previous press's timestamp (a replayed capture, a sender that never advances its
     *     clock) from a retransmission of that press
     * @param now monotonic arrival time in nanoseconds (for the end timeout)
     * @return false when the payload is too short to be an event (the caller counts it)
     */
    public boolean onPacket(long rtpTimestamp, boolean marker, ByteBuf buf, int payloadOffset, int payloadLength,
            long now) {
        if (payloadLength < EVENT_SIZE) {
            return false;
        }
        nowNanos = now;
        int code = buf.getUnsignedByte(payloadOffset);
        boolean end = (buf.getUnsignedByte(payloadOffset + 1) & 0x80) != 0;
        int duration = buf.getUnsignedShort(payloadOffset + 2);

        if (haveFinished && rtpTimestamp == finishedTimestamp && code == finishedCode) {
            if (!marker || end) {
                return true; // a retransmitted end packet, or one delayed past the next event's start
            }
            haveFinished = false; // a marked start packet: the same key pressed again, same timestamp
        }
        if (active && (rtpTimestamp != eventTimestamp || code != eventCode)) {
            // a new event began and the previous one's end packets never came
            finish();
        }
        if (!active) {
            active = true;
            eventTimestamp = rtpTimestamp;
            eventCode = code;
            eventDuration = 0;
        }
        eventDuration = Math.max(eventDuration, duration);
        lastPacketNanos = now;
        if (end) {
            finish();
        }
        return true;
    }

    /**
     * Reports the running event if no packet of it arrived for the end timeout. Cheap; the
     * owner calls it whenever time passes (on every received packet, audio included).
     */
    public void expire(long now) {
        nowNanos = now;
        if (active && now - lastPacketNanos >= endTimeoutNanos) {
            finish();
        }
    }

    /** Whether an event has started and not been reported yet. */
    public boolean eventRunning() {
        return active;
    }

    /** Digits reported so far. */
    public long digits() {
        return digits;
    }

    private void finish() {
        active = false;
        haveFinished = true;
        finishedTimestamp = eventTimestamp;
        finishedCode = eventCode;
        if (eventCode >= DIGITS.length) {
            return; // flash and the non-DTMF events are not digits
        }
        digits++;
        DtmfListener l = listener;
        if (l != null) {
            l.onDtmf(DIGITS[eventCode], (int) (eventDuration * 1000L / clockRate));
        }
    }
}
