/**
 * G.711 audio codecs used by the RTP engine. Internal to the media module: public only so
 * that {@code org.voxgate.media} can use it; other modules should depend on the
 * {@code org.voxgate.media} interfaces instead.
 */
package org.voxgate.media.codec;
