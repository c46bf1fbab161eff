package org.voxgate.media.sdp;

import java.util.List;

/**
 * A parsed SDP offer: the session-level defaults and every media section in order.
 *
 * <p>Threading: immutable.
 *
 * @param connectionAddress session-level {@code c=} address, or {@code null} when absent
 * @param direction session-level direction, or {@code null} when absent
 * @param media every {@code m=} section, in the offer's order
 */
public record SessionDescription(String connectionAddress, Direction direction, List<MediaDescription> media) {

    public SessionDescription {
        media = List.copyOf(media);
    }
}
