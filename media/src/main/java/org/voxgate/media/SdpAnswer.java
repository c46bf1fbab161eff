package org.voxgate.media;

/**
 * An SDP answer and what it settled.
 *
 * @param sdp the answer body to send (CRLF line ends)
 * @param parameters the media parameters to start the session with
 */
public record SdpAnswer(String sdp, MediaParameters parameters) {}
