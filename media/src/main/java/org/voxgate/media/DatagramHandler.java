package org.voxgate.media;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler in a session socket's pipeline: hands each datagram's bytes to a sink
 * and releases the datagram afterwards (the sink must not keep the buffer).
 *
 * <p>Threading: runs on the channel's event loop.
 */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramHandler.class);

    /** Receives datagram contents on the event loop; the buffer is valid only during the call. */
    interface Sink {
        void onDatagram(ByteBuf content, InetSocketAddress sender);
    }

    private final String callId;
    private final Sink sink;

    DatagramHandler(String callId, Sink sink) {
        super(DatagramPacket.class, true);
        this.callId = callId;
        this.sink = sink;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        sink.onDatagram(packet.content(), packet.sender());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP errors (ICMP port unreachable and the like) are per-packet; keep the socket open
        CallLog.debug(LOG, callId, "media socket error on {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
