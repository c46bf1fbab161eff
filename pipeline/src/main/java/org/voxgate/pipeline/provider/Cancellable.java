package org.voxgate.pipeline.provider;

/** Work in flight that can be abandoned (barge-in). Idempotent, any thread, never blocks. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
