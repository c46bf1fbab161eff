package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.BotConfigs;
import org.voxgate.admin.BotProblem;
import org.voxgate.store.BotRepository;
import org.voxgate.store.StoreException;

/**
 * Stores the skillbase files of {@code bots.examples} (conf/bots) as bots the first time the
 * store is used, so a new installation starts with working examples while an operator's own
 * deletions stick. Every file is read and validated before any is stored, so a bad file stops
 * start-up with its problems and leaves the store untouched.
 *
 * <p>Called once at start-up, on the main thread.
 */
final class BotExamples {
    private static final Logger LOG = LoggerFactory.getLogger(BotExamples.class);

    private BotExamples() {}

    /**
     * Loads the examples when the store has never held a bot.
     *
     * @return how many bots were stored
     * @throws ConfigException naming the file and every problem when a file is unreadable,
     *                         invalid, takes a reserved name or repeats another file's name
     */
    static int loadIfFirstStart(Path dir, BotRepository repository, BotConfigs catalog) {
        if (dir == null || !Files.isDirectory(dir)) {
            LOG.info("bots.examples: {} is not a directory; no example bots", dir);
            return 0;
        }
        if (!repository.neverUsed()) {
            return 0;
        }
        Map<Path, JsonNode> documents = read(dir, catalog);
        int stored = 0;
        for (Map.Entry<Path, JsonNode> e : documents.entrySet()) {
            try {
                catalog.create(e.getValue(), "bots.examples", "loaded from " + e.getKey().getFileName());
                stored++;
            } catch (StoreException ex) {
                if (!ex.isDuplicateKey()) {
                    throw ex;
                }
                // Another node sharing the store loaded it at the same moment.
                LOG.info("bots.examples: {} exists already", e.getValue().path("name").asText());
            }
        }
        LOG.info("bots.examples: stored {} example bot(s) from {}", stored, dir);
        return stored;
    }

    private static Map<Path, JsonNode> read(Path dir, BotConfigs catalog) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(BotExamples::isSkillbase).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("bots.examples: cannot list " + dir + ": " + e.getMessage(), e);
        }
        Map<Path, JsonNode> documents = new LinkedHashMap<>();
        Map<String, Path> names = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            JsonNode doc;
            try {
                doc = yaml.readTree(file.toFile()); // YAML is a superset of JSON: one reader for both
            } catch (IOException e) {
                errors.add(file + ": not YAML or JSON: " + e.getMessage());
                continue;
            }
            List<BotProblem> problems = new ArrayList<>(catalog.validate(doc));
            String name = doc == null ? "" : doc.path("name").asText("");
            if (!name.isEmpty() && catalog.reserved(name)) {
                problems.add(new BotProblem("/name", "the name " + name + " belongs to a built-in bot"));
            }
            Path other = name.isEmpty() ? null : names.putIfAbsent(name, file);
            if (other != null) {
                problems.add(new BotProblem("/name", "the name " + name + " is taken by " + other.getFileName()));
            }
            if (problems.isEmpty()) {
                documents.put(file, doc);
            } else {
                errors.add(file + ": " + problems.stream().map(p -> (p.path().isEmpty() ? "(document)" : p.path())
                        + " " + p.message()).collect(Collectors.joining("; ")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException("bots.examples: " + String.join(" | ", errors));
        }
        return documents;
    }

    private static boolean isSkillbase(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
