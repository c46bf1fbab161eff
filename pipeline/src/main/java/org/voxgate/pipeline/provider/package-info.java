/**
 * The provider SPI: what the voice pipeline needs from a speech-to-text, language-model,
 * text-to-speech or realtime speech-to-speech service, independent of the vendor.
 *
 * <p>Audio crossing this SPI is always the pipeline's format: 8 kHz mono 16-bit PCM
 * ({@link org.voxgate.media.AudioChannel#SAMPLE_RATE}); a vendor client converts to and from
 * its wire format (mu-law, 16 or 24 kHz PCM) itself. Every call that starts work returns at
 * once; results come to a listener on the client's own (virtual) thread, and listeners must
 * not block. {@link org.voxgate.pipeline.provider.ProviderGuard} gives each vendor client its
 * retries with back-off, circuit breaking and metrics, and
 * {@link org.voxgate.pipeline.provider.ProviderSocket} its WebSocket, so a vendor class only
 * speaks its protocol.
 */
package org.voxgate.pipeline.provider;
