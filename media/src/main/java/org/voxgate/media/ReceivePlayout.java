package org.voxgate.media;

import io.netty.buffer.ByteBuf;
import java.util.function.LongSupplier;
import org.voxgate.media.codec.AudioDecoder;
import org.voxgate.media.codec.OpusToc;
import org.voxgate.media.jitter.AdaptiveJitterBuffer;
import org.voxgate.media.rtp.RtpHeader;

/**
 * One session's receive-side playout: received packets into the {@link AdaptiveJitterBuffer},
 * and 160-sample frames out of it through the {@link InboundFrameAssembler} (decoded audio,
 * concealment, comfort noise or silence), in one of two {@link InboundPlayout} modes:
 * {@link InboundPlayout#PACED PACED}, exactly one frame per 20 ms tick at the buffer's target
 * delay; {@link InboundPlayout#EAGER EAGER}, each frame as soon as its packets have arrived in
 * order (decoded on the receive loop during {@link #offerAudio}), a gap concealed at the tick
 * after its deadline (the target delay), so one frame per 20 ms of the sender's stream.
 *
 * <p>The jitter buffer counts in the codec's RTP timestamp units (8 kHz for G.711 and G.722,
 * 48 kHz for Opus); the assembler counts 8 kHz samples; {@link #unitsPerSample} converts. A
 * codec change to another clock rate starts a new jitter buffer, and the old one's counters
 * are carried over so the call's totals stay whole.
 *
 * <p>Threading: not thread-safe; every method runs on the session's receive event loop, except
 * {@link #useCodec} before the session is shared and {@link #published()}, which any thread may
 * call: the loop publishes its counters through volatile fields after each packet and frame. Buffer ownership: packets are copied in; the
 * frame handed to the sink is reused. Steady state allocates nothing.
 */
final class ReceivePlayout {
    private final LongSupplier nanoTime;
    private final int jitterMinMs;
    private final int jitterMaxMs;
    private final InboundFrameAssembler assembler;
    /** Percentiles scan a histogram: refresh the published ones once a second, not per frame. */
    private static final int STATS_EVERY_FRAMES = 50;

    private AdaptiveJitterBuffer jitter;
    private volatile InboundPlayout mode = InboundPlayout.PACED;
    private int framesSinceStats;
    // published for other threads (single writer: the receive loop)
    private volatile long publishedLost;
    private volatile long publishedLate;
    private volatile long publishedDiscarded;
    private volatile long publishedDuplicates;
    private volatile long publishedConcealed;
    private volatile int publishedDelayP50;
    private volatile int publishedDelayP95;
    private Codec codec = Codec.PCMU;
    private int unitsPerSample = 1;
    // counters of jitter buffers replaced by a codec change of clock rate
    private long retiredLost;
    private long retiredLate;
    private long retiredDuplicates;
    private long retiredDiscarded;
    private long retiredConcealed;

    ReceivePlayout(LongSupplier nanoTime, int jitterMinMs, int jitterMaxMs, InboundFrameAssembler.FrameSink sink) {
        this.nanoTime = nanoTime;
        this.jitterMinMs = jitterMinMs;
        this.jitterMaxMs = jitterMaxMs;
        this.assembler = new InboundFrameAssembler(sink);
        this.jitter = newJitterBuffer(Codec.PCMU);
    }

    /** Chooses the playout mode; any thread, takes effect at the next packet or tick. */
    void setMode(InboundPlayout next) {
        mode = next;
    }

    InboundPlayout mode() {
        return mode;
    }

    /** Sets the codec and its decoder (owned from now on) before any packet arrives. */
    void useCodec(Codec next, AudioDecoder decoder) {
        assembler.setDecoder(decoder);
        if (next.clockRate() != codec.clockRate()) {
            jitter = newJitterBuffer(next);
        }
        codec = next;
        unitsPerSample = next.clockRate() / AudioChannel.SAMPLE_RATE;
    }

    /** A renegotiated codec: what is buffered was encoded with the old one. */
    void changeCodec(Codec next, AudioDecoder decoder) {
        if (next.clockRate() != codec.clockRate()) {
            retiredLost += jitter.lost();
            retiredLate += jitter.late();
            retiredDuplicates += jitter.duplicates();
            retiredDiscarded += jitter.discarded();
            retiredConcealed += jitter.concealedFrames();
        } else {
            jitter.reset();
        }
        useCodec(next, decoder);
        assembler.reset();
    }

    /** A new sending source: decoded leftovers and concealment history belong to the old one. */
    void newSource() {
        assembler.reset();
    }

    /** One audio packet, with its duration in timestamp units. */
    void offerAudio(RtpHeader header, ByteBuf content) {
        int length = header.payloadLength();
        // G.711 and G.722 carry one byte per timestamp unit; Opus says its length in its TOC
        int units = codec == Codec.OPUS ? OpusToc.samplesAt48kHz(content, header.payloadOffset(), length) : length;
        jitter.offer(header.sequenceNumber(), header.timestamp(), header.ssrc(), content,
                header.payloadOffset(), length, units);
        if (mode == InboundPlayout.EAGER) {
            playArrived();
        }
        publishCounters();
    }

    /** One RFC 3389 packet: its first byte is the noise level in -dBov; spectral detail is ignored. */
    void offerComfortNoise(RtpHeader header, ByteBuf content) {
        jitter.offerComfortNoise(header.sequenceNumber(), header.timestamp(), header.ssrc(),
                content.getUnsignedByte(header.payloadOffset()) & 0x7F);
        if (mode == InboundPlayout.EAGER) {
            playArrived();
        }
        publishCounters();
    }

    /**
     * Runs the playout for {@code frames} ticks (those owed since the last run), then publishes
     * the figures. Paced: one frame per tick. Eager: a frame only when the audio at the playout
     * position is due (missing past its deadline, or no stream running), then whatever arrived
     * behind a filled gap.
     */
    void playFrames(int frames) {
        if (mode == InboundPlayout.EAGER) {
            for (int i = 0; i < frames; i++) {
                if (jitter.tickDue(assembler.buffered() * unitsPerSample)) {
                    jitter.startDueFrame(assembler.buffered() * unitsPerSample);
                    fillFrame();
                }
            }
            playArrived();
        } else {
            for (int i = 0; i < frames; i++) {
                playFrame();
            }
        }
        publishCounters();
        if (++framesSinceStats >= STATS_EVERY_FRAMES) {
            framesSinceStats = 0;
            publishedDelayP50 = jitter.delayP50Millis();
            publishedDelayP95 = jitter.delayP95Millis();
        }
    }

    /** The figures as last published by the receive loop; any thread. */
    PlayoutStats published() {
        return new PlayoutStats(publishedLost, publishedLate, publishedDelayP50, publishedDelayP95,
                publishedConcealed, publishedDiscarded, publishedDuplicates);
    }

    private void publishCounters() {
        publishedLost = lost();
        publishedLate = late();
        publishedDiscarded = discarded();
        publishedDuplicates = duplicates();
        publishedConcealed = concealedFrames();
    }

    /** Exactly one 160-sample frame to the sink, paced (the buffer may insert or drop a frame). */
    void playFrame() {
        jitter.startFrame(assembler.buffered() * unitsPerSample);
        fillFrame();
    }

    /** Eager: hands the sink every whole frame that arrived in order, without waiting. */
    private void playArrived() {
        int frameSamples = AudioChannel.FRAME_SAMPLES;
        int perSample = unitsPerSample;
        while (true) {
            while (assembler.buffered() >= frameSamples) {
                assembler.emitFrame();
            }
            int kind = jitter.nextArrived((frameSamples - assembler.buffered()) * perSample);
            if (kind == AdaptiveJitterBuffer.NOT_ARRIVED) {
                return;
            }
            take(kind, perSample);
        }
    }

    private void fillFrame() {
        int frameSamples = AudioChannel.FRAME_SAMPLES;
        int perSample = unitsPerSample;
        while (assembler.buffered() < frameSamples) {
            int want = (frameSamples - assembler.buffered()) * perSample;
            take(jitter.next(want), perSample);
        }
        assembler.emitFrame();
    }

    /** Hands the unit the buffer just gave out to the assembler. */
    private void take(int kind, int perSample) {
        int samples = Math.max(1, jitter.unitLength() / perSample);
        switch (kind) {
            // the whole packet is decoded (stateful decoders must see it); its start, already
            // concealed, is dropped
            case AdaptiveJitterBuffer.PACKET -> assembler.onPayload(jitter.payload(), 0, jitter.payloadLength(),
                    jitter.skipUnits() / perSample);
            case AdaptiveJitterBuffer.MISSING -> assembler.conceal(samples, jitter.nextPayload(),
                    jitter.nextPayloadLength());
            case AdaptiveJitterBuffer.COMFORT_NOISE -> assembler.comfortNoise(jitter.noiseLevel(), samples);
            default -> assembler.silence(samples);
        }
    }

    /** Closes the decoder (session close). */
    void close() {
        assembler.close();
    }

    /** The jitter buffer in use, for its delay figures. */
    AdaptiveJitterBuffer jitter() {
        return jitter;
    }

    long lost() { return retiredLost + jitter.lost(); }

    long late() { return retiredLate + jitter.late(); }

    long duplicates() { return retiredDuplicates + jitter.duplicates(); }

    long discarded() { return retiredDiscarded + jitter.discarded(); }

    long concealedFrames() { return retiredConcealed + jitter.concealedFrames(); }

    private AdaptiveJitterBuffer newJitterBuffer(Codec c) {
        // slots grow if a longer payload comes: 20 ms of G.711 is 160 bytes, of Opus rarely 200
        return new AdaptiveJitterBuffer(nanoTime, c.clockRate(), jitterMinMs, jitterMaxMs,
                c == Codec.OPUS ? 200 : AudioChannel.FRAME_SAMPLES);
    }
}
