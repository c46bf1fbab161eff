package org.voxgate.bench.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a capture of one RTP stream repeated back to back as one longer capture, with
 * sequence numbers, timestamps and capture times carried on across the joins, so SIPp's
 * {@code play_pcap_audio} can play a whole load call as one unbroken stream. (Replaying the
 * short capture several times restarts the sequence numbers every 7 s, and a replay that
 * starts late, on a loaded machine, overlaps the previous one: the server then sees sequence
 * jumps it rightly counts as loss.)
 *
 * <pre>
 * java -cp ... org.voxgate.bench.probe.PcapLoop in.pcap out.pcap repetitions
 * java -cp ... org.voxgate.bench.probe.PcapLoop in.pcap out.alaw 1
 * </pre>
 *
 * With an output name ending in {@code .alaw} it writes the RTP payloads alone, back to back:
 * the raw G.711 file SIPp's {@code rtp_stream} action plays (its thread pool costs far less than
 * one {@code play_pcap_audio} thread per call).
 *
 * Handles classic little- or big-endian microsecond pcap files whose packets are Ethernet +
 * IPv4 (no options) + UDP + RTP, which is what SIPp ships.
 *
 * <p>Threading: a command-line tool, single-threaded.
 */
public final class PcapLoop {
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int RTP_OFFSET = 14 + 20 + 8;

    private PcapLoop() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: PcapLoop in.pcap out.pcap repetitions");
            System.exit(2);
        }
        byte[] in = Files.readAllBytes(Path.of(args[0]));
        int repetitions = Integer.parseInt(args[2]);
        ByteBuffer src = ByteBuffer.wrap(in);
        int magic = src.getInt(0);
        ByteOrder order = magic == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        src.order(order);
        // first pass: the span of sequence numbers, timestamps and capture time of one copy
        int packets = 0;
        int firstSeq = -1;
        int lastSeq = 0;
        long firstTs = -1;
        long lastTs = 0;
        long firstMicros = -1;
        long lastMicros = 0;
        int samplesPerPacket = 0;
        for (int at = GLOBAL_HEADER; at < in.length; ) {
            int length = src.getInt(at + 8);
            int rtp = at + RECORD_HEADER + RTP_OFFSET;
            int seq = Short.toUnsignedInt(ByteBuffer.wrap(in, rtp + 2, 2).getShort());
            long ts = Integer.toUnsignedLong(ByteBuffer.wrap(in, rtp + 4, 4).getInt());
            long micros = src.getInt(at) * 1_000_000L + src.getInt(at + 4);
            if (firstSeq < 0) {
                firstSeq = seq;
                firstTs = ts;
                firstMicros = micros;
            } else if (packets == 1) {
                samplesPerPacket = (int) (ts - firstTs);
            }
            lastSeq = seq;
            lastTs = ts;
            lastMicros = micros;
            packets++;
            at += RECORD_HEADER + length;
        }
        int seqStep = ((lastSeq - firstSeq) & 0xFFFF) + 1;
        long tsStep = lastTs - firstTs + samplesPerPacket;
        long microsStep = lastMicros - firstMicros + samplesPerPacket * 125L; // 8 kHz: 125 us a sample
        if (args[1].endsWith(".alaw")) {
            writePayloads(in, src, Path.of(args[1]), repetitions);
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(GLOBAL_HEADER + (in.length - GLOBAL_HEADER) * repetitions).order(order);
        out.put(in, 0, GLOBAL_HEADER);
        for (int r = 0; r < repetitions; r++) {
            for (int at = GLOBAL_HEADER; at < in.length; ) {
                int length = src.getInt(at + 8);
                int start = out.position();
                out.put(in, at, RECORD_HEADER + length);
                long micros = src.getInt(at) * 1_000_000L + src.getInt(at + 4) + r * microsStep;
                out.putInt(start, (int) (micros / 1_000_000));
                out.putInt(start + 4, (int) (micros % 1_000_000));
                int rtp = start + RECORD_HEADER + RTP_OFFSET;
                ByteBuffer packet = ByteBuffer.wrap(out.array()); // RTP fields are big-endian
                int seq = Short.toUnsignedInt(packet.getShort(rtp + 2));
                long ts = Integer.toUnsignedLong(packet.getInt(rtp + 4));
                packet.putShort(rtp + 2, (short) (seq + r * seqStep));
                packet.putInt(rtp + 4, (int) (ts + r * tsStep));
                packet.putShort(start + RECORD_HEADER + 14 + 20 + 6, (short) 0); // UDP checksum: none
                at += RECORD_HEADER + length;
            }
        }
        Files.write(Path.of(args[1]), out.array());
        System.out.printf("%d packets x %d = %.1f s%n", packets, repetitions, repetitions * microsStep / 1e6);
    }

    private static void writePayloads(byte[] in, ByteBuffer src, Path out, int repetitions) throws IOException {
        java.io.ByteArrayOutputStream payloads = new java.io.ByteArrayOutputStream();
        for (int r = 0; r < repetitions; r++) {
            for (int at = GLOBAL_HEADER; at < in.length; ) {
                int length = src.getInt(at + 8);
                int rtp = at + RECORD_HEADER + RTP_OFFSET;
                int headerLength = 12 + 4 * (in[rtp] & 0x0F);
                payloads.write(in, rtp + headerLength, at + RECORD_HEADER + length - rtp - headerLength);
                at += RECORD_HEADER + length;
            }
        }
        Files.write(out, payloads.toByteArray());
        System.out.printf("%d bytes of G.711 = %.1f s%n", payloads.size(), payloads.size() / 8000.0);
    }
}
