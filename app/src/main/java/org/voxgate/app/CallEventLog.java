package org.voxgate.app;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.media.DtmfObserver;
import org.voxgate.media.DtmfSource;
import org.voxgate.store.CallEvent;
import org.voxgate.store.CallRecordWriter;

/**
 * One call's event log: numbers the events of the call and hands them to the durable
 * {@link CallRecordWriter}, which writes them after the call's row. Observes the call's DTMF
 * digits (RFC 4733, in-band and SIP INFO alike) as a {@link DtmfObserver}.
 *
 * <p>Thread-safe: digits arrive on media threads, other events on SIP worker threads; the
 * sequence is atomic and the writer only queues (it never blocks on the store).
 */
final class CallEventLog implements DtmfObserver {
    private final String callId;
    private final CallRecordWriter writer;
    private final Clock clock;
    private final AtomicInteger seq = new AtomicInteger();

    CallEventLog(String callId, CallRecordWriter writer, Clock clock) {
        this.callId = callId;
        this.writer = writer;
        this.clock = clock;
    }

    /** Records an event of any kind now. */
    void record(String kind, Map<String, String> detail) {
        writer.eventAdded(callId, new CallEvent(seq.incrementAndGet(), clock.instant(), kind, detail));
    }

    @Override
    public void onDtmf(char digit, int durationMillis, DtmfSource source) {
        writer.eventAdded(callId, CallEvent.dtmf(seq.incrementAndGet(), clock.instant(), digit, source.code(),
                durationMillis));
    }
}
