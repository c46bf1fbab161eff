/**
 * The cascade voice agent (speech-to-text, language model, text-to-speech):
 * {@link org.voxgate.pipeline.cascade.CascadeBot} and its per-call session, engine and reply
 * driver. Each call's engine runs on its own frame loop; media and provider threads only
 * offer frames.
 */
package org.voxgate.pipeline.cascade;
