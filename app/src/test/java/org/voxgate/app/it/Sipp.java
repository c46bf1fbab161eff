package org.voxgate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian package sip-tester) with one of our scenarios in scripts/sipp, in its
 * own working directory (SIPp writes its trace files there and finds pcap/ there).
 */
final class Sipp {
    private final Path workDir;
    private final List<String> args = new ArrayList<>();

    private Sipp(Path workDir) {
        this.workDir = workDir;
    }

    /** A SIPp run of {@code scenario} against 127.0.0.1:{@code port}. */
    static Sipp scenario(String scenario, int port, Path workDir) throws IOException {
        Files.createDirectories(workDir.resolve("pcap"));
        Path capture = workDir.resolve("pcap/g711a.pcap");
        if (!Files.exists(capture)) {
            Files.copy(Path.of("/usr/share/sip-tester/g711a.pcap"), capture);
        }
        Sipp sipp = new Sipp(workDir);
        sipp.args.addAll(List.of("sipp", "127.0.0.1:" + port, "-sf", scenarioFile(scenario).toString(),
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", "0", "-mp", Integer.toString(FreePorts.udpRange(40)),
                "-nostdin", "-trace_err", "-timeout_error"));
        return sipp;
    }

    /**
     * SIPp as a UAS (a carrier, a registrar) listening on 127.0.0.1:{@code port} with one of our
     * scenarios, its {@code @NAME@} placeholders replaced (SIPp reads status codes when it
     * loads a scenario, before any -key value applies, so those are filled in here).
     */
    static Sipp uas(String scenario, Map<String, String> placeholders, int port, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        String text = Files.readString(scenarioFile(scenario));
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            text = text.replace("@" + p.getKey() + "@", p.getValue());
        }
        Path copy = workDir.resolve(scenario);
        Files.writeString(copy, text);
        Sipp sipp = new Sipp(workDir);
        sipp.args.addAll(List.of("sipp", "-sf", copy.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-mi", "127.0.0.1", "-mp", Integer.toString(FreePorts.udpRange(40)), "-nostdin", "-trace_err"));
        return sipp;
    }

    /** Sends from {@code ip} (another loopback address, such as 127.0.0.2) instead of 127.0.0.1. */
    Sipp from(String ip) {
        int i = args.indexOf("-i");
        args.set(i + 1, ip);
        return this;
    }

    static Path scenarioFile(String name) {
        Path file = Path.of("..", "scripts", "sipp", name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no SIPp scenario " + file);
        }
        return file;
    }

    /** Sends from local port {@code port} instead of one SIPp picks. */
    Sipp fromPort(int port) {
        int i = args.indexOf("-p");
        args.set(i + 1, Integer.toString(port));
        return this;
    }

    Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /**
     * Makes SIPp's Call-IDs predictable ({@code tag-N@127.0.0.1} for call N) so a test can find
     * the call's record. SIPp must generate Call-IDs itself to match responses to calls.
     *
     * @return the Call-ID the first call will carry
     */
    String callIdTag(String tag) {
        arg("-cid_str", tag + "-%u@%s");
        return tag + "-1@" + args.get(args.indexOf("-i") + 1);
    }

    /** Writes an injection file (SEQUENTIAL) with one line per call and passes it with -inf. */
    Sipp inject(List<String> lines) throws IOException {
        Path file = workDir.resolve("inject.csv");
        List<String> content = new ArrayList<>();
        content.add("SEQUENTIAL");
        content.addAll(lines);
        Files.write(file, content);
        return arg("-inf", file.toString());
    }

    /** Starts SIPp; {@link Running#await} collects the result. */
    Running start(int calls, long timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("-m", Integer.toString(calls), "-timeout", timeoutSeconds + "s"));
        Path out = workDir.resolve("sipp.out");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        return new Running(process, out, workDir, timeoutSeconds);
    }

    /** A SIPp process in flight. */
    record Running(Process process, Path out, Path workDir, long timeoutSeconds) {
        /** Waits for SIPp to finish; exit 0 means every call passed its scenario. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            StringBuilder errors = new StringBuilder();
            try (var files = Files.list(workDir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith("_errors.log")).toList()) {
                    errors.append(Files.readString(f));
                }
            }
            return new Result(process.isAlive() ? -1 : process.exitValue(), Files.readString(out), errors.toString(), workDir);
        }
    }

    /** What a SIPp run ended with. */
    record Result(int exitCode, String output, String errors, Path workDir) {
        String describe() {
            return "sipp exit " + exitCode + "\n--- output ---\n" + tail(output) + "\n--- errors ---\n" + tail(errors);
        }

        private static String tail(String text) {
            return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
        }
    }
}
