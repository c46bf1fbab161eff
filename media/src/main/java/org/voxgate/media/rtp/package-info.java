/**
 * RTP receive-path stages: header parsing and writing (RFC 3550) and the
 * RFC 4733 telephone-event decoder. Internal to the media module: public only so that
 * {@code org.voxgate.media} can compose them. Every class here is single-threaded and is
 * owned by one session's receive thread.
 */
package org.voxgate.media.rtp;
