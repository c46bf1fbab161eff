package org.voxgate.pipeline.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.RealtimeListener;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/** Test scaffolding: records what a realtime client reports. */
final class RecordingListener implements RealtimeListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<TokenUsage> usage = new CopyOnWriteArrayList<>();
    final List<ToolCall> toolCalls = new CopyOnWriteArrayList<>();
    final AtomicLong audioSamples = new AtomicLong();
    final CompletableFuture<ProviderException> error = new CompletableFuture<>();

    @Override public void onSpeechStarted() { events.add("speech_started"); }
    @Override public void onSpeechStopped() { events.add("speech_stopped"); }
    @Override public void onUserTranscript(String text) { events.add("user:" + text); }
    @Override public void onResponseStarted() { events.add("response_started"); }
    @Override public void onAudio(short[] pcm, int offset, int length) { audioSamples.addAndGet(length); }
    @Override public void onToolCall(ToolCall call) { toolCalls.add(call); events.add("tool:" + call.name()); }
    @Override public void onResponseDone(boolean cancelled, TokenUsage u) {
        usage.add(u);
        events.add(cancelled ? "cancelled" : "done");
    }
    @Override public void onError(ProviderException e) { error.complete(e); }
}
