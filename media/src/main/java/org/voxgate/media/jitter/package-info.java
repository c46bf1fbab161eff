/**
 * The adaptive jitter buffer: holds received RTP payloads keyed on their timestamps and plays
 * them out on the session's 20 ms clock, with a target delay that follows the observed
 * arrival jitter. Internal to the media module: public only so that {@code org.voxgate.media}
 * can compose it. Single-threaded: owned by one session's receive thread.
 */
package org.voxgate.media.jitter;
