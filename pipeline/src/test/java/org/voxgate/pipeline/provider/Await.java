package org.voxgate.pipeline.provider;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a generous deadline passes (no sleeps as assertions). */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RecordingLlmListener.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(Duration.ofMillis(10));
        }
    }
}
