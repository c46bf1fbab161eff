package org.voxgate.pipeline.offline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;

/** Test scaffolding standing in for the application's call: records turns, hang-ups and transfers. */
public final class FakeCallContext implements CallContext {
    public record Turn(Speaker speaker, String text, Instant start, Instant end) {}

    public final SteppedClock clock = new SteppedClock();
    public final FakeAudioChannel audio = new FakeAudioChannel(clock);
    public final List<Turn> turns = new CopyOnWriteArrayList<>();
    public final List<String> hangups = new CopyOnWriteArrayList<>();
    public final List<TransferRequest> transfers = new CopyOnWriteArrayList<>();

    @Override
    public String callId() {
        return "test-call-1";
    }

    @Override
    public String caller() {
        return "alice";
    }

    @Override
    public String callee() {
        return "1000";
    }

    @Override
    public AudioChannel audio() {
        return audio;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void hangup(String reason) {
        hangups.add(reason);
    }

    @Override
    public void transfer(TransferRequest request) {
        transfers.add(request);
    }

    @Override
    public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {
        turns.add(new Turn(speaker, text, start, end));
    }

    List<Turn> turns(Speaker speaker) {
        return turns.stream().filter(t -> t.speaker() == speaker).toList();
    }
}
