package org.voxgate.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Decides which source address a session believes (anti-hijack symmetric RTP).
 *
 * <p>A source is latched only after {@link #RUN} consecutive in-sequence packets of one SSRC:
 * from the address the SDP offered, or, while that address has sent nothing (the caller is
 * behind a NAT that rewrote it), from the first other source to send such a run. Before the
 * latch, packets from the offered address are played (it is as trusted as the signalling that
 * named it) and packets from anywhere else are not. After it, packets from any other source
 * are dropped and counted, so a flood from a third party neither takes over where we send nor
 * reaches the caller's audio. {@link #reset} (a re-INVITE with a new address) starts over.
 *
 * <p>RTCP is accepted only from the host of the latched RTP source (before the latch, of the
 * offered address), on any port, since RTCP may come from port+1 or, multiplexed, the RTP port.
 *
 * <p>Threading: not thread-safe; owned by the session's receive event loop. Allocates nothing
 * per packet.
 */
final class RemoteLatch {
    /** In-sequence packets needed before a source is believed. */
    static final int RUN = 3;

    private InetSocketAddress offered;
    private InetSocketAddress latched;
    private boolean offeredSent;
    private final Run offeredRun = new Run();
    private final Run otherRun = new Run();
    private long rejected;

    RemoteLatch(InetSocketAddress offered) {
        this.offered = offered;
    }

    /** Forgets the latched source; the next run from {@code newOffered} (or, failing that, elsewhere) wins. */
    void reset(InetSocketAddress newOffered) {
        offered = newOffered;
        latched = null;
        offeredSent = false;
        offeredRun.clear();
        otherRun.clear();
    }

    /**
     * Judges one RTP packet.
     *
     * @return true when the packet is to be used, false when it is dropped
     */
    boolean accept(InetSocketAddress source, long ssrc, int sequence) {
        if (latched != null) {
            if (latched.equals(source)) {
                return true;
            }
            rejected++;
            return false;
        }
        boolean fromOffered = source.equals(offered);
        if (fromOffered) {
            offeredSent = true;
            if (offeredRun.add(source, ssrc, sequence) >= RUN) {
                latched = source;
            }
            return true;
        }
        if (otherRun.add(source, ssrc, sequence) >= RUN && !offeredSent) {
            latched = source;
            return true;
        }
        rejected++;
        return false;
    }

    /** Whether RTCP from {@code source} is to be read. */
    boolean acceptRtcp(InetSocketAddress source) {
        InetSocketAddress trusted = latched != null ? latched : offered;
        if (trusted == null || trusted.isUnresolved() || source.isUnresolved()) {
            return false;
        }
        InetAddress host = trusted.getAddress();
        if (host.equals(source.getAddress())) {
            return true;
        }
        rejected++;
        return false;
    }

    /** The latched source, or null while none is. */
    InetSocketAddress latched() { return latched; }

    /** Packets (RTP and RTCP) dropped because of where they came from. */
    long rejected() { return rejected; }

    /** A run of consecutive sequence numbers from one address and SSRC. */
    private static final class Run {
        private InetSocketAddress source;
        private long ssrc;
        private int lastSequence;
        private int length;

        int add(InetSocketAddress from, long packetSsrc, int sequence) {
            if (length > 0 && from.equals(source) && packetSsrc == ssrc
                    && sequence == ((lastSequence + 1) & 0xFFFF)) {
                length++;
            } else {
                source = from;
                ssrc = packetSsrc;
                length = 1;
            }
            lastSequence = sequence;
            return length;
        }

        void clear() {
            source = null;
            length = 0;
        }
    }
}
