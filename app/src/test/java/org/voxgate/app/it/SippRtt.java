package org.voxgate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads SIPp's -trace_rtt file (response time 1 = INVITE -> 200) and summarises it. */
final class SippRtt {
    private SippRtt() {}

    /** Response times in milliseconds, one per call. */
    static List<Double> read(Path workDir) throws IOException {
        List<Double> values = new ArrayList<>();
        try (var files = Files.list(workDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    // date_ms;date_sec;rtd_no;response_time(ms);rtd_name
                    String[] fields = line.split(";");
                    if (fields.length >= 4 && fields[2].trim().equals("1")) {
                        values.add(Double.parseDouble(fields[3].trim()));
                    }
                }
            }
        }
        return values;
    }

    static String summary(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)",
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
