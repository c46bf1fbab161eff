package org.voxgate.media.sdp;

/**
 * One {@code a=rtpmap:<pt> <name>/<rate>[/<channels>]} line.
 *
 * <p>Threading: immutable.
 *
 * @param encodingName as written in the offer (compare case-insensitively)
 * @param clockRate samples per second
 * @param channels audio channels, 1 when not given
 */
public record RtpMap(String encodingName, int clockRate, int channels) {}
