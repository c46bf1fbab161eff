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
        boolean marker = firstPacket || (audio && !talking);
        firstPacket = false;
        talking = audio;
        ByteBuf buf = channel.alloc().directBuffer(RtpHeader.FIXED_SIZE + length);
        RtpHeader.write(buf, marker, payloadType, sequence, timestamp, ssrc);
        buf.writeBytes(payload, 0, length);
        channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + length) & 0xFFFFFFFFL;
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
}
