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
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty()) {
                    continue;
                }
                // SIPp 3.6 writes "Date_ms;response_time_ms;rtd_no": find the columns by name.
                List<String> header = List.of(lines.get(0).split(";"));
                int time = header.indexOf("response_time_ms");
                int rtd = header.indexOf("rtd_no");
                if (time < 0 || rtd < 0) {
                    throw new IOException("unexpected SIPp rtt header in " + file + ": " + lines.get(0));
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.split(";");
                    if (fields.length > Math.max(time, rtd) && fields[rtd].trim().equals("1")) {
                        values.add(Double.parseDouble(fields[time].trim()));
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
