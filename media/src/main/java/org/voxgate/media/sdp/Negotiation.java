package org.voxgate.media.sdp;

import org.voxgate.media.MediaParameters;

/**
 * What {@link SdpNegotiator} settled for an offer.
 *
 * <p>Threading: immutable.
 *
 * @param mediaIndex index of the accepted audio section among the offer's {@code m=} lines
 * @param parameters codec, payload types and the remote RTP address from the offer
 * @param direction the direction to put in the answer
 */
public record Negotiation(int mediaIndex, MediaParameters parameters, Direction direction) {}
