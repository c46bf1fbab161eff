/**
 * Turn-taking: voice activity (WebRTC VAD), endpointing by silence and provider signals, and
 * the barge-in policy (minimum speech and words, backchannels, false interruptions). Pure,
 * single-threaded decision code, driven frame by frame by an engine and tested the same way.
 */
package org.voxgate.pipeline.turn;
