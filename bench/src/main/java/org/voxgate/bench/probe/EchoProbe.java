package org.voxgate.bench.probe;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load test's audio check (scripts/load): places a few probe calls to the echo bot while
 * the load runs, each sending its own tone (400 Hz, 550 Hz, ... in 150 Hz steps, all on
 * Goertzel bin centres of a 20 ms frame) and checking with Goertzel that its own tone, and no
 * other probe's tone or other loud audio, comes back. SIPp cannot check received audio, so
 * this is what proves that every caller got its own audio back.
 *
 * <pre>
 * java -cp ... org.voxgate.bench.probe.EchoProbe --sip 127.0.0.1:5060 [--probes 4] [--seconds 10] [--service echo]
 * </pre>
 *
 * Prints one line per probe and, last, a summary line:
 * {@code probes ok=K/N own_frames=.. foreign_frames=.. delay_ms_p50=.. delay_ms_p95=.. delay_ms_max=..}
 * where delay is from a burst's first sample sent to its first sample back (the server's added
 * delay: jitter buffer, playback queue and pacer phase). Exit status 0 when every probe
 * passed, 1 otherwise.
 *
 * <p>Threading: one platform thread per probe, joined before the summary.
 */
public final class EchoProbe {
    private EchoProbe() {}

    /** One probe's outcome. */
    private record Result(double hz, int inviteStatus, int byeStatus, int toneFramesSent, int framesIn,
            int ownFrames, int foreignFrames, List<Double> delays, String error) {
        boolean ok() {
            return error == null && inviteStatus == 200 && toneFramesSent > 0
                    && ownFrames >= 0.8 * toneFramesSent && foreignFrames == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        String sip = "127.0.0.1:5060";
        int probes = 4;
        int seconds = 10;
        String service = "echo";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sip" -> sip = args[++i];
                case "--probes" -> probes = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--service" -> service = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (probes < 1 || probes > 20) {
            throw new IllegalArgumentException("--probes must be 1-20 (one tone each below 3.4 kHz)");
        }
        int colon = sip.lastIndexOf(':');
        InetSocketAddress server = new InetSocketAddress(sip.substring(0, colon), Integer.parseInt(sip.substring(colon + 1)));
        double[] tones = new double[probes];
        for (int i = 0; i < probes; i++) {
            tones[i] = 400 + 150 * i;
        }
        Result[] results = new Result[probes];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            int index = i;
            String svc = service;
            int secs = seconds;
            threads.add(Thread.ofPlatform().name("probe-" + i).start(
                    () -> results[index] = probe(server, svc, tones, index, secs)));
            Thread.sleep(100); // stagger set-up a little, as real callers do
        }
        for (Thread t : threads) {
            t.join();
        }
        int ok = 0;
        int own = 0;
        int foreign = 0;
        List<Double> delays = new ArrayList<>();
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "probe %4.0f Hz: invite %d bye %d tone frames sent %d, frames back %d,"
                    + " own tone %d, foreign %d, delay p50 %.1f ms%s -> %s%n", r.hz, r.inviteStatus, r.byeStatus,
                    r.toneFramesSent, r.framesIn, r.ownFrames, r.foreignFrames, percentile(r.delays, 50),
                    r.error == null ? "" : " error " + r.error, r.ok() ? "ok" : "FAILED");
            ok += r.ok() ? 1 : 0;
            own += r.ownFrames;
            foreign += r.foreignFrames;
            delays.addAll(r.delays);
        }
        System.out.printf(Locale.ROOT, "probes ok=%d/%d own_frames=%d foreign_frames=%d delay_ms_p50=%.1f"
                + " delay_ms_p95=%.1f delay_ms_max=%.1f delay_samples=%d%n", ok, probes, own, foreign,
                percentile(delays, 50), percentile(delays, 95), percentile(delays, 100), delays.size());
        System.exit(ok == probes ? 0 : 1);
    }

    private static Result probe(InetSocketAddress server, String service, double[] tones, int index, int seconds) {
        double hz = tones[index];
        double[] others = new double[tones.length - 1];
        for (int i = 0, j = 0; i < tones.length; i++) {
            if (i != index) {
                others[j++] = tones[i];
            }
        }
        int invite = 0;
        int bye = 0;
        try (MiniUac uac = new MiniUac(server, service)) {
            ToneProbe tone = new ToneProbe(hz, others);
            invite = uac.invite(tone.localPort(), 15_000);
            if (invite != 200) {
                return new Result(hz, invite, 0, 0, 0, 0, 0, List.of(), "INVITE got " + invite);
            }
            tone.run(uac.remoteRtp(), seconds * 1000L);
            bye = uac.bye(5_000);
            return new Result(hz, invite, bye, tone.toneFramesSent(), tone.framesIn(), tone.ownFrames(),
                    tone.foreignFrames(), tone.delaysMillis(), null);
        } catch (Exception e) {
            return new Result(hz, invite, bye, 0, 0, 0, 0, List.of(), e.toString());
        }
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }
}
