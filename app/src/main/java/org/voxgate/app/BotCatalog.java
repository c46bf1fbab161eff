package org.voxgate.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.voxgate.admin.BotConfigs;
import org.voxgate.admin.BotProblem;
import org.voxgate.admin.BotSummary;
import org.voxgate.admin.BotView;
import org.voxgate.admin.InvalidBotException;
import org.voxgate.store.BotRecord;
import org.voxgate.store.BotRepository;
import org.voxgate.store.BotVersion;

/**
 * The stored skillbases behind {@code /api/bots}: validates with {@link SkillbaseValidator}
 * and keeps every accepted document as a new version in the {@link BotRepository}. Names of
 * bots that are not stored (built-in ones and {@code bots.agents}) are reserved, and so are
 * the words of the API's own paths ({@code schema}, {@code validate}).
 *
 * <p>Thread-safe; blocks on the store.
 */
final class BotCatalog implements BotConfigs {
    private static final Set<String> API_WORDS = Set.of("schema", "validate");

    private final BotRepository repository;
    private final SkillbaseValidator validator;
    private final Predicate<String> builtIn;
    private final ObjectMapper json = new ObjectMapper();

    /** @param builtIn whether a (lower-case) name belongs to a bot that is not stored */
    BotCatalog(BotRepository repository, SkillbaseValidator validator, Predicate<String> builtIn) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
    }

    @Override
    public JsonNode schema() {
        return validator.schema();
    }

    @Override
    public List<BotProblem> validate(JsonNode document) {
        return validator.validate(document);
    }

    @Override
    public boolean reserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return API_WORDS.contains(lower) || builtIn.test(lower);
    }

    @Override
    public BotView create(JsonNode document, String author, String comment) {
        List<BotProblem> problems = new ArrayList<>(validator.validate(document));
        String name = document.path("name").asText("");
        if (problems.isEmpty() && reserved(name)) {
            problems.add(new BotProblem("/name", "the name " + name + " belongs to a built-in bot"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBotException(problems);
        }
        return view(repository.create(name, text(document), author, comment));
    }

    @Override
    public Optional<BotView> update(String name, JsonNode document, String author, String comment) {
        List<BotProblem> problems = new ArrayList<>(validator.validate(document));
        if (document.path("name").isTextual() && !document.path("name").asText().equals(name)) {
            problems.add(new BotProblem("/name", "must be " + name + ": a bot cannot be renamed"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBotException(problems);
        }
        return repository.saveVersion(name, text(document), author, comment).map(this::view);
    }

    @Override
    public Optional<BotView> get(String name) {
        return repository.current(name).flatMap(bot -> repository.version(name, bot.currentVersion())).map(this::view);
    }

    @Override
    public List<BotSummary> list(int offset, int limit) {
        return repository.list(offset, limit).stream().map(this::summary).toList();
    }

    @Override
    public int count() {
        return repository.count();
    }

    @Override
    public List<BotView> versions(String name, int offset, int limit) {
        return repository.versions(name, offset, limit).stream().map(this::view).toList();
    }

    @Override
    public int countVersions(String name) {
        return repository.countVersions(name);
    }

    @Override
    public Optional<BotView> version(String name, int version) {
        return repository.version(name, version).map(this::view);
    }

    @Override
    public Optional<BotView> restore(String name, int version, String author) {
        Optional<BotVersion> old = repository.version(name, version);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        JsonNode document = tree(old.get().config());
        List<BotProblem> problems = validator.validate(document);
        if (!problems.isEmpty()) {
            throw new InvalidBotException(problems);
        }
        return repository.saveVersion(name, old.get().config(), author, "restored from version " + version)
                .map(this::view);
    }

    @Override
    public boolean delete(String name) {
        return repository.delete(name);
    }

    private BotView view(BotVersion v) {
        return new BotView(v.bot(), v.version(), v.createdAt(), v.createdBy(), v.comment(), tree(v.config()));
    }

    private BotSummary summary(BotRecord bot) {
        return new BotSummary(bot.name(), bot.currentVersion(), tree(bot.config()).path("mode").asText(null),
                bot.updatedAt());
    }

    private String text(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored bot configuration is not JSON", e);
        }
    }
}
