package org.voxgate.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skillbase files of {@code bots.directory} ({@code *.yaml}, {@code *.yml}, {@code *.json},
 * one bot per file, in file-name order), stored as bots on the node's first start. Every file is
 * read before any is stored, so a broken file stops start-up with nothing half loaded; errors
 * name the file. A missing directory loads nothing.
 *
 * <p>Used once, on the start-up thread.
 */
final class BotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(BotFiles.class);

    private final Path directory;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One file's document. */
    record BotFile(String fileName, JsonNode document) {}

    BotFiles(Path directory) {
        this.directory = directory;
    }

    /**
     * Stores every file's skillbase when no bot is stored yet.
     *
     * @return how many were stored (0 on a later start)
     * @throws ConfigException naming the file that cannot be read or is refused
     */
    int loadAtFirstStart(FirstStartBots bots) {
        if (bots.anyStored()) {
            return 0;
        }
        List<BotFile> files = read();
        for (BotFile file : files) {
            try {
                bots.store(file.fileName(), file.document());
            } catch (RuntimeException e) {
                throw new ConfigException("bots.directory: " + directory.resolve(file.fileName()) + " is refused: "
                        + e.getMessage(), e);
            }
        }
        LOG.info("first start: {} bot(s) stored from {}", files.size(), directory);
        return files.size();
    }

    /** Every skillbase file, parsed. */
    List<BotFile> read() {
        if (!Files.isDirectory(directory)) {
            LOG.info("bots.directory {} does not exist: no bots loaded from files", directory);
            return List.of();
        }
        List<Path> paths;
        try (Stream<Path> listing = Files.list(directory)) {
            paths = listing.filter(Files::isRegularFile).filter(BotFiles::isBotFile).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("bots.directory " + directory + " cannot be listed: " + e.getMessage()
                    + " (VOXGATE_BOTS_DIRECTORY)", e);
        }
        List<BotFile> out = new ArrayList<>();
        for (Path path : paths) {
            out.add(new BotFile(path.getFileName().toString(), parse(path)));
        }
        return out;
    }

    private JsonNode parse(Path path) {
        ObjectMapper mapper = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json : yaml;
        JsonNode doc;
        try {
            doc = mapper.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException("bots.directory: " + path + " cannot be parsed: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ConfigException("bots.directory: " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new ConfigException("bots.directory: " + path + " must hold one bot document (a mapping with name "
                    + "and mode), got " + (doc == null || doc.isMissingNode() ? "nothing" : doc.getNodeType()));
        }
        return doc;
    }

    private static boolean isBotFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
