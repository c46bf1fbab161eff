package org.voxgate.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;
import org.voxgate.media.rtp.RtpHeader;

/**
 * The sending half of one RTP stream: SSRC, sequence number and timestamp (all random at
 * first, RFC 3550 section 5.1), the marker bit at the start of each talkspurt, and the
 * packet write itself using a pooled buffer from the channel's allocator (released by Netty
 * once written).
 *
 * <p>Threading: not thread-safe; used only by the pacer thread.
 */
final class RtpSender {
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private boolean talking;
    private boolean firstPacket = true;
    private long eventTimestamp;

    RtpSender(RandomGenerator random) {
        this.ssrc = random.nextLong() & 0xFFFFFFFFL;
        this.sequence = random.nextInt(0x10000);
        this.timestamp = random.nextLong() & 0xFFFFFFFFL;
    }

    /**
     * Sends one frame.
     *
     * @param audio true when the frame carries played audio, false for fill-in silence; the
     *     marker bit goes on the first audio frame after silence (and on the stream's very
     *     first packet)
     */
    void send(Channel channel, InetSocketAddress to, int payloadType, byte[] payload, int length,
            boolean audio) {
        send(channel, to, payloadType, payload, length, length, audio);
    }

    /**
     * Sends one frame whose duration in RTP clock units ({@code timestampStep}) is not its
     * byte length (Opus: 960 per 20 ms at the 48 kHz clock, whatever the packet's size).
     */
    void send(Channel channel, InetSocketAddress to, int payloadType, byte[] payload, int length,
            int timestampStep, boolean audio) {
        boolean marker = firstPacket || (audio && !talking);
        firstPacket = false;
        talking = audio;
        ByteBuf buf = channel.alloc().directBuffer(RtpHeader.FIXED_SIZE + length);
        RtpHeader.write(buf, marker, payloadType, sequence, timestamp, ssrc);
        buf.writeBytes(payload, 0, length);
        channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + timestampStep) & 0xFFFFFFFFL;
    }

    /**
     * Sends one RFC 4733 telephone-event packet in this stream (same SSRC and sequence), stamped
     * with the event's start time: {@code start} marks the event's first packet, which takes
     * the current timestamp and the marker bit; later packets of the event repeat that
     * timestamp. The stream's clock still advances by {@code frameSamples}, so audio after the
     * event is stamped with the time that really passed.
     */
    void sendEvent(Channel channel, InetSocketAddress to, int payloadType, byte[] payload, int length,
            boolean start, int frameSamples) {
        if (start) {
            eventTimestamp = timestamp;
        }
        firstPacket = false;
        talking = false; // the next audio opens a new talkspurt with the marker
        ByteBuf buf = channel.alloc().directBuffer(RtpHeader.FIXED_SIZE + length);
        RtpHeader.write(buf, start, payloadType, sequence, eventTimestamp, ssrc);
        buf.writeBytes(payload, 0, length);
        channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + frameSamples) & 0xFFFFFFFFL;
    }

    /**
     * Lets a frame's worth of time pass without sending (no usable remote address yet), so
     * timestamps keep tracking the sampling clock when sending begins.
     */
    void skip(int samples, boolean audio) {
        talking = audio && talking;
        timestamp = (timestamp + samples) & 0xFFFFFFFFL;
    }

    long ssrc() {
        return ssrc;
    }

    /** The sequence number of the next packet (before the first send: the first one). */
    int sequence() {
        return sequence;
    }

    /** The RTP timestamp of the next packet. */
    long timestamp() {
        return timestamp;
    }
}
