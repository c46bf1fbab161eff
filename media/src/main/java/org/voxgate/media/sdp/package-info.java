/**
 * SDP offer/answer for audio (RFC 4566, RFC 3264): {@link org.voxgate.media.sdp.SdpParser}
 * reads an offer, {@link org.voxgate.media.sdp.SdpNegotiator} picks codec and telephone-event,
 * {@link org.voxgate.media.sdp.SdpAnswerWriter} writes the answer. Internal to the media
 * module; other modules call {@link org.voxgate.media.MediaEngine#answer}.
 */
package org.voxgate.media.sdp;
