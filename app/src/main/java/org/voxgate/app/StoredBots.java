package org.voxgate.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.store.BotRepository;
import org.voxgate.store.BotVersion;

/**
 * The bots kept in the store (skillbases), looked up by name when a call is routed: each lookup
 * reads the bot's current version number and returns the {@link Bot} built from that version.
 * Built bots are cached per (name, version), so a new version applies to the next call while
 * calls in progress keep the bot they started with (they hold it; the cache only saves the next
 * call a rebuild).
 *
 * <p>Turning a document into a bot is not this class's business: it is given a
 * {@code Function<SkillbaseVersion, Bot>} (the skillbase runtime) and calls it once per version.
 *
 * <p>Thread-safe: lookups run concurrently on SIP worker threads; a version is built at most
 * once at a time (the cache's compute), and each lookup costs one small store query.
 */
final class StoredBots {
    private static final Logger LOG = LoggerFactory.getLogger(StoredBots.class);

    /** A stored bot ready to take a call, and the version it was built from. */
    record Resolved(Bot bot, int version) {}

    private record Key(String name, int version) {}

    private final BotRepository repository;
    private final Function<SkillbaseVersion, Bot> builder;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Key, Bot> built = new ConcurrentHashMap<>();

    StoredBots(BotRepository repository, Function<SkillbaseVersion, Bot> builder) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** Whether a stored bot of this name exists (case-insensitive, like every bot name). */
    boolean exists(String name) {
        return name != null && repository.currentVersion(name.toLowerCase(Locale.ROOT)).isPresent();
    }

    /** The bot built from the current version of the stored bot {@code name}, or empty when there is none. */
    Optional<Resolved> current(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.toLowerCase(Locale.ROOT);
        OptionalInt version = repository.currentVersion(key);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        int v = version.getAsInt();
        Bot bot = built.computeIfAbsent(new Key(key, v), k -> build(k));
        // Older versions of this bot will not be asked for again by new calls.
        built.keySet().removeIf(k -> k.name().equals(key) && k.version() < v);
        return Optional.of(new Resolved(bot, v));
    }

    /** How many built bots are cached (for tests and diagnostics). */
    int cached() {
        return built.size();
    }

    private Bot build(Key key) {
        BotVersion stored = repository.version(key.name(), key.version())
                .orElseThrow(() -> new IllegalStateException("bot " + key.name() + " lost version " + key.version()));
        SkillbaseVersion version;
        try {
            version = new SkillbaseVersion(key.name(), key.version(), json.readTree(stored.config()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config of bot " + key.name() + " v" + key.version()
                    + " is not JSON", e);
        }
        Bot bot = builder.apply(version);
        LOG.info("bot {} version {} built", key.name(), key.version());
        return bot;
    }
}
