package org.voxgate.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.voxgate.media.MediaStats;
import org.voxgate.store.CallMediaStats;

/**
 * Call-quality figures at call end: Prometheus distributions of MOS (per direction), jitter,
 * jitter-buffer delay and round-trip time, counters of lost, late, discarded and rejected
 * (foreign-source) packets and of concealed frames, and the
 * conversion of the media engine's {@link MediaStats} into the stored {@link CallMediaStats}.
 *
 * <p>Threading: thread-safe (Micrometer meters are); called on SIP worker threads at call end.
 */
final class CallMediaMetrics {
    private final DistributionSummary mosInbound;
    private final DistributionSummary mosOutbound;
    private final DistributionSummary jitter;
    private final DistributionSummary rtt;
    private final DistributionSummary jitterBufferDelay;
    private final Counter concealed;
    private final Counter discarded;
    private final Counter lost;
    private final Counter late;
    private final Counter rejected;

    CallMediaMetrics(MeterRegistry registry) {
        mosInbound = mos("inbound", registry);
        mosOutbound = mos("outbound", registry);
        jitter = DistributionSummary.builder("voxgate.call.jitter")
                .description("RFC 3550 interarrival jitter of the caller's audio at call end").baseUnit("milliseconds")
                .serviceLevelObjectives(5, 10, 20, 30, 50, 100).register(registry);
        rtt = DistributionSummary.builder("voxgate.call.rtt")
                .description("RTCP round-trip time at call end").baseUnit("milliseconds")
                .serviceLevelObjectives(20, 50, 100, 200, 400).register(registry);
        jitterBufferDelay = DistributionSummary.builder("voxgate.call.jitter.buffer.delay")
                .description("Delay the jitter buffer added to the caller's audio, the call's p95, at call end")
                .baseUnit("milliseconds").serviceLevelObjectives(20, 30, 40, 60, 100, 200).register(registry);
        concealed = Counter.builder("voxgate.media.frames.concealed")
                .description("20 ms frames of lost caller audio filled by packet-loss concealment").register(registry);
        discarded = packets("discarded", "caller packets thrown away unplayed (buffer overflow, restart)", registry);
        lost = packets("lost", "caller packets never received", registry);
        late = packets("late", "caller packets discarded for arriving too late", registry);
        rejected = packets("rejected", "packets dropped for coming from a foreign source", registry);
    }

    private static DistributionSummary mos(String direction, MeterRegistry registry) {
        return DistributionSummary.builder("voxgate.call.mos")
                .description("E-model (ITU-T G.107) MOS estimate at call end").tag("direction", direction)
                .serviceLevelObjectives(2.5, 3.0, 3.5, 3.8, 4.0, 4.2, 4.4).register(registry);
    }

    private static Counter packets(String kind, String description, MeterRegistry registry) {
        return Counter.builder("voxgate.media.packets." + kind).description("RTP " + description)
                .register(registry);
    }

    /** Records one ended call's figures; nothing for a call that had no media. */
    void record(MediaStats stats) {
        if (stats == null) {
            return;
        }
        lost.increment(stats.packetsLost());
        late.increment(stats.packetsLate());
        rejected.increment(stats.packetsRejected());
        concealed.increment(stats.concealedFrames());
        discarded.increment(stats.packetsDiscarded());
        if (stats.packetsIn() > 0) {
            jitter.record(stats.jitterMillis());
            jitterBufferDelay.record(stats.jitterDelayP95Ms());
        }
        if (stats.mosInbound() != null) {
            mosInbound.record(stats.mosInbound());
        }
        if (stats.mosOutbound() != null) {
            mosOutbound.record(stats.mosOutbound());
        }
        if (stats.rttMillis() != null) {
            rtt.record(stats.rttMillis());
        }
    }

    /** The stored form; null for a call that had no media. */
    static CallMediaStats toRecord(MediaStats s) {
        if (s == null) {
            return null;
        }
        return new CallMediaStats(s.packetsIn(), s.packetsOut(), s.bytesIn(), s.bytesOut(), s.packetsLost(),
                s.packetsLate(), s.packetsRejected(), s.packetsIn() > 0 ? s.jitterMillis() : null, s.rttMillis(),
                s.remotePacketsLost(), s.remoteJitterMillis(), s.rInbound(), s.mosInbound(), s.rOutbound(),
                s.mosOutbound(), (double) s.jitterDelayP50Ms(), (double) s.jitterDelayP95Ms(), s.concealedFrames(),
                s.packetsDiscarded(), s.packetsDuplicate());
    }
}
