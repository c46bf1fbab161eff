package org.voxgate.media.sdp;

import java.util.List;
import java.util.Map;

/**
 * One {@code m=} section of an offer with the attributes Voxgate reads from it.
 *
 * <p>Threading: immutable (the collections are unmodifiable copies).
 *
 * @param media media type, for example {@code audio} or {@code video}
 * @param port transport port; 0 means the offerer rejected or disabled the stream
 * @param proto transport protocol, for example {@code RTP/AVP}
 * @param formats payload format tokens in the offer's order of preference
 * @param rtpMaps rtpmap lines by payload type
 * @param fmtps fmtp parameters by payload type
 * @param connectionAddress media-level {@code c=} address, or {@code null} when absent
 * @param direction media-level direction, or {@code null} when absent
 * @param ptime packet time in milliseconds, or 0 when absent
 */
public record MediaDescription(
        String media,
        int port,
        String proto,
        List<String> formats,
        Map<Integer, RtpMap> rtpMaps,
        Map<Integer, String> fmtps,
        String connectionAddress,
        Direction direction,
        int ptime) {

    public MediaDescription {
        formats = List.copyOf(formats);
        rtpMaps = Map.copyOf(rtpMaps);
        fmtps = Map.copyOf(fmtps);
    }
}
