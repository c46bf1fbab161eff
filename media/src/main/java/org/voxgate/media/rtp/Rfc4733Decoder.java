package org.voxgate.media.rtp;

import io.netty.buffer.ByteBuf;
import org.voxgate.media.DtmfListener;

/**
 * Turns RFC 4733 telephone-event packets into one {@link DtmfListener} call per key press.
 *
 * <p>All packets of one event share an RTP timestamp, so the event is identified by it
 * rather than by the marker bit (which senders set inconsistently and which is lost with its
 * packet). The digit is reported on the first packet with the end bit; the usual two
 * retransmissions of the end packet carry the same timestamp and are ignored. If every end
 * packet is lost, the digit is reported when the next event (a new timestamp) begins.
 *
 * <p>Threading: not thread-safe; owned by one receive thread. The listener is called on
 * that thread. Buffer ownership: {@link #onPacket} only reads the caller's buffer.
 */
public final class Rfc4733Decoder {
    private static final char[] DIGITS = "0123456789*#ABCD".toCharArray();
    /** Bytes in one event block: event, E/R/volume, 16-bit duration. */
    private static final int EVENT_SIZE = 4;

    private final int clockRate;
    private DtmfListener listener;
    private boolean active;
    private long eventTimestamp;
    private int eventCode;
    private int eventDuration;
    private boolean reported;
    private long digits;

    /** @param clockRate the telephone-event clock rate (8000 for telephone-event/8000) */
    public Rfc4733Decoder(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Sets the receiver of digits; {@code null} drops them. */
    public void setListener(DtmfListener listener) {
        this.listener = listener;
    }

    /**
     * Handles one telephone-event packet.
     *
     * @return false when the payload is too short to be an event (the caller counts it)
     */
    public boolean onPacket(long rtpTimestamp, ByteBuf buf, int payloadOffset, int payloadLength) {
        if (payloadLength < EVENT_SIZE) {
            return false;
        }
        int code = buf.getUnsignedByte(payloadOffset);
        boolean end = (buf.getUnsignedByte(payloadOffset + 1) & 0x80) != 0;
        int duration = buf.getUnsignedShort(payloadOffset + 2);

        if (!active || rtpTimestamp != eventTimestamp) {
            if (active && !reported) {
                // the previous event's end packets never came; its last duration is the best we have
                report(eventCode, eventDuration);
            }
            active = true;
            eventTimestamp = rtpTimestamp;
            reported = false;
            eventDuration = 0;
        }
        eventCode = code;
        eventDuration = Math.max(eventDuration, duration);
        if (end && !reported) {
            reported = true;
            report(code, eventDuration);
        }
        return true;
    }

    /** Digits reported so far. */
    public long digits() {
        return digits;
    }

    private void report(int code, int durationUnits) {
        if (code >= DIGITS.length) {
            return; // flash and the non-DTMF events are not digits
        }
        digits++;
        DtmfListener l = listener;
        if (l != null) {
            l.onDtmf(DIGITS[code], (int) (durationUnits * 1000L / clockRate));
        }
    }
}
