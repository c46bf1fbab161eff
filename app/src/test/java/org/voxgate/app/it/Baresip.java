package org.voxgate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real softphone for tests: baresip (Debian package baresip), headless, in its own
 * directory. It speaks a WAV file into every call (aufile), answers incoming calls at once,
 * and records what it hears ({@code dump-*-dec.wav}, module sndfile).
 */
final class Baresip implements AutoCloseable {
    final Path dir;
    final int port;
    private final Process process;

    private Baresip(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts baresip with one account.
     *
     * @param account the account line, for example
     *     {@code <sip:alice@127.0.0.1:5060>;auth_pass=secret;regint=60;answermode=auto}
     * @param speech what it says in every call (8 kHz mono)
     * @param commands commands run at start (for example {@code /dial sip:4000@...})
     */
    static Baresip start(Path dir, int port, String account, short[] speech, long seconds, String... commands)
            throws IOException {
        Files.createDirectories(dir);
        Audio.writeWav(dir.resolve("source.wav"), speech);
        Files.writeString(dir.resolve("config"), String.join("\n",
                "module_path /usr/lib/baresip/modules",
                "sip_listen 127.0.0.1:" + port,
                "net_interface 127.0.0.1",
                "audio_player aubridge,nil",
                "audio_source aufile," + dir.resolve("source.wav"),
                "module g711.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module account.so",
                "module menu.so",
                ""));
        Files.writeString(dir.resolve("accounts"), account + "\n");
        List<String> command = new ArrayList<>(List.of("baresip", "-f", dir.toString(), "-t", Long.toString(seconds)));
        for (String c : commands) {
            command.add("-e");
            command.add(c);
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile()).start();
        return new Baresip(dir, port, process);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("baresip.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits until the log contains {@code text}. */
    boolean awaitLog(String text, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Everything it heard, across its calls (sndfile's decoded-audio dumps, in order). */
    short[] heard() throws IOException {
        List<Path> dumps;
        try (var files = Files.list(dir)) {
            dumps = files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        }
        List<short[]> parts = new ArrayList<>();
        int total = 0;
        for (Path dump : dumps) {
            short[] pcm = Audio.readWav(dump);
            parts.add(pcm);
            total += pcm.length;
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
