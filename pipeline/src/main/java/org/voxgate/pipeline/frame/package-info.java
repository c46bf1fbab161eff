/**
 * Typed frames of a call's conversation engine and the per-call queue they travel in: urgent
 * frames overtake and survive an interruption, the reply's data frames are flushed by it
 * (after pipecat's system and data frames). {@link org.voxgate.pipeline.frame.FrameLoop} runs
 * one consumer per call as a mailbox on an injected executor.
 */
package org.voxgate.pipeline.frame;
