package org.voxgate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the campaign carrier (scripts/sipp/uas-campaign-carrier.xml) saw, read from the log its
 * {@code <log>} actions write: one line per INVITE and one per call end, each stamped with
 * SIPp's millisecond clock, for example
 *
 * <pre>
 * 1104 INVITE 1-14054@127.0.0.1 14155550101
 * 3420 END 1-14054@127.0.0.1 bye_received
 * </pre>
 *
 * The figures are measured where the carrier stands, so they show what a real carrier would
 * count against its limits (calls up at once, call attempts per second), not what our side
 * believes it sent. Immutable once read; safe to share between threads.
 */
final class CarrierLog {
    /** Sentinel end time of a call the log never saw end (SIPp stopped or gave up first). */
    static final long NEVER = Long.MAX_VALUE;

    /**
     * One INVITE the carrier received.
     *
     * @param invitedAt SIPp clock (ms) when the INVITE arrived
     * @param endedAt SIPp clock (ms) when the call ended, or {@link #NEVER}
     * @param end how it ended ({@code bye_sent}, {@code bye_received}, {@code cancel_received},
     *     {@code final_486}, ...), or null if it never did
     */
    record Call(String callId, String number, long invitedAt, long endedAt, String end) {
        boolean ended() {
            return endedAt != NEVER;
        }
    }

    private final List<Call> calls;

    private CarrierLog(List<Call> calls) {
        this.calls = List.copyOf(calls);
    }

    /**
     * Reads every {@code *_logs.log} SIPp wrote in {@code workDir} (none: an empty log). SIPp
     * flushes each line as it logs it, so this also works while it runs; a last line still
     * being written (no newline yet) is left for the next read.
     */
    static CarrierLog read(Path workDir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(workDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_logs.log")).sorted().toList()) {
                String text = Files.readString(f);
                List<String> fileLines = List.of(text.split("\n", -1));
                // split leaves "" after a final newline, or the unfinished line: drop either
                lines.addAll(fileLines.subList(0, fileLines.size() - 1));
            }
        }
        return parse(lines);
    }

    /**
     * Parses log lines; blank lines are skipped, anything else that is not an INVITE or END line
     * is an error (the file is ours, so a surprise means the scenario and parser disagree).
     * An END pairs with the latest unended INVITE of the same Call-ID.
     */
    static CarrierLog parse(List<String> lines) {
        List<Call> calls = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>(); // Call-ID -> index in calls
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 4 || !(f[1].equals("INVITE") || f[1].equals("END"))) {
                throw new IllegalArgumentException("not a carrier log line: " + line);
            }
            long tick;
            try {
                tick = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("no clock tick in carrier log line: " + line, e);
            }
            if (f[1].equals("INVITE")) {
                open.put(f[2], calls.size());
                calls.add(new Call(f[2], f[3], tick, NEVER, null));
            } else {
                Integer i = open.remove(f[2]);
                if (i == null) {
                    throw new IllegalArgumentException("END without an INVITE: " + line);
                }
                Call c = calls.get(i);
                calls.set(i, new Call(c.callId(), c.number(), c.invitedAt(), tick, f[3]));
            }
        }
        calls.sort(Comparator.comparingLong(Call::invitedAt));
        return new CarrierLog(calls);
    }

    /** Every INVITE, in order of arrival. */
    List<Call> calls() {
        return calls;
    }

    /** How many INVITEs arrived. */
    int total() {
        return calls.size();
    }

    /** INVITEs per dialled number (as the carrier saw it, without a leading +), sorted by number. */
    Map<String, Integer> invitesPerNumber() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Call c : calls) {
            counts.merge(c.number(), 1, Integer::sum);
        }
        return counts;
    }

    /** Calls whose end the log never saw. */
    List<Call> unended() {
        return calls.stream().filter(c -> !c.ended()).toList();
    }

    /**
     * The most calls up at once, a call being up from its INVITE to its end (unended calls stay
     * up to the end of the log). A call ending in the same millisecond another's INVITE arrives
     * does not overlap it: the carrier's clock cannot order them, and a carrier counting its
     * limit would have freed the slot.
     */
    int maxConcurrent() {
        List<long[]> events = new ArrayList<>(); // {time, +1 or -1}
        for (Call c : calls) {
            events.add(new long[] {c.invitedAt(), 1});
            if (c.ended()) {
                events.add(new long[] {c.endedAt(), -1});
            }
        }
        // ends before starts at the same instant
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int up = 0;
        int max = 0;
        for (long[] e : events) {
            up += (int) e[1];
            max = Math.max(max, up);
        }
        return max;
    }

    /**
     * The most INVITEs within any 1000 ms: the largest count of arrivals in a window
     * {@code [t, t + 1000)}, which is what a carrier's calls-per-second limit counts. The
     * busiest window always starts at some arrival, so only those are tried.
     */
    int maxInvitesPerSecond() {
        return maxInvitesWithin(1000);
    }

    /** The most INVITEs in any window {@code [t, t + windowMillis)}. */
    int maxInvitesWithin(long windowMillis) {
        int max = 0;
        int last = 0;
        for (int first = 0; first < calls.size(); first++) {
            long limit = calls.get(first).invitedAt() + windowMillis;
            while (last < calls.size() && calls.get(last).invitedAt() < limit) {
                last++;
            }
            max = Math.max(max, last - first);
        }
        return max;
    }

    @Override
    public String toString() {
        return "CarrierLog[total=" + total() + ", maxConcurrent=" + maxConcurrent() + ", maxInvitesPerSecond="
                + maxInvitesPerSecond() + ", unended=" + unended().size() + ", calls=" + calls + "]";
    }
}
