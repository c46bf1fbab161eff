/**
 * The realtime speech-to-speech bot shape: caller audio straight to a
 * {@link org.voxgate.pipeline.provider.RealtimeModel}, its audio straight back, the model's own
 * VAD taking turns, barge-in clearing playback and truncating the model's reply at what the
 * caller heard. Threading: see each class.
 */
package org.voxgate.pipeline.realtime;
