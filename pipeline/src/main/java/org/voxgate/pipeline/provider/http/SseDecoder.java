package org.voxgate.pipeline.provider.http;

import org.voxgate.pipeline.provider.ProviderException;

/**
 * A vendor's reading of its event stream: turns each {@link SseEvent} into calls on the
 * {@link org.voxgate.pipeline.provider.LlmListener} it was made for, and says when the stream
 * is over.
 *
 * <p>Threading: one decoder per stream, called only by the thread reading that stream.
 */
@FunctionalInterface
public interface SseDecoder {
    /**
     * Handles one event.
     *
     * @return {@code true} when this event ended the completion (the decoder has called
     *     {@code onComplete}); the stream is then closed and nothing more is read
     * @throws ProviderException the vendor reported an error mid-stream, or sent what its
     *     protocol does not allow; the caller reports it to the guard and the listener
     */
    boolean accept(SseEvent event) throws ProviderException;
}
