/**
 * Answering-machine detection for outbound calls. {@link org.voxgate.pipeline.amd.AnsweringMachineDetector}
 * decides HUMAN, MACHINE or UNSURE from the first seconds of audio after the answer (greeting
 * length, word count, the silence after the greeting, a beep found by
 * {@link org.voxgate.pipeline.amd.BeepDetector}); {@link org.voxgate.pipeline.amd.MessageCue} then
 * says when to start leaving a message; {@link org.voxgate.pipeline.amd.TranscriptAmd} decides
 * from the transcript, with a language model when one is configured. The app feeds the same
 * frames to both and takes whichever decides first. Everything frame-driven counts time in
 * 20 ms frames of 8 kHz audio, never a clock; it runs on the call's media thread and allocates
 * nothing per frame.
 */
package org.voxgate.pipeline.amd;
