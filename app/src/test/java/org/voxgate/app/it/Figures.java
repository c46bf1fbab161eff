package org.voxgate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Figures measured during integration tests (never asserted against tight limits): printed
 * and appended to target/it-figures.txt for docs/BENCHMARKS.md.
 */
final class Figures {
    private Figures() {}

    static synchronized void record(String name, String value) {
        String line = Instant.now() + " " + name + ": " + value;
        System.out.println("[figure] " + line);
        try {
            Files.writeString(Path.of("target", "it-figures.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[figure] could not write target/it-figures.txt: " + e);
        }
    }
}
