package org.voxgate.pipeline.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records what a completion delivered, for tests; waits for its end or its first text. */
public final class RecordingLlmListener implements LlmListener {
    /** Generous: a loopback stream takes milliseconds, a loaded CI machine may take seconds. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    public final List<String> texts = new CopyOnWriteArrayList<>();
    public final List<ToolCall> toolCalls = new CopyOnWriteArrayList<>();
    public final List<String> order = new CopyOnWriteArrayList<>();
    public volatile StopReason reason;
    public volatile TokenUsage usage;
    public volatile ProviderException error;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch firstText = new CountDownLatch(1);
    private volatile int endings;

    @Override
    public void onText(String delta) {
        texts.add(delta);
        order.add("text");
        firstText.countDown();
    }

    @Override
    public void onToolCall(ToolCall call) {
        toolCalls.add(call);
        order.add("tool");
    }

    @Override
    public void onComplete(StopReason reason, TokenUsage usage) {
        this.reason = reason;
        this.usage = usage;
        order.add("complete");
        endings++;
        ended.countDown();
    }

    @Override
    public void onError(ProviderException error) {
        this.error = error;
        order.add("error");
        endings++;
        ended.countDown();
    }

    /** Waits for onComplete or onError; fails the test when neither comes. */
    public RecordingLlmListener awaitEnd() throws InterruptedException {
        if (!ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the completion did not end; got " + order);
        }
        return this;
    }

    /** Waits for the first text delta. */
    public void awaitFirstText() throws InterruptedException {
        if (!firstText.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no text arrived; got " + order);
        }
    }

    /** How many of onComplete/onError were called. */
    public int endings() {
        return endings;
    }

    /** The text deltas joined. */
    public String text() {
        return String.join("", texts);
    }
}
