/**
 * Failover chains over the provider SPI: a bot's ordered list of speech-to-text, language
 * model or text-to-speech providers behaving as one, moving to the next mid-call when the one in
 * use fails for good.
 */
package org.voxgate.pipeline.provider.failover;
