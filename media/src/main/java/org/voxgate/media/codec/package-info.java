/**
 * Audio codecs used by the RTP engine: G.711, G.722 and Opus, behind the per-session
 * {@link org.voxgate.media.codec.AudioEncoder} and {@link org.voxgate.media.codec.AudioDecoder}. Internal to the media module: public only so
 * that {@code org.voxgate.media} can use it; other modules should depend on the
 * {@code org.voxgate.media} interfaces instead.
 */
package org.voxgate.media.codec;
