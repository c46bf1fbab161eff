package org.voxgate.pipeline.provider;

/** One attempt at a provider: connect, or send a request and read its response headers. */
@FunctionalInterface
public interface ProviderAction<T> {
    T attempt() throws ProviderException;
}
